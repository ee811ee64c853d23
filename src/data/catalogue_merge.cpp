// merge_into_catalogue: see catalogue_merge.hpp.
#include "weightless/data/catalogue_merge.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace wl {

namespace {

// id -> the one item carrying it, or -1 when several do (an ambiguous id maps nothing).
std::unordered_map<uint32_t, int64_t> unique_index(const Dataset& ds, uint32_t Item::*field) {
    std::unordered_map<uint32_t, int64_t> out;
    for (size_t i = 0; i < ds.items.size(); ++i) {
        const uint32_t key = ds.items[i].*field;
        if (!key) continue;
        const auto [it, fresh] = out.emplace(key, static_cast<int64_t>(i));
        if (!fresh) it->second = -1;
    }
    return out;
}

int64_t find_unique(const std::unordered_map<uint32_t, int64_t>& index, uint32_t key) {
    if (!key) return -1;
    const auto it = index.find(key);
    return it == index.end() ? -1 : it->second;
}

}  // namespace

std::vector<std::string> CatalogueMerge::lines() const {
    return {std::to_string(catalogue_items) + " movies in the catalogue",
            std::to_string(same_id) + " rated movies found under their own id",
            std::to_string(aliased) + " found under another id (same IMDb or TMDB id): the old id is kept as an alias",
            std::to_string(kept) + " not in the catalogue: kept as movies of their own, with their ratings",
            std::to_string(ratings_moved) + " ratings moved to a merged film's new id",
            std::to_string(duplicates) + " ratings dropped because the same person rated both ids of a merged film (the later kept)"};
}

Dataset merge_into_catalogue(const Dataset& rated, const Dataset& catalogue, const std::string& name, CatalogueMerge* report) {
    if (rated.genre_names != catalogue.genre_names)
        throw DataError(catalogue.name, 0, "the catalogue's genre labels differ from those of " + rated.name);
    CatalogueMerge m;
    m.catalogue_items = catalogue.items.size();
    const auto by_imdb = unique_index(catalogue, &Item::imdb_id), by_tmdb = unique_index(catalogue, &Item::tmdb_id);

    Dataset out;
    out.name = name;
    out.genre_names = catalogue.genre_names;
    out.items = catalogue.items;
    std::map<uint32_t, uint32_t> aliases;           // old id -> catalogue id
    std::vector<uint32_t> id_of_rated(rated.items.size());  // rated item -> its id in the merged catalogue
    for (size_t i = 0; i < rated.items.size(); ++i) {
        const Item& it = rated.items[i];
        id_of_rated[i] = it.id;
        if (catalogue.item_index(it.id) >= 0) {
            ++m.same_id;
            continue;
        }
        int64_t c = find_unique(by_imdb, it.imdb_id);
        if (c < 0) c = find_unique(by_tmdb, it.tmdb_id);
        if (c >= 0) {
            ++m.aliased;
            id_of_rated[i] = catalogue.items[c].id;
            aliases.emplace(it.id, catalogue.items[c].id);
        } else {
            ++m.kept;
            out.items.push_back(it);
        }
    }
    std::stable_sort(out.items.begin(), out.items.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
    out.id_aliases.assign(aliases.begin(), aliases.end());
    out.user_ids = rated.user_ids;
    out.index();

    // A person may have rated both ids of a film MovieLens later merged: one rating per (user, film), the later.
    std::unordered_map<uint64_t, size_t> at;
    for (const Rating& r : rated.ratings) {
        Rating x = r;
        const uint32_t id = id_of_rated[r.item];
        if (id != rated.items[r.item].id) ++m.ratings_moved;
        x.item = static_cast<uint32_t>(out.item_index(id));
        const auto [p, fresh] = at.emplace(uint64_t{x.user} << 32 | x.item, out.ratings.size());
        if (fresh) {
            out.ratings.push_back(x);
        } else {
            ++m.duplicates;
            if (x.timestamp > out.ratings[p->second].timestamp) out.ratings[p->second] = x;
        }
    }
    if (report) *report = m;
    return out;
}

}  // namespace wl
