// The personal weightless ranker and the blended list: input codes and responses worked out by hand, reasons from
// the cells a rated movie wrote, the pushed whole-catalogue scores bit-identical to reading every code (with idf
// votes, where the order of a sum matters), and the blend's score as the sum of its scaled parts.
// (Save/load, exact forget, refusals and determinism come from model_contract_test over every registered spec.)
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/wnn_blend.hpp"
#include "weightless/model/wnn_rank.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// 0 -> {1: 0.9, 2: 0.1}, 1 -> {0: 0.8}, 2 -> {3: 0.5}, 3 -> {}.
ItemNeighbours toy_list() {
    ItemNeighbours g;
    g.source = "hand";
    g.n_items = 4;
    g.offsets = {0, 2, 3, 4, 4};
    g.items = {1, 2, 0, 3};
    g.weights = {0.9f, 0.1f, 0.8f, 0.5f};
    return g;
}

WnnRankConfig toy_config() {
    WnnRankConfig cfg;
    cfg.levels = 2;
    cfg.self_level = 2;
    return cfg;
}

TEST(WnnRank, CodesAndResponseByHand) {
    const Dataset ds = test::blank_catalogue(2, 4);
    WnnRankModel m(toy_config(), toy_list());
    m.prepare(TrainData{ds, {}});
    // Weights in the codes, sorted: 0.1 0.5 0.8 0.9; two levels split at the median (0.8): >= 0.8 sets 2 bits.
    const RankCodes& c = m.codes();
    ASSERT_EQ(c.max_level, 2u);
    EXPECT_EQ(std::vector<uint32_t>(c.anchors_of(0).begin(), c.anchors_of(0).end()), (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(std::vector<uint8_t>(c.levels_of(0).begin(), c.levels_of(0).end()), (std::vector<uint8_t>{2, 2, 1}));
    EXPECT_EQ(std::vector<uint8_t>(c.levels_of(2).begin(), c.levels_of(2).end()), (std::vector<uint8_t>{2, 1}));
    // The inverted list: anchor 0 is in the codes of movies 0 and 1, anchor 3 in those of 2 and 3.
    EXPECT_EQ(c.inv_offsets, (std::vector<uint64_t>{0, 2, 4, 6, 8}));
    EXPECT_EQ(std::vector<uint32_t>(c.inv_items.begin() + 6, c.inv_items.end()), (std::vector<uint32_t>{2, 3}));

    // Learning movie 0 writes anchor 0 and 1 cells [1, 2] (two bits), anchor 2 cells [1, 1] (one bit). A candidate
    // reads, per anchor of its code, the cell of its own level: 0 -> 2 + 2 + 1, 1 -> 2 + 2, 2 -> 1 + 0, 3 -> 0.
    m.learn(Rating{0, 0, 8, 0});
    std::vector<double> all;
    m.score_all(0, all);
    EXPECT_EQ(all, (std::vector<double>{5, 4, 1, 0}));
    // Movie 1 shares anchors 0 and 1 with movie 0, two bits each.
    const auto why = m.explain(0, 1, 3);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].item, 0u);
    EXPECT_EQ(why[0].strength, 4.0);
    EXPECT_TRUE(m.explain(0, 3, 3).empty());  // no shared cell, no reason
    // A repeat is held but writes no cell; forgetting it leaves the first.
    m.learn(Rating{0, 0, 6, 1});
    m.score_all(0, all);
    EXPECT_EQ(all, (std::vector<double>{5, 4, 1, 0}));
    m.forget(Rating{0, 0, 6, 1});
    m.score_all(0, all);
    EXPECT_EQ(all, (std::vector<double>{5, 4, 1, 0}));
    m.forget(Rating{0, 0, 8, 0});
    m.score_all(0, all);
    EXPECT_EQ(all, (std::vector<double>{0, 0, 0, 0}));
    EXPECT_THROW(m.forget(Rating{0, 0, 8, 0}), std::invalid_argument);
}

// A random public list over `n` movies, 20 neighbours each with decreasing weights.
ItemNeighbours random_list(uint32_t n, uint64_t seed) {
    Rng rng(seed);
    ItemNeighbours g;
    g.n_items = n;
    g.offsets.assign(size_t{n} + 1, 0);
    for (uint32_t j = 0; j < n; ++j) {
        std::vector<uint32_t> row;
        while (row.size() < 20) {
            const auto i = static_cast<uint32_t>(rng.below(n));
            if (i != j && std::find(row.begin(), row.end(), i) == row.end()) row.push_back(i);
        }
        for (size_t t = 0; t < row.size(); ++t) {
            g.items.push_back(row[t]);
            g.weights.push_back(static_cast<float>(1.0 / (t + 1 + rng.below(3))));
        }
        g.offsets[j + 1] = g.items.size();
    }
    return g;
}

