// Per-user lists of (item, rating) that the weighted models keep so they can keep learning after fit
// (MF and kNN neighbours, per-user MLP retraining), with their saved form.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/util/bytes.hpp"

namespace wl {

struct ItemRating {
    uint32_t item = 0;
    uint8_t half_stars = 0;
};
using UserRatings = std::vector<std::vector<ItemRating>>;

void write_user_ratings(ByteWriter& w, const UserRatings& lists);
// Every entry must name an item below n_items and 1..10 half stars; at most max_users lists.
UserRatings read_user_ratings(ByteReader& r, size_t n_items, size_t max_users, const char* what);
size_t user_ratings_bytes(const UserRatings& lists);

}  // namespace wl
