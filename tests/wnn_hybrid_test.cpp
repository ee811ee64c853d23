// The hybrid WNN (MF item features -> thermometer-encoded external block -> per-user WNN): external features in
// the encoder (quantile buckets, no effect when disabled, saved form), determinism, exact forgetting, save/load
// with corrupt files refused, and item features taken from training ratings only.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "weightless/encode/encoder.hpp"
#include "weightless/model/wnn_hybrid.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

Dataset random_dataset(uint32_t items, uint32_t users, uint32_t ratings, uint64_t seed) {
    Dataset ds;
    ds.name = "toy";
    ds.genre_names = {"Action", "Comedy", "Drama", "Horror"};
    Rng rng(seed);
    for (uint32_t i = 0; i < items; ++i)
        ds.items.push_back(Item{i + 1, "item " + std::to_string(i), static_cast<int16_t>(1950 + rng.below(70)),
                                static_cast<uint32_t>(rng.below(16))});
    for (uint32_t u = 0; u < users; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < ratings; ++k)
        ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(users)), static_cast<uint32_t>(rng.below(items)),
                                    static_cast<uint8_t>(1 + rng.below(10)), 0});
    return ds;
}

HybridConfig small_config(const std::string& params = "") {
    HybridConfig c;
    apply_params(c, "mf.n_factors=4 mf.n_epochs=8 wnn.ensemble=2 wnn.tuple_size=6 " + params);
    return c;
}

std::vector<uint8_t> encoder_bytes(const Encoder& e) {
    ByteWriter w;
    e.save(w);
    return w.data();
}

// ---- External features in the encoder ----

TEST(EncoderExternal, DisabledLeavesCodesAndBytesUnchanged) {
    const Dataset ds = random_dataset(50, 10, 300, 1);
    std::vector<float> values(50 * 3);
    for (size_t k = 0; k < values.size(); ++k) values[k] = static_cast<float>(k % 7) - 3.0f;
    Encoder plain, given;
    plain.fit(ds, ds.ratings);
    given.fit(ds, ds.ratings, ExternalFeatures{values, 3, {}});
    EXPECT_EQ(given.bits(), plain.bits());
    EXPECT_TRUE(std::equal(plain.codes().begin(), plain.codes().end(), given.codes().begin(), given.codes().end()));
    EXPECT_EQ(encoder_bytes(plain), encoder_bytes(given));
    EXPECT_TRUE(given.thresholds().external.empty());
    // The key is not part of the encoder's (hence the WNN's and the app's) config text.
    EXPECT_EQ(params_to_text(EncoderConfig{}).find("external"), std::string::npos);
}

TEST(EncoderExternal, QuantileThresholdsMakeEqualBucketsOverRatedItems) {
    // 10 items; items 0..8 rated once, item 9 never rated (its value 100 must not move the thresholds).
    Dataset ds = random_dataset(10, 1, 0, 2);
    for (uint32_t i = 0; i < 9; ++i) ds.ratings.push_back(Rating{0, i, 6, 0});
    std::vector<float> values = {9, 1, 8, 2, 7, 3, 6, 4, 5, 100};
    EncoderConfig cfg;
    cfg.genres = false;
    cfg.year.enabled = cfg.popularity.enabled = cfg.mean.enabled = false;
    cfg.external = {true, 2, ThresholdKind::Quantile};
    Encoder e(cfg);
    e.fit(ds, ds.ratings, ExternalFeatures{values, 1, {"x"}});
    ASSERT_EQ(e.bits(), 2u);
    ASSERT_EQ(e.thresholds().external.size(), 1u);
    EXPECT_EQ(e.thresholds().external[0], (std::vector<double>{3, 6}));  // buckets {1,2,3} {4,5,6} {7,8,9}
    std::vector<int> per_level(3, 0);
    for (uint32_t i = 0; i < 9; ++i) {
        const int level = int{e.bit(i, 0)} + int{e.bit(i, 1)};
        EXPECT_EQ(level, (static_cast<int>(values[i]) - 1) / 3) << "item " << i;
        EXPECT_TRUE(e.bit(i, 0) || !e.bit(i, 1)) << "thermometer order";
        ++per_level[static_cast<size_t>(level)];
    }
    EXPECT_EQ(per_level, (std::vector<int>{3, 3, 3}));
    EXPECT_TRUE(e.bit(9, 0) && e.bit(9, 1));  // unrated, encoded by its own value
    ASSERT_EQ(e.layout().size(), 1u);
    EXPECT_EQ(e.layout()[0].name, "ext:x");

    // Uniform: evenly spaced between the rated items' min and max (1 and 9).
    cfg.external = {true, 3, ThresholdKind::Uniform};
    Encoder u(cfg);
    u.fit(ds, ds.ratings, ExternalFeatures{values, 1, {}});
    EXPECT_EQ(u.thresholds().external[0], (std::vector<double>{3, 5, 7}));
    EXPECT_EQ(u.layout()[0].name, "ext:0");
}

