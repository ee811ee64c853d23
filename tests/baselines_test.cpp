// Baselines: exact predictions on a hand-computed toy set, forgetting what was never learned, inconsistent files,
// new users (exact forget, save/load and corrupt files in general: model_contract_test.cpp).
#include <gtest/gtest.h>

#include <memory>

#include "test_util.hpp"
#include "weightless/model/baselines.hpp"

namespace wl {
namespace {

Rating R(uint32_t u, uint32_t i, uint8_t hs) { return Rating{u, i, hs, 0}; }

// 3 users (u2 has no rating), 3 items.
// u0: i0 4.0, i1 3.0, i2 5.0    u1: i0 2.0, i1 2.0
Dataset toy() {
    Dataset ds;
    ds.name = "toy";
    ds.items.resize(3);
    for (uint32_t i = 0; i < 3; ++i) ds.items[i].id = i + 1;
    ds.user_ids = {1, 2, 3};
    ds.ratings = {R(0, 0, 8), R(0, 1, 6), R(0, 2, 10), R(1, 0, 4), R(1, 1, 4)};
    ds.index();
    return ds;
}

template <class M>
std::unique_ptr<Model> fitted(const Dataset& ds, M m) {
    auto p = std::make_unique<M>(std::move(m));
    p->fit(TrainData{ds, ds.ratings});
    return p;
}

TEST(Baselines, GlobalMeanExact) {
    const Dataset ds = toy();
    auto m = fitted(ds, GlobalMeanModel{});
    // (8+6+10+4+4)/5 half stars = 6.4 -> 3.2 stars for everyone, new users and new items too.
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 3.2);
    EXPECT_DOUBLE_EQ(m->predict(2, 1), 3.2);
    EXPECT_DOUBLE_EQ(m->predict(99, 42), 3.2);
    m->learn(R(5, 0, 1));  // (32+1)/6 half stars = 2.75 stars
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 2.75);
    GlobalMeanModel empty;
    EXPECT_DOUBLE_EQ(empty.predict(0, 0), kNoDataStars);
}

TEST(Baselines, UserMeanExactWithFallback) {
    const Dataset ds = toy();
    auto m = fitted(ds, UserMeanModel{});
    EXPECT_DOUBLE_EQ(m->predict(0, 1), 4.0);  // (8+6+10)/3 = 8 half stars
    EXPECT_DOUBLE_EQ(m->predict(1, 2), 2.0);
    EXPECT_DOUBLE_EQ(m->predict(2, 0), 3.2);    // u2 has no rating: global mean
    EXPECT_DOUBLE_EQ(m->predict(1000, 0), 3.2); // beyond the catalogue
    m->learn(R(1000, 0, 9));
    EXPECT_DOUBLE_EQ(m->predict(1000, 0), 4.5);
    EXPECT_DOUBLE_EQ(m->predict(2, 0), 41.0 / 6 / 2);  // global mean now includes the new rating
}

TEST(Baselines, UserModeTieRules) {
    using H = UserModeModel::Counts;
    H h{};
    EXPECT_EQ(UserModeModel::mode_half_stars(h), 0);
    h = {};
    h[5] = 1, h[9] = 1;  // 3.0 and 5.0 once each: mean 4.0 is equally near -> the lower
    EXPECT_EQ(UserModeModel::mode_half_stars(h), 6);
    h = {};
    h[3] = 2, h[7] = 2, h[9] = 1;  // 2.0 x2, 4.0 x2, 5.0: mean 3.4 -> 4.0 is nearer than 2.0
    EXPECT_EQ(UserModeModel::mode_half_stars(h), 8);
    h = {};
    h[3] = 3, h[7] = 2, h[9] = 2;  // a strict majority wins whatever the mean
    EXPECT_EQ(UserModeModel::mode_half_stars(h), 4);

    const Dataset ds = toy();
    auto m = fitted(ds, UserModeModel{});
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 4.0);  // 4.0, 3.0, 5.0 once each; mean 4.0
    EXPECT_DOUBLE_EQ(m->predict(1, 2), 2.0);
    EXPECT_DOUBLE_EQ(m->predict(2, 2), 2.0);  // global mode: 2.0 occurs twice
    EXPECT_DOUBLE_EQ(m->predict(77, 2), 2.0);
    m->learn(R(0, 0, 6));
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 3.0);
}

