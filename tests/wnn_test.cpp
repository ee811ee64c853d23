// Weightless neural network recommender: seeds, refusing to forget what was never learned, fallbacks, the three
// modes, the item baseline residual option, corrupt files, growth to new users and refusal of absurd configurations
// (the model contract itself: model_contract_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <cmath>

#include "test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

Dataset make_catalogue(uint32_t items, std::vector<std::string> genres, uint32_t users) {
    Dataset ds;
    ds.name = "toy";
    ds.genre_names = std::move(genres);
    for (uint32_t i = 0; i < items; ++i) ds.items.push_back(Item{i + 1, "item " + std::to_string(i), 0, 0});
    for (uint32_t u = 0; u < users; ++u) ds.user_ids.push_back(u + 1);
    return ds;
}

// Random genres, years and ratings: a small but not trivial catalogue.
Dataset random_dataset(uint32_t items, uint32_t users, uint32_t ratings, uint64_t seed) {
    Dataset ds = make_catalogue(items, {"Action", "Comedy", "Drama", "Horror", "Romance", "Thriller"}, users);
    Rng rng(seed);
    for (auto& it : ds.items) {
        it.genres = static_cast<uint32_t>(rng.below(64));
        it.year = static_cast<int16_t>(1950 + rng.below(70));
    }
    for (uint32_t k = 0; k < ratings; ++k)
        ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(users)), static_cast<uint32_t>(rng.below(items)),
                                    static_cast<uint8_t>(1 + rng.below(10)), 0});
    return ds;
}

WnnConfig config(const std::string& params, const char* preset = nullptr) {
    WnnConfig c = preset ? wnn_preset(preset) : WnnConfig{};
    apply_params(c, params);
    return c;
}

std::vector<uint8_t> bytes_of(const Model& m) { return save_model(m); }

std::vector<double> all_predictions(const WnnModel& m, uint32_t users, uint32_t items) {
    std::vector<double> p;
    for (uint32_t u = 0; u < users; ++u)
        for (uint32_t i = 0; i < items; ++i) p.push_back(m.predict(u, i));
    return p;
}

const char* kModes[] = {
    "mode=regression aggregate=mean prior=1",
    "mode=regression aggregate=median prior=0 ensemble=3",
    "mode=regression aggregate=weighted prior=2",
    "mode=classifier classes=half ensemble=2",
    "mode=classifier classes=whole bleaching=0",
    "mode=thermometer",
    "mode=thermometer monotone=1 ensemble=2",
    "mode=regression tuple_size=20 ensemble=2",  // hashed tables
    "mode=classifier tuple_size=20",
    "mode=thermometer tuple_size=20",
    "mode=regression tables=hashed tuple_size=3",
    "mode=regression offset=item prior=1",
    "mode=regression offset=item aggregate=weighted tuple_size=20 user_prior=0",  // hashed, three-word cells
};

// Same seed, same bytes (and save/load, exact forget) are the model contract, run on these modes' presets too
// (model_contract_test.cpp); here: the seed reaches the mappings in every mode.
TEST(WnnDeterminism, OtherSeedOtherTablesAndPredictions) {
    const Dataset ds = random_dataset(120, 25, 1500, 1);
    for (const char* mode : kModes) {
        WnnModel a(config(mode)), c(config(std::string(mode) + " seed=777"));
        a.fit(TrainData{ds, ds.ratings});
        c.fit(TrainData{ds, ds.ratings});
        EXPECT_NE(a.network().dump_tables(), c.network().dump_tables()) << mode;
        EXPECT_NE(all_predictions(a, 25, 120), all_predictions(c, 25, 120)) << mode;
    }
}

TEST(WnnForget, ForgettingAnUnlearnedRatingThrowsAndChangesNothing) {
    const Dataset ds = random_dataset(50, 10, 300, 3);
    for (const char* mode : kModes) {
        WnnModel m(config(mode));
        m.fit(TrainData{ds, ds.ratings});
        ASSERT_TRUE(m.can_forget());
        const auto before = bytes_of(m);
        Rating r = ds.ratings[5];
        r.half_stars = static_cast<uint8_t>(r.half_stars == 10 ? 9 : r.half_stars + 1);
        // The same item with another value may have been rated too; make sure this exact pair is new.
        const bool learned = std::any_of(ds.ratings.begin(), ds.ratings.end(), [&](const Rating& x) {
            return x.user == r.user && x.item == r.item && x.half_stars == r.half_stars;
        });
        ASSERT_FALSE(learned) << "pick another rating for this check";
        EXPECT_THROW(m.forget(r), std::invalid_argument) << mode;
        EXPECT_THROW(m.forget(Rating{9999, 0, 6, 0}), std::invalid_argument) << mode;
        EXPECT_THROW(m.forget(Rating{0, 50, 6, 0}), std::invalid_argument) << mode;  // item outside the catalogue
        EXPECT_EQ(bytes_of(m), before) << mode;
    }
}

