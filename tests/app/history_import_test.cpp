// Importing rating histories from MovieLens, IMDb and Letterboxd exports (tests/fixtures/import: made-up ratings
// in the real column layouts), matching them to the embedded catalogue, the CSV export, and hostile input.
#include <gtest/gtest.h>

#include <string>

#include "app/logic/history_import.hpp"
#include "app/logic/import_job.hpp"
#include "app_test_util.hpp"
#include "history_test_util.hpp"
#include "weightless/util/rng.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::item_of;

using test_history::bytes_of;
using test_history::fixture;
using test_history::index;
using test_history::parse;

const HistoryRow* row_titled(const HistoryPreview& p, const std::string& title, int32_t year = 0) {
    for (const auto& r : p.rows)
        if (r.title == title && (!year || r.year == year)) return &r;
    return nullptr;
}
uint32_t id_of(uint32_t item) { return embedded_catalogue().items[item].id; }

TEST(AppHistory, CatalogueCarriesLinksIds) {
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(ds.items[item_of(ds, 1)].imdb_id, 114709u);
    EXPECT_EQ(ds.items[item_of(ds, 1)].tmdb_id, 862u);
    EXPECT_EQ(index().find_imdb(133093), std::optional<uint32_t>(item_of(ds, 2571)));
}

TEST(AppHistory, TitleKeysFoldArticlesAccentsAndAlternates) {
    EXPECT_EQ(main_title("Matrix, The (1999)"), "The Matrix");
    EXPECT_EQ(main_title("Avventura, L' (Adventure, The) (1960)"), "L'Avventura");
    EXPECT_EQ(main_title("Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)"), "Crouching Tiger, Hidden Dragon");
    EXPECT_EQ(HistoryIndex::key("The Matrix"), HistoryIndex::key("Matrix"));
    EXPECT_EQ(HistoryIndex::key("Amélie"), "amelie");
    const Dataset& ds = embedded_catalogue();
    const auto has = [&](const char* title, uint32_t id) {
        const auto v = index().find_title(title);
        return std::find(v.begin(), v.end(), item_of(ds, id)) != v.end();
    };
    EXPECT_TRUE(has("The City of Lost Children", 29));
    EXPECT_TRUE(has("La Cité des enfants perdus", 29));  // the alternate in parentheses, article moved
    EXPECT_TRUE(has("Se7en", 47));                        // "(a.k.a. Se7en)"
    EXPECT_TRUE(has("Léon", 293));
    EXPECT_TRUE(has("Leon: The Professional", 293));
    EXPECT_TRUE(has("L'Avventura", 8195));
}

TEST(AppHistory, MovieLensExportMatchesByMovieId) {
    const HistoryPreview p = parse(fixture("movielens-ratings.csv"));
    EXPECT_EQ(p.format, HistoryFormat::MovieLens);
    EXPECT_EQ(p.count(MatchKind::Exact), 30u);
    EXPECT_EQ(p.count(MatchKind::Unmatched), 2u);  // ids not in the catalogue, listed
    EXPECT_EQ(p.malformed, 4u);                     // id "abc", rating 6.0, empty rating, too few fields
    ASSERT_FALSE(p.problems.empty());
    EXPECT_NE(p.problems[0].find("line 34"), std::string::npos) << p.problems[0];
    const auto chosen = p.chosen();
    EXPECT_EQ(chosen.size(), 30u);
    EXPECT_EQ(chosen.at(item_of(embedded_catalogue(), 2571)).half_stars, 9);  // 4.5 stars
    EXPECT_EQ(chosen.at(item_of(embedded_catalogue(), 8195)).half_stars, 5);
}

TEST(AppHistory, ImdbExportMatchesByConstAndSkipsNonMovies) {
    const HistoryPreview p = parse(fixture("imdb-ratings.csv"));  // BOM and CRLF
    EXPECT_EQ(p.format, HistoryFormat::Imdb);
    // The row typed "Video Game" whose id (tt1772341) the catalogue has as the film Wreck-It Ralph is a film: a row
    // whose id the catalogue has is a film (TitleTypes), whatever its type says.
    EXPECT_EQ(p.not_movies, 4u);
    EXPECT_EQ(p.count(MatchKind::Exact), 31u);
    EXPECT_EQ(p.count(MatchKind::Unmatched), 3u);  // 2023 films
    EXPECT_EQ(p.malformed, 4u);  // rating 11, Const without tt, rating "eight", a cut row
    const auto chosen = p.chosen();
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(chosen.at(item_of(ds, 318)).half_stars, 10);  // IMDb 10 = 5 stars
    EXPECT_EQ(chosen.at(item_of(ds, 8195)).half_stars, 5);  // IMDb 5 = 2.5 stars
    EXPECT_EQ(chosen.at(item_of(ds, 1)).timestamp, 1609804800);  // Date Rated 2021-01-05, midnight UTC
}

