// Item encoder: thresholds, thermometer shape, the paper's 26-bit layout, train-only statistics, save/load.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "test_util.hpp"
#include "weightless/encode/encoder.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// A catalogue of n items without genres or years; users are added as ratings need them.
Dataset make_catalogue(uint32_t n, std::vector<std::string> genres = {}) {
    Dataset ds;
    ds.name = "toy";
    ds.genre_names = std::move(genres);
    for (uint32_t i = 0; i < n; ++i) ds.items.push_back(Item{i + 1, "item " + std::to_string(i), 0, 0});
    return ds;
}

// Gives item `item` `count` ratings of `hs` half stars from users first_user, first_user+1, ...
void rate(Dataset& ds, uint32_t item, uint32_t count, uint8_t hs, uint32_t first_user = 0) {
    for (uint32_t k = 0; k < count; ++k) {
        const uint32_t u = first_user + k;
        while (ds.user_ids.size() <= u) ds.user_ids.push_back(static_cast<uint32_t>(ds.user_ids.size()) + 1);
        ds.ratings.push_back(Rating{u, item, hs, 0});
    }
}

EncoderConfig only(const char* feature, ThresholdKind kind, int32_t bits) {
    EncoderConfig c;
    c.genres = false;
    c.year.enabled = c.popularity.enabled = c.mean.enabled = false;
    ThermometerConfig t{true, bits, kind};
    if (std::string(feature) == "year") c.year = t;
    if (std::string(feature) == "popularity") c.popularity = t;
    if (std::string(feature) == "mean") c.mean = t;
    return c;
}

uint32_t level(const Encoder& e, uint32_t item) {
    uint32_t n = 0;
    for (uint32_t k = 0; k < e.bits(); ++k) n += e.bit(item, k) ? 1 : 0;
    return n;
}

TEST(EncoderThresholds, QuantileGivesEqualBuckets) {
    std::vector<double> v(1000);
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i) * 0.37;
    Rng rng(7);
    rng.shuffle(std::span<double>(v));
    const auto t = quantile_thresholds(v, 9);
    ASSERT_EQ(t.size(), 9u);
    std::vector<int> bucket(10, 0);
    for (double x : v) ++bucket[thermometer_level(x, t)];
    for (int b : bucket) EXPECT_EQ(b, 100);
}

TEST(EncoderThresholds, QuantilePopularityThroughEncoder) {
    // Item i has i+1 training ratings: 100 distinct counts, 4 bits -> 5 buckets of 20 items.
    Dataset ds = make_catalogue(100);
    for (uint32_t i = 0; i < 100; ++i) rate(ds, i, i + 1, 8);
    Encoder e(only("popularity", ThresholdKind::Quantile, 4));
    e.fit(ds, ds.ratings);
    ASSERT_EQ(e.bits(), 4u);
    EXPECT_EQ(e.thresholds().popularity, (std::vector<double>{20, 40, 60, 80}));
    std::map<uint32_t, int> sizes;
    for (uint32_t i = 0; i < 100; ++i) ++sizes[level(e, i)];
    ASSERT_EQ(sizes.size(), 5u);
    for (auto [lvl, n] : sizes) EXPECT_EQ(n, 20) << "level " << lvl;
}

TEST(EncoderThresholds, UniformEvenlySpaced) {
    Dataset ds = make_catalogue(101);
    for (uint32_t i = 0; i < 101; ++i) ds.items[i].year = static_cast<int16_t>(1900 + i);
    ds.items[50].year = 0;  // unknown year: all zeros, and not part of min/max
    Encoder e(only("year", ThresholdKind::Uniform, 4));
    e.fit(ds, {});
    EXPECT_EQ(e.thresholds().year, (std::vector<double>{1920, 1940, 1960, 1980}));
    EXPECT_EQ(level(e, 50), 0u);
    EXPECT_EQ(level(e, 20), 0u);   // 1920 is not > 1920
    EXPECT_EQ(level(e, 21), 1u);
    EXPECT_EQ(level(e, 100), 4u);

    const auto t = uniform_thresholds(1.0, 4.5, 6);
    for (size_t k = 1; k < t.size(); ++k) EXPECT_NEAR(t[k] - t[k - 1], 0.5, 1e-12);
    EXPECT_NEAR(t.front(), 1.5, 1e-12);
    EXPECT_NEAR(t.back(), 4.0, 1e-12);
}

