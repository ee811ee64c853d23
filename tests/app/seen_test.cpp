// A film the person rated or marked seen never appears in their list (the recommendations and the new-films
// section), whichever way it came in: rated here, learned from an imported history, marked seen by an imported
// watched.csv, loaded from the saved state, or adopted from another tab. Also the seen and watchlist marks through
// the three-way merge.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/logic/app_state.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/import_job.hpp"
#include "app/logic/merge.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

// Every item of the list and of the new-films section.
std::set<uint32_t> offered(AppState& app) {
    std::set<uint32_t> s;
    for (const auto& r : app.recommendations()) s.insert(r.item);
    for (const auto& r : app.new_films()) s.insert(r.item);
    return s;
}
void expect_none_offered(AppState& app, const std::set<uint32_t>& items, const char* how) {
    const auto s = offered(app);
    for (uint32_t i : items) EXPECT_FALSE(s.count(i)) << how << ": " << app.dataset().items[i].title;
    EXPECT_EQ(app.recommendations().size(), kTopN) << how;
}

// A Letterboxd watched.csv of these movies, as Letterboxd writes them (main title, year).
std::string watched_csv(const Dataset& ds, const std::set<uint32_t>& items) {
    std::string csv = "Date,Name,Year,Letterboxd URI\n";
    for (uint32_t i : items)
        csv += "2024-01-01,\"" + main_title(ds.items[i].title) + "\"," + (ds.items[i].year ? std::to_string(ds.items[i].year) : "") + ",https://boxd.it/x\n";
    return csv;
}

TEST(AppSeen, RatedOrSeenFilmsNeverAppearInTheList) {
    const Dataset& ds = test::app_catalogue();
    AppState app(ds, PersonState{}, test::app_items());
    for (const uint32_t id : {1u, 260u, 296u, 318u, 2571u}) app.rate(static_cast<uint32_t>(ds.item_index(id)), 9, 0);
    // Rated here.
    expect_none_offered(app, {static_cast<uint32_t>(ds.item_index(260))}, "rated");
    // Learned from an imported history: the top three of the list, rated in an IMDb-style export by id.
    std::map<uint32_t, PersonRating> imported;
    for (size_t k = 0; k < 3; ++k) imported[app.recommendations()[k].item] = {8, 1'600'000'000};
    ImportJob job(imported);
    while (!job.step(app, 5)) {
    }
    std::set<uint32_t> gone;
    for (const auto& [item, r] : imported) gone.insert(item);
    expect_none_offered(app, gone, "imported ratings");
    // Marked seen by an imported watched.csv: everything the list and the section showed.
    const std::set<uint32_t> shown = offered(app);
    const std::string csv = watched_csv(ds, shown);
    const HistoryIndex ix(ds);
    const HistoryPreview p = parse_history(std::span(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()), ds, ix, 0, "watched.csv");
    const std::set<uint32_t> seen = p.marked();
    ASSERT_GE(seen.size(), shown.size() - 3) << "the catalogue's own titles match";  // a few may be ambiguous
    const uint64_t rev = app.revision();
    app.mark_seen(seen);
    EXPECT_GT(app.revision(), rev);
    expect_none_offered(app, seen, "marked seen");
    // A seen film rated and then unrated stays out: it is still seen.
    const uint32_t one = *seen.begin();
    app.rate(one, 4, 2);
    app.unrate(one);
    expect_none_offered(app, {one}, "seen, rated, unrated");
    // Saved and loaded: a new tab's list leaves them out too.
    AppState reloaded(ds, load_person(save_person(app.person(), ds), ds, "saved"), test::app_items());
    EXPECT_EQ(reloaded.person().seen, app.person().seen);
    expect_none_offered(reloaded, seen, "reloaded");
    expect_none_offered(reloaded, gone, "reloaded, imported ratings");
    // Adopted from another tab's saved state.
    AppState other(ds, PersonState{}, test::app_items());
    for (const uint32_t id : {1u, 260u, 296u, 318u, 2571u}) other.rate(static_cast<uint32_t>(ds.item_index(id)), 9, 0);
    PersonState theirs = other.person();
    theirs.seen = seen;
    other.adopt(theirs);
    expect_none_offered(other, seen, "adopted");
}

TEST(AppSeen, WatchlistIsKeptSavedAndForgotten) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, PersonState{}, test::embedded_items());
    app.add_to_watchlist({3, 4, static_cast<uint32_t>(ds.num_items()) + 5});  // the last is no movie: skipped
    EXPECT_EQ(app.person().watchlist, (std::set<uint32_t>{3, 4}));
    EXPECT_EQ(load_person(save_person(app.person(), ds), ds, "saved").watchlist, app.person().watchlist);
    app.forget_everything();
    EXPECT_TRUE(app.person().watchlist.empty());
}

TEST(AppSeen, SeenAndWatchlistMarksMergeKeyByKey) {
    PersonState base, mine, theirs;
    base.seen = {1, 2};
    mine.seen = {1, 2, 3};  // marked 3
    theirs.seen = {2};      // unmarked 1
    base.watchlist = {7};
    mine.watchlist = {};   // removed 7
    theirs.watchlist = {7, 8};
    mine.ratings[2] = {8, 1};  // rating a seen film keeps it seen
    const PersonState m = merge_person(base, mine, theirs);
    EXPECT_EQ(m.seen, (std::set<uint32_t>{2, 3}));
    EXPECT_EQ(m.watchlist, (std::set<uint32_t>{8}));
}

}  // namespace
}  // namespace wl::app

namespace wl::app {
namespace {

// "Not interested": the film leaves the list and the new-films section at once, comes back on undo, is saved in
// WLAP v3 and merged key by key like the other marks.
TEST(AppHidden, NotInterestedLeavesTheListUndoBringsItBack) {
    const Dataset& ds = test::embedded_catalogue();
    PersonState p;
    p.ratings[test::item_of(ds, 1)] = {9, 1};
    p.ratings[test::item_of(ds, 318)] = {10, 2};
    AppState app(ds, p, test::embedded_items());
    const auto top = app.recommendations();
    ASSERT_FALSE(top.empty());
    const uint32_t first = top.front().item;
    const uint64_t rev = app.revision();
    app.set_hidden(first, true);
    EXPECT_GT(app.revision(), rev) << "a mark the person saves";
    for (const auto& r : app.recommendations()) EXPECT_NE(r.item, first);
    EXPECT_EQ(app.recommendations().front().item, top[1].item) << "the rest of the list moves up";
    const PersonState saved = load_person(save_person(app.person(), ds), ds, "saved state");
    EXPECT_EQ(saved.hidden, std::set<uint32_t>{first});
    app.set_hidden(first, false);
    EXPECT_EQ(app.recommendations().front().item, first) << "undo puts it back where it was";
    EXPECT_TRUE(load_person(save_person(app.person(), ds), ds, "saved state").hidden.empty());
}

}  // namespace
}  // namespace wl::app