// Codes are the genre bits only and one RAM reads the whole code, so an item with a code nobody rated addresses
// no written cell at all.
TEST(WnnFallback, NoCellsThenUserMeanThenGlobalMean) {
    Dataset ds = make_catalogue(4, {"A", "B", "C"}, 3);
    ds.items[0].genres = 1;  // A
    ds.items[1].genres = 2;  // B
    ds.items[2].genres = 4;  // C, never rated
    ds.items[3].genres = 1;  // A, same code as item 0
    ds.ratings = {Rating{0, 0, 10, 0}, Rating{0, 1, 4, 0}, Rating{1, 1, 3, 0}};
    for (const char* mode : {"mode=regression", "mode=classifier", "mode=thermometer"}) {
        WnnConfig c = config(std::string(mode) +
                             " tuple_size=3 prior=0 encoder.year.enabled=0 encoder.popularity.enabled=0 encoder.mean.enabled=0");
        WnnModel m(c);
        m.fit(TrainData{ds, ds.ratings});
        ASSERT_EQ(m.network().rams(), 1u);
        const std::string mo = mode;
        // Written cell: item 3 shares item 0's code, which user 0 rated 5 stars.
        EXPECT_DOUBLE_EQ(m.predict(0, 3), 5.0) << mode;
        // No written cell: user 0's mean (5 + 2) / 2 = 3.5 (classifier: nearest class 3.5; thermometer: floor 3 -> 6 ones).
        EXPECT_DOUBLE_EQ(m.predict(0, 2), mo == "mode=thermometer" ? 3.0 : 3.5) << mode;
        // Unknown user: the global training mean (5 + 2 + 1.5) / 3 = 2.8333.
        const double g = (5.0 + 2.0 + 1.5) / 3.0;
        // (classifier: the nearest half-star class, 3.0; thermometer: floor 2 -> 4 ones -> 2.0)
        const double want = mo == "mode=regression" ? g : mo == "mode=classifier" ? 3.0 : 2.0;
        EXPECT_DOUBLE_EQ(m.predict(7, 2), want) << mode;
        EXPECT_DOUBLE_EQ(m.confidence(7, 2), 0.0) << mode;
    }
}

TEST(WnnRegression, LearnsGenreRule) {
    // Genre A items (recent) are loved, genre B items (old) hated, by every user; genre N is noise on random items,
    // so codes vary. Every input bit but N tells A from B, hence every pair of bits (every RAM) does too.
    Dataset ds = make_catalogue(60, {"A", "B", "N"}, 8);
    Rng rng(5);
    for (uint32_t i = 0; i < 60; ++i) {
        ds.items[i].genres = (i % 2 ? 2u : 1u) | (rng.below(2) ? 4u : 0u);
        ds.items[i].year = static_cast<int16_t>(i % 2 ? 1950 + rng.below(20) : 2000 + rng.below(20));
    }
    std::vector<Rating> train;
    for (uint32_t u = 0; u < 8; ++u)
        for (uint32_t i = 0; i < 40; ++i)
            if (rng.below(2)) train.push_back(Rating{u, i, static_cast<uint8_t>(i % 2 ? 2 : 10), 0});
    for (const char* agg : {"mean", "median", "weighted"}) {
        WnnModel m(config(std::string("aggregate=") + agg + " tuple_size=2 ensemble=3 prior=0.5 encoder.year.bits=1 "
                          "encoder.mean.enabled=0 encoder.popularity.enabled=0"));
        m.fit(TrainData{ds, train});
        ASSERT_EQ(m.encoder().bits(), 4u);
        for (uint32_t u = 0; u < 8; ++u)
            for (uint32_t i = 40; i < 60; ++i) {
                const double p = m.predict(u, i);
                if (i % 2) {
                    EXPECT_LT(p, 1.4) << agg << " user " << u << " item " << i;
                } else {
                    EXPECT_GT(p, 4.6) << agg << " user " << u << " item " << i;
                }
            }
    }
}

// Builds two RAMs over four genre bits with a known mapping so that a query item addresses: in RAM 0 the cell
// of two 5-star items, in RAM 1 the cell of one 1-star item. Five more 1-star items touch neither cell.
struct TieSetup {
    Dataset ds;
    uint32_t query = 0;
};

TieSetup tie_setup(const WnnConfig& cfg) {
    TieSetup t;
    t.ds = make_catalogue(9, {"G0", "G1", "G2", "G3"}, 1);
    WnnModel probe(cfg);
    probe.fit(TrainData{t.ds, {}});
    const auto map = probe.network().mapping(0);  // RAM 0 reads map[0..1], RAM 1 reads map[2..3]
    const uint32_t ram0 = (1u << map[0]) | (1u << map[1]), ram1 = (1u << map[2]) | (1u << map[3]);
    t.ds.items[0].genres = ram0 | ram1;  // the query
    t.ds.items[1].genres = ram0;         // X1, X2: rated 5
    t.ds.items[2].genres = ram0;
    t.ds.items[3].genres = ram1;         // Y: rated 1
    // items 4..8: code 0, rated 1
    t.ds.ratings = {Rating{0, 1, 10, 0}, Rating{0, 2, 10, 0}, Rating{0, 3, 2, 0}};
    for (uint32_t i = 4; i < 9; ++i) t.ds.ratings.push_back(Rating{0, i, 2, 0});
    return t;
}

