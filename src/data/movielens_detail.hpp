// Pieces shared by the ml-100k and ml-latest loaders (private to src/data).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl::detail {

// A rating as read, before users get their dense indices.
struct RawRating {
    uint32_t user_id;
    uint32_t item;  // dense item index
    uint8_t half_stars;
    int64_t timestamp;
    uint32_t line;
};

// Sets ds.user_ids (sorted ascending) and ds.ratings (file order), refuses duplicate (user, item) pairs and
// an empty rating file, then calls ds.index().
void finish_ratings(Dataset& ds, const std::vector<RawRating>& raw, const std::string& file);

// The directory's basename ("ml-100k"), resolving "." and trailing slashes.
std::string dir_name(const std::string& dir);

std::string join_path(const std::string& dir, const std::string& file);

}  // namespace wl::detail
