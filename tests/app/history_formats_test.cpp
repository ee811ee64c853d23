// The layouts of history exports (history_formats.hpp): a localised IMDb export, IMDb's watchlist, Letterboxd's
// watched / watchlist files, a spreadsheet's ";" re-save, Windows-1252 bytes, UTF-16 (tests/fixtures/import: made-up
// rows in the real layouts), and every real export of ../shared/data/exports against the app's 2023 catalogue.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "app/logic/app_state.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/history_unmatched.hpp"
#include "app/logic/import_job.hpp"
#include "app_test_util.hpp"
#include "history_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::item_of;

using test_history::bytes_of;
using test_history::fixture;
using test_history::index;
using test_history::parse;
const HistoryRow* row_titled(const HistoryPreview& p, const std::string& title) {
    for (const auto& r : p.rows)
        if (r.title == title) return &r;
    return nullptr;
}

// IMDb's Italian site: the English header, the title types in Italian. Films are read whatever the word: the
// catalogue's ids say "Film" is the word for a film, so a "Film" the catalogue lacks is listed as unmatched; a
// "Serie TV", "Episodio TV", "Videogioco" or "Speciale TV" the catalogue lacks is not a film.
TEST(AppHistoryFormats, ItalianImdbExportReadsItsFilms) {
    const HistoryPreview p = parse(fixture("imdb-ratings-it.csv"));  // CRLF
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(p.format, HistoryFormat::Imdb);
    EXPECT_EQ(p.malformed, 0u);
    for (const char* film : {"Le ali della libertà", "La vita è bella", "Nuovo Cinema Paradiso", "Pulp Fiction", "Matrix",
                             "Il silenzio degli innocenti", "Il padrino - Parte II", "La parola ai giurati", "I sette samurai",
                             "Forrest Gump"}) {
        const HistoryRow* r = row_titled(p, film);
        ASSERT_NE(r, nullptr) << film;
        EXPECT_EQ(r->kind, MatchKind::Exact) << film;
    }
    EXPECT_EQ(p.chosen().at(item_of(ds, 318)).half_stars, 10);
    const HistoryRow* fresh = row_titled(p, "Un film del 2024");
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(fresh->kind, MatchKind::Unmatched);
    for (const char* other : {"Breaking Bad - Reazioni collaterali", "Gomorra - La serie", "The Wire", "Episodio pilota",
                              "Ralph Spaccatutto: il gioco", "Uno speciale"})
        EXPECT_EQ(row_titled(p, other), nullptr) << other;
    // "Corto" and "Mini serie TV": films exactly when the catalogue has the id.
    EXPECT_EQ(row_titled(p, "Paperman") != nullptr, index().find_imdb(2149175).has_value());
    EXPECT_EQ(row_titled(p, "Band of Brothers - Fratelli al fronte") != nullptr, index().find_imdb(185906).has_value());
    EXPECT_EQ(p.rows.size() + p.not_movies, 19u);
}

TEST(AppHistoryFormats, TitleTypesTrustTheCatalogueThenTheWords) {
    TitleTypes t;
    for (int k = 0; k < 3; ++k) t.add("Film", true);
    t.add("Film", false);
    t.add("Serie TV", false);
    t.add("Serie TV", true);  // a miniseries MovieLens lists
    t.add("Serie TV", false);
    EXPECT_TRUE(t.is_film("Film", false));       // 3 of 4 rows of this word are catalogue films
    EXPECT_FALSE(t.is_film("Serie TV", false));  // 1 of 3
    EXPECT_TRUE(t.is_film("Serie TV", true));    // the id decides first
    EXPECT_TRUE(t.is_film("tvMovie", false));
    EXPECT_TRUE(t.is_film("TV Movie", false));
    EXPECT_FALSE(t.is_film("TV Series", false));
    EXPECT_FALSE(t.is_film("short", false));
    EXPECT_FALSE(t.is_film("Kurzfilm", false));  // a word this file never shows on a catalogue film
    EXPECT_TRUE(t.is_film("", false));           // no type column: a film
}

TEST(AppHistoryFormats, ImdbWatchlistMarksTheWatchlist) {
    const HistoryPreview p = parse(fixture("imdb-watchlist.csv"));
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(p.format, HistoryFormat::ImdbList);
    EXPECT_EQ(p.marks, HistoryMark::Watchlist);
    EXPECT_TRUE(p.chosen().empty());  // nothing to learn
    EXPECT_EQ(p.not_movies, 1u);      // the series
    EXPECT_EQ(p.unrated, 4u);
    const auto m = p.marked();
    EXPECT_EQ(m, (std::set<uint32_t>{item_of(ds, 1), item_of(ds, 2959), item_of(ds, 4973)}));
    EXPECT_EQ(p.count(MatchKind::Unmatched), 1u);  // the 2025 film
}