const char* kTieBase = "tuple_size=2 encoder.year.enabled=0 encoder.popularity.enabled=0 encoder.mean.enabled=0 ";

TEST(WnnClassifier, BleachingBreaksATieThatLevelZeroLeaves) {
    const WnnConfig with = config(std::string(kTieBase) + "mode=classifier classes=whole bleaching=1");
    const WnnConfig without = config(std::string(kTieBase) + "mode=classifier classes=whole bleaching=0");
    const TieSetup t = tie_setup(with);
    WnnModel b(with), nb(without);
    b.fit(TrainData{t.ds, t.ds.ratings});
    nb.fit(TrainData{t.ds, t.ds.ratings});
    ASSERT_EQ(b.network().rams(), 2u);
    // b=0: class 5 and class 1 each answer in one RAM. b=1: only class 5's count (2) exceeds 1.
    EXPECT_DOUBLE_EQ(b.predict(0, 0), 5.0);
    EXPECT_DOUBLE_EQ(b.confidence(0, 0), 1.0);
    // Without bleaching the tie goes to the class nearest the user mean (16 half stars / 8 = 1 star).
    EXPECT_DOUBLE_EQ(nb.predict(0, 0), 1.0);
    EXPECT_DOUBLE_EQ(nb.confidence(0, 0), 0.0);
    EXPECT_EQ(b.predict_thermometer(0, 0), -1);
}

TEST(WnnRegression, AggregatesOnKnownCells) {
    // Same cells as the tie setup: RAM 0 holds {5, 5} stars, RAM 1 holds {1}; user mean 2 stars (4 half stars).
    for (auto [params, expected] : std::vector<std::pair<std::string, double>>{
             {"aggregate=mean prior=0", (5.0 + 1.0) / 2},
             {"aggregate=median prior=0", (5.0 + 1.0) / 2},
             {"aggregate=weighted prior=0", 11.0 / 3},
             {"aggregate=mean prior=1", ((20.0 + 4) / 3 + (2.0 + 4) / 2) / 2 / 2},
             {"aggregate=weighted prior=2", (22.0 + 2 * 4) / (3 + 2) / 2},
         }) {
        const WnnConfig c = config(std::string(kTieBase) + "mode=regression " + params);
        const TieSetup t = tie_setup(c);
        WnnModel m(c);
        m.fit(TrainData{t.ds, t.ds.ratings});
        EXPECT_NEAR(m.predict(0, 0), expected, 1e-12) << params;
        EXPECT_DOUBLE_EQ(m.confidence(0, 0), 1.0) << params;  // both addressed cells were written
        // The query shares RAM 0's cell with X1 and X2, RAM 1's with Y, nothing with the code-0 items.
        const std::vector<uint32_t> rated{8, 3, 1, 2, 0};
        const auto shared = m.shared_cells(0, 0, rated);
        const std::vector<std::pair<uint32_t, uint32_t>> want{{0, 2}, {1, 1}, {2, 1}, {3, 1}, {8, 0}};
        EXPECT_EQ(shared, want) << params;
    }
}

TEST(WnnThermometer, CountsOnAToySet) {
    // One user: comedies rated 4.5 (floor 4 -> 8 ones), horror films rated 1.5 (floor 1 -> 2 ones).
    Dataset ds = make_catalogue(40, {"Comedy", "Horror"}, 1);
    for (uint32_t i = 0; i < 40; ++i) ds.items[i].genres = i % 2 ? 2u : 1u;
    std::vector<Rating> train;
    for (uint32_t i = 0; i < 30; ++i) train.push_back(Rating{0, i, static_cast<uint8_t>(i % 2 ? 3 : 9), 0});
    WnnModel m(wnn_preset("paper"));
    m.fit(TrainData{ds, train});
    ASSERT_EQ(m.encoder().bits(), 26u);
    for (uint32_t i = 30; i < 40; ++i) {
        EXPECT_EQ(m.predict_thermometer(0, i), i % 2 ? 2 : 8) << "item " << i;
        EXPECT_DOUBLE_EQ(m.predict(0, i), i % 2 ? 1.0 : 4.0) << "item " << i;
    }
    // A user with no ratings: floor of the global mean (15*4.5 + 15*1.5)/30 = 3 -> 6 ones.
    EXPECT_EQ(m.predict_thermometer(5, 31), 6);
}

