// The watchlist (issue 20): "From your watchlist" ranks the person's watchlist by the same model, filter and top-N path
// as their list (ListFilter::only), with the same stars and reasons; the filter applies and the page can say how many
// films it leaves out; a film rated or seen comes off the watchlist, in this tab, from a file and across tabs; the
// export file keeps it; the CSV export is the list writer over the whole watchlist, best first.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/merge.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::item_of;

// Five well-known films rated high: a person the list knows something about.
PersonState rater(const Dataset& ds) {
    PersonState p;
    int64_t t = 1;
    for (const uint32_t id : {1u, 260u, 296u, 318u, 2571u}) p.ratings[item_of(ds, id)] = {9, t++};
    return p;
}

std::vector<uint32_t> items_of(const std::vector<Recommendation>& recs) {
    std::vector<uint32_t> v;
    for (const auto& r : recs) v.push_back(r.item);
    return v;
}

// Films with community ratings, none of them rated: every 37th of the catalogue from `from`, `n` of them.
std::set<uint32_t> some_films(AppState& app, size_t n, uint32_t from = 11) {
    std::set<uint32_t> s;
    for (uint32_t i = from; i < app.dataset().num_items() && s.size() < n; i += 37)
        if (app.view().votes(i) > 0 && !app.rating_of(i)) s.insert(i);
    return s;
}

TEST(AppWatchlist, TheViewRanksTheWatchlistByTheListsModel) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    const std::vector<Recommendation> for_you = app.recommendations();
    ASSERT_EQ(for_you.size(), kTopN);
    std::set<uint32_t> wl = some_films(app, 12);
    wl.insert(for_you[2].item);
    wl.insert(for_you[7].item);
    const uint32_t rated = item_of(ds, 1);
    std::set<uint32_t> asked = wl;
    asked.insert(rated);
    EXPECT_EQ(app.add_to_watchlist(asked), wl.size()) << "a rated film is not put on the watchlist";
    EXPECT_EQ(app.person().watchlist, wl);
    EXPECT_EQ(items_of(app.recommendations()), items_of(for_you)) << "the list is still 'For you'";

    app.set_list_scope(ListScope::Watchlist);
    const auto& recs = app.recommendations();
    ASSERT_EQ(recs.size(), wl.size()) << "the whole watchlist: its films are fewer than the list's length";
    const std::vector<uint32_t> order = items_of(recs);
    EXPECT_EQ(std::set<uint32_t>(order.begin(), order.end()), wl);
    for (size_t k = 1; k < recs.size(); ++k) EXPECT_GE(recs[k - 1].score, recs[k].score) << "best first";
    // The same model scores the same film the same in both views: its stars, its score, its reasons.
    for (const size_t k : {size_t{2}, size_t{7}}) {
        const auto it = std::find_if(recs.begin(), recs.end(), [&](const Recommendation& r) { return r.item == for_you[k].item; });
        ASSERT_NE(it, recs.end());
        EXPECT_EQ(it->score, for_you[k].score);
        EXPECT_EQ(it->stars, for_you[k].stars);
        EXPECT_EQ(it->why.size(), for_you[k].why.size());
        EXPECT_FALSE(it->why.empty());
    }
    const auto pos = [&](uint32_t item) { return std::find(order.begin(), order.end(), item) - order.begin(); };
    EXPECT_LT(pos(for_you[2].item), pos(for_you[7].item)) << "the list's order among the watchlist's films";
    EXPECT_EQ(pos(for_you[2].item), 0) << "the list's #3 beats every other film of this watchlist";
    // The whole watchlist ranked (the export) is the view's order.
    EXPECT_EQ(app.watchlist_ranked(), order);
    app.set_list_scope(ListScope::ForYou);
    EXPECT_EQ(items_of(app.recommendations()), items_of(for_you));
}