TEST(WnnRank, PushedScoresEqualReadingEveryCodeBitForBit) {
    const Dataset ds = test::random_catalogue(400, 3, 0, 5);
    WnnRankConfig cfg;
    cfg.idf = 0.7;  // non-integer votes: a different summation order would change the last bits
    cfg.genre_level = 2;
    WnnRankModel m(cfg, random_list(400, 9));
    m.prepare(TrainData{ds, {}});
    Rng rng(3);
    // User 0 rates 3 movies (few written cells: pushed), user 1 rates 300 (cells everywhere: every code read).
    for (uint32_t u = 0; u < 2; ++u)
        for (int k = 0; k < (u == 0 ? 3 : 300); ++k) m.learn(Rating{u, static_cast<uint32_t>(rng.below(400)), 7, k});
    for (uint32_t u = 0; u < 3; ++u) {
        std::vector<double> all;
        m.score_all(u, all);
        ASSERT_EQ(all.size(), 400u);
        size_t nonzero = 0;
        for (uint32_t i = 0; i < 400; ++i) {
            EXPECT_EQ(all[i], m.rank_score(u, i)) << "user " << u << " item " << i;
            nonzero += all[i] != 0;
        }
        if (u < 2) EXPECT_GT(nonzero, 0u);
        else EXPECT_EQ(nonzero, 0u);  // user 2 rated nothing
    }
}

