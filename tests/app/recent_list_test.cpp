// "Follow my latest ratings" (Settings::recent_list, Engine::set_recent_list): with it on, the list's parts (EASE's
// set and the weightless ranker) hold exactly the person's latest N ratings by (timestamp, item) and the rating
// network every rating; it stays so through rating, re-rating, removing, a rating's undo, an import, a load and a
// merge; off again, the list is today's bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/engine.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/merge.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::item_of;

// 25 ratings with timestamps not in id order and three ties (the same second): the window's edge falls inside a tie.
std::map<uint32_t, PersonRating> ratings(const Dataset& ds) {
    const uint32_t ids[] = {1,    260,  296,  318,  356,  2571, 4973, 2959, 593,  858,  1196, 4993, 5952,
                            1210, 2028, 7153, 58559, 79132, 1270, 110, 480,  589,  50,   47,   527};
    std::map<uint32_t, PersonRating> out;
    for (size_t k = 0; k < std::size(ids); ++k) {
        const int64_t t = 1'700'000'000 + static_cast<int64_t>((k * 7) % 25) * 1000 - (k % 5 == 0 ? 1000 : 0);
        out[item_of(ds, ids[k])] = PersonRating{static_cast<uint8_t>(1 + (k * 3) % 10), t};
    }
    return out;
}

// The latest n of `r` by (timestamp, item): what the list's parts must hold.
std::map<uint32_t, PersonRating> latest(const std::map<uint32_t, PersonRating>& r, size_t n) {
    std::vector<std::pair<int64_t, uint32_t>> order;
    for (const auto& [item, x] : r) order.emplace_back(x.timestamp, item);
    std::sort(order.begin(), order.end());
    std::map<uint32_t, PersonRating> out;
    for (size_t k = order.size() > n ? order.size() - n : 0; k < order.size(); ++k) out[order[k].second] = r.at(order[k].second);
    return out;
}

// Every catalogue item's score by EASE's set and by the ranker, and the rating network's stars (exact doubles).
struct Scores {
    std::vector<double> ease, rank, stars;
    bool operator==(const Scores&) const = default;
};
Scores scores_of(const Engine& e, const Dataset& ds) {
    std::vector<uint32_t> all(ds.num_items());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    Scores s;
    s.ease.resize(all.size()), s.rank.resize(all.size()), s.stars.resize(all.size());
    e.list_model().ease().rank_scores(e.person(), all, s.ease);
    e.list_model().ranker().rank_scores(e.person(), all, s.rank);
    e.wnn().predict_many(e.person(), all, s.stars);
    return s;
}

std::unique_ptr<Engine> engine_with(const Dataset& ds, const std::map<uint32_t, PersonRating>& learned, uint32_t recent) {
    auto e = std::make_unique<Engine>(ds, embedded_items());
    e->set_wnn_config(wnn_preset(kDefaultPreset), {});
    e->set_recent_list(recent);
    for (const auto& [item, r] : learned) e->learn(item, r);
    return e;
}

TEST(RecentList, ListPartsHoldTheLatestTenAndTheNetworkEveryRating) {
    const Dataset& ds = embedded_catalogue();
    const auto all = ratings(ds);
    const auto on = engine_with(ds, all, kRecentList);
    const Scores s = scores_of(*on, ds);
    const Scores window = scores_of(*engine_with(ds, latest(all, kRecentList), 0), ds);
    const Scores every = scores_of(*engine_with(ds, all, 0), ds);
    EXPECT_EQ(s.ease, window.ease);
    EXPECT_EQ(s.rank, window.rank);
    EXPECT_NE(s.ease, every.ease) << "the window must change the list for this test to mean anything";
    EXPECT_EQ(s.stars, every.stars) << "the predicted stars use every rating";
    // Off again: today's list, bit for bit.
    on->set_recent_list(0);
    EXPECT_EQ(scores_of(*on, ds), every);
    on->set_recent_list(kRecentList);
    EXPECT_EQ(scores_of(*on, ds), s);
}

TEST(RecentList, RemovingAndReRatingMoveTheWindowExactly) {
    const Dataset& ds = embedded_catalogue();
    auto all = ratings(ds);
    const auto e = engine_with(ds, all, kRecentList);
    // Remove a rating inside the window: the 11th latest comes in.
    const auto win = latest(all, kRecentList);
    const uint32_t gone = win.begin()->first;
    e->forget(gone, all.at(gone));
    all.erase(gone);
    Scores want = scores_of(*engine_with(ds, latest(all, kRecentList), 0), ds);
    Scores got = scores_of(*e, ds);
    EXPECT_EQ(got.ease, want.ease);
    EXPECT_EQ(got.rank, want.rank);
    // Re-rate the oldest film later: it enters the window and pushes the oldest of the window out.
    const auto oldest = std::min_element(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.second.timestamp < b.second.timestamp;
    });
    const uint32_t item = oldest->first;
    e->forget(item, all.at(item));
    all[item] = PersonRating{10, 1'800'000'000};
    e->learn(item, all.at(item));
    want = scores_of(*engine_with(ds, latest(all, kRecentList), 0), ds);
    got = scores_of(*e, ds);
    EXPECT_EQ(got.ease, want.ease);
    EXPECT_EQ(got.rank, want.rank);
    EXPECT_EQ(got.stars, scores_of(*engine_with(ds, all, 0), ds).stars);
}