TEST(AppWatchlist, TheFilterAppliesAndTheViewCountsWhatItLeavesOut) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    const std::set<uint32_t> wl = some_films(app, 40);
    app.add_to_watchlist(wl);
    const uint32_t comedy = genre_bit("Comedy", ds.genre_names, "test");
    size_t comedies = 0;
    for (uint32_t i : wl) comedies += (ds.items[i].genres & comedy) != 0;
    ASSERT_GT(comedies, 0u);
    ASSERT_LT(comedies, wl.size());
    ListFilter f;
    f.genres = comedy;
    app.set_list_filter(f);
    EXPECT_EQ(app.watchlist_filtered_out(), 0u) << "only the watchlist view counts";
    app.set_list_scope(ListScope::Watchlist);
    EXPECT_EQ(app.watchlist_filtered_out(), wl.size() - comedies);
    EXPECT_EQ(app.recommendations().size(), std::min(comedies, kTopN));
    for (const auto& r : app.recommendations()) {
        EXPECT_TRUE(wl.count(r.item));
        EXPECT_TRUE(ds.items[r.item].genres & comedy);
    }
    EXPECT_EQ(app.watchlist_ranked().size(), wl.size()) << "the export is the whole watchlist, whatever the filter";
    app.set_list_filter({});
    EXPECT_EQ(app.watchlist_filtered_out(), 0u);
    // Show more: 20, then the rest.
    EXPECT_EQ(app.recommendations().size(), kTopN);
    app.show_more();
    EXPECT_EQ(app.recommendations().size(), wl.size());
}

TEST(AppWatchlist, AnEmptyWatchlistListsNothingAndAChangeReRanksAtOnce) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    app.set_list_scope(ListScope::Watchlist);
    EXPECT_TRUE(app.recommendations().empty()) << "an empty watchlist is not the whole catalogue";
    const uint32_t a = app.dataset().num_items() / 3, b = a + 1;
    uint64_t rev = app.revision();
    EXPECT_TRUE(app.set_on_watchlist(a, true));
    EXPECT_GT(app.revision(), rev) << "saved";
    EXPECT_EQ(items_of(app.recommendations()), std::vector<uint32_t>{a});
    EXPECT_GE(app.last_list_ms(), 0.0) << "timed like a filter change";
    EXPECT_FALSE(app.set_on_watchlist(a, true)) << "already on it";
    EXPECT_TRUE(app.set_on_watchlist(b, true));
    EXPECT_EQ(app.recommendations().size(), 2u);
    rev = app.revision();
    EXPECT_TRUE(app.set_on_watchlist(a, false));
    EXPECT_GT(app.revision(), rev);
    EXPECT_EQ(items_of(app.recommendations()), std::vector<uint32_t>{b});
    EXPECT_FALSE(app.set_on_watchlist(static_cast<uint32_t>(ds.num_items()), true)) << "no such movie";
}

// Rating a film is watching it: it comes off the watchlist (as a logged film leaves Letterboxd's), and so does a film
// marked seen; neither is put on it; taking the rating back does not put it back.
TEST(AppWatchlist, RatedOrSeenFilmsComeOffTheWatchlist) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    const std::set<uint32_t> wl = some_films(app, 6);
    app.add_to_watchlist(wl);
    app.set_list_scope(ListScope::Watchlist);
    auto it = wl.begin();
    const uint32_t rated = *it++, imported = *it++, seen = *it++;
    app.rate(rated, 8, 10);
    EXPECT_FALSE(app.on_watchlist(rated));
    for (const auto& r : app.recommendations()) EXPECT_NE(r.item, rated) << "the view loses it at once";
    app.unrate(rated);
    EXPECT_FALSE(app.on_watchlist(rated)) << "removing the rating does not put it back";
    app.learn_imported(imported, {7, 11});
    EXPECT_FALSE(app.on_watchlist(imported));
    app.mark_seen({seen});
    EXPECT_FALSE(app.on_watchlist(seen));
    EXPECT_FALSE(app.set_on_watchlist(seen, true)) << "a seen film is not put on it";
    EXPECT_FALSE(app.set_on_watchlist(item_of(ds, 260), true)) << "nor a rated one";
    EXPECT_EQ(app.add_to_watchlist({seen, item_of(ds, 260)}), 0u);
    EXPECT_EQ(app.person().watchlist.size(), wl.size() - 3);
    EXPECT_EQ(app.recommendations().size(), wl.size() - 3);
}