TEST(WnnSaveLoad, CorruptOrTruncatedFileThrowsAndLeavesModelUnchanged) {
    const Dataset ds = random_dataset(60, 12, 500, 6);
    WnnModel m(config("ensemble=2"));
    m.fit(TrainData{ds, ds.ratings});
    ByteWriter w;
    m.save(w);
    const std::vector<uint8_t> payload = w.take();

    WnnModel victim(config("mode=thermometer"));
    victim.fit(TrainData{ds, std::span<const Rating>(ds.ratings).first(200)});
    const auto before_bytes = bytes_of(victim);
    const auto before = all_predictions(victim, 12, 60);

    auto load_raw = [&](const std::vector<uint8_t>& b) {
        ByteReader r(b, "model");
        victim.load(r);
    };
    // Every truncation of the payload.
    for (size_t len = 0; len < payload.size(); len += 1 + len / 50) {
        const std::vector<uint8_t> cut(payload.begin(), payload.begin() + static_cast<long>(len));
        EXPECT_THROW(load_raw(cut), FormatError) << "prefix of " << len << " bytes";
    }
    // The last stored rating's value changed to 11 half stars, then to another valid value (tables checksum).
    {
        auto b = payload;
        const size_t hs_at = b.size() - 4 - 1 - 1 - 1;  // ... item delta, hs | table size varint (2 bytes?) | crc
        (void)hs_at;
        // Find the layout exactly: the table section is varint(size) + u32 crc at the very end.
        ByteWriter t;
        t.varint(m.network().dump_tables().size());
        const size_t hs_pos = b.size() - 4 - t.size() - 1;
        ASSERT_GE(b[hs_pos], 1);
        ASSERT_LE(b[hs_pos], 10);
        b[hs_pos] = 11;
        EXPECT_THROW(load_raw(b), FormatError);
        b[hs_pos] = static_cast<uint8_t>(payload[hs_pos] == 10 ? 9 : payload[hs_pos] + 1);
        EXPECT_THROW(load_raw(b), FormatError);
    }
    // Trailing bytes, a config that does not parse, a foreign kind through the container.
    {
        auto b = payload;
        b.push_back(0);
        EXPECT_THROW(load_raw(b), FormatError);
        ByteWriter bad;
        bad.str("tuple_size=99");
        bad.u8(0);
        EXPECT_THROW(load_raw(bad.take()), FormatError);
    }
    auto file = save_model(m);
    file[file.size() / 2] ^= 0x40;
    EXPECT_THROW(load_model(victim, file), FormatError);
    file = save_model(m);
    file.resize(file.size() - 3);
    EXPECT_THROW(load_model(victim, file), FormatError);

    EXPECT_EQ(bytes_of(victim), before_bytes);
    EXPECT_EQ(all_predictions(victim, 12, 60), before);
}

TEST(WnnUsers, NewUserBeyondTheCatalogueLearnsAndPersists) {
    const Dataset ds = random_dataset(50, 10, 400, 8);
    WnnModel m(config("offset=none", "best"));  // the flat fallback chain: user mean, then global mean
    m.fit(TrainData{ds, ds.ratings});
    const uint32_t newbie = 10 + 1000;
    const double g = m.predict(newbie, 0);
    EXPECT_NEAR(g, m.encoder().global_mean(), 1e-12);
    for (uint32_t i = 0; i < 20; ++i) m.learn(Rating{newbie, i, 10, 0});
    EXPECT_GT(m.predict(newbie, 0), 4.5);
    EXPECT_GT(m.predict(newbie, 30), 4.5);  // unrated by the newbie, but all their cells say 5
    WnnModel back;
    load_model(back, save_model(m));
    EXPECT_EQ(back.predict(newbie, 30), m.predict(newbie, 30));
    EXPECT_THROW(m.learn(Rating{WnnNetwork::kMaxUsers, 0, 6, 0}), std::invalid_argument);
    EXPECT_THROW(m.learn(Rating{0, 50, 6, 0}), std::invalid_argument);
    EXPECT_THROW(m.learn(Rating{0, 1, 0, 0}), std::invalid_argument);
    EXPECT_THROW(m.predict(0, 50), std::invalid_argument);
}

