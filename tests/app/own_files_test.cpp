// Every CSV the app saves reads back through its own history import (docs/DESIGN.md: what the app writes, it reads):
// the ratings export (the same films, stars and days), the list and watchlist exports (the same films, offered as the
// watchlist), and the unmatched rows of an import (the same rows again). Written with the app's own writers over the
// catalogue the app ships, read with parse_history as a picked file is.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/logic/app_state.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/history_unmatched.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

HistoryPreview read_back(const std::string& csv, const Dataset& ds, std::string_view name) {
    static const HistoryIndex app_index(test::app_catalogue());
    const HistoryIndex local(ds);
    const HistoryIndex& ix = &ds == &test::app_catalogue() ? app_index : local;
    return parse_history(std::span(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()), ds, ix, 1'800'000'000, name);
}

// Every film of the app's catalogue rated, at every time of day: the export read back is the same ratings, each
// matched exactly (by its IMDb or TMDB id, so even namesakes of one year), dated the same day.
TEST(AppOwnFiles, RatingsExportOfEveryFilmReadsBackExactly) {
    const Dataset& ds = test::app_catalogue();
    PersonState me;
    for (uint32_t i = 0; i < ds.num_items(); ++i)
        me.ratings[i] = {static_cast<uint8_t>(1 + i % 10), 1'000'000'000 + static_cast<int64_t>(i) * 7'919};
    const HistoryPreview p = read_back(export_history_csv(me, ds), ds, "weightless-ratings.csv");
    EXPECT_EQ(p.format, HistoryFormat::LetterboxdImport);
    EXPECT_EQ(p.malformed, 0u);
    EXPECT_EQ(p.unrated, 0u);
    EXPECT_TRUE(p.marked().empty());
    ASSERT_EQ(p.rows.size(), me.ratings.size());
    EXPECT_EQ(p.count(MatchKind::Exact), me.ratings.size());
    const auto back = p.chosen();
    ASSERT_EQ(back.size(), me.ratings.size());
    size_t differ = 0;
    for (const auto& [item, r] : me.ratings) {
        const auto it = back.find(item);
        if (it == back.end() || it->second.half_stars != r.half_stars || it->second.timestamp != r.timestamp / 86400 * 86400) {
            if (++differ <= 5) ADD_FAILURE() << ds.items[item].title << " did not come back as rated";
        }
    }
    EXPECT_EQ(differ, 0u);
}

// The list export of every film (the recommendations' "Save this list as CSV" writes this layout): a film list,
// each film matched exactly, none rated, all offered as the watchlist.
TEST(AppOwnFiles, ListExportOfEveryFilmReadsBackAsAFilmList) {
    const Dataset& ds = test::app_catalogue();
    std::vector<uint32_t> all(ds.num_items());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const HistoryPreview p = read_back(export_list_csv(all, ds), ds, "weightless-list.csv");
    EXPECT_EQ(p.format, HistoryFormat::ListImport);
    EXPECT_EQ(p.marks, HistoryMark::Watchlist);
    EXPECT_TRUE(history_marks_choosable(p.format));  // the preview lets the person call them seen instead
    EXPECT_EQ(p.malformed, 0u);
    EXPECT_TRUE(p.chosen().empty());
    ASSERT_EQ(p.rows.size(), all.size());
    EXPECT_EQ(p.count(MatchKind::Exact), all.size());
    EXPECT_EQ(p.unrated, all.size());
    for (size_t k = 0; k < all.size(); ++k) {
        ASSERT_EQ(p.rows[k].item(), all[k]) << ds.items[all[k]].title;  // in the file's order, best first
        EXPECT_EQ(p.rows[k].half_stars, 0);
    }
    EXPECT_EQ(p.marked().size(), all.size());
}

// The watchlist saved from the app ("Save your watchlist as CSV") and picked again in a fresh tab: the same films
// back on the watchlist, and nothing rated or seen.
TEST(AppOwnFiles, WatchlistExportImportedIntoAFreshTabIsTheSameWatchlist) {
    const Dataset& ds = test::app_catalogue();
    AppState app(ds, PersonState{}, test::app_items());
    for (const uint32_t id : {1u, 260u, 296u}) app.rate(static_cast<uint32_t>(ds.item_index(id)), 9, 0);
    std::set<uint32_t> wanted;
    for (uint32_t k = 0; k < 40; ++k) wanted.insert((k * 2'713 + 11) % static_cast<uint32_t>(ds.num_items()));
    for (const uint32_t i : wanted) EXPECT_TRUE(app.set_on_watchlist(i, true));
    const std::vector<uint32_t> ranked = app.watchlist_ranked();
    ASSERT_EQ(ranked.size(), wanted.size());
    const HistoryPreview p = read_back(export_list_csv(ranked, ds), ds, "weightless-watchlist.csv");
    EXPECT_EQ(p.format, HistoryFormat::ListImport);
    EXPECT_EQ(p.marks, HistoryMark::Watchlist);
    EXPECT_EQ(p.count(MatchKind::Exact), wanted.size());
    EXPECT_EQ(p.marked(), wanted);
    AppState fresh(ds, PersonState{}, test::app_items());
    EXPECT_EQ(fresh.add_to_watchlist(p.marked()), wanted.size());
    EXPECT_EQ(fresh.person().watchlist, wanted);
    EXPECT_TRUE(fresh.person().ratings.empty());
    EXPECT_TRUE(fresh.person().seen.empty());
    // Named as a watched list (or Letterboxd's own list layout with a "watched" name), the films are seen.
    EXPECT_EQ(read_back(export_list_csv(ranked, ds), ds, "my-watched.csv").marks, HistoryMark::Seen);
}

// The rows an import could not match, saved to be fixed: the same rows read back (title, year, stars, day), the
// unrated ones as the marks they were (the saved name says "watchlist" for a watchlist's rows).
TEST(AppOwnFiles, UnmatchedRowsReadBackAsTheSameRows) {
    const Dataset& ds = test::embedded_catalogue();
    const std::string rated = "Date,Name,Year,Letterboxd URI,Rating\n"
                              "2020-01-04,\"No Such, Film\",2031,u,3.5\n"
                              "2020-02-05,Toy Story,1995,u,4\n"
                              "2021-03-06,\"A \"\"Quoted\"\" Nothing\",,u,\n"
                              "2022-04-07,Nowhere Film,1999,u,0.5\n";
    const std::string wanted = "Date,Name,Year,Letterboxd URI\n"
                               "2020-01-04,\"No Such, Film\",2031,u\n"
                               "2020-02-05,Toy Story,1995,u\n"
                               "2021-03-06,\"A \"\"Quoted\"\" Nothing\",,u\n";
    for (const auto& [csv, name] : {std::pair{rated, "diary.csv"}, std::pair{wanted, "watchlist.csv"}}) {
        const HistoryPreview first = read_back(csv, ds, name);
        ASSERT_GE(first.count(MatchKind::Unmatched), 2u) << name;
        EXPECT_EQ(first.marks, std::string(name) == "watchlist.csv" ? HistoryMark::Watchlist : HistoryMark::Seen);
        const std::string file = first.marks == HistoryMark::Watchlist ? "weightless-unmatched-watchlist.csv" : "weightless-unmatched.csv";
        const HistoryPreview again = read_back(unmatched_history_csv(first), ds, file);
        EXPECT_EQ(again.format, HistoryFormat::LetterboxdImport);
        EXPECT_EQ(again.malformed, 0u);
        EXPECT_EQ(again.marks, first.marks) << name;
        std::vector<const HistoryRow*> was;
        for (const HistoryRow& r : first.rows)
            if (r.kind == MatchKind::Unmatched) was.push_back(&r);
        ASSERT_EQ(again.rows.size(), was.size());
        for (size_t k = 0; k < was.size(); ++k) {
            EXPECT_EQ(again.rows[k].title, was[k]->title);
            EXPECT_EQ(again.rows[k].year, was[k]->year);
            EXPECT_EQ(again.rows[k].half_stars, was[k]->half_stars);
            EXPECT_EQ(again.rows[k].timestamp, was[k]->timestamp);
            EXPECT_EQ(again.rows[k].kind, MatchKind::Unmatched);
        }
    }
}

}  // namespace
}  // namespace wl::app