// "Not interested" is about what the list finds; a film the person put on their watchlist themselves stays in its view.
TEST(AppWatchlist, NotInterestedLeavesForYouNotTheWatchlistView) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    const uint32_t first = app.recommendations().front().item;
    app.set_on_watchlist(first, true);
    app.set_hidden(first, true);
    for (const auto& r : app.recommendations()) EXPECT_NE(r.item, first);
    app.set_list_scope(ListScope::Watchlist);
    EXPECT_EQ(items_of(app.recommendations()), std::vector<uint32_t>{first});
}

// The view ranks what the person chose whatever its community ratings: on the app's catalogue most of a real watchlist
// is newer than the community's ratings (2018) or barely rated, which the list's minimum (10) would hide.
TEST(AppWatchlist, TheMinimumOfCommunityRatingsDoesNotHideWatchlistFilms) {
    const Dataset& ds = test::app_catalogue();
    AppState app(ds, rater(ds), test::app_items());
    ASSERT_EQ(app.person().settings.min_votes, 10u);
    uint32_t unrated = UINT32_MAX, few = UINT32_MAX;
    for (uint32_t i = 0; i < ds.num_items() && (unrated == UINT32_MAX || few == UINT32_MAX); ++i) {
        const uint32_t v = app.view().votes(i);
        if (v == 0 && ds.items[i].year >= 2019 && unrated == UINT32_MAX) unrated = i;
        if (v > 0 && v < 10 && few == UINT32_MAX) few = i;
    }
    ASSERT_NE(unrated, UINT32_MAX);
    ASSERT_NE(few, UINT32_MAX);
    const uint32_t known = app.recommendations()[5].item;
    app.add_to_watchlist({unrated, few, known});
    app.set_list_scope(ListScope::Watchlist);
    const auto v = items_of(app.recommendations());
    EXPECT_EQ(std::set<uint32_t>(v.begin(), v.end()), (std::set<uint32_t>{unrated, few, known}));
    EXPECT_EQ(v.front(), known) << "a film the community rated and the list ranks high comes first";
    for (const auto& r : app.recommendations()) EXPECT_TRUE(r.stars >= 0.5 && r.stars <= 5.0) << r.stars;
}

// Why the minimum is not applied: on a real watchlist (the shared Letterboxd export, read as the app reads it) most of
// the films the catalogue has have fewer than 10 community ratings, and all of them are ranked.
TEST(AppWatchlist, ARealWatchlistIsMostlyBarelyRatedAndRankedWhole) {
    const std::string path = test::shared_data("exports/letterboxd-patrickmjones/watchlist.csv");
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
    const Dataset& ds = test::app_catalogue();
    const std::vector<uint8_t> bytes = read_file_bytes(path);
    const HistoryIndex ix(ds);
    const HistoryPreview p = parse_history(bytes, ds, ix, 0, "watchlist.csv");
    ASSERT_EQ(p.marks, HistoryMark::Watchlist);
    AppState app(ds, rater(ds), test::app_items());
    const std::set<uint32_t> films = p.marked();
    EXPECT_EQ(app.add_to_watchlist(films), films.size());
    size_t few = 0;
    for (uint32_t i : films) few += app.view().votes(i) < 10;
    std::printf("  the shared watchlist: %zu rows, %zu films found, %zu of them with fewer than 10 community ratings\n",
                p.rows.size(), films.size(), few);
    EXPECT_GT(few * 2, films.size());
    app.set_list_scope(ListScope::Watchlist);
    while (app.recommendations().size() == app.list_length() && app.list_length() < kMaxListLength) app.show_more();
    EXPECT_EQ(app.recommendations().size(), std::min(films.size(), kMaxListLength));
    EXPECT_EQ(app.watchlist_ranked().size(), films.size());
}