TEST(WnnConfigTest, PresetsAndAbsurdConfigsAreRefused) {
    const WnnConfig paper = wnn_preset("paper");
    EXPECT_EQ(paper.encoder.layout, EncoderLayout::Paper);
    EXPECT_EQ(paper.mode, WnnMode::Thermometer);
    EXPECT_EQ(wnn_preset("best").mode, WnnMode::Regression);
    EXPECT_EQ(wnn_preset_names(), (std::vector<std::string>{"paper", "best"}));
    EXPECT_THROW(wnn_preset("nope"), ParamError);
    for (const auto& name : wnn_preset_names()) {
        WnnConfig back;
        apply_params(back, params_to_text(wnn_preset(name)));
        EXPECT_EQ(params_to_text(back), params_to_text(wnn_preset(name)));
    }
    WnnConfig c;
    EXPECT_THROW(apply_params(c, "tuple_size=33"), ParamError);
    EXPECT_THROW(apply_params(c, "ensemble=0"), ParamError);
    EXPECT_THROW(apply_params(c, "mode=quantum"), ParamError);
    EXPECT_THROW(apply_params(c, "encoder.mean.bits=65"), ParamError);
    EXPECT_THROW(apply_params(c, "prior=-1"), ParamError);
    // Built in code past the ranges.
    WnnConfig raw;
    raw.tuple_size = 0;
    EXPECT_THROW(WnnModel{raw}, std::invalid_argument);
    // Forced dense tables of 2^24 cells per RAM: refused before any allocation.
    EXPECT_THROW(WnnModel(config("tables=dense tuple_size=24")), std::invalid_argument);
    try {
        WnnModel m(config("tables=dense tuple_size=24"));
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("MB per user"), std::string::npos) << e.what();
    }
    // No input bits at all.
    const Dataset ds = random_dataset(10, 3, 20, 9);
    WnnModel none(config("encoder.genres=0 encoder.year.enabled=0 encoder.popularity.enabled=0 encoder.mean.enabled=0"));
    EXPECT_THROW(none.fit(TrainData{ds, ds.ratings}), std::invalid_argument);
    // An address table of 6000 items x 64 members x 198 RAMs x 4 bytes (> 256 MB): refused at fit.
    const Dataset big = random_dataset(6000, 3, 10, 10);
    WnnModel huge(config("ensemble=64 tuple_size=1 encoder.year.bits=64 encoder.popularity.bits=64 encoder.mean.bits=64"));
    EXPECT_THROW(huge.fit(TrainData{big, big.ratings}), std::invalid_argument);
    EXPECT_FALSE(huge.fitted());
    EXPECT_THROW(huge.predict(0, 0), std::logic_error);
}

TEST(WnnTables, DenseHashedAndAdaptiveAgree) {
    Dataset ds = random_dataset(300, 20, 1000, 12);
    for (uint32_t i = 0; i < 300; ++i) ds.ratings.push_back(Rating{3, i, static_cast<uint8_t>(1 + i % 10), 0});  // heavy
    ds.ratings.push_back(Rating{20, 0, 4, 0});  // and a light user
    ds.ratings.push_back(Rating{20, 1, 8, 0});
    for (const char* mode : {"mode=regression", "mode=classifier", "mode=thermometer"}) {
        WnnModel d(config(std::string(mode) + " tables=dense tuple_size=5 ensemble=3"));
        WnnModel h(config(std::string(mode) + " tables=hashed tuple_size=5 ensemble=3"));
        WnnModel a(config(std::string(mode) + " tables=auto tuple_size=5 ensemble=3"));
        d.fit(TrainData{ds, ds.ratings});
        h.fit(TrainData{ds, ds.ratings});
        a.fit(TrainData{ds, ds.ratings});
        EXPECT_TRUE(d.network().shape().dense);
        EXPECT_FALSE(h.network().shape().dense);
        EXPECT_FALSE(h.network().shape().adaptive);
        EXPECT_TRUE(a.network().shape().adaptive) << mode;
        EXPECT_TRUE(d.network().user(3)->cells.is_dense());
        EXPECT_FALSE(h.network().user(3)->cells.is_dense());
        EXPECT_TRUE(a.network().user(3)->cells.is_dense()) << mode;   // heavy user switched to dense
        EXPECT_FALSE(a.network().user(20)->cells.is_dense()) << mode;  // light user stayed hashed
        EXPECT_EQ(d.network().dump_tables(), h.network().dump_tables()) << mode;
        EXPECT_EQ(a.network().dump_tables(), h.network().dump_tables()) << mode;
        EXPECT_EQ(all_predictions(d, 20, 300), all_predictions(h, 20, 300)) << mode;
        EXPECT_EQ(all_predictions(a, 20, 300), all_predictions(h, 20, 300)) << mode;
        // Saved files do not depend on the storage.
        WnnModel a2(config(std::string(mode) + " tables=auto tuple_size=5 ensemble=3"));
        load_model(a2, save_model(a));
        EXPECT_EQ(save_model(a2), save_model(a));
    }
}

TEST(WnnRealData, BeatsUserMeanOnMlLatestSmall) {
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset ds = load_ml_latest(wl::test::shared_data("ml-latest-small"));
    // Per-user 80/20 split.
    std::vector<std::vector<Rating>> by(ds.num_users());
    for (const Rating& r : ds.ratings) by[r.user].push_back(r);
    std::vector<Rating> train, test;
    Rng rng(2024);
    for (auto& v : by) {
        rng.shuffle(std::span<Rating>(v));
        const size_t nt = v.size() / 5;
        for (size_t i = 0; i < v.size(); ++i) (i < nt ? test : train).push_back(v[i]);
    }
    std::vector<double> usum(ds.num_users()), ucnt(ds.num_users());
    for (const Rating& r : train) {
        usum[r.user] += r.stars();
        ucnt[r.user] += 1;
    }
    WnnModel m(wnn_preset("best"));
    m.fit(TrainData{ds, train});
    double se_wnn = 0, se_mean = 0;
    for (const Rating& r : test) {
        const double p = m.predict(r.user, r.item);
        ASSERT_GE(p, 0.5);
        ASSERT_LE(p, 5.0);
        se_wnn += (p - r.stars()) * (p - r.stars());
        const double q = usum[r.user] / ucnt[r.user];
        se_mean += (q - r.stars()) * (q - r.stars());
    }
    const double rmse_wnn = std::sqrt(se_wnn / test.size()), rmse_mean = std::sqrt(se_mean / test.size());
    EXPECT_LT(rmse_wnn, rmse_mean - 0.03) << "wnn " << rmse_wnn << " user mean " << rmse_mean;
}

