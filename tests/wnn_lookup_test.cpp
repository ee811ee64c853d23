// wnn-lookup (the reference WNN's answer rule) on a hand-checked toy set: exact match, the stored answer of a
// pattern, discrimination before Hamming distance, Hamming, the seeded random answer, forget, save/load.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_lookup.hpp"
#include "weightless/util/params.hpp"

namespace wl {
namespace {

// Genre labels in the paper's bit order, so genre bit g of an item is input bit g. Every item has vote average
// 8.0 (code 111, bits 10..12), language en (000) and 0 votes (bit 16): its pattern is genres | kFixed. Items 2g and
// 2g+1 both have genres g, so two items share each pattern.
constexpr uint32_t kFixed = (7u << 10) | (1u << 16);

Dataset toy() {
    Dataset ds;
    ds.name = "toy";
    ds.genre_names = {"Drama", "Comedy", "Action", "Romance", "Documentary", "Thriller", "Adventure", "Fantasy", "Crime", "Horror"};
    for (uint32_t k = 0; k < 2048; ++k) {
        Item it{k + 1, "m" + std::to_string(k), 2000, k / 2};
        it.vote_average = 800;
        it.language = "en";
        it.vote_count = 0;
        ds.items.push_back(it);
    }
    ds.user_ids = {1, 2, 3};
    ds.index();
    return ds;
}

Rating rate(uint32_t user, uint32_t genres, double stars, uint32_t which = 0) {
    return {user, 2 * genres + which, static_cast<uint8_t>(stars * 2), 0};
}

WnnLookupModel fitted(const std::vector<Rating>& train, int32_t tuple_size = 4, int32_t seed = 1) {
    static const Dataset ds = toy();
    WnnLookupModel m({tuple_size, seed});
    m.fit({ds, train});
    return m;
}

TEST(WnnLookup, PatternsAreThePapers26Bits) {
    const auto m = fitted({});
    EXPECT_EQ(m.pattern(2 * 0b101), 0b101u | kFixed);
    EXPECT_EQ(m.pattern(2 * 0b1000000000 + 1), 0b1000000000u | kFixed);
}

TEST(WnnLookup, ExactMatchAnswersWithThePatternsStoredTarget) {
    const auto m = fitted({rate(0, 1, 4.0), rate(0, 1, 4.5, 1),              // class 4 twice -> 8 ones
                           rate(0, 2, 2.0), rate(0, 2, 5.0, 1),              // tie 2 vs 5, mean 3.5 equidistant -> lower
                           rate(0, 8, 1.0), rate(0, 8, 4.0, 1), rate(0, 9, 0.5)});
    EXPECT_EQ(m.answer(0, 1 | kFixed).rule, WnnLookupModel::Rule::Exact);
    EXPECT_EQ(m.predict_thermometer(0, 2 * 1 + 1), 8);  // the other item with the same pattern
    EXPECT_EQ(m.predict(0, 2 * 1), 4.0);
    EXPECT_EQ(m.predict_thermometer(0, 2 * 2), 4);
    // Three classes once each (1, 4 and, below, 5): the mode is tied, mean 10/3 is nearest to 4 -> 8 ones.
    auto m2 = fitted({rate(0, 8, 1.0), rate(0, 8, 4.0, 1)});
    m2.learn({0, 2 * 8, 10, 0});  // a third rating of an item with the same pattern, 5 stars
    EXPECT_EQ(m2.predict_thermometer(0, 2 * 8), 8);
    // 0.5 stars is floor 0 -> no ones; predict() keeps to the 0.5..5 scale.
    EXPECT_EQ(m.predict_thermometer(0, 2 * 9), 0);
    EXPECT_EQ(m.predict(0, 2 * 9), 0.5);
}

// P1 = no genres (5 stars) and P2 (1 star) are stored; the question q differs from P1 in 3 bits that one RAM reads,
// from P2 in 2 bits that two different RAMs read. Discrimination (one RAM of P1 still answers) picks P1; Hamming
// distance alone picks P2.
TEST(WnnLookup, DiscriminationBeforeHamming) {
    for (int32_t seed = 1; seed < 200; ++seed) {
        const auto probe = fitted({}, 13, seed);
        const auto& masks = probe.tuple_masks();
        ASSERT_EQ(masks.size(), 2u);
        std::vector<uint32_t> in[2];
        for (uint32_t g = 0; g < 10; ++g) in[(masks[0] >> g) & 1 ? 0 : 1].push_back(g);
        const int a = in[0].size() >= 3 ? 0 : 1, b = 1 - a;
        if (in[a].size() < 3 || in[b].empty()) continue;
        const uint32_t x1 = 1u << in[a][0], x2 = 1u << in[a][1], x3 = 1u << in[a][2], y = 1u << in[b][0];
        const uint32_t q = (x1 | x2 | x3) | kFixed, p2_genres = x2 | x3 | y;
        const std::vector<Rating> train = {rate(0, 0, 5.0), rate(0, p2_genres, 1.0)};
        const auto disc = fitted(train, 13, seed).answer(0, q);
        EXPECT_EQ(disc.rule, WnnLookupModel::Rule::Discrimination);
        EXPECT_EQ(disc.pattern, kFixed);
        EXPECT_EQ(disc.count, 10);
        // One RAM over all 26 bits: only an exact match gets a response, so the nearest by Hamming answers.
        const auto ham = fitted(train, 26, seed).answer(0, q);
        EXPECT_EQ(ham.rule, WnnLookupModel::Rule::Hamming);
        EXPECT_EQ(ham.pattern, p2_genres | kFixed);
        EXPECT_EQ(ham.count, 2);
        // Tuples of one bit: the response is 26 minus the Hamming distance, so it agrees with Hamming.
        EXPECT_EQ(fitted(train, 1, seed).answer(0, q).count, 2);
        return;
    }
    FAIL() << "no seed in 1..199 splits the genre bits as the test needs";
}

TEST(WnnLookup, HammingPicksTheNearestStoredPattern) {
    const auto m = fitted({rate(1, 0b0000000011, 5.0), rate(1, 0b1111000000, 1.0)}, 26);
    EXPECT_EQ(m.predict_thermometer(1, 2 * 0b0000000001), 10);
    EXPECT_EQ(m.predict_thermometer(1, 2 * 0b1110000000), 2);
    EXPECT_EQ(m.answer(1, 0b1110000000 | kFixed).rule, WnnLookupModel::Rule::Hamming);
}

TEST(WnnLookup, NothingStoredGivesASeededRandomTarget) {
    const auto m = fitted({rate(0, 1, 4.0)});
    std::set<int> seen;
    for (uint32_t item = 0; item < 400; item += 2) {
        const auto a = m.answer(2, m.pattern(item));  // user 2 has no ratings
        EXPECT_EQ(a.rule, WnnLookupModel::Rule::Random);
        EXPECT_EQ(a.count % 2, 0);
        EXPECT_GE(a.count, 0);
        EXPECT_LE(a.count, 10);
        EXPECT_EQ(m.predict_thermometer(2, item), a.count);  // the same question, the same answer
        seen.insert(a.count);
    }
    EXPECT_EQ(seen.size(), 6u);  // every target drawn over 200 questions
    EXPECT_EQ(m.answer(50, kFixed).rule, WnnLookupModel::Rule::Random);  // a user beyond the catalogue
}

TEST(WnnLookup, ForgetIsExactAndSaveLoadRoundTrips) {
    auto m = fitted({rate(0, 1, 4.0), rate(0, 3, 2.0), rate(1, 5, 3.5)});
    const auto before = save_model(m);
    m.learn(rate(0, 7, 1.0));
    m.learn(rate(0, 1, 5.0, 1));
    EXPECT_NE(save_model(m), before);
    m.forget(rate(0, 7, 1.0));
    m.forget(rate(0, 1, 5.0, 1));
    EXPECT_EQ(save_model(m), before);
    EXPECT_TRUE(m.can_forget());
    EXPECT_THROW(m.forget(rate(0, 9, 1.0)), std::invalid_argument);
    EXPECT_THROW(m.forget(rate(0, 1, 1.0)), std::invalid_argument);  // pattern known, that target not
    EXPECT_EQ(save_model(m), before);

    WnnLookupModel back({26, 9});
    load_model(back, before);
    EXPECT_EQ(back.config_text(), m.config_text());
    EXPECT_EQ(save_model(back), before);
    for (uint32_t item = 0; item < 64; ++item)
        for (uint32_t u = 0; u < 3; ++u) EXPECT_EQ(back.predict_thermometer(u, item), m.predict_thermometer(u, item));

    // Damaged files are refused and leave the model as it was.
    auto cut = before;
    cut.resize(cut.size() / 2);
    EXPECT_THROW(load_model(back, cut), FormatError);
    auto flipped = before;
    flipped[flipped.size() / 2] ^= 0x40;
    EXPECT_THROW(load_model(back, flipped), FormatError);
    EXPECT_EQ(save_model(back), before);
}

TEST(WnnLookup, Registered) {
    auto m = make_model("wnn-lookup:tuple_size=13 seed=4");
    EXPECT_EQ(m->name(), "wnn-lookup");
    EXPECT_NE(m->config_text().find("tuple_size=13"), std::string::npos);
    EXPECT_THROW(make_model("wnn-lookup:tuple_size=27"), ParamError);
    const auto defaults = default_model_specs();
    EXPECT_EQ(std::find(defaults.begin(), defaults.end(), "wnn-lookup"), defaults.end());
    EXPECT_THROW(WnnLookupModel().predict(0, 0), std::logic_error);
}

}  // namespace
}  // namespace wl
