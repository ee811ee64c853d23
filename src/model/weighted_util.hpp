// Small helpers shared by the weighted comparison models (MF, MLPs, kNN): rating checks, the rating scale,
// growth limits. Private to src/model.
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/model/rating_lists.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::weighted {

// Beyond this a user index is taken for corrupt input rather than a new user (tables grow to the index).
inline constexpr uint32_t kMaxUsers = 1u << 24;
inline constexpr uint32_t kMaxItems = 1u << 24;

inline double clamp_stars(double s) { return std::clamp(s, 0.5, 5.0); }

inline void check_rating(const Rating& r, const std::string& model) {
    if (r.half_stars < 1 || r.half_stars > 10)
        throw std::invalid_argument(model + ": rating of " + std::to_string(r.half_stars) +
                                    " half stars is outside 1..10");
    if (r.user >= kMaxUsers)
        throw std::invalid_argument(model + ": user index " + std::to_string(r.user) + " is implausibly large");
    if (r.item >= kMaxItems)
        throw std::invalid_argument(model + ": item index " + std::to_string(r.item) + " is implausibly large");
}

// After fit, items are fixed: learning a rating of an item the model has never been sized for is an error.
inline void check_known_item(const Rating& r, size_t n_items, const std::string& model) {
    if (r.item >= n_items)
        throw std::invalid_argument(model + ": item " + std::to_string(r.item) +
                                    " is not in the catalogue the model was fitted on (" + std::to_string(n_items) +
                                    " items)");
}

}  // namespace wl::weighted