TEST(AppHistoryFormats, LetterboxdWatchedAndWatchlistShareALayoutAndTheNameTells) {
    const std::string csv = "Date,Name,Year,Letterboxd URI\n2019-05-21,The Matrix,1999,https://boxd.it/1\n"
                            "2019-05-22,Se7en,1995,https://boxd.it/2\n";
    const HistoryPreview seen = parse(bytes_of(csv), "watched.csv");
    EXPECT_EQ(seen.format, HistoryFormat::LetterboxdList);
    EXPECT_EQ(seen.marks, HistoryMark::Seen);
    EXPECT_EQ(seen.marked().size(), 2u);
    EXPECT_TRUE(seen.chosen().empty());
    EXPECT_EQ(parse(bytes_of(csv), "letterboxd-me-2024/watchlist.csv").marks, HistoryMark::Watchlist);
    EXPECT_EQ(parse(bytes_of(csv), "").marks, HistoryMark::Seen);
}

TEST(AppHistoryFormats, DiaryEntriesLoggedUnratedMarkTheFilmSeen) {
    const HistoryPreview p = parse(fixture("letterboxd-diary.csv"));
    const HistoryRow* r = row_titled(p, "Spirited Away");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->half_stars, 0);
    ASSERT_TRUE(r->item());
    EXPECT_TRUE(p.marked().count(*r->item()));
    EXPECT_FALSE(p.chosen().count(*r->item()));
}

TEST(AppHistoryFormats, SpreadsheetSemicolonResaveReads) {
    const HistoryPreview p = parse(fixture("letterboxd-ratings-semicolon.csv"));  // ";", "4,5", CRLF
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(p.separator, ';');
    EXPECT_EQ(p.malformed, 0u);
    ASSERT_EQ(p.rows.size(), 4u);
    const auto c = p.chosen();
    EXPECT_EQ(c.at(item_of(ds, 2571)).half_stars, 9);  // "4,5"
    EXPECT_EQ(c.at(item_of(ds, 3996)).half_stars, 6);  // "Crouching Tiger, Hidden Dragon": its comma is no separator
    EXPECT_EQ(c.at(item_of(ds, 4973)).half_stars, 10);
}

TEST(AppHistoryFormats, Windows1252BytesAreReadAsSuchAndSaid) {
    const HistoryPreview p = parse(fixture("letterboxd-ratings-cp1252.csv"));
    const Dataset& ds = embedded_catalogue();
    EXPECT_TRUE(p.windows1252);
    ASSERT_EQ(p.rows.size(), 3u);
    EXPECT_EQ(p.rows[0].title, "Am\xC3\xA9lie");
    EXPECT_EQ(p.rows[2].title, "Pan\xE2\x80\x99s Labyrinth");  // 0x92: the curly apostrophe
    EXPECT_EQ(p.chosen().at(item_of(ds, 4973)).half_stars, 10);
    EXPECT_EQ(p.chosen().at(item_of(ds, 293)).half_stars, 8);
    EXPECT_FALSE(parse(fixture("letterboxd-ratings.csv")).windows1252);
}

TEST(AppHistoryFormats, Utf16AndUnknownLayoutsAreRefusedByName) {
    EXPECT_NE(test::format_error_of([] { parse(bytes_of(std::string("\xFF\xFE" "D\0a\0", 6))); }).find("UTF-16"), std::string::npos);
    const std::string msg = test::format_error_of([] { parse(bytes_of("Titolo;Voto\nMatrix;4\n")); });
    EXPECT_NE(msg.find("Titolo;Voto"), std::string::npos) << msg;  // names its first line
    EXPECT_NE(msg.find("Letterboxd URI"), std::string::npos) << msg;
}

// Every real export of ../shared/data/exports imports against the app's own catalogue (MovieLens 2023).
std::vector<uint8_t> shared_export(const std::string& rel) {
    const std::string path = std::string(WL_SHARED_DATA) + "/exports/" + rel;
    if (!std::filesystem::exists(path)) return {};
    return read_file_bytes(path);
}

