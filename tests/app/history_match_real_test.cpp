// The history import's title matching on real exports people published (../shared/data/exports, read in place,
// never copied; skipped when absent), against the app's own catalogue (MovieLens 2023): the IMDb ratings file with
// its ids dropped, so every row is matched by title and year as a Letterboxd row is, then checked against the true
// IMDb id; and the Letterboxd titles that the old matcher missed. docs/IMPORT_MATCHING.md has the full figures
// (scripts/match-report.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "app/logic/history_formats.hpp"
#include "app/logic/history_import.hpp"
#include "app_test_util.hpp"
#include "weightless/data/csv.hpp"

namespace wl::app {
namespace {

const std::string kExports = std::string(WL_SHARED_DATA) + "/exports";

const HistoryIndex& app_index() {
    static const HistoryIndex ix(test::app_catalogue());
    return ix;
}

// A real export's rows as strings, by column name.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    size_t col(std::string_view name) const {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) throw std::runtime_error("no column " + std::string(name));
        return static_cast<size_t>(it - header.begin());
    }
};
Table read_table(const std::string& path) {
    const TextFile f = read_text_file(path);
    CsvRecordReader r(f);
    Table t;
    r.next();
    for (auto v : r.fields()) t.header.emplace_back(v);
    while (r.next())
        if (!r.malformed() && r.fields().size() == t.header.size()) t.rows.emplace_back(r.fields().begin(), r.fields().end());
    return t;
}

HistoryPreview parse_text(const std::string& csv) {
    return parse_history(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()), test::app_catalogue(), app_index(), 0);
}

TEST(AppHistoryReal, ImdbFileMatchedByTitleAndYearAloneIsRightOrAsks) {
    const std::string path = kExports + "/imdb-mcanouil/ratings.csv";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
    const Table t = read_table(path);
    const size_t c_const = t.col("Const"), c_title = t.col("Title"), c_year = t.col("Year"), c_type = t.col("Title Type");
    std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n";
    std::vector<std::optional<uint32_t>> truth;
    for (const auto& row : t.rows) {
        const std::string& type = row[c_type];
        if (type != "movie" && type != "tvMovie" && type != "video") continue;
        truth.push_back(app_index().find_imdb(static_cast<uint32_t>(std::stoul(row[c_const].substr(2)))));
        csv += "2020-01-01," + csv_field(row[c_title]) + ',' + row[c_year] + ",u,3\n";
    }
    const HistoryPreview p = parse_text(csv);
    ASSERT_EQ(p.rows.size(), truth.size());
    EXPECT_EQ(p.rows.size(), 3355u);
    size_t known = 0, found = 0, wrong = 0;
    for (size_t k = 0; k < p.rows.size(); ++k) {
        const HistoryRow& r = p.rows[k];
        const bool taken = r.kind == MatchKind::Exact || r.kind == MatchKind::YearOff;
        const bool has = truth[k] && std::find(r.candidates.begin(), r.candidates.end(), *truth[k]) != r.candidates.end();
        known += truth[k].has_value();
        if (taken && !has) ++wrong;
        if ((taken && has) || (r.kind == MatchKind::Ambiguous && has && r.candidates.size() <= 5)) ++found;
        if (taken) {
            EXPECT_EQ(r.candidates.size(), 1u);
        }
        if (r.kind == MatchKind::Ambiguous) {
            EXPECT_EQ(r.chosen, -1) << r.title;  // nothing learned until the person chooses
        }
    }
    // Issue 18's precision target: at most 5 rows (0.15 %) matched to a wrong film without the person's choice. The
    // 5 left are the catalogue's own: two entries of one film, or a link to another film of the same title and year.
    EXPECT_LE(wrong, 5u);
    // Its recall target, 95 % of the films the catalogue has, is not reached: about 400 rows give the title in the
    // film's own language ("Druk", "Adieu les cons") where the catalogue has only the English one ("Another Round"),
    // which no rule on titles can bridge. The matcher finds 85 % (the old one 83 %); this floor keeps it there.
    EXPECT_GE(known, 3172u);
    EXPECT_GE(static_cast<double>(found) / static_cast<double>(known), 0.845) << found << " of " << known;
}

TEST(AppHistoryReal, LetterboxdTitlesFindStarWarsAndItsKin) {
    const std::string path = kExports + "/letterboxd-kleutzinger/watched.csv";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
    // Its titles and years as a Letterboxd ratings file (the matcher is what is tested, not the watched layout).
    const Table t = read_table(path);
    std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n";
    for (const auto& row : t.rows) csv += "2020-01-01," + csv_field(row[t.col("Name")]) + ',' + row[t.col("Year")] + ",u,3\n";
    const HistoryPreview p = parse_text(csv);
    const Dataset& ds = test::app_catalogue();
    const auto match_of = [&](const std::string& title, int32_t year) -> const HistoryRow* {
        for (const auto& r : p.rows)
            if (r.title == title && r.year == year) return &r;
        return nullptr;
    };
    const HistoryRow* sw = match_of("Star Wars", 1977);
    ASSERT_NE(sw, nullptr);
    EXPECT_EQ(sw->kind, MatchKind::Exact);  // "Star Wars: Episode IV - A New Hope (1977)", no longer unmatched
    ASSERT_TRUE(sw->item());
    EXPECT_EQ(ds.items[*sw->item()].id, 260u);
    // Letterboxd's en dash in the prequels' titles is MovieLens' hyphen.
    const HistoryRow* ep1 = match_of("Star Wars: Episode I \xE2\x80\x93 The Phantom Menace", 1999);
    ASSERT_NE(ep1, nullptr);
    ASSERT_TRUE(ep1->item());
    EXPECT_EQ(ds.items[*ep1->item()].id, 2628u);
    // Most of the account's films are found without asking.
    EXPECT_GT(p.count(MatchKind::Exact) + p.count(MatchKind::YearOff), p.rows.size() * 9 / 10);
}

}  // namespace
}  // namespace wl::app