TEST(EncoderThresholds, UniformPopularityIsLogSpacedIntegerCounts) {
    // Counts 1..200: log thresholds at log(200)*{1,2,3}/4 -> counts 3.76, 14.1, 53.2 -> stored as 3, 14, 53.
    Dataset ds = make_catalogue(200);
    for (uint32_t i = 0; i < 200; ++i) rate(ds, i, i + 1, 6);
    Encoder e(only("popularity", ThresholdKind::Uniform, 3));
    e.fit(ds, ds.ratings);
    EXPECT_EQ(e.thresholds().popularity, (std::vector<double>{3, 14, 53}));
    EXPECT_EQ(level(e, 2), 0u);   // 3 ratings
    EXPECT_EQ(level(e, 3), 1u);   // 4 ratings
    EXPECT_EQ(level(e, 199), 3u);
}

TEST(EncoderThresholds, StableLogIsCloseToLog) {
    for (double x : {1e-300, 0.001, 0.5, 1.0, 2.0, 3.0, 10.0, 1234.5, 1e10, 1e300})
        EXPECT_NEAR(stable_log(x), std::log(x), 1e-13 * std::max(1.0, std::fabs(std::log(x)))) << x;
    EXPECT_EQ(stable_log(1.0), 0.0);
    EXPECT_THROW(stable_log(0.0), std::invalid_argument);
    EXPECT_THROW(stable_log(-1.0), std::invalid_argument);
}

// A random catalogue with genres, years and ratings, for layout-independent checks.
Dataset random_catalogue(uint32_t items, uint32_t users, uint32_t ratings, uint64_t seed) {
    Dataset ds = make_catalogue(items, {"Action", "Comedy", "Drama", "Horror", "Romance"});
    Rng rng(seed);
    for (auto& it : ds.items) {
        it.genres = static_cast<uint32_t>(rng.below(32));
        it.year = rng.below(10) == 0 ? 0 : static_cast<int16_t>(1930 + rng.below(90));
    }
    for (uint32_t u = 0; u < users; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < ratings; ++k)
        ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(users)), static_cast<uint32_t>(rng.below(items)),
                                    static_cast<uint8_t>(1 + rng.below(10)), 0});
    return ds;
}

TEST(EncoderLayout, FeaturesThermometersAreMonotone) {
    const Dataset ds = random_catalogue(300, 50, 3000, 3);
    for (ThresholdKind kind : {ThresholdKind::Quantile, ThresholdKind::Uniform}) {
        EncoderConfig c;
        c.year.kind = c.popularity.kind = c.mean.kind = kind;
        c.popularity.bits = 12;
        Encoder e(c);
        e.fit(ds, ds.ratings);
        const auto spans = e.layout();
        ASSERT_EQ(spans.size(), 5u + 3u);
        EXPECT_EQ(spans[0].name, "genre:Action");
        EXPECT_EQ(spans[5].name, "year");
        EXPECT_EQ(spans[6].name, "popularity");
        EXPECT_EQ(spans[6].count, 12u);
        EXPECT_EQ(spans[7].name, "mean");
        EXPECT_EQ(e.bits(), 5u + 8 + 12 + 8);
        std::vector<int> levels_seen(13, 0);
        for (uint32_t i = 0; i < ds.num_items(); ++i) {
            for (size_t s = 5; s < spans.size(); ++s) {
                bool zero_seen = false;
                uint32_t ones = 0;
                for (uint32_t k = 0; k < spans[s].count; ++k) {
                    const bool b = e.bit(i, spans[s].first + k);
                    EXPECT_FALSE(b && zero_seen) << "item " << i << " span " << spans[s].name << " not a thermometer";
                    zero_seen = zero_seen || !b;
                    ones += b;
                }
                if (s == 6) ++levels_seen[ones];
            }
            for (uint32_t g = 0; g < 5; ++g) EXPECT_EQ(e.bit(i, g), ((ds.items[i].genres >> g) & 1u) != 0);
            if (ds.items[i].year == 0) {
                for (uint32_t k = 0; k < 8; ++k) EXPECT_FALSE(e.bit(i, spans[5].first + k));
            }
        }
        // Popularity spreads over many levels (not all items in one bucket).
        EXPECT_GE(std::count_if(levels_seen.begin(), levels_seen.end(), [](int n) { return n > 0; }), 5);
    }
}

