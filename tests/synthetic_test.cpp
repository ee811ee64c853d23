// Synthetic ratings with MovieLens' shape (synthetic.hpp): the same seed gives the same rows, the rows have the
// asked size and MovieLens' form, and the fit on ml-latest-small describes that data.
#include "weightless/data/synthetic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_util.hpp"
#include "weightless/data/movielens.hpp"

namespace wl {
namespace {

struct Row {
    uint32_t user, movie;
    uint8_t half;
    int64_t ts;
    bool operator==(const Row&) const = default;
};

SyntheticShape shape() {
    SyntheticShape s;
    s.min_ratings = 5;
    s.activity_sigma = 1.2;
    s.popularity_s = 1.5;
    s.popularity_q = 0.01;
    s.first_ts = 1000000000;
    s.last_ts = 1500000000;
    s.session_share = 0.5;
    s.session_log_mu = 7, s.session_log_sigma = 1;
    s.span_log_mu = 16, s.span_log_sigma = 1.5;
    s.stars = {0.01, 0.03, 0.02, 0.07, 0.05, 0.2, 0.13, 0.27, 0.09, 0.13};
    return s;
}

std::vector<Row> rows(uint64_t seed, std::span<const uint32_t> ids, uint64_t ratings = 20000, uint32_t users = 300) {
    std::vector<Row> out;
    generate_ratings(shape(), {ratings, users, seed}, ids,
                     [&](uint32_t u, uint32_t m, uint8_t h, int64_t t) { out.push_back({u, m, h, t}); });
    return out;
}

std::vector<uint32_t> ids(uint32_t n) {
    std::vector<uint32_t> v;
    for (uint32_t i = 0; i < n; ++i) v.push_back(10 + 3 * i);
    return v;
}

TEST(Synthetic, SameSeedSameRows) {
    const auto cat = ids(2000);
    EXPECT_EQ(rows(4, cat), rows(4, cat));
    EXPECT_NE(rows(4, cat), rows(5, cat));
}

TEST(Synthetic, MovieLensForm) {
    const auto cat = ids(2000);
    const auto r = rows(9, cat);
    EXPECT_NEAR(double(r.size()), 20000, 200);  // the total within 1 %
    std::set<std::pair<uint32_t, uint32_t>> pairs;
    std::vector<uint32_t> per_user(301, 0), per_movie(cat.back() + 1, 0);
    for (size_t t = 0; t < r.size(); ++t) {
        EXPECT_TRUE(pairs.insert({r[t].user, r[t].movie}).second) << "a movie rated twice";
        EXPECT_TRUE(std::binary_search(cat.begin(), cat.end(), r[t].movie));
        EXPECT_TRUE(valid_half_stars(r[t].half));
        EXPECT_GE(r[t].ts, 1000000000);
        EXPECT_LE(r[t].ts, 1500000000);
        if (t) {
            EXPECT_TRUE(r[t - 1].user < r[t].user || (r[t - 1].user == r[t].user && r[t - 1].movie < r[t].movie));
        }
        ++per_user[r[t].user];
        ++per_movie[r[t].movie];
    }
    for (uint32_t u = 1; u <= 300; ++u) EXPECT_GE(per_user[u], 5u) << u;
    // Popularity is skewed: the top 10 % of movies hold far more than 10 % of the ratings.
    std::vector<uint32_t> counts;
    for (uint32_t id : cat) counts.push_back(per_movie[id]);
    std::sort(counts.begin(), counts.end(), std::greater<>());
    uint64_t top = 0;
    for (size_t i = 0; i < 200; ++i) top += counts[i];
    EXPECT_GT(double(top) / double(r.size()), 0.3);
    // A heavy user takes the exact without-replacement path (more than movies / 64): still no repeats, checked above.
    EXPECT_GT(*std::max_element(per_user.begin(), per_user.end()), 2000u / 64);
}

TEST(Synthetic, FitDescribesMlLatestSmall) {
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset ds = load_ml_latest(test::shared_data("ml-latest-small"));
    const SyntheticShape s = fit_shape(ds);
    EXPECT_EQ(s.min_ratings, 20u);  // ml-latest-small keeps users with 20 ratings or more
    EXPECT_GT(s.activity_sigma, 1.0);
    EXPECT_LT(s.activity_sigma, 2.5);
    EXPECT_GT(s.popularity_s, 0.5);
    EXPECT_GT(s.session_share, 0.4);
    double total = 0;
    for (double f : s.stars) total += f;
    EXPECT_NEAR(total, 1.0, 1e-9);
    EXPECT_GT(s.stars[7], s.stars[0]);  // 4 stars is common, half a star rare
}

}  // namespace
}  // namespace wl
