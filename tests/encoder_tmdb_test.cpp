// The paper's 26-bit layout from real TMDB fields (vote average on TMDB's 0-10 scale, original language, vote
// count), and the fallback to the MovieLens proxies when the catalogue has no such fields.
#include <gtest/gtest.h>

#include <algorithm>

#include "weightless/encode/encoder.hpp"

namespace wl {
namespace {

struct Tmdb {
    uint32_t genres;
    int16_t vote_average;
    std::string language;
    int32_t vote_count;
    std::vector<uint32_t> bits;  // the expected ones of the 26-bit code
};

// Paper bit order: drama 0, comedy 1, action 2, romance 3, documentary 4, thriller 5, adventure 6, fantasy 7,
// crime 8, horror 9 | vote average 10..12 | language 13..15 | vote count 16..25.
// Catalogue labels (byte-wise sorted, as the Kaggle loader gives them): Action 0, Comedy 1, Drama 2, Horror 3,
// Science Fiction 4 (not one of the paper's ten).
const std::vector<Tmdb> kCases = {
    {0b00001, 50, "en", 0, {2, 16}},                   // Action -> bit 2; 0.5 -> 000; en 000; 0 votes -> bin 0
    {0b00010, 150, "fr", 150, {1, 12, 15, 17}},           // Comedy; 1.5 -> 001; fr 001; 150 -> bin 1
    {0b01100, 200, "de", 999, {0, 9, 11, 14, 25}},       // Drama+Horror; 2.0 -> 010; de 010; 999 -> bin 9
    {0b10000, 399, "ja", 100000, {11, 12, 14, 15, 25}},  // Sci-Fi has no bit; 3.99 -> 011; ja 011; open last bin
    {0, 400, "it", 899, {10, 11, 12, 13, 24}},           // 4.0 -> 111; it 100; 899 -> bin 8
    {0, 770, "es", Item::kNoVoteCount, {10, 11, 12, 13, 14, 16}},     // 7.7 -> 111; es 110; unknown count -> 0
    {0, Item::kNoVoteAverage, "zh", 100, {13, 14, 15, 17}},           // unknown average -> 0 -> 000; other 111
    {0, 1000, "", 99, {10, 11, 12, 13, 14, 15, 16}},                  // 10.0 -> 111; unknown language -> other
};

Dataset catalogue(bool with_tmdb) {
    Dataset ds;
    ds.name = "tmdb";
    ds.genre_names = {"Action", "Comedy", "Drama", "Horror", "Science Fiction"};
    for (uint32_t i = 0; i < kCases.size(); ++i) {
        Item it{i + 1, "m", 2000, kCases[i].genres};
        if (with_tmdb) it.vote_average = kCases[i].vote_average, it.language = kCases[i].language, it.vote_count = kCases[i].vote_count;
        ds.items.push_back(it);
    }
    ds.user_ids = {1};
    ds.index();
    return ds;
}

EncoderConfig paper() {
    EncoderConfig c;
    c.layout = EncoderLayout::Paper;
    return c;
}

TEST(EncoderTmdb, PaperBitsFromTmdbFields) {
    const Dataset ds = catalogue(true);
    // Training ratings must not matter when TMDB fields are there: 150 ratings of item 0 at 1 star.
    std::vector<Rating> train;
    for (int k = 0; k < 150; ++k) train.push_back({0, 0, 2, 0});
    Encoder enc(paper());
    enc.fit(ds, train);
    ASSERT_EQ(enc.bits(), 26u);
    for (uint32_t i = 0; i < kCases.size(); ++i)
        for (uint32_t k = 0; k < 26; ++k) {
            const bool want = std::find(kCases[i].bits.begin(), kCases[i].bits.end(), k) != kCases[i].bits.end();
            EXPECT_EQ(enc.bit(i, k), want) << "item " << i << " bit " << k;
        }
    const PaperSources s = paper_sources(ds);
    EXPECT_TRUE(s.vote_average && s.language && s.vote_count);
    EXPECT_NE(paper_sources_text(s).find("vote_average: TMDB"), std::string::npos);
}

TEST(EncoderTmdb, FallsBackToMovieLensProxiesWithoutTmdbFields) {
    const Dataset ds = catalogue(false);
    std::vector<Rating> train;
    for (int k = 0; k < 150; ++k) train.push_back({0, 0, 2, 0});  // item 0: mean 1 star, 150 ratings
    Encoder enc(paper());
    enc.fit(ds, train);
    // Item 0: mean 1.0 star -> "001" (not < 1), bin 1 of the training count; language constant 000.
    for (uint32_t k = 10; k < 26; ++k) EXPECT_EQ(enc.bit(0, k), k == 12 || k == 17) << k;
    // Item 1, never rated: the global training mean (1 star) and count 0.
    for (uint32_t k = 10; k < 26; ++k) EXPECT_EQ(enc.bit(1, k), k == 12 || k == 16) << k;
    const PaperSources s = paper_sources(ds);
    EXPECT_FALSE(s.vote_average || s.language || s.vote_count);
    EXPECT_NE(paper_sources_text(s).find("MovieLens proxy"), std::string::npos);

    // Each field falls back on its own: a catalogue with languages only.
    Dataset lang = ds;
    lang.items[1].language = "fr";
    const PaperSources l = paper_sources(lang);
    EXPECT_TRUE(l.language);
    EXPECT_FALSE(l.vote_average || l.vote_count);
    Encoder e2(paper());
    e2.fit(lang, train);
    EXPECT_TRUE(e2.bit(1, 15));                        // fr 001
    EXPECT_TRUE(e2.bit(0, 13) && e2.bit(0, 14) && e2.bit(0, 15));  // unknown -> other 111
    EXPECT_TRUE(e2.bit(0, 17));                        // count still the training proxy
}

}  // namespace
}  // namespace wl