TEST(EncoderLayout, UnratedItemsGetZeroPopularityAndGlobalMean) {
    Dataset ds = make_catalogue(10);
    rate(ds, 0, 3, 10);  // 5 stars
    rate(ds, 1, 3, 2);   // 1 star
    rate(ds, 2, 2, 6);   // 3 stars: global mean = (30 + 6 + 12) / 8 / 2 = 3.0
    EncoderConfig c;
    c.genres = false;
    c.year.enabled = false;
    c.popularity.bits = 2;
    c.mean.bits = 2;
    c.mean_prior = 0;
    Encoder e(c);
    e.fit(ds, ds.ratings);
    EXPECT_DOUBLE_EQ(e.global_mean(), 3.0);
    // Rated means are 5, 1, 3: quantile thresholds over 3 values with 2 bits are v[0]=1 and v[1]=3.
    EXPECT_EQ(e.thresholds().mean, (std::vector<double>{1, 3}));
    for (uint32_t i = 3; i < 10; ++i) {
        EXPECT_FALSE(e.bit(i, 0));
        EXPECT_FALSE(e.bit(i, 1));
        EXPECT_TRUE(e.bit(i, 2));   // global mean 3 > 1
        EXPECT_FALSE(e.bit(i, 3));  // 3 is not > 3
    }
    EXPECT_TRUE(e.bit(0, 2) && e.bit(0, 3));
    EXPECT_FALSE(e.bit(1, 2) || e.bit(1, 3));
}

TEST(EncoderLayout, MeanPriorShrinksTowardGlobalMean) {
    Dataset ds = make_catalogue(2);
    rate(ds, 0, 1, 10);   // one 5-star rating
    rate(ds, 1, 9, 6);    // nine 3-star ratings: global mean (10 + 54) / 10 / 2 = 3.2
    EncoderConfig c = only("mean", ThresholdKind::Uniform, 1);
    c.mean_prior = 4;
    Encoder e(c);
    e.fit(ds, ds.ratings);
    // Shrunk means: item 0 (5 + 4*3.2)/5 = 3.56, item 1 (27 + 12.8)/13 = 3.0615...; uniform threshold at the middle.
    const double m0 = (5 + 4 * 3.2) / 5, m1 = (27 + 4 * 3.2) / 13;
    ASSERT_EQ(e.thresholds().mean.size(), 1u);
    EXPECT_NEAR(e.thresholds().mean[0], (m0 + m1) / 2, 1e-12);
}