TEST(Baselines, BiasHandComputed) {
    const Dataset ds = toy();
    BiasConfig cfg;
    cfg.reg_u = 1;
    cfg.reg_i = 1;
    cfg.epochs = 1;
    auto m = fitted(ds, BiasBaselineModel{cfg});
    auto& b = static_cast<BiasBaselineModel&>(*m);
    // mu = 3.2. Epoch 1, items first (Surprise's order) with b_u = 0: b_i0 = (0.8 - 1.2)/3 = -2/15,
    // b_i1 = (-0.2 - 1.2)/3 = -7/15, b_i2 = 1.8/2 = 0.9; then users: b_u0 = (0.8+2/15 + -0.2+7/15 + 1.8-0.9)/4 = 0.525,
    // b_u1 = (-1.2+2/15 + -1.2+7/15)/3 = -0.6.
    EXPECT_NEAR(b.global_mean(), 3.2, 1e-12);
    EXPECT_NEAR(b.item_bias(0), -2.0 / 15, 1e-12);
    EXPECT_NEAR(b.item_bias(1), -7.0 / 15, 1e-12);
    EXPECT_NEAR(b.item_bias(2), 0.9, 1e-12);
    EXPECT_NEAR(b.user_bias(0), 0.525, 1e-9);
    EXPECT_NEAR(b.user_bias(1), -0.6, 1e-9);
    EXPECT_NEAR(m->predict(0, 0), 3.2 + 0.525 - 2.0 / 15, 1e-9);
    EXPECT_NEAR(m->predict(1, 2), 3.5, 1e-9);
    EXPECT_NEAR(m->predict(2, 2), 4.1, 1e-9);              // user without ratings: mu + b_i
    EXPECT_NEAR(m->predict(0, 9), 3.2 + 0.525, 1e-9);      // item beyond the catalogue: mu + b_u
    // learn moves only the user's bias: residual 5 - 3.2 - 0.9 = 0.9, so b_u1 = (-1.8 + 0.9)/4 = -0.225.
    m->learn(R(1, 2, 10));
    EXPECT_NEAR(b.user_bias(1), -0.225, 1e-9);
    EXPECT_NEAR(b.item_bias(2), 0.9, 1e-12);
    EXPECT_NEAR(m->predict(1, 0), 3.2 - 0.225 - 2.0 / 15, 1e-9);
    // Clamped to the scale: a new user who loves item 1 (residual 5 - 3.2 + 7/15 = 34/15 each): b_u = 340/15/11 = 68/33.
    for (int k = 0; k < 10; ++k) m->learn(R(50, 1, 10));
    EXPECT_NEAR(b.user_bias(50), 68.0 / 33, 1e-9);
    EXPECT_DOUBLE_EQ(m->predict(50, 2), 5.0);
}

// Compares configs through their fields (the text form of a number is params.hpp's business).
void expect_config(const BiasConfig& c, double reg_u, double reg_i, int32_t epochs) {
    EXPECT_EQ(c.reg_u, reg_u);
    EXPECT_EQ(c.reg_i, reg_i);
    EXPECT_EQ(c.epochs, epochs);
}

TEST(Baselines, BiasConfigText) {
    BiasBaselineModel m;
    expect_config(m.config(), 15, 10, 10);  // Surprise's BaselineOnly defaults
    BiasConfig back;
    back.epochs = 1;
    apply_params(back, m.config_text());
    expect_config(back, 15, 10, 10);
    EXPECT_EQ(m.config_text().find("reg_u=15 "), 0u);
}

std::vector<std::unique_ptr<Model>> all_baselines() {
    std::vector<std::unique_ptr<Model>> v;
    v.push_back(std::make_unique<GlobalMeanModel>());
    v.push_back(std::make_unique<UserMeanModel>());
    v.push_back(std::make_unique<UserModeModel>());
    v.push_back(std::make_unique<BiasBaselineModel>());
    return v;
}

TEST(Baselines, ForgetOfUnknownRatingThrows) {
    for (auto& m : all_baselines()) {
        SCOPED_TRACE(m->name());
        EXPECT_THROW(m->forget(R(3, 0, 8)), std::invalid_argument);
        EXPECT_THROW(m->learn(R(0, 0, 0)), std::invalid_argument);
        EXPECT_THROW(m->learn(R(0, 0, 11)), std::invalid_argument);
    }
}

// Payload with a valid container but bad content: reaches the model's own load().
std::vector<uint8_t> rewrap(std::span<const uint8_t> payload) { return wrap_container("WLMD", 1, payload); }

TEST(Baselines, InconsistentCountsAreFormatErrors) {
    const Dataset ds = toy();
    UserMeanModel um;
    um.fit(TrainData{ds, ds.ratings});
    const auto good = save_model(um);
    ByteWriter w;
    w.str("user-mean");
    w.varint(1);   // one user
    w.varint(1);   // one rating
    w.varint(50);  // of 50 half stars: impossible
    EXPECT_THROW(load_model(um, rewrap(w.data())), FormatError);
    EXPECT_EQ(save_model(um), good);

    BiasBaselineModel b;
    ByteWriter bw;
    bw.str("bias");
    bw.f64(15);
    bw.f64(10);
    bw.i32(10);
    bw.f64(7.0);  // global mean beyond the scale
    bw.varint(0);
    bw.varint(0);
    EXPECT_THROW(load_model(b, rewrap(bw.data())), FormatError);
}

}  // namespace
}  // namespace wl