TEST(EncoderExternal, SavesThresholdsAndRefusesBadFeatures) {
    const Dataset ds = random_dataset(40, 8, 200, 3);
    std::vector<float> values(40 * 2);
    Rng rng(5);
    for (float& v : values) v = static_cast<float>(rng.uniform()) - 0.5f;
    EncoderConfig cfg;
    cfg.external = {true, 5, ThresholdKind::Quantile};
    Encoder e(cfg);
    e.fit(ds, ds.ratings, ExternalFeatures{values, 2, {}});
    EXPECT_EQ(e.bits(), 4u + 8u * 3u + 10u);
    const auto bytes = encoder_bytes(e);
    Encoder back;
    ByteReader r(bytes);
    back.load(r);
    EXPECT_EQ(back.config().external.bits, 5);
    EXPECT_TRUE(back.config().external.enabled);
    EXPECT_EQ(back.thresholds().external, e.thresholds().external);
    EXPECT_EQ(back.layout().back().name, "ext:1");
    EXPECT_EQ(encoder_bytes(back), bytes);

    Encoder bad(cfg);
    EXPECT_THROW(bad.fit(ds, ds.ratings), std::invalid_argument);  // enabled, none given
    EXPECT_THROW(bad.fit(ds, ds.ratings, ExternalFeatures{std::span<const float>(values).first(79), 2, {}}),
                 std::invalid_argument);
    EXPECT_THROW(bad.fit(ds, ds.ratings, ExternalFeatures{values, 2, {"only one"}}), std::invalid_argument);
    values[17] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(bad.fit(ds, ds.ratings, ExternalFeatures{values, 2, {}}), std::invalid_argument);
    EXPECT_FALSE(bad.fitted());
}

// ---- The hybrid model ----

TEST(Hybrid, RegisteredByNameWithParameters) {
    auto m = make_model("wnn-hybrid:mf.n_factors=6 wnn.encoder.external.bits=4 baseline=mf");
    EXPECT_EQ(m->name(), "wnn-hybrid");
    EXPECT_EQ(m->kind(), "wnn-hybrid");
    EXPECT_NE(m->config_text().find("wnn.encoder.external.bits=4"), std::string::npos);
    EXPECT_THROW(make_model("wnn-hybrid:mf.n_factors=0"), ParamError);
    EXPECT_THROW(make_model("wnn-hybrid:baseline=mf wnn.offset=none"), ParamError);
    EXPECT_NO_THROW(make_model("wnn-hybrid:baseline=item-mean wnn.offset=none"));
}

TEST(Hybrid, CodesCarryTheMfItemFeatures) {
    const Dataset ds = random_dataset(60, 20, 800, 7);
    WnnHybridModel m(small_config("item_bias=1"));
    m.fit(TrainData{ds, ds.ratings});
    const Encoder& e = m.wnn().encoder();
    // Default encoder features + (4 factors + bias) x external bits.
    const uint32_t ext_bits = static_cast<uint32_t>(m.config().wnn.encoder.external.bits);
    EXPECT_EQ(e.thresholds().external.size(), 5u);
    EXPECT_EQ(e.layout().back().name, "ext:mf_bias");
    uint32_t plain_bits = 0;
    for (const auto& s : e.layout())
        if (s.name.rfind("ext:", 0) != 0) plain_bits += s.count;
    EXPECT_EQ(e.bits(), plain_bits + 5 * ext_bits);
    // Without the bias dimension, one dimension fewer.
    WnnHybridModel nb(small_config("item_bias=0"));
    nb.fit(TrainData{ds, ds.ratings});
    EXPECT_EQ(nb.wnn().encoder().thresholds().external.size(), 4u);
}

TEST(Hybrid, DeterministicBySeed) {
    const Dataset ds = random_dataset(80, 25, 1200, 8);
    WnnHybridModel a(small_config()), b(small_config()), c(small_config("mf.seed=2"));
    a.fit(TrainData{ds, ds.ratings});
    b.fit(TrainData{ds, ds.ratings});
    c.fit(TrainData{ds, ds.ratings});
    EXPECT_EQ(save_model(a), save_model(b));
    EXPECT_NE(save_model(a), save_model(c));
    for (uint32_t u = 0; u < 25; ++u)
        for (uint32_t i = 0; i < 80; ++i) ASSERT_EQ(a.predict(u, i), b.predict(u, i));
}

