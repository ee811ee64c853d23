// Small helpers shared by the weighted comparison models (MF, MLPs, kNN): rating checks and growth limits
// (the rating scale itself is wl::check_rating / clamp_stars, beside Rating). Private to src/model.
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/rating_lists.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::weighted {

// Beyond this a user index is taken for corrupt input rather than a new user (tables grow to the index).
inline constexpr uint32_t kMaxUsers = 1u << 24;
inline constexpr uint32_t kMaxItems = 1u << 24;

// The scale (wl::check_rating), then indices too large to be anything but corrupt input.
inline void check_input(const Rating& r, const std::string& model) {
    wl::check_rating(r, model);
    if (r.user >= kMaxUsers)
        throw std::invalid_argument(model + ": user index " + std::to_string(r.user) + " is implausibly large");
    if (r.item >= kMaxItems)
        throw std::invalid_argument(model + ": item index " + std::to_string(r.item) + " is implausibly large");
}

// The head of the MF and kNN files: the config text, then mu + b_u + b_i (user count, item count, the biases).
inline void write_baseline(ByteWriter& w, const std::string& config, double mu, const std::vector<double>& bu,
                           const std::vector<double>& bi) {
    w.str(config);
    w.f64(mu);
    w.varint(bu.size());
    w.varint(bi.size());
    for (double b : bu) w.f64(b);
    for (double b : bi) w.f64(b);
}

// After fit, items are fixed: learning a rating of an item the model has never been sized for is an error.
inline void check_known_item(const Rating& r, size_t n_items, const std::string& model) {
    if (r.item >= n_items)
        throw std::invalid_argument(model + ": item " + std::to_string(r.item) +
                                    " is not in the catalogue the model was fitted on (" + std::to_string(n_items) +
                                    " items)");
}

// What a fit is sized by: the catalogue grown to every index the training ratings name (each rating checked),
// and the training mean in stars (3 with no ratings).
struct TrainExtent {
    size_t users = 0, items = 0;
    double mean = 3.0;
};
inline TrainExtent train_extent(const TrainData& data, const std::string& model) {
    TrainExtent e{data.catalogue.num_users(), data.catalogue.num_items(), 3.0};
    uint64_t sum = 0;
    for (const auto& r : data.ratings) {
        check_input(r, model);
        e.users = std::max(e.users, size_t{r.user} + 1);
        e.items = std::max(e.items, size_t{r.item} + 1);
        sum += r.half_stars;
    }
    if (!data.ratings.empty()) e.mean = static_cast<double>(sum) * 0.5 / static_cast<double>(data.ratings.size());
    return e;
}

}  // namespace wl::weighted