// Genre codes only, one RAM over the 3 bits: items 0 and 1 share code A, item 2 is B, item 3 C, item 4 A|B (never
// rated). Eight ratings summing to 24 stars: mu = 3. With offset_prior=1 every item mean is an exact binary fraction:
// i0 (5+3+4+3)/4 = 3.75, i1 (4.5+3)/2 = 3.75, i2 (2+3)/2 = 2.5, i3 (1+1.5+3+3)/4 = 2.125, i4 3/1 = 3.
Dataset offset_toy() {
    Dataset ds = make_catalogue(5, {"A", "B", "C"}, 3);
    const uint32_t genres[] = {1, 1, 2, 4, 3};
    for (uint32_t i = 0; i < 5; ++i) ds.items[i].genres = genres[i];
    ds.ratings = {Rating{0, 0, 10, 0}, Rating{0, 2, 4, 0}, Rating{0, 3, 2, 0}, Rating{1, 0, 6, 0},
                  Rating{1, 1, 9, 0},  Rating{1, 3, 3, 0}, Rating{2, 0, 8, 0}, Rating{2, 3, 6, 0}};
    return ds;
}

const char* kOffsetToy = "offset=item offset_prior=1 tuple_size=3 encoder.year.enabled=0 encoder.popularity.enabled=0 "
                         "encoder.mean.enabled=0 ";

TEST(WnnOffset, ResidualsOnAToySetMatchHandComputation) {
    const Dataset ds = offset_toy();
    WnnModel m(config(std::string(kOffsetToy) + "prior=1 user_prior=1"));
    m.fit(TrainData{ds, ds.ratings});
    ASSERT_EQ(m.network().rams(), 1u);
    const std::vector<int32_t> base(m.network().item_base().begin(), m.network().item_base().end());
    EXPECT_EQ(base, (std::vector<int32_t>{15360, 15360, 10240, 8704, 12288}));  // the means above x 4096
    // User 0 residuals: i0 5-3.75 = 1.25, i2 2-2.5 = -0.5, i3 1-2.125 = -1.125; offset -0.375 / (3 + 1) = -0.09375.
    // Item 1 addresses code A, which holds i0 only: (1.25 + 1 x -0.09375) / (1 + 1) = 0.578125 on top of 3.75.
    EXPECT_DOUBLE_EQ(m.predict(0, 1), 3.75 + 0.578125);
    EXPECT_DOUBLE_EQ(m.predict(0, 4), 3.0 - 0.09375);  // code A|B: no written cell, the user offset
    // User 1 residuals: -0.75, 0.75, 1.5-2.125 = -0.625: offset -0.625/4; cell A holds i0, i1 (sum 0).
    EXPECT_DOUBLE_EQ(m.predict(1, 2), 2.5 - 0.15625);
    EXPECT_NEAR(m.predict(1, 0), 3.75 + (0.0 - 0.15625) / 3.0, 1e-12);
    // User 2 residuals: 4-3.75 = 0.25, 3-2.125 = 0.875: offset 1.125/3 = 0.375.
    EXPECT_DOUBLE_EQ(m.predict(2, 2), 2.5 + 0.375);
    // Without shrinkage the cell and the offset are plain means.
    WnnModel raw(config(std::string(kOffsetToy) + "prior=0 user_prior=0"));
    raw.fit(TrainData{ds, ds.ratings});
    EXPECT_DOUBLE_EQ(raw.predict(0, 1), 3.75 + 1.25);
    EXPECT_DOUBLE_EQ(raw.predict(0, 4), 3.0 - 0.125);
    // Nobody's ratings: the item baseline itself.
    for (uint32_t i = 0; i < 5; ++i) EXPECT_DOUBLE_EQ(m.predict(9, i), base[i] / 4096.0) << "item " << i;
}

