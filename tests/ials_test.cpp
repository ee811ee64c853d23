// Implicit ALS: the co-watched item comes first, forget is exact to the saved byte, save/load is all-or-nothing,
// and the person side over imported factors is the same solve.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/ials.hpp"
#include "weightless/model/registry.hpp"

namespace wl {
namespace {

// Two tastes: users 0..9 watch items 0, 1, 2 (and a few 6); users 10..19 watch 3, 4, 5. Item 5 is the most
// popular (users 20..29 watch only it), so a list led by item 2 for a user of the first kind is not popularity.
std::vector<Rating> two_tastes() {
    std::vector<Rating> r;
    for (uint32_t u = 0; u < 10; ++u) {
        for (uint32_t i : {0u, 1u, 2u}) r.push_back({u, i, static_cast<uint8_t>(6 + (u + i) % 5), 0});
        if (u % 3 == 0) r.push_back({u, 6, 7, 0});
    }
    for (uint32_t u = 10; u < 20; ++u)
        for (uint32_t i : {3u, 4u, 5u}) r.push_back({u, i, 8, 0});
    for (uint32_t u = 20; u < 30; ++u) r.push_back({u, 5, 9, 0});
    r.push_back({30, 0, 10, 0});  // the test user: rated items 0 and 1
    r.push_back({30, 1, 9, 0});
    return r;
}

IalsConfig small_config() {
    IalsConfig c;
    c.factors = 4;
    c.iterations = 8;
    c.alpha = 10;
    c.reg = 0.1;
    return c;
}

std::vector<uint8_t> bytes_of(const Model& m) {
    ByteWriter w;
    m.save(w);
    return w.take();
}

TEST(Ials, CoWatchedItemFirst) {
    const Dataset ds = test::blank_catalogue(31, 8);
    const auto train = two_tastes();
    IalsModel m(small_config());
    m.fit({ds, train});
    std::vector<uint32_t> unrated = {2, 3, 4, 5, 6, 7};
    std::vector<double> s(unrated.size());
    m.rank_scores(30, unrated, s);
    const size_t best = static_cast<size_t>(std::max_element(s.begin(), s.end()) - s.begin());
    EXPECT_EQ(unrated[best], 2u) << "scores " << s[0] << " " << s[1] << " " << s[2] << " " << s[3] << " " << s[4];
    EXPECT_GT(s[0], s[3]);        // item 2 above the most popular item 5
    EXPECT_EQ(s[5], 0.0);         // item 7: no training rating, zero vector
    EXPECT_EQ(m.factors().known[7], 0);
    // A user of the other taste gets items 3..5 first.
    std::vector<double> t(unrated.size());
    m.learn({31, 3, 8, 0});
    m.rank_scores(31, unrated, t);
    EXPECT_GT(t[2], t[0]);  // item 4 above item 2
    EXPECT_GT(t[3], t[0]);
    // predict() is an honest rating: the global training mean.
    double sum = 0;
    for (const auto& r : train) sum += r.stars();
    EXPECT_NEAR(IalsModel(small_config()).predict(0, 0), 3.0, 0);  // no data yet
    IalsModel fresh(small_config());
    fresh.fit({ds, train});
    EXPECT_DOUBLE_EQ(fresh.predict(30, 2), sum / static_cast<double>(train.size()));
}

TEST(Ials, ForgetIsExactToTheByte) {
    const Dataset ds = test::blank_catalogue(31, 8);
    IalsModel m(small_config());
    m.fit({ds, two_tastes()});
    const auto before = bytes_of(m);
    std::vector<uint32_t> all = {0, 1, 2, 3, 4, 5, 6, 7};
    std::vector<double> s0(8), s1(8);
    m.rank_scores(30, all, s0);
    const Rating a{30, 4, 7, 5}, b{40, 2, 3, 6}, c{30, 7, 10, 7};  // b: a new user beyond the catalogue
    m.learn(a);
    m.learn(b);
    m.learn(c);
    m.rank_scores(30, all, s1);
    EXPECT_NE(s0, s1);
    m.forget(c);
    m.forget(b);
    m.forget(a);
    EXPECT_EQ(bytes_of(m), before);
    m.rank_scores(30, all, s1);
    EXPECT_EQ(s0, s1);  // bit for bit: the vector is recomputed from the same sorted set
    EXPECT_THROW(m.forget({30, 5, 8, 0}), std::invalid_argument);  // never learned
    EXPECT_EQ(bytes_of(m), before);
}

TEST(Ials, SaveLoadAndRefusals) {
    const Dataset ds = test::blank_catalogue(31, 8);
    IalsConfig cfg = small_config();
    cfg.seed = 9;
    IalsModel m(cfg);
    m.fit({ds, two_tastes()});
    const auto file = save_model(m);
    IalsModel back;
    load_model(back, file);
    EXPECT_EQ(back.config_text(), m.config_text());
    EXPECT_EQ(bytes_of(back), bytes_of(m));
    for (uint32_t u : {0u, 15u, 30u, 99u})
        for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(back.rank_score(u, i), m.rank_score(u, i));
    // A corrupt file leaves the model as it was.
    auto bad = file;
    bad[bad.size() / 2] ^= 1;
    EXPECT_THROW(load_model(back, bad), FormatError);
    EXPECT_EQ(bytes_of(back), bytes_of(m));
    // A payload that claims more items than its bytes could hold is refused before anything is allocated.
    ByteWriter w;
    w.str(params_to_text(cfg));
    w.varint(uint64_t{1} << 25);
    w.varint(64);
    w.str("x");
    ByteReader r(w.data(), "model");
    EXPECT_THROW(back.load(r), FormatError);
    EXPECT_EQ(bytes_of(back), bytes_of(m));
    // Same seed, same factors; another seed, others.
    IalsModel again(cfg);
    again.fit({ds, two_tastes()});
    EXPECT_EQ(bytes_of(again), bytes_of(m));
    cfg.seed = 10;
    IalsModel other(cfg);
    other.fit({ds, two_tastes()});
    EXPECT_NE(bytes_of(other), bytes_of(m));
}

TEST(Ials, RegisteredSpecAndImportedFactorsAgree) {
    auto m = make_model("ials:factors=4 iterations=8 alpha=10 reg=0.1");
    EXPECT_EQ(m->kind(), "ials");
    EXPECT_THROW(make_model("ials:factors=0"), ParamError);
    const Dataset ds = test::blank_catalogue(31, 8);
    m->fit({ds, two_tastes()});
    const auto& fitted = dynamic_cast<const IalsModel&>(*m);
    // The same factors handed to the imported-factor model give the same person side.
    ItemFactorsModel imported(fitted.factors(), small_config().solve());
    imported.fit({ds, two_tastes()});
    for (uint32_t u : {0u, 15u, 30u})
        for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(imported.rank_score(u, i), m->rank_score(u, i));
    // Its save/load keeps the factors and the solve config.
    ItemFactorsModel loaded(ItemFactors{}, {});
    load_model(loaded, save_model(imported));
    EXPECT_EQ(loaded.config_text(), imported.config_text());
    EXPECT_EQ(loaded.rank_score(30, 2), imported.rank_score(30, 2));
    EXPECT_THROW(load_model(loaded, save_model(*m)), FormatError);  // an ials file is not an item-factors file
}

}  // namespace
}  // namespace wl
