// Synthetic ratings with MovieLens' shape, to measure the central jobs (weightless-items) at sizes the project
// does not have real data for (ml-latest: 33.8 M ratings). The shape is fitted to a real dataset (fit_shape, on
// ml-latest-small) and scaled to the size asked for:
// - user activity: ratings per user = min_ratings + a log-normal; its sigma is the data's, its mu is set so that
//   the mean is ratings / users;
// - movie popularity: Zipf-Mandelbrot on the relative rank x = rank / movies, weight (x + q)^-s, fitted by least
//   squares on the log counts; each movie id gets a rank by a seeded shuffle; a user draws their movies by weight,
//   without replacement;
// - timestamps: a user's first rating uniform over the data's first..last rating, their ratings spread over a span
//   that is "one session" with the data's probability (log-normal seconds) or else log-normal days;
// - stars: the data's half-star frequencies.
// Nothing links a user's movies to each other beyond popularity (no tastes): the co-occurrence pattern is what
// popularity alone gives, which is what the Gram's sparsity and the job's cost depend on.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "weightless/data/dataset.hpp"

namespace wl {

struct SyntheticShape {
    uint32_t min_ratings = 20;         // fewest ratings of a user
    double activity_sigma = 1.62;      // sigma of log(ratings - min_ratings + 1)
    double popularity_s = 1.0, popularity_q = 0.01;
    int64_t first_ts = 0, last_ts = 0;
    double session_share = 0.6;        // users whose ratings all fall within one day
    double session_log_mu = 0, session_log_sigma = 1;  // log seconds of a one-day span
    double span_log_mu = 0, span_log_sigma = 1;        // log seconds of a longer span
    std::array<double, 10> stars{};    // frequency of 1..10 half stars
};

// The shape of `ds`'s ratings (needs at least one rating).
SyntheticShape fit_shape(const Dataset& ds);

struct SyntheticSize {
    uint64_t ratings = 0;
    uint32_t users = 0;
    uint64_t seed = 1;
};

// Calls `row(user_id, movie_id, half_stars, timestamp)` for each rating, users 1..users in order and each user's
// movies by ascending id (ratings.csv's order). `movie_ids` is the catalogue. The total is within a fraction of a
// percent of size.ratings (each user's count is drawn, then all are scaled to the total). Same seed, same rows.
void generate_ratings(const SyntheticShape& shape, const SyntheticSize& size, std::span<const uint32_t> movie_ids,
                      const std::function<void(uint32_t, uint32_t, uint8_t, int64_t)>& row);

}  // namespace wl