TEST(WnnOffset, NewUserGetsTheItemBaselineFromTrainingRatingsOnly) {
    const Dataset ds = random_dataset(60, 12, 700, 21);
    const std::span<const Rating> train = std::span<const Rating>(ds.ratings).first(500);
    WnnModel m(config("offset=item offset_prior=20", "best")), flat(config("offset=none", "best"));
    m.fit(TrainData{ds, train});
    flat.fit(TrainData{ds, train});
    std::vector<double> sum(60, 0), cnt(60, 0);
    double total = 0;
    for (const Rating& r : train) {
        sum[r.item] += r.stars();
        cnt[r.item] += 1;
        total += r.stars();
    }
    const double mu = total / static_cast<double>(train.size());
    const uint32_t newbie = 12 + 100;
    std::vector<double> seen;
    for (uint32_t i = 0; i < 60; ++i) {
        const double want = (sum[i] + 20 * mu) / (cnt[i] + 20);  // mu + b_i
        const double p = m.predict(newbie, i);
        EXPECT_NEAR(p, want, 0.5 / 4096 + 1e-12) << "item " << i;  // the baseline is kept in 1/4096 stars
        EXPECT_DOUBLE_EQ(p, m.network().item_base()[i] / 4096.0) << "item " << i;
        EXPECT_DOUBLE_EQ(flat.predict(newbie, i), flat.network().global_mean()) << "item " << i;
        if (std::find(seen.begin(), seen.end(), p) == seen.end()) seen.push_back(p);
    }
    EXPECT_GT(seen.size(), 30u);  // item-aware, where offset=none predicts one flat value
    const double lo = *std::min_element(seen.begin(), seen.end()), hi = *std::max_element(seen.begin(), seen.end());
    EXPECT_GT(hi - lo, 0.3);
}

TEST(WnnOffset, ForgetExactlyUndoesLearn) {
    const Dataset ds = random_dataset(80, 15, 900, 22);
    for (const char* extra : {"", "tables=hashed prior=2", "aggregate=median user_prior=0"}) {
        WnnModel m(config(std::string("offset=item ") + extra, "best"));
        m.fit(TrainData{ds, ds.ratings});
        const auto before = bytes_of(m);
        const auto preds = all_predictions(m, 16, 80);
        std::vector<Rating> added;
        for (uint32_t k = 0; k < 12; ++k)  // user 40 is new; the others already have training ratings
            added.push_back(Rating{k % 3 == 0 ? 40u : k % 15, (k * 7) % 80, static_cast<uint8_t>(1 + k % 10), 0});
        for (const Rating& r : added) m.learn(r);
        EXPECT_NE(bytes_of(m), before) << extra;
        EXPECT_NE(all_predictions(m, 16, 80), preds) << extra;
        std::reverse(added.begin(), added.end());
        for (const Rating& r : added) m.forget(r);
        EXPECT_EQ(bytes_of(m), before) << extra;
        EXPECT_EQ(all_predictions(m, 16, 80), preds) << extra;
        EXPECT_EQ(m.network().user(40)->sum_residual, 0) << extra;
        for (uint32_t i = 0; i < 80; ++i) EXPECT_DOUBLE_EQ(m.predict(40, i), m.network().item_base()[i] / 4096.0);
    }
}

TEST(WnnOffset, SaveLoadRoundTripAndRefusals) {
    const Dataset ds = random_dataset(70, 14, 800, 23);
    WnnModel m(config("offset=item prior=0.5 user_prior=3 offset_prior=7", "best"));
    m.fit(TrainData{ds, ds.ratings});
    m.learn(Rating{30, 5, 9, 0});
    const auto file = bytes_of(m);
    WnnModel back;  // offset=none: load must replace the config
    load_model(back, file);
    EXPECT_EQ(back.config_text(), m.config_text());
    EXPECT_EQ(back.config().offset, WnnOffset::Item);
    EXPECT_TRUE(std::equal(back.network().item_base().begin(), back.network().item_base().end(),
                           m.network().item_base().begin(), m.network().item_base().end()));
    EXPECT_EQ(all_predictions(back, 31, 70), all_predictions(m, 31, 70));
    EXPECT_EQ(bytes_of(back), file);

    // A file holds every key of the config (model format 2), whatever the offset.
    auto saved_text = [](const WnnModel& x) {
        ByteWriter w;
        x.save(w);
        const auto b = w.take();
        ByteReader r(b, "model");
        return r.str(8192);
    };
    WnnModel none(config("offset=none offset_prior=9", "best"));
    none.fit(TrainData{ds, ds.ratings});
    EXPECT_NE(saved_text(none).find("offset=none offset_prior=9 user_prior="), std::string::npos);
    EXPECT_NE(saved_text(m).find("offset=item offset_prior=7 user_prior=3"), std::string::npos);
    WnnModel item_model(config("offset=item", "best"));
    load_model(item_model, bytes_of(none));  // an offset=none file read into an offset=item model
    EXPECT_EQ(item_model.config().offset, WnnOffset::None);
    EXPECT_EQ(all_predictions(item_model, 14, 70), all_predictions(none, 14, 70));

    // Item 0's baseline (a 2-byte varint right after the training totals) changed: in range the rebuilt tables no
    // longer match their checksum; below 0.5 stars it is refused outright. Either way the victim is unchanged.
    ByteWriter w;
    m.save(w);
    const auto payload = w.take();
    ByteWriter head;
    head.str(saved_text(m));
    head.u8(1);
    m.encoder().save(head);
    const size_t at = head.size() + 16;
    ASSERT_EQ(payload[at] & 0x80, 0x80);
    ASSERT_EQ(payload[at + 1] & 0x80, 0);
    ASSERT_EQ(payload[at] | ((payload[at + 1] & 0x7F) << 7), m.network().item_base()[0]);
    const auto victim_bytes = bytes_of(none);
    for (auto patch : {std::pair<uint8_t, uint8_t>{static_cast<uint8_t>(payload[at] ^ 1), payload[at + 1]}, {0xC8, 0x01}}) {
        auto b = payload;
        b[at] = patch.first;
        b[at + 1] = patch.second;
        ByteReader r(b, "model");
        EXPECT_THROW(none.load(r), FormatError);
        EXPECT_EQ(bytes_of(none), victim_bytes);
    }
    for (size_t len = head.size(); len < payload.size(); len += 1 + len / 40) {
        ByteReader r(std::span<const uint8_t>(payload).first(len), "model");
        EXPECT_THROW(none.load(r), FormatError) << len;
    }
    EXPECT_EQ(bytes_of(none), victim_bytes);
}

