// Popularity baseline: counts per item as rank scores, the global mean as its rating, exact forget,
// save/load round trip, corrupt files, items beyond the catalogue.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/popularity.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

namespace wl {
namespace {

Rating R(uint32_t u, uint32_t i, uint8_t hs) { return Rating{u, i, hs, 0}; }

// 3 users, 4 items; item 1 rated 3 times, item 0 twice, item 2 once, item 3 never.
Dataset toy() {
    Dataset ds;
    ds.name = "toy";
    ds.items.resize(4);
    for (uint32_t i = 0; i < 4; ++i) ds.items[i].id = i + 1;
    ds.user_ids = {1, 2, 3};
    ds.ratings = {R(0, 0, 8), R(0, 1, 6), R(1, 1, 10), R(1, 0, 4), R(2, 1, 2), R(2, 2, 9)};
    ds.index();
    return ds;
}

TEST(Popularity, CountsRankAndMeanPredicts) {
    const Dataset ds = toy();
    PopularityModel m;
    EXPECT_DOUBLE_EQ(m.predict(0, 0), 3.0);  // nothing learned yet
    m.fit(TrainData{ds, ds.ratings});
    EXPECT_EQ(m.rank_score(0, 1), 3.0);
    EXPECT_EQ(m.rank_score(2, 0), 2.0);  // the same for every user
    EXPECT_EQ(m.rank_score(7, 2), 1.0);
    EXPECT_EQ(m.rank_score(0, 3), 0.0);
    EXPECT_EQ(m.rank_score(0, 99), 0.0);  // beyond the catalogue
    // predict stays a rating: (8+6+10+4+2+9)/6 half stars = 3.25 stars, for any user and item
    EXPECT_DOUBLE_EQ(m.predict(0, 1), 3.25);
    EXPECT_DOUBLE_EQ(m.predict(50, 3), 3.25);
    const std::vector<uint32_t> items = {3, 1, 0, 2};
    std::vector<double> out(4);
    m.rank_scores(1, items, out);
    EXPECT_EQ(out, (std::vector<double>{0, 3, 2, 1}));
    std::vector<double> short_out(2);
    EXPECT_THROW(m.rank_scores(1, items, short_out), std::invalid_argument);

    m.learn(R(9, 7, 10));  // new user, new item
    EXPECT_EQ(m.rank_score(0, 7), 1.0);
    EXPECT_DOUBLE_EQ(m.predict(0, 0), 49.0 / 7 / 2);
}

// Learn/forget, save/load and corrupt files in general are the model contract (model_contract_test.cpp); here:
// an item grown then emptied is not written, and hand-made payloads with inconsistent counts are refused.
TEST(Popularity, ForgetOfAGrownItemAndInconsistentFiles) {
    const Dataset ds = toy();
    PopularityModel m;
    m.fit(TrainData{ds, ds.ratings});
    const auto before = save_model(m);
    m.learn(R(5, 9, 7));
    m.forget(R(5, 9, 7));
    EXPECT_EQ(save_model(m), before);  // item 9 grown then emptied: not written
    EXPECT_THROW(m.forget(R(0, 3, 8)), std::invalid_argument);

    PopularityModel back;
    load_model(back, before);
    ByteWriter w;
    w.str("popularity");
    w.varint(50);  // 50 half stars
    w.varint(1);   // one item
    w.varint(2);   // of 2 ratings: at most 20 half stars
    EXPECT_THROW(load_model(back, wrap_container("WLMD", 1, w.data())), FormatError);
    EXPECT_EQ(save_model(back), before);
    ByteWriter t;
    t.str("popularity");
    t.varint(8);
    t.varint(3);  // three items announced, one given
    t.varint(1);
    EXPECT_THROW(load_model(back, wrap_container("WLMD", 1, t.data())), FormatError);
    EXPECT_EQ(save_model(back), before);
}

TEST(Popularity, RegisteredButNotInTheDefaultSet) {
    auto m = make_model("popularity");
    EXPECT_EQ(m->name(), "popularity");
    EXPECT_EQ(m->kind(), "popularity");
    EXPECT_THROW(make_model("popularity:x=1"), ParamError);
    const auto names = model_names();
    EXPECT_NE(std::find(names.begin(), names.end(), "popularity"), names.end());
    const auto defaults = default_model_specs();
    EXPECT_EQ(std::find(defaults.begin(), defaults.end(), "popularity"), defaults.end());
}

}  // namespace
}  // namespace wl