TEST(EncoderLayout, Paper26BitsExact) {
    // Mixed-case labels in another order than the paper's: matching is by name, case-insensitive.
    Dataset ds = make_catalogue(4, {"horror", "Sci-Fi", "COMEDY", "Drama", "Film-Noir"});
    ds.items[0].genres = (1u << 0) | (1u << 2) | (1u << 1);  // horror, comedy, Sci-Fi (not a paper genre)
    ds.items[1].genres = 1u << 3;                            // drama
    rate(ds, 0, 2, 8);             // 4, 4 and (below) 3 stars -> mean 3.67: bin "<4" = 011; 3 ratings -> count bin 0
    rate(ds, 0, 1, 6, 2);
    rate(ds, 1, 250, 2, 10);       // 250 one-star ratings: mean 1.0 -> bin "<2" = 001; count bin 2
    rate(ds, 2, 1, 1, 500);        // one half-star rating: mean 0.5 -> 000
    EncoderConfig c;
    c.layout = EncoderLayout::Paper;
    Encoder e(c);
    e.fit(ds, ds.ratings);
    ASSERT_EQ(e.bits(), 26u);
    ASSERT_EQ(e.words(), 1u);
    auto bits_of = [&](uint32_t item) {
        std::string s;
        for (uint32_t k = 0; k < 26; ++k) s += e.bit(item, k) ? '1' : '0';
        return s;
    };
    //                genres(10)  vote(3) lang(3) count(10)
    // paper genre order: drama comedy action romance documentary thriller adventure fantasy crime horror
    EXPECT_EQ(bits_of(0), "0100000001" "011" "000" "1000000000");
    EXPECT_EQ(bits_of(1), "1000000000" "001" "000" "0010000000");
    EXPECT_EQ(bits_of(2), "0000000000" "000" "000" "1000000000");
    // Unrated item: global mean (22 + 250*2 + 1) / 254 / 2 = 1.03 -> "<2" = 001, count bin 0.
    EXPECT_EQ(bits_of(3), "0000000000" "001" "000" "1000000000");
    const auto spans = e.layout();
    ASSERT_EQ(spans.size(), 13u);
    EXPECT_EQ(spans[0].name, "genre:drama");
    EXPECT_EQ(spans[10].name, "vote_average");
    EXPECT_EQ(spans[11].name, "language");
    EXPECT_EQ(spans[12].name, "vote_count");
    EXPECT_EQ(spans[12].first, 16u);
}

TEST(EncoderLayout, PaperVoteAverageBinsAndOpenLastCountBin) {
    Dataset ds = make_catalogue(6);
    rate(ds, 0, 1, 1);                 // 0.5 -> 000
    rate(ds, 1, 1, 2);                 // 1.0 -> 001 (not < 1)
    rate(ds, 2, 1, 5);                 // 2.5 -> 010
    rate(ds, 3, 1, 7);                 // 3.5 -> 011
    rate(ds, 4, 1, 8);                 // 4.0 -> 111
    rate(ds, 5, 1234, 10);             // 5.0 -> 111, count 1234 -> last bin
    EncoderConfig c;
    c.layout = EncoderLayout::Paper;
    Encoder e(c);
    e.fit(ds, ds.ratings);
    const char* expect[] = {"000", "001", "010", "011", "111", "111"};
    for (uint32_t i = 0; i < 6; ++i) {
        std::string s;
        for (uint32_t k = 10; k < 13; ++k) s += e.bit(i, k) ? '1' : '0';
        EXPECT_EQ(s, expect[i]) << "item " << i;
    }
    EXPECT_TRUE(e.bit(5, 25));
    EXPECT_FALSE(e.bit(5, 16));
}

TEST(EncoderLeakage, StatisticsComeFromTrainSpanOnly) {
    Dataset ds = random_catalogue(200, 40, 2000, 11);
    const std::vector<Rating> train(ds.ratings.begin(), ds.ratings.begin() + 1500);
    for (EncoderLayout layout : {EncoderLayout::Features, EncoderLayout::Paper}) {
        EncoderConfig c;
        c.layout = layout;
        Encoder a(c), b(c), all(c);
        a.fit(ds, train);
        // Extra "test" ratings in the catalogue (a 5-star flood on item 0) must not change anything.
        Dataset with_test = ds;
        for (uint32_t u = 0; u < 40; ++u) with_test.ratings.push_back(Rating{u, 0, 10, 0});
        for (uint32_t k = 0; k < 300; ++k) with_test.ratings.push_back(Rating{k % 40, 0, 10, 0});
        b.fit(with_test, train);
        EXPECT_TRUE(std::equal(a.codes().begin(), a.codes().end(), b.codes().begin(), b.codes().end()));
        // Whereas training on them does change item 0's code: the check above can fail.
        all.fit(with_test, with_test.ratings);
        EXPECT_FALSE(std::equal(a.code(0).begin(), a.code(0).end(), all.code(0).begin(), all.code(0).end()));
    }
}