TEST(Hybrid, ForgetExactlyUndoesLearn) {
    const Dataset ds = random_dataset(80, 25, 1200, 9);
    for (const char* extra : {"", "baseline=item-mean item_bias=1", "wnn.offset=none baseline=item-mean"}) {
        WnnHybridModel m(small_config(extra));
        m.fit(TrainData{ds, ds.ratings});
        const auto before = save_model(m);
        const std::vector<Rating> added = {{3, 5, 7, 0}, {3, 6, 2, 0}, {30, 1, 10, 0}, {3, 5, 7, 0}};
        for (const auto& r : added) m.learn(r);
        EXPECT_NE(save_model(m), before);
        for (const auto& r : added) m.forget(r);
        EXPECT_EQ(save_model(m), before) << extra;
        EXPECT_THROW(m.forget(Rating{3, 5, 7, 0}), std::invalid_argument) << "never learned (any more)";
    }
}

TEST(Hybrid, SaveLoadRoundTripAndCorruptFilesRefused) {
    const Dataset ds = random_dataset(80, 25, 1200, 10);
    WnnHybridModel m(small_config("item_bias=1 wnn.encoder.external.bits=5 wnn.encoder.external.kind=quantile"));
    m.fit(TrainData{ds, ds.ratings});
    m.learn(Rating{40, 3, 9, 0});  // a new user
    const auto bytes = save_model(m);

    WnnHybridModel back;  // default config: everything comes from the file
    load_model(back, bytes);
    EXPECT_EQ(back.config_text(), m.config_text());
    EXPECT_EQ(save_model(back), bytes);
    for (uint32_t u = 0; u < 41; ++u)
        for (uint32_t i = 0; i < 80; ++i) ASSERT_EQ(back.predict(u, i), m.predict(u, i));
    back.forget(Rating{40, 3, 9, 0});
    m.forget(Rating{40, 3, 9, 0});
    EXPECT_EQ(save_model(back), save_model(m));

    // Corrupt and truncated files: FormatError, the model keeps its state.
    const auto good = save_model(back);
    auto flipped = bytes;
    flipped[flipped.size() / 2] ^= 0x10;
    EXPECT_THROW(load_model(back, flipped), FormatError);
    EXPECT_THROW(load_model(back, std::span<const uint8_t>(bytes).first(bytes.size() - 9)), FormatError);
    EXPECT_EQ(save_model(back), good);
    // A WNN file is not a hybrid file.
    EXPECT_THROW(load_model(back, save_model(m.wnn())), FormatError);
    EXPECT_EQ(save_model(back), good);

    // Unfitted round trip.
    WnnHybridModel fresh(small_config("item_bias=1 baseline=item-mean")), other;
    load_model(other, save_model(fresh));
    EXPECT_EQ(other.config_text(), fresh.config_text());
    EXPECT_FALSE(other.fitted());
}

TEST(Hybrid, ItemFeaturesComeFromTrainingRatingsOnly) {
    // Changing a rating that is not in the training span changes no code and no prediction.
    Dataset ds = random_dataset(60, 20, 900, 11);
    const std::span<const Rating> train = std::span<const Rating>(ds.ratings).first(800);
    WnnHybridModel a(small_config());
    a.fit(TrainData{ds, train});
    Dataset other = ds;
    for (size_t k = 800; k < other.ratings.size(); ++k)
        other.ratings[k].half_stars = static_cast<uint8_t>(11 - other.ratings[k].half_stars);
    WnnHybridModel b(small_config());
    b.fit(TrainData{other, std::span<const Rating>(other.ratings).first(800)});
    EXPECT_TRUE(std::equal(a.wnn().encoder().codes().begin(), a.wnn().encoder().codes().end(),
                           b.wnn().encoder().codes().begin(), b.wnn().encoder().codes().end()));
    EXPECT_EQ(save_model(a), save_model(b));
    // ... while a changed training rating does move the MF features.
    Dataset moved = ds;
    for (size_t k = 0; k < 200; ++k) moved.ratings[k].half_stars = static_cast<uint8_t>(11 - moved.ratings[k].half_stars);
    WnnHybridModel c(small_config());
    c.fit(TrainData{moved, std::span<const Rating>(moved.ratings).first(800)});
    EXPECT_NE(a.wnn().encoder().thresholds().external, c.wnn().encoder().thresholds().external);
}

}  // namespace
}  // namespace wl