TEST(AppHistory, LetterboxdRatingsMatchByTitleAndYear) {
    const HistoryPreview p = parse(fixture("letterboxd-ratings.csv"));
    EXPECT_EQ(p.format, HistoryFormat::Letterboxd);
    const Dataset& ds = embedded_catalogue();
    const auto exact = [&](const char* title, uint32_t id) {
        const HistoryRow* r = row_titled(p, title);
        ASSERT_NE(r, nullptr) << title;
        EXPECT_EQ(r->kind, MatchKind::Exact) << title;
        ASSERT_TRUE(r->item()) << title;
        EXPECT_EQ(id_of(*r->item()), id) << title;
    };
    exact("The Matrix", 2571);
    exact("Amélie", 4973);
    exact("The City of Lost Children", 29);
    exact("Se7en", 47);
    exact("Léon: The Professional", 293);
    exact("Crouching Tiger, Hidden Dragon", 3996);
    exact("Pan's Labyrinth", 48394);
    exact("L'Avventura", 8195);
    exact("Cidade de Deus", 6016);
    exact("Wild Strawberries", 5147);
    exact("The Postman", 1726);  // not 58 "Postman, The (Postino, Il) (1994)": the year decides
    const HistoryRow* toy = row_titled(p, "Toy Story");
    ASSERT_NE(toy, nullptr);
    EXPECT_EQ(toy->kind, MatchKind::YearOff);  // 1996 in the file, 1995 in the catalogue: matched, marked
    EXPECT_EQ(id_of(*toy->item()), 1u);
    for (const char* t : {"Les Misérables", "War of the Worlds", "Emma", "Confessions of a Dangerous Mind"}) {
        const HistoryRow* r = row_titled(p, t);
        ASSERT_NE(r, nullptr) << t;
        EXPECT_EQ(r->kind, MatchKind::Ambiguous) << t;
        EXPECT_GE(r->candidates.size(), 2u) << t;
        EXPECT_FALSE(r->item()) << t;  // nothing is learned until the person chooses
    }
    EXPECT_EQ(p.count(MatchKind::Unmatched), 3u);  // Oppenheimer, Past Lives, Aftersun
    EXPECT_EQ(p.malformed, 4u);  // an unquoted comma, rating 6, year "nineteen", a cut row
    // Two rows (City of God and Cidade de Deus) name one film: one rating.
    const auto chosen = p.chosen();
    EXPECT_EQ(chosen.count(item_of(ds, 6016)), 1u);
    EXPECT_EQ(chosen.size(), p.count(MatchKind::Exact) + p.count(MatchKind::YearOff) - 1);
}

TEST(AppHistory, LetterboxdDiaryKeepsTheLatestRewatchAndCountsUnrated) {
    const HistoryPreview p = parse(fixture("letterboxd-diary.csv"));
    EXPECT_EQ(p.format, HistoryFormat::Letterboxd);
    EXPECT_EQ(p.unrated, 1u);   // Spirited Away logged without a rating
    EXPECT_EQ(p.malformed, 2u); // rating 0, a cut row
    const auto chosen = p.chosen();
    EXPECT_EQ(chosen.at(item_of(embedded_catalogue(), 2571)).half_stars, 10);  // the rewatch (5) wins over 4
    const HistoryRow* lw = row_titled(p, "Little Women", 1994);
    ASSERT_NE(lw, nullptr);
    EXPECT_EQ(lw->kind, MatchKind::Exact);
    const HistoryRow* lw19 = row_titled(p, "Little Women", 2019);
    ASSERT_NE(lw19, nullptr);
    EXPECT_EQ(lw19->kind, MatchKind::Unmatched);
}

TEST(AppHistory, ChoosingAnAmbiguousRowAddsItAndReplacingIsCounted) {
    HistoryPreview p = parse(fixture("letterboxd-ratings.csv"));
    const size_t before = p.chosen().size();
    for (auto& r : p.rows)
        if (r.kind == MatchKind::Ambiguous && r.title == "Emma") r.chosen = 1;
    EXPECT_EQ(p.chosen().size(), before + 1);
    PersonState me;
    me.ratings[item_of(embedded_catalogue(), 2571)] = {4, 1};  // 2 stars; the file says 4.5
    me.ratings[item_of(embedded_catalogue(), 1)] = {8, 1};     // the same 4 stars: not a replacement
    EXPECT_EQ(p.replacing(me), 1u);
}