TEST(EncoderFit, RejectsRatingsOutsideTheCatalogue) {
    Dataset ds = make_catalogue(3);
    Encoder e;
    const std::vector<Rating> bad_item{Rating{0, 3, 6, 0}};
    EXPECT_THROW(e.fit(ds, bad_item), std::invalid_argument);
    const std::vector<Rating> bad_value{Rating{0, 1, 11, 0}};
    EXPECT_THROW(e.fit(ds, bad_value), std::invalid_argument);
    EXPECT_FALSE(e.fitted());
    EXPECT_THROW(e.bit(0, 0), std::invalid_argument);
}

std::vector<uint8_t> saved(const Encoder& e) {
    ByteWriter w;
    e.save(w);
    return w.take();
}

// The encoder reads one section of a larger file; like the model, parse into a temporary and commit when the
// whole input was consumed.
void load_all(Encoder& e, std::span<const uint8_t> bytes) {
    ByteReader r(bytes, "encoder");
    Encoder tmp;
    tmp.load(r);
    r.expect_done();
    e = std::move(tmp);
}

TEST(EncoderSaveLoad, RoundTrip) {
    const Dataset ds = random_catalogue(150, 30, 1500, 5);
    for (EncoderLayout layout : {EncoderLayout::Features, EncoderLayout::Paper}) {
        EncoderConfig c;
        c.layout = layout;
        c.year.kind = ThresholdKind::Uniform;
        c.mean.bits = 70 - 6;
        Encoder e(c);
        e.fit(ds, ds.ratings);
        const auto bytes = saved(e);
        Encoder back;
        load_all(back, bytes);
        EXPECT_EQ(params_to_text(back.config()), params_to_text(c));
        EXPECT_EQ(back.bits(), e.bits());
        EXPECT_EQ(back.num_items(), e.num_items());
        EXPECT_TRUE(std::equal(e.codes().begin(), e.codes().end(), back.codes().begin(), back.codes().end()));
        EXPECT_EQ(back.thresholds().mean, e.thresholds().mean);
        EXPECT_EQ(back.layout().size(), e.layout().size());
        EXPECT_DOUBLE_EQ(back.global_mean(), e.global_mean());
        EXPECT_EQ(saved(back), bytes);
    }
}

TEST(EncoderSaveLoad, CorruptBytesThrowFormatErrorAndLeaveEncoderUnchanged) {
    const Dataset ds = random_catalogue(60, 20, 600, 9);
    Encoder e;
    e.fit(ds, ds.ratings);
    const auto good = saved(e);

    Encoder victim;
    victim.fit(ds, std::span<const Rating>(ds.ratings).first(100));
    const auto before = saved(victim);

    // Every truncation fails.
    for (size_t len = 0; len < good.size(); ++len) {
        std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<long>(len));
        EXPECT_THROW(load_all(victim, cut), FormatError) << "prefix of " << len << " bytes";
    }
    // A config that does not parse.
    {
        Encoder other(EncoderConfig{});
        ByteWriter w;
        w.str("layout=banana");
        w.u8(0);
        const auto b = w.take();
        EXPECT_THROW(load_all(victim, b), FormatError);
    }
    // Bit count that disagrees with the config (bits field follows config text, fitted flag and item count).
    {
        auto b = good;
        ByteReader r(b);
        r.str();
        const size_t bits_at = b.size() - r.remaining() + 1 + 4;
        b[bits_at] ^= 0x01;
        EXPECT_THROW(load_all(victim, b), FormatError);
    }
    // A bit set beyond the code width (codes are the last bytes; the top byte of the last word).
    {
        auto b = good;
        b.back() |= 0x80;
        EXPECT_THROW(load_all(victim, b), FormatError);
    }
    // Trailing garbage is caught by expect_done.
    {
        auto b = good;
        b.push_back(0);
        EXPECT_THROW(load_all(victim, b), FormatError);
    }
    EXPECT_EQ(saved(victim), before);
}

}  // namespace
}  // namespace wl

