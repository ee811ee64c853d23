// Saved form of the per-user rating lists: varint counts, varint item, one byte of half stars.
#include "weightless/model/rating_lists.hpp"

#include "weightless/data/dataset.hpp"

namespace wl {

void write_user_ratings(ByteWriter& w, const UserRatings& lists) {
    w.varint(lists.size());
    for (const auto& l : lists) {
        w.varint(l.size());
        for (const auto& e : l) {
            w.varint(e.item);
            w.u8(e.half_stars);
        }
    }
}

UserRatings read_user_ratings(ByteReader& r, size_t n_items, size_t max_users, const char* what) {
    UserRatings lists(r.count(1, max_users));
    for (auto& l : lists) {
        l.resize(r.count(2));
        for (auto& e : l) {
            const uint64_t item = r.varint();
            const uint8_t h = r.u8();
            if (item >= n_items) r.fail(std::string(what) + ": rating of an unknown item");
            if (!valid_half_stars(h)) r.fail(std::string(what) + ": rating outside 1..10 half stars");
            e = {static_cast<uint32_t>(item), h};
        }
    }
    return lists;
}

size_t user_ratings_bytes(const UserRatings& lists) {
    size_t b = lists.capacity() * sizeof(std::vector<ItemRating>);
    for (const auto& l : lists) b += l.capacity() * sizeof(ItemRating);
    return b;
}

}  // namespace wl