// The rule holds wherever ratings and a watchlist meet: a saved file written before it, a merge with another tab, a
// state adopted from one.
TEST(AppWatchlist, FilesAndTabsKeepRatedFilmsOffTheWatchlist) {
    const Dataset& ds = test::embedded_catalogue();
    PersonState p = rater(ds);
    const uint32_t rated = item_of(ds, 296), kept = item_of(ds, 47), seen = item_of(ds, 50);
    p.watchlist = {rated, kept, seen};
    p.seen = {seen};
    p.aside[999999001] = {8, 3};
    p.watchlist_aside = {999999001, 999999002};
    const PersonState loaded = load_person(save_person(p, ds), ds, "saved state");
    EXPECT_EQ(loaded.watchlist, std::set<uint32_t>{kept});
    EXPECT_EQ(loaded.watchlist_aside, std::set<uint32_t>{999999002});
    AppState built(ds, p, test::embedded_items());
    EXPECT_EQ(built.person().watchlist, std::set<uint32_t>{kept});

    // Two tabs: this one adds a film; the other rates one of the watchlist and marks another seen.
    PersonState base = loaded;
    base.watchlist = {kept, item_of(ds, 110), item_of(ds, 527)};
    PersonState mine = base, theirs = base;
    mine.watchlist.insert(item_of(ds, 593));
    theirs.ratings[item_of(ds, 110)] = {6, 9};
    theirs.seen.insert(item_of(ds, 527));
    const PersonState m = merge_person(base, mine, theirs);
    EXPECT_EQ(m.watchlist, (std::set<uint32_t>{kept, item_of(ds, 593)}));
    // This tab adopts the other's state: the film it rated there leaves the watchlist view here.
    AppState app(ds, base, test::embedded_items());
    app.set_list_scope(ListScope::Watchlist);
    ASSERT_EQ(app.recommendations().size(), 3u);
    app.adopt(theirs);
    EXPECT_EQ(app.person().watchlist, std::set<uint32_t>{kept});
    EXPECT_EQ(items_of(app.recommendations()), std::vector<uint32_t>{kept});
}

TEST(AppWatchlist, TheExportFileKeepsTheWatchlist) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    app.add_to_watchlist(some_films(app, 30));
    PersonState p = app.person();
    p.watchlist_aside = {999999003};  // a film of another catalogue, kept by id
    const Imported im = import_file(export_file(p, ds, app.wnn()), ds);
    EXPECT_EQ(im.person.watchlist, p.watchlist);
    EXPECT_EQ(im.person.watchlist_aside, p.watchlist_aside);
    AppState other(ds, PersonState{}, test::embedded_items());
    other.replace_person(im.person, im.model.get());
    other.set_list_scope(ListScope::Watchlist);
    app.set_list_scope(ListScope::Watchlist);
    EXPECT_EQ(items_of(other.recommendations()), items_of(app.recommendations())) << "the same watchlist, ranked the same";
}

// "Save your watchlist as CSV" is the list writer (Letterboxd's list-import layout) over the whole watchlist, best first.
TEST(AppWatchlist, TheCsvExportIsTheListWriterOverTheRankedWatchlist) {
    const Dataset& ds = test::embedded_catalogue();
    AppState app(ds, rater(ds), test::embedded_items());
    app.add_to_watchlist(some_films(app, 25));
    const std::vector<uint32_t> ranked = app.watchlist_ranked();
    ASSERT_EQ(ranked.size(), 25u);
    const std::string csv = export_list_csv(ranked, ds);
    EXPECT_EQ(csv.rfind("Position,Title,Year,imdbID,tmdbID\n", 0), 0u);
    EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), 1 + ranked.size());
    EXPECT_NE(csv.find("\n1,"), std::string::npos);
    EXPECT_NE(csv.find("\n25,"), std::string::npos);
    app.set_list_scope(ListScope::Watchlist);
    const auto shown = items_of(app.recommendations());
    EXPECT_TRUE(std::equal(shown.begin(), shown.end(), ranked.begin())) << "the view shows the first of the export";
    EXPECT_EQ(list_text(ranked, ds).rfind("1. ", 0), 0u);
}

}  // namespace
}  // namespace wl::app