// The reasons of a person with many movies (an imported history) come from the person's anchor index; they must be
// exactly those of walking each rated movie's code beside the candidate's: the same movies, bits shared and order,
// a movie learned twice listed twice; and the index follows a learn and a forget.
TEST(WnnRank, ReasonsOfALongHistoryEqualWalkingEveryCode) {
    const Dataset ds = test::random_catalogue(400, 3, 0, 5);
    WnnRankConfig cfg;
    cfg.genre_level = 2;
    WnnRankModel m(cfg, random_list(400, 9));
    m.prepare(TrainData{ds, {}});
    Rng rng(5);
    for (int k = 0; k < 150; ++k) m.learn(Rating{0, static_cast<uint32_t>(rng.below(400)), 7, k});
    m.learn(Rating{0, 17, 8, 999});
    m.learn(Rating{0, 17, 8, 1000});  // held twice
    const auto walked = [&](uint32_t item) {
        std::vector<std::pair<uint32_t, uint32_t>> out;
        const RankCodes& c = m.codes();
        for (uint32_t j : m.rated(0)) {
            uint32_t shared = 0;
            for (size_t p = 0; p < c.anchors_of(item).size(); ++p)
                for (size_t q = 0; q < c.anchors_of(j).size(); ++q)
                    if (c.anchors_of(item)[p] == c.anchors_of(j)[q]) shared += std::min(c.levels_of(item)[p], c.levels_of(j)[q]);
            if (shared > 0) out.emplace_back(j, shared);
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
        return out;
    };
    ASSERT_GE(m.rated(0).size(), 64u);  // the index's side of shared_cells
    for (int round = 0; round < 2; ++round) {
        size_t with_reasons = 0;
        for (uint32_t i = 0; i < 400; ++i) {
            ASSERT_EQ(m.shared_cells(0, i), walked(i)) << "item " << i << " round " << round;
            with_reasons += !m.shared_cells(0, i).empty();
        }
        EXPECT_GT(with_reasons, 100u);
        m.forget(Rating{0, 17, 8, 1000});
        m.learn(Rating{0, 301, 6, 1001});
    }
}

// A list with negative weights (EASE as published): a movie's code holds its positive neighbours only, and the
// level thresholds are taken over positive weights only.
TEST(WnnRank, CodesSkipNegativeWeights) {
    const Dataset ds = test::blank_catalogue(2, 4);
    ItemNeighbours g = toy_list();  // 0 -> {1: 0.9, 2: 0.1, 3: -0.95}: the negative weight closes the row
    g.offsets = {0, 3, 4, 5, 5};
    g.items = {1, 2, 3, 0, 3};
    g.weights = {0.9f, 0.1f, -0.95f, 0.8f, 0.5f};
    WnnRankModel m(toy_config(), g);
    m.prepare(TrainData{ds, {}});
    const RankCodes& c = m.codes();
    EXPECT_EQ(std::vector<uint32_t>(c.anchors_of(0).begin(), c.anchors_of(0).end()), (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(std::vector<uint8_t>(c.levels_of(0).begin(), c.levels_of(0).end()), (std::vector<uint8_t>{2, 2, 1}));
}

// `wnn-blend` in every report is the app's list: its default EASE is the spec the app's item model is fitted with.
TEST(WnnBlend, DefaultEaseIsTheShippedList) {
    const auto bytes = read_file_bytes(test::assets("../scripts/lib/shipped-item-model.txt"));
    std::string spec(bytes.begin(), bytes.end());
    while (!spec.empty() && (spec.back() == '\n' || spec.back() == ' ')) spec.pop_back();
    ASSERT_EQ(spec.rfind("ease:", 0), 0u) << spec;
    EaseConfig shipped;
    apply_params(shipped, spec.substr(5));
    EXPECT_EQ(params_to_text(WnnBlendConfig{}.ease), params_to_text(shipped));
}

TEST(WnnBlend, ScoreIsEasePlusWeightedRankerEachOverItsMaximum) {
    const Dataset ds = test::blank_catalogue(2, 4);
    WnnBlendConfig cfg;
    cfg.rank = toy_config();
    cfg.w_rank = 0.5;
    cfg.w_stars = 0.25;
    WnnBlendModel m(cfg, toy_list());
    m.prepare(TrainData{ds, {}});
    // Before any rating there is no relevance: every score is 0 (the list falls to the popularity tie order),
    // not the rating network's prior guesses.
    const std::vector<uint32_t> items{0, 1, 2, 3};
    std::vector<double> none(4, 1.0);
    m.rank_scores(0, items, none);
    EXPECT_EQ(none, (std::vector<double>{0, 0, 0, 0}));
    m.learn(Rating{0, 0, 8, 0});
    // EASE pushes movie 0's row: {0, 0.9, 0.1, 0} (max 0.9); the ranker gives {5, 4, 1, 0} (max 5).
    std::vector<double> s(4);
    m.rank_scores(0, items, s);
    const double e[] = {0, 0.9f, 0.1f, 0}, k[] = {5, 4, 1, 0};
    // The stars term: the rating network's own prediction, centred on 3 stars, over 2.
    for (size_t i = 0; i < 4; ++i)
        EXPECT_DOUBLE_EQ(s[i], e[i] / static_cast<double>(0.9f) + 0.5 * k[i] / 5.0 + 0.25 * (m.predict(0, items[i]) - 3.0) / 2.0) << i;
    // The list's reasons are the ranker's cells.
    ASSERT_FALSE(m.explain(0, 1, 3).empty());
    EXPECT_EQ(m.explain(0, 1, 3)[0].item, 0u);
}

// The blend keeps the catalogue's predicted stars between calls; every change must drop them: after each step its
// stars and scores equal those of a blend built afresh with the same ratings.
TEST(WnnBlend, CachedStarsFollowEveryChange) {
    const Dataset ds = test::random_catalogue(60, 8, 400, 21);
    const uint32_t me = 8;
    WnnBlendModel m(WnnBlendConfig{}, random_list(60, 4));
    m.prepare(TrainData{ds, ds.ratings});
    std::vector<uint32_t> all(60);
    for (uint32_t i = 0; i < 60; ++i) all[i] = i;
    std::vector<Rating> mine;
    const auto check = [&](const std::string& when) {
        std::vector<double> many(60), scores(60), again(60), fresh_many(60);
        m.predict_many(me, all, many);
        m.rank_scores(me, all, scores);
        WnnBlendModel fresh(WnnBlendConfig{}, random_list(60, 4));
        fresh.prepare(TrainData{ds, ds.ratings});
        for (const Rating& r : mine) fresh.learn(r);
        fresh.rank_scores(me, all, again);
        fresh.predict_many(me, all, fresh_many);
        EXPECT_EQ(many, fresh_many) << when;
        EXPECT_EQ(scores, again) << when;
        for (uint32_t i = 0; i < 60; i += 7) EXPECT_EQ(many[i], m.predict(me, i)) << when;
    };
    check("nothing rated");
    for (uint32_t k = 0; k < 4; ++k) {
        mine.push_back(Rating{me, 5 * k + 1, static_cast<uint8_t>(2 + 2 * k), k});
        m.learn(mine.back());
        check("after learning " + std::to_string(k + 1));
    }
    m.forget(mine[1]);
    mine.erase(mine.begin() + 1);
    check("after a forget");
}

}  // namespace
}  // namespace wl