TEST(WnnOffset, ConfigurationsAreCheckedAndOffsetNoneIsUnchanged) {
    EXPECT_EQ(WnnConfig{}.offset, WnnOffset::None);
    EXPECT_EQ(wnn_preset("paper").offset, WnnOffset::None);
    WnnConfig c;
    EXPECT_THROW(apply_params(c, "offset=user"), ParamError);
    EXPECT_THROW(apply_params(c, "offset_prior=-1"), ParamError);
    EXPECT_THROW(apply_params(c, "user_prior=1001"), ParamError);
    EXPECT_THROW(WnnModel(config("offset=item mode=classifier")), std::invalid_argument);
    EXPECT_THROW(WnnModel(config("offset=item", "paper")), std::invalid_argument);
    // Residual cells take a third word (the int64 sum): only with offset=item.
    const Dataset ds = random_dataset(30, 5, 100, 24);
    WnnModel a(config("")), b(config("offset=item"));
    a.fit(TrainData{ds, ds.ratings});
    b.fit(TrainData{ds, ds.ratings});
    EXPECT_EQ(a.network().shape().stride, 2u);
    EXPECT_EQ(b.network().shape().stride, 3u);
    EXPECT_TRUE(a.network().item_base().empty());
    EXPECT_EQ(b.network().item_base().size(), 30u);
}

}  // namespace
}  // namespace wl

namespace wl {
namespace {

// Native and wasm must agree bit for bit: this digest (saved model bytes + every prediction's IEEE bits) is the
// same constant on both. A deliberate change of the encoder, the mappings or the saved form changes it: then
// update the constant from the native run and check the wasm build still matches.
TEST(WnnGolden, DigestIsTheSameOnEveryPlatform) {
    const Dataset ds = random_dataset(200, 30, 3000, 77);
    uint32_t crc = 0;
    for (const char* mode : {"encoder.popularity.kind=uniform encoder.mean.kind=uniform encoder.year.kind=uniform",
                             "aggregate=median prior=1.5 tuple_size=7 ensemble=3", "aggregate=weighted prior=0.3",
                             "mode=classifier ensemble=2", "mode=thermometer tuple_size=20"}) {
        WnnModel m(config(mode));
        m.fit(TrainData{ds, ds.ratings});
        crc = crc32(save_model(m), crc);
        for (uint32_t u = 0; u < 31; ++u)
            for (uint32_t i = 0; i < 200; ++i) {
                const double p = m.predict(u, i);
                uint8_t b[8];
                std::memcpy(b, &p, 8);
                crc = crc32(b, crc);
            }
    }
    WnnModel paper(wnn_preset("paper"));
    paper.fit(TrainData{ds, ds.ratings});
    crc = crc32(save_model(paper), crc);
    EXPECT_EQ(crc, 1805398233u) << "digest";  // model format 2 (every config key saved, encoder.unrated since issue 17)
}

// The same for offset=item (item baselines, residual cells, shrunk user offsets), with odd priors so that the
// divisions do not come out exact.
TEST(WnnGolden, ItemOffsetDigestIsTheSameOnEveryPlatform) {
    const Dataset ds = random_dataset(200, 30, 3000, 78);
    uint32_t crc = 0;
    for (const char* mode : {"offset=item", "offset=item aggregate=median prior=1.5 tuple_size=7 ensemble=3 user_prior=0.3",
                             "offset=item aggregate=weighted prior=0.3 offset_prior=3.7 tuple_size=20"}) {
        WnnModel m(config(mode));
        m.fit(TrainData{ds, std::span<const Rating>(ds.ratings).first(2500)});
        crc = crc32(save_model(m), crc);
        for (uint32_t u = 0; u < 31; ++u)
            for (uint32_t i = 0; i < 200; ++i) {
                const double p = m.predict(u, i);
                uint8_t b[8];
                std::memcpy(b, &p, 8);
                crc = crc32(b, crc);
            }
    }
    EXPECT_EQ(crc, 4111244370u) << "digest";  // model format 2: every config key saved (encoder.unrated since issue 17)
}

}  // namespace
}  // namespace wl
