// The list filter: its rule per movie, the candidates it gathers, and its text form (what the CLI reads).
#include <gtest/gtest.h>

#include <stdexcept>

#include "test_util.hpp"
#include "weightless/eval/list_filter.hpp"

using namespace wl;

namespace {

// Five movies: genres by bit (0 Comedy, 1 Drama, 2 Horror), years, and votes below.
Dataset small() {
    Dataset ds = test::blank_catalogue(1, 5);
    ds.genre_names = {"Comedy", "Drama", "Horror"};
    const uint32_t g[] = {0b001, 0b010, 0b100, 0b011, 0};
    const int16_t y[] = {1994, 1999, 2005, 0, 2019};
    for (uint32_t i = 0; i < 5; ++i) {
        ds.items[i].genres = g[i];
        ds.items[i].year = y[i];
    }
    return ds;
}
const std::vector<uint32_t> kVotes = {50, 3, 0, 20};  // movie 4 past the end: 0 votes

}  // namespace

TEST(ListFilter, EmptyAdmitsEveryMovieButTheExcluded) {
    const Dataset ds = small();
    ListFilter f;
    EXPECT_FALSE(f.restricts());
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(filter_candidates(ds, kVotes, f, {false, true, false, true}), (std::vector<uint32_t>{0, 2, 4}));
}

TEST(ListFilter, GenresIncludeAnyExcludeAll) {
    const Dataset ds = small();
    ListFilter f;
    f.genres = 0b011;  // Comedy or Drama
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0, 1, 3}));
    f.exclude_genres = 0b010;  // ... but not Drama: movie 3 (Comedy|Drama) goes too
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0}));
}

TEST(ListFilter, YearRangeLeavesOutUnknownYears) {
    const Dataset ds = small();
    ListFilter f;
    f.year_from = 1995;
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{1, 2, 4}));
    f.year_to = 2010;
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{1, 2}));
    f.year_from = 0;
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0, 1, 2}));
}

TEST(ListFilter, MinVotesCountsMoviesPastTheVotesAsZero) {
    const Dataset ds = small();
    ListFilter f;
    f.min_votes = 3;
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0, 1, 3}));
    f.min_votes = 21;
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{0}));
}

TEST(ListFilter, OnlyRanksAGivenSetUnderTheSameRules) {
    const Dataset ds = small();
    ListFilter f;
    f.only = {1, 2, 4, 99};  // 99: not a movie of the catalogue, ignored
    EXPECT_EQ(filter_candidates(ds, kVotes, f), (std::vector<uint32_t>{1, 2, 4}));
    f.min_votes = 1;
    EXPECT_EQ(filter_candidates(ds, kVotes, f, {false, true}), (std::vector<uint32_t>{}));
    f.min_votes = 0;
    EXPECT_EQ(filter_candidates(ds, kVotes, f, {false, true}), (std::vector<uint32_t>{2, 4}));
}

TEST(ListFilter, MaskMatchesCandidates) {
    const Dataset ds = small();
    ListFilter f;
    f.genres = 0b101;
    EXPECT_EQ(filter_mask(ds, kVotes, f), (std::vector<uint8_t>{1, 0, 1, 1, 0}));
}

TEST(ListFilter, TextFormReadsBack) {
    const Dataset ds = small();
    const ListFilter f = parse_list_filter(" genres=comedy, Drama ; exclude=Horror;years=1990-1999;min_votes=10", ds.genre_names);
    EXPECT_EQ(f.genres, 0b011u);
    EXPECT_EQ(f.exclude_genres, 0b100u);
    EXPECT_EQ(f.year_from, 1990);
    EXPECT_EQ(f.year_to, 1999);
    EXPECT_EQ(f.min_votes, 10u);
    EXPECT_EQ(list_filter_text(f, ds.genre_names), "genres=Comedy,Drama;exclude=Horror;years=1990-1999;min_votes=10");
    EXPECT_EQ(parse_list_filter(list_filter_text(f, ds.genre_names), ds.genre_names), f);
    EXPECT_EQ(describe_list_filter(f, ds.genre_names),
              "Comedy or Drama, not Horror, 1990\xE2\x80\x93" "1999, at least 10 community ratings");
    const ListFilter open = parse_list_filter("years=2000-", ds.genre_names);
    EXPECT_EQ(open.year_from, 2000);
    EXPECT_EQ(open.year_to, 0);
    EXPECT_EQ(describe_list_filter(open, ds.genre_names), "2000 or later");
    EXPECT_EQ(parse_list_filter("years=1995", ds.genre_names).year_to, 1995);
    EXPECT_EQ(parse_list_filter("", ds.genre_names), ListFilter{});
    EXPECT_EQ(describe_list_filter(ListFilter{}, ds.genre_names), "every movie");
}

TEST(ListFilter, BadTextIsNamed) {
    const Dataset ds = small();
    const auto refused = [&](const char* text, const char* says) {
        try {
            parse_list_filter(text, ds.genre_names);
            ADD_FAILURE() << text << " was accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    refused("genres=Western", "no genre 'Western'");
    refused("years=2000-1990", "2000 is after 1990");
    refused("years=abc", "not a whole number");
    refused("years=-", "at least one side");
    refused("min_votes=-1", "not a whole number");
    refused("colour=red", "unknown filter key 'colour'");
    refused("genres", "not key=value");
    refused("genres=Comedy;exclude=comedy", "both asked for and excluded");
}
