// tests/fixtures/wlap-v3/state.wlap: the app's saved state as the v3 code wrote it (commit a35308d, before
// "Follow my latest ratings" made the format v4). It must load with every rating, mark and setting and the new setting
// off, through the app's own path (SavedState::load, then AppState). The expectations are what
// tests/fixtures/wlap-v3/make_fixture.cpp wrote, listed again here.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/logic/app_state.hpp"
#include "app/logic/persist.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::app_catalogue;
using test::app_items;
using test::item_of;

const std::string kDir = std::string(WL_ASSETS_DIR) + "/../tests/fixtures/wlap-v3";

void expect_fixture(const PersonState& p, const Dataset& ds) {
    const struct { uint32_t id; uint8_t hs; int64_t ts; } want[] = {
        {1, 8, 1'700'000'000},   {260, 10, 1'700'086'400}, {296, 9, 1'700'172'800},  {318, 7, 1'700'259'200},
        {356, 6, 1'700'259'200}, {2571, 5, 1'700'345'600}, {4973, 4, 1'700'432'000}, {2959, 3, 1'700'518'400},
        {593, 2, 1'700'604'800}, {858, 1, 1'700'604'800}, {1196, 9, 1'700'691'200}, {4993, 8, 1'690'000'000}};
    ASSERT_EQ(p.ratings.size(), std::size(want));
    for (const auto& w : want) {
        const auto it = p.ratings.find(item_of(ds, w.id));
        ASSERT_NE(it, p.ratings.end()) << w.id;
        EXPECT_EQ(it->second, (PersonRating{w.hs, w.ts})) << w.id;
    }
    const auto items = [&](std::initializer_list<uint32_t> ids) {
        std::set<uint32_t> s;
        for (uint32_t id : ids) s.insert(item_of(ds, id));
        return s;
    };
    EXPECT_EQ(p.unseen, items({2762, 1721}));
    EXPECT_EQ(p.seen, items({1210, 5952}));
    EXPECT_EQ(p.watchlist, items({7153, 58559}));
    EXPECT_EQ(p.hidden, items({79132, 1270}));
    EXPECT_TRUE(p.aside.empty());
    EXPECT_EQ(p.settings.rec_source, RecSource::Ease);
    EXPECT_EQ(p.settings.min_votes, 25u);
    EXPECT_TRUE(p.settings.welcome_done);
    EXPECT_EQ(p.settings.recent_list, 0u) << "a v3 file predates the setting: off";
}

TEST(WlapV3Fixture, LoadsEveryRatingMarkAndSettingWithTheWindowOff) {
    const Dataset& ds = app_catalogue();
    SavedState saved(kDir);
    PersonState p;
    ASSERT_EQ(saved.load(ds, p), SavedState::Found::Loaded) << saved.error();
    expect_fixture(p, ds);
    EXPECT_EQ(p.settings.wnn_config, "tuple_size=8 ensemble=4 seed=7");
    // Saved again it is v4 and loads the same; with the setting on, that too comes back.
    expect_fixture(load_person(save_person(p, ds), ds, "again"), ds);
    PersonState on = p;
    on.settings.recent_list = kRecentList;
    EXPECT_EQ(load_person(save_person(on, ds), ds, "on").settings.recent_list, kRecentList);
    AppState app(ds, p, app_items());
    EXPECT_EQ(app.notice(), "");
    EXPECT_EQ(app.person().settings.recent_list, 0u);
    EXPECT_EQ(app.person().ratings, p.ratings);
}

}  // namespace
}  // namespace wl::app