TEST(AppHistoryFormats, EverySharedExportImports) {
    const std::string dir = std::string(WL_SHARED_DATA) + "/exports";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
    const Dataset& ds = test::app_catalogue();
    const HistoryIndex ix(ds);
    const auto read = [&](const std::string& rel) {
        const auto b = shared_export(rel);
        return parse_history(b, ds, ix, 1'700'000'000, std::filesystem::path(rel).filename().string());
    };
    const HistoryPreview imdb = read("imdb-mcanouil/ratings.csv");
    EXPECT_EQ(imdb.format, HistoryFormat::Imdb);
    EXPECT_EQ(imdb.malformed, 0u);
    EXPECT_GT(imdb.chosen().size(), 3000u);  // 3,172 of its film rows are catalogue films
    EXPECT_GT(imdb.not_movies, 0u);
    const HistoryPreview ratings = read("letterboxd-patrickmjones/ratings.csv");
    EXPECT_EQ(ratings.format, HistoryFormat::Letterboxd);
    EXPECT_EQ(ratings.rows.size(), 5u);
    const HistoryPreview diary = read("letterboxd-patrickmjones/diary.csv");
    EXPECT_EQ(diary.rows.size(), 2132u);
    EXPECT_GT(diary.marked().size(), 1000u);  // mostly logged unrated: marked seen
    for (const char* w : {"letterboxd-patrickmjones/watched.csv", "letterboxd-kleutzinger/watched.csv"}) {
        const HistoryPreview p = read(w);
        EXPECT_EQ(p.format, HistoryFormat::LetterboxdList) << w;
        EXPECT_EQ(p.marks, HistoryMark::Seen) << w;
        EXPECT_GT(p.marked().size(), p.rows.size() / 2) << w;
        EXPECT_TRUE(p.chosen().empty()) << w;
    }
    const HistoryPreview watchlist = read("letterboxd-patrickmjones/watchlist.csv");
    EXPECT_EQ(watchlist.marks, HistoryMark::Watchlist);
    EXPECT_EQ(watchlist.rows.size(), 805u);
    EXPECT_GT(watchlist.marked().size(), 400u);
}

}  // namespace
}  // namespace wl::app

namespace wl::app {
namespace {

// The CSV export writes the day each rating was given: an imported rating keeps the date its file gave, through
// learning and the export, and a diary row whose "Watched Date" is not a date is dated by its "Date" (the day it was
// logged), not by the day of the import.
TEST(AppHistoryFormats, ImportedDatesReachTheCsvExport) {
    const Dataset& ds = test::embedded_catalogue();
    const std::string diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                              "2021-03-26,The Usual Suspects,1995,https://boxd.it/a,4.5,,,not a date\n"
                              "2021-03-27,Heat,1995,https://boxd.it/b,4,,,\n"
                              "2021-03-28,Alien,1979,https://boxd.it/c,4,,,2019-07-04\n";
    const HistoryPreview p = parse(bytes_of(diary));
    AppState app(ds, PersonState{}, test::embedded_items());
    ImportJob job(p.chosen());
    while (!job.step(app, 5)) {
    }
    const std::string csv = export_history_csv(app.person(), ds);
    EXPECT_NE(csv.find("The Usual Suspects,1995,tt0114814,629,4.5,9,2021-03-26\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("Heat,1995,tt0113277,949,4.0,8,2021-03-27\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("Alien,1979,tt0078748,348,4.0,8,2019-07-04\n"), std::string::npos) << csv;
    EXPECT_EQ(csv.find("2023-11-14"), std::string::npos) << "the import's day (1,700,000,000 s) dates nothing: " << csv;
}

}  // namespace
}  // namespace wl::app

namespace wl::app {
namespace {

// The unmatched rows as a CSV the person keeps, which this importer reads back (Letterboxd's import layout).
TEST(AppHistoryFormats, UnmatchedRowsSaveAsACsvThatReadsBack) {
    const std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n2020-01-03,The Matrix,1999,u,4.5\n"
                            "2020-01-04,\"No Such Film, Really\",2031,u,3.5\n2020-01-05,Another Unknown,,u,\n";
    const HistoryPreview p = parse(bytes_of(csv));
    const std::string out = unmatched_history_csv(p);
    EXPECT_EQ(out, "Title,Year,Rating,WatchedDate,Line\n\"No Such Film, Really\",2031,3.5,2020-01-04,3\nAnother Unknown,,,2020-01-05,4\n");
    const HistoryPreview back = parse(bytes_of(out));
    EXPECT_EQ(back.format, HistoryFormat::LetterboxdImport);
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0].title, "No Such Film, Really");
    EXPECT_EQ(back.rows[0].half_stars, 7);
    EXPECT_EQ(back.unrated, 1u);
}

}  // namespace
}  // namespace wl::app