TEST(AppHistory, ExportRoundTripsThroughTheImporter) {
    const Dataset& ds = embedded_catalogue();
    PersonState me;
    for (uint32_t id : {1u, 2571u, 4973u, 29u, 838u, 26958u, 3996u}) me.ratings[item_of(ds, id)] = {static_cast<uint8_t>(1 + id % 10), 1'600'000'000 + id * 86400};
    const std::string csv = export_history_csv(me, ds);
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "Title,Year,imdbID,tmdbID,Rating,Rating10,WatchedDate");
    EXPECT_NE(csv.find("\"Crouching Tiger, Hidden Dragon\",2000,tt0190332,146,"), std::string::npos) << csv;
    const HistoryPreview p = parse(bytes_of(csv));
    EXPECT_EQ(p.format, HistoryFormat::LetterboxdImport);
    EXPECT_EQ(p.count(MatchKind::Exact), me.ratings.size());  // by imdbID: even the two "Emma (1996)"
    const auto back = p.chosen();
    ASSERT_EQ(back.size(), me.ratings.size());
    for (const auto& [item, r] : me.ratings) {
        EXPECT_EQ(back.at(item).half_stars, r.half_stars);
        EXPECT_EQ(back.at(item).timestamp, r.timestamp / 86400 * 86400);  // the day survives
    }
}

// The list export: Letterboxd's list-import layout, best first, with the same film columns as the ratings export.
TEST(AppHistory, ListExportIsLetterboxdsListLayout) {
    const Dataset& ds = embedded_catalogue();
    const std::vector<uint32_t> list = {item_of(ds, 3996), item_of(ds, 2571), item_of(ds, 1)};
    EXPECT_EQ(export_list_csv(list, ds),
              "Position,Title,Year,imdbID,tmdbID\n"
              "1,\"Crouching Tiger, Hidden Dragon\",2000,tt0190332,146\n"
              "2,The Matrix,1999,tt0133093,603\n"
              "3,Toy Story,1995,tt0114709,862\n");
    EXPECT_EQ(list_text(list, ds), "1. Crouching Tiger, Hidden Dragon (2000)\n2. The Matrix (1999)\n3. Toy Story (1995)\n");
    EXPECT_EQ(export_list_csv({}, ds), "Position,Title,Year,imdbID,tmdbID\n");
}

TEST(AppHistory, ForeignAndBrokenFilesAreNamedErrors) {
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("userId,movieId,rating,timestamp\n1,1,4,5\n")); }).find("not a MovieLens, IMDb or Letterboxd"), std::string::npos);
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("")); }).find("empty"), std::string::npos);
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,\"Open quote,1999,x,4\n")); }).find("broken"), std::string::npos);
    // Not UTF-8: read as Windows-1252 (history_formats_test.cpp), so a bad byte in the rating is a malformed row.
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,X,1999,u,\xff\n")); }).find("malformed"), std::string::npos);
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("Const,Your Rating,Title Type\ntt0903747,9,TV Series\n")); }).find("not films"), std::string::npos);
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("movie_id,rating\nx,y\n")); }).find("malformed"), std::string::npos);
    EXPECT_NE(test::format_error_of([] { parse(bytes_of("WLEX\x01\x00\x00\x00 binary")); }).find("not a"), std::string::npos);
}

TEST(AppHistory, RandomBytesAndCutFilesNeverCrash) {
    const std::vector<uint8_t> good = fixture("letterboxd-diary.csv");
    Rng rng(9);
    for (int k = 0; k < 400; ++k) {
        std::vector<uint8_t> b = good;
        b.resize(static_cast<size_t>(rng.next() % (b.size() + 1)));
        for (int m = 0; m < 3 && !b.empty(); ++m) b[rng.next() % b.size()] = static_cast<uint8_t>(rng.next());
        try {
            parse(b);
        } catch (const FormatError&) {
        }
    }
}

TEST(AppHistory, ImportJobLearnsInSlicesExactlyAsRatingOneByOne) {
    const Dataset& ds = embedded_catalogue();
    const HistoryPreview p = parse(fixture("imdb-ratings.csv"));
    const auto chosen = p.chosen();
    AppState sliced(ds, PersonState{}, test::embedded_items());
    ImportJob job(chosen);
    int steps = 0;
    while (!job.step(sliced, 0.0)) ++steps;  // a zero budget: one rating per slice
    EXPECT_EQ(steps + 1, static_cast<int>(chosen.size()));
    EXPECT_EQ(job.learned(), chosen.size());
    PersonState direct;
    direct.ratings = chosen;
    AppState whole(ds, direct, test::embedded_items());
    EXPECT_EQ(sliced.person().ratings.size(), chosen.size());
    EXPECT_EQ(sliced.predictions_hash(), whole.predictions_hash());
}

}  // namespace
}  // namespace wl::app
