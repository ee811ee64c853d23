// Id maps for Dataset.
#include "weightless/data/dataset.hpp"

namespace wl {

void check_rating(const Rating& r, const std::string& who) {
    if (!valid_half_stars(r.half_stars))
        throw std::invalid_argument(who + ": rating of " + std::to_string(r.half_stars) + " half stars is outside 1..10");
}

std::string DataError::message(const std::string& file, size_t line, const std::string& what) {
    std::string m = file;
    if (line) m.append(":").append(std::to_string(line));
    return m.append(": ").append(what);
}

void Dataset::index() {
    item_of_id_.clear();
    user_of_id_.clear();
    item_of_id_.reserve(items.size());
    for (uint32_t i = 0; i < items.size(); ++i) item_of_id_.emplace(items[i].id, i);
    // An alias never shadows a real id (emplace keeps the first); pack/unpack refuse such datasets anyway.
    for (const auto& [old_id, id] : id_aliases)
        if (const auto it = item_of_id_.find(id); it != item_of_id_.end()) item_of_id_.emplace(old_id, it->second);
    user_of_id_.reserve(user_ids.size());
    for (uint32_t u = 0; u < user_ids.size(); ++u) user_of_id_.emplace(user_ids[u], u);
}

int64_t Dataset::item_index(uint32_t id) const {
    auto it = item_of_id_.find(id);
    return it == item_of_id_.end() ? int64_t{-1} : int64_t{it->second};  // int64 on both sides: -1, not 2^32-1
}

int64_t Dataset::user_index(uint32_t id) const {
    auto it = user_of_id_.find(id);
    return it == user_of_id_.end() ? int64_t{-1} : int64_t{it->second};  // int64 on both sides: -1, not 2^32-1
}

Dataset without_ratings(const Dataset& ds) {
    Dataset c;
    c.name = ds.name;
    c.genre_names = ds.genre_names;
    c.items = ds.items;
    c.user_ids = ds.user_ids;
    c.id_aliases = ds.id_aliases;
    c.index();
    return c;
}

}  // namespace wl