namespace wl {
namespace {

// unrated=apart: a film without training ratings (no community data) gets all zeros in popularity and mean, a code no
// rated film has (each rated film's first bit is on), instead of the least rated films' popularity and the global mean.
TEST(EncoderUnrated, ApartGivesFilmsWithoutRatingsACodeOfTheirOwn) {
    Dataset ds = make_catalogue(6);
    rate(ds, 0, 1, 2);  // the least rated film, rated low
    rate(ds, 1, 3, 6);
    rate(ds, 2, 9, 10);
    rate(ds, 3, 20, 8);
    rate(ds, 4, 2, 4);  // item 5: no ratings
    for (const char* feature : {"popularity", "mean"}) {
        EncoderConfig blend = only(feature, ThresholdKind::Quantile, 4), apart = blend;
        apart.unrated = UnratedCode::Apart;
        Encoder b(blend), a(apart);
        b.fit(ds, ds.ratings);
        a.fit(ds, ds.ratings);
        ASSERT_EQ(a.bits(), 4u) << "the same width";
        EXPECT_EQ(level(a, 5), 0u) << feature;
        for (uint32_t i = 0; i < 5; ++i) {
            EXPECT_TRUE(a.bit(i, 0)) << feature << ": a rated film's first bit says the community rated it";
            EXPECT_GE(level(a, i), 1u);
        }
        const auto& t = std::string(feature) == "popularity" ? a.thresholds().popularity : a.thresholds().mean;
        EXPECT_EQ(t.size(), 3u) << "one threshold fewer: the zero level is kept for unrated films";
        // Order among the rated films is kept: more ratings (a higher mean) never gives fewer bits.
        for (uint32_t i = 0; i < 5; ++i)
            for (uint32_t j = 0; j < 5; ++j)
                if (level(b, i) < level(b, j)) {
                    EXPECT_LE(level(a, i), level(a, j)) << feature << " " << i << " " << j;
                }
        // Save and load keep the code and the setting.
        ByteWriter w;
        a.save(w);
        Encoder back;
        ByteReader r(w.data());
        back.load(r);
        EXPECT_EQ(back.config().unrated, UnratedCode::Apart);
        EXPECT_TRUE(std::equal(back.codes().begin(), back.codes().end(), a.codes().begin(), a.codes().end()));
    }
    // blend: the unrated film shares the least rated film's popularity code (what apart exists to avoid).
    Encoder b(only("popularity", ThresholdKind::Quantile, 4));
    b.fit(ds, ds.ratings);
    EXPECT_EQ(level(b, 5), level(b, 0));
    // One bit, apart: the popularity bit is only "the community rated it".
    EncoderConfig one = only("popularity", ThresholdKind::Uniform, 1);
    one.unrated = UnratedCode::Apart;
    Encoder p(one);
    p.fit(ds, ds.ratings);
    EXPECT_TRUE(p.thresholds().popularity.empty());
    for (uint32_t i = 0; i < 6; ++i) EXPECT_EQ(p.bit(i, 0), i < 5);
    // popularity: apart in popularity only; the mean keeps the global mean for the unrated film, as blend does.
    EncoderConfig both = only("popularity", ThresholdKind::Quantile, 4), blend_mean = only("mean", ThresholdKind::Quantile, 4);
    both.mean = blend_mean.mean;
    EncoderConfig pop_only = both;
    pop_only.unrated = UnratedCode::Popularity;
    Encoder eb(both), ep(pop_only);
    eb.fit(ds, ds.ratings);
    ep.fit(ds, ds.ratings);
    EXPECT_EQ(ep.thresholds().popularity.size(), 3u);
    EXPECT_EQ(ep.thresholds().mean, eb.thresholds().mean);
    for (uint32_t k = 4; k < 8; ++k) EXPECT_EQ(ep.bit(5, k), eb.bit(5, k)) << "mean bit " << k;
    for (uint32_t k = 0; k < 4; ++k) EXPECT_FALSE(ep.bit(5, k));
}

}  // namespace
}  // namespace wl
