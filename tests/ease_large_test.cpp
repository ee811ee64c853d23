// EASE at scale (ease_large.hpp) and the co-occurrence pass under it (cooccurrence.hpp): the row-at-a-time and
// chunked sparse Grams equal the dense one, the solve equals fit_ease when every movie is solved, the most-watched
// movies are the ones solved, and the result does not depend on the thread count.
#include "weightless/model/ease_large.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "test_util.hpp"
#include "weightless/model/cooccurrence.hpp"

namespace wl {
namespace {

const Dataset& data() {
    static const Dataset ds = test::random_catalogue(60, 80, 3000, 7);
    return ds;
}
TrainData train() { return {data(), data().ratings}; }

TEST(Cooccurrence, RowsEqualTheDenseGram) {
    const ImplicitGram dense = implicit_gram(train(), 3);
    const InteractionCsr x = interaction_csr(train());
    // implicit_gram keeps items in catalogue order: so does this list, sorted.
    std::vector<uint32_t> kept = items_by_popularity(x, 3);
    std::sort(kept.begin(), kept.end());
    ASSERT_EQ(kept, dense.kept);
    for (unsigned threads : {1u, 2u}) {
        const auto g = dense_gram<double>(x, kept, threads);
        ASSERT_EQ(g.size(), dense.gram.size());
        EXPECT_EQ(g, dense.gram) << threads << " threads";
        EXPECT_EQ(dense_gram<float>(x, kept, threads), std::vector<float>(dense.gram.begin(), dense.gram.end()));
    }
    const size_t n = kept.size();
    for (unsigned threads : {1u, 2u}) {
        std::vector<std::vector<double>> rows(n);
        for_each_cooccurrence_row(x, kept, kept, threads, [&](size_t a, std::span<const uint32_t> items, const uint32_t* count) {
            rows[a].assign(n, 0.0);
            for (uint32_t b : items) {
                const auto at = std::lower_bound(kept.begin(), kept.end(), b);
                ASSERT_NE(at, kept.end());
                rows[a][static_cast<size_t>(at - kept.begin())] = count[b];
            }
        });
        for (size_t a = 0; a < n; ++a)
            EXPECT_TRUE(std::equal(rows[a].begin(), rows[a].end(), dense.gram.begin() + static_cast<std::ptrdiff_t>(a * n))) << "row " << a;
    }
    // Columns restrict what a row counts: the first half of the kept items only.
    const std::vector<uint32_t> half(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(n / 2));
    for_each_cooccurrence_row(x, kept, half, 2, [&](size_t, std::span<const uint32_t> items, const uint32_t*) {
        for (uint32_t b : items) EXPECT_TRUE(std::binary_search(half.begin(), half.end(), b));
    });
    // Counts are over distinct users: users_of matches.
    for (size_t a = 0; a < n; ++a) EXPECT_EQ(x.count_of(kept[a]), dense.users_of[a]);
}

TEST(Cooccurrence, PopularityOrder) {
    const InteractionCsr x = interaction_csr(train());
    const auto order = items_by_popularity(x, 1);
    for (size_t t = 1; t < order.size(); ++t) {
        EXPECT_GE(x.count_of(order[t - 1]), x.count_of(order[t]));
        if (x.count_of(order[t - 1]) == x.count_of(order[t])) {
            EXPECT_LT(order[t - 1], order[t]);
        }
    }
    for (uint32_t i = 0; i < x.n_items; ++i)
        EXPECT_EQ(std::count(order.begin(), order.end(), i), x.count_of(i) ? 1 : 0);
}

TEST(EaseLarge, EveryMovieSolvedIsEase) {
    EaseConfig plain;
    plain.lambda = 50;
    plain.k = 15;
    plain.min_users = 3;
    const ItemNeighbours want = fit_ease(train(), plain);
    EaseLargeConfig cfg;
    cfg.lambda = plain.lambda;
    cfg.k = plain.k;
    cfg.min_users = plain.min_users;
    cfg.f64 = 1;
    EaseLargeStats st;
    const ItemNeighbours got = fit_ease_large(train(), cfg, &st);
    EXPECT_EQ(st.tail_items, 0u);
    EXPECT_EQ(st.dense_items, implicit_gram(train(), 3).kept.size());
    ASSERT_EQ(got.offsets, want.offsets);
    const auto w = test::weights_of(want), g = test::weights_of(got);
    ASSERT_EQ(w.size(), g.size());
    for (const auto& [key, value] : w) {
        ASSERT_TRUE(g.count(key)) << key.first << " -> " << key.second;
        EXPECT_NEAR(g.at(key), value, 1e-6 * std::fabs(value) + 1e-9);
    }
    // In floats: the same lists up to rounding (the weights within 1e-3 of the largest).
    cfg.f64 = 0;
    const auto f = test::weights_of(fit_ease_large(train(), cfg));
    float top = 0;
    for (const auto& [key, value] : w) top = std::max(top, std::fabs(value));
    size_t same = 0;
    for (const auto& [key, value] : f) {
        if (!w.count(key)) continue;
        ++same;
        EXPECT_NEAR(value, w.at(key), 1e-3 * top);
    }
    EXPECT_GE(same, w.size() * 95 / 100);
}

TEST(EaseLarge, SolvesTheMostWatchedAndGivesTheRestNeighbours) {
    EaseLargeConfig cfg;
    cfg.min_users = 3;
    cfg.dense = 12;
    cfg.k = 8;
    cfg.tail_k = 5;
    cfg.lambda = 50;
    EaseLargeStats st;
    const ItemNeighbours g = fit_ease_large(train(), cfg, &st);
    const InteractionCsr x = interaction_csr(train());
    const auto order = items_by_popularity(x, 3);
    const std::vector<uint32_t> head(order.begin(), order.begin() + 12);
    EXPECT_EQ(st.dense_items, 12u);
    EXPECT_EQ(st.tail_items, order.size() - 12);
    EXPECT_GT(st.tail_scale, 0);
    const auto in_head = [&](uint32_t i) { return std::find(head.begin(), head.end(), i) != head.end(); };
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const auto its = g.row_items(j);
        if (x.count_of(j) < 3) {
            EXPECT_TRUE(its.empty()) << j;
        } else if (in_head(j)) {
            EXPECT_LE(its.size(), 8u);
            for (uint32_t i : its) EXPECT_TRUE(in_head(i)) << j << " -> " << i;  // the solve knows only the head
        } else {
            EXPECT_EQ(its.size(), 5u) << j;  // every kept movie co-occurs with many
            const auto ws = g.row_weights(j);
            for (size_t t = 0; t < its.size(); ++t) {
                EXPECT_NE(its[t], j);
                EXPECT_GT(ws[t], 0);
                if (t) {
                    EXPECT_GE(ws[t - 1], ws[t]);
                }
                EXPECT_GE(x.count_of(its[t]), 3u);
            }
        }
    }
    // The neighbours are the highest cosines: check one tail row by hand.
    const uint32_t j = order.back();
    const auto its = g.row_items(j);
    double worst_kept = 1e9;
    for (uint32_t i : its) {
        double co = 0;
        for (uint32_t u : x.users_of(j)) co += std::binary_search(x.users_of(i).begin(), x.users_of(i).end(), u);
        worst_kept = std::min(worst_kept, co / std::sqrt(double(x.count_of(i)) * x.count_of(j)));
    }
    for (uint32_t i : order) {
        if (i == j || std::find(its.begin(), its.end(), i) != its.end()) continue;
        double co = 0;
        for (uint32_t u : x.users_of(j)) co += std::binary_search(x.users_of(i).begin(), x.users_of(i).end(), u);
        EXPECT_LE(co / std::sqrt(double(x.count_of(i)) * x.count_of(j)), worst_kept + 1e-12) << i;
    }
}

TEST(EaseLarge, SameBitsForAnyThreadCount) {
    EaseLargeConfig cfg;
    cfg.min_users = 2;
    cfg.dense = 20;
    cfg.threads = 1;
    const ItemNeighbours one = fit_ease_large(train(), cfg);
    cfg.threads = 2;
    const ItemNeighbours two = fit_ease_large(train(), cfg);
    EXPECT_EQ(one.offsets, two.offsets);
    EXPECT_EQ(one.items, two.items);
    EXPECT_EQ(one.weights, two.weights);
}

}  // namespace
}  // namespace wl