std::vector<std::pair<uint32_t, double>> list_of(AppState& app) {
    std::vector<std::pair<uint32_t, double>> v;
    for (const auto& r : app.recommendations()) v.emplace_back(r.item, r.score);
    return v;
}

PersonState person(const Dataset& ds, uint32_t recent) {
    PersonState p;
    p.ratings = ratings(ds);
    p.settings.recent_list = recent;
    return p;
}

TEST(RecentList, AppLoadRatingToggleImportAndMergeAgree) {
    const Dataset& ds = embedded_catalogue();
    AppState loaded(ds, person(ds, kRecentList), embedded_items());
    AppState off(ds, person(ds, 0), embedded_items());
    const auto list_on = list_of(loaded), list_off = list_of(off);
    const uint64_t stars = off.predictions_hash();
    ASSERT_NE(list_on, list_off) << "the setting must change the list for this test to mean anything";
    EXPECT_EQ(loaded.predictions_hash(), stars) << "the shown stars are the rating network's, on every rating";
    // Rated one at a time in another order (the ties broken by the film, not by the order learned).
    PersonState empty;
    empty.settings.recent_list = kRecentList;
    AppState rated(ds, empty, embedded_items());
    const auto all = ratings(ds);
    for (auto it = all.rbegin(); it != all.rend(); ++it) rated.rate(it->first, it->second.half_stars, it->second.timestamp);
    EXPECT_EQ(list_of(rated), list_on);
    // Toggled on the page: the same list; off again: today's list bit for bit, and saved either way.
    uint64_t rev = off.revision();
    off.set_recent_list(kRecentList);
    EXPECT_GT(off.revision(), rev);
    EXPECT_EQ(off.person().settings.recent_list, kRecentList);
    EXPECT_EQ(list_of(off), list_on);
    EXPECT_GE(off.last_list_ms(), 0.0);
    off.set_recent_list(0);
    EXPECT_EQ(list_of(off), list_off);
    EXPECT_EQ(off.predictions_hash(), stars);
    // An import (replace_person) and another tab's state (adopt) carry the setting and land on the same list.
    off.replace_person(person(ds, kRecentList), nullptr);
    EXPECT_EQ(list_of(off), list_on);
    off.adopt(person(ds, 0));
    EXPECT_EQ(off.person().settings.recent_list, 0u);
    EXPECT_EQ(list_of(off), list_off);
    off.adopt(person(ds, kRecentList));
    EXPECT_EQ(list_of(off), list_on);
    // forget_everything turns it off.
    off.forget_everything();
    EXPECT_EQ(off.person().settings.recent_list, 0u);
}

TEST(RecentList, UndoingARatingThatEnteredTheWindowRestoresTheList) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, person(ds, kRecentList), embedded_items());
    const auto before = list_of(app);
    const uint64_t hash = app.predictions_hash();
    ASSERT_FALSE(before.empty());
    const auto u = app.rate_undoable(before.front().first, 9, 1'900'000'000);  // the latest: enters, the oldest leaves
    ASSERT_TRUE(u.has_value());
    EXPECT_NE(list_of(app), before);
    EXPECT_TRUE(app.undo_rating(*u));
    EXPECT_EQ(list_of(app), before);
    EXPECT_EQ(app.predictions_hash(), hash);
    // Removing a rating of the window and rating it back with its date: the same list.
    const auto newest = latest(ratings(ds), 1);  // kept: an iterator into a temporary map would dangle
    const auto last = newest.begin();
    app.unrate(last->first);
    EXPECT_NE(list_of(app), before);
    app.rate(last->first, last->second.half_stars, last->second.timestamp);
    EXPECT_EQ(list_of(app), before);
}

// Export, then import on another device: the setting comes along, the retrained network matches the file's, and the
// list is the one the person left.
TEST(RecentList, TheExportFileCarriesIt) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, person(ds, kRecentList), embedded_items());
    const auto list = list_of(app);
    Imported in = import_file(export_file(app.person(), ds, app.wnn()), ds);
    EXPECT_EQ(in.person.settings.recent_list, kRecentList);
    AppState other(ds, PersonState{}, embedded_items());
    other.replace_person(std::move(in.person), in.model.get());
    EXPECT_EQ(other.person().settings.recent_list, kRecentList);
    EXPECT_EQ(list_of(other), list);
}

TEST(RecentList, TheTwoTabMergeTakesTheChangedSide) {
    PersonState base, mine, theirs;
    mine.settings.recent_list = kRecentList;
    EXPECT_EQ(merge_person(base, mine, theirs).settings.recent_list, kRecentList);
    EXPECT_EQ(merge_person(base, theirs, mine).settings.recent_list, kRecentList);
    base.settings.recent_list = kRecentList;
    EXPECT_EQ(merge_person(base, mine, theirs).settings.recent_list, 0u);
}

}  // namespace
}  // namespace wl::app
