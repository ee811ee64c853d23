// Two tabs, one person (app/logic/merge.hpp, SavedState::sync): the three-way merge key by key, then the issue's
// sequence with two AppStates that share one durable folder the way web/storage.js drives them (read the stored
// files into the tab's folder, merge and write, copy back only when the write is durable).
#include <gtest/gtest.h>

#include <filesystem>

#include "app/logic/app_state.hpp"
#include "app/logic/merge.hpp"
#include "app/logic/persist.hpp"
#include "app_test_util.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::item_of;
namespace fs = std::filesystem;

PersonState person(std::map<uint32_t, uint8_t> ratings, std::set<uint32_t> unseen = {}) {
    PersonState p;
    for (const auto& [item, hs] : ratings) p.ratings[item] = {hs, 100 + item};
    p.unseen = std::move(unseen);
    return p;
}
std::map<uint32_t, uint8_t> stars(const PersonState& p) {
    std::map<uint32_t, uint8_t> m;
    for (const auto& [item, r] : p.ratings) m[item] = r.half_stars;
    return m;
}

TEST(Merge, EachSidesChangesSurviveAndThisTabsWinOnTheSameKey) {
    const PersonState base = person({{1, 8}, {2, 6}, {3, 4}}, {9});
    PersonState mine = person({{1, 8}, {2, 10}, {4, 7}}, {9, 10});       // changed 2, removed 3, added 4, marked 10
    PersonState theirs = person({{1, 2}, {2, 6}, {3, 4}, {5, 9}}, {});  // changed 1, added 5, unmarked 9
    mine.settings.min_votes = 3;
    theirs.settings.rec_source = RecSource::Bias;
    theirs.settings.min_votes = 50;  // both changed it: this tab's value wins
    const PersonState m = merge_person(base, mine, theirs);
    EXPECT_EQ(stars(m), (std::map<uint32_t, uint8_t>{{1, 2}, {2, 10}, {4, 7}, {5, 9}}));
    EXPECT_EQ(m.unseen, (std::set<uint32_t>{10}));
    EXPECT_EQ(m.settings.min_votes, 3u);
    EXPECT_EQ(m.settings.rec_source, RecSource::Bias);
    // Nothing changed here: the stored state as it is.
    EXPECT_EQ(stars(merge_person(base, base, theirs)), stars(theirs));
    // A rated movie is never also "not seen".
    EXPECT_TRUE(merge_person(base, person({{9, 4}}, {}), person({}, {9})).unseen.empty());
}

// One tab: its in-memory folder, its saved state and its app; `store` is the durable folder (IndexedDB).
struct Tab {
    Tab(const std::string& store, const std::string& dir) : store_(store), dir_(dir), saved(dir) {
        fs::create_directories(dir_);
        pull();
        PersonState p;
        saved.load(embedded_catalogue(), p);
        app = std::make_unique<AppState>(embedded_catalogue(), std::move(p), test::embedded_items());
        saved.start(*app);
    }
    void pull() {
        for (const auto& e : fs::directory_iterator(dir_)) fs::remove(e.path());
        for (const auto& e : fs::directory_iterator(store_)) fs::copy_file(e.path(), dir_ + "/" + e.path().filename().string());
    }
    void push() {
        for (const auto& e : fs::directory_iterator(store_)) fs::remove(e.path());
        for (const auto& e : fs::directory_iterator(dir_)) fs::copy_file(e.path(), store_ + "/" + e.path().filename().string());
    }
    // One cycle of web/storage.js; `durable` false: the write to IndexedDB fails (quota) and the store is untouched.
    void cycle(bool durable = true) {
        pull();
        if (!saved.sync(*app)) return;
        if (durable) push();
        saved.pushed(durable, durable ? "" : "QuotaExceededError: the quota has been exceeded");
    }
    std::map<uint32_t, uint8_t> ratings() const { return stars(app->person()); }
    std::string store_, dir_;
    SavedState saved;
    std::unique_ptr<AppState> app;
};

std::string fresh(const std::string& name) {
    const std::string dir = test::tmp_path("app_merge_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir + "/store");
    return dir;
}

TEST(TwoTabs, TheIssuesSequenceLosesNoRating) {
    const Dataset& ds = embedded_catalogue();
    const uint32_t m1 = item_of(ds, 1), m2 = item_of(ds, 2), m3 = item_of(ds, 3);
    const std::string dir = fresh("sequence");
    Tab a(dir + "/store", dir + "/a");
    a.app->rate(m1, 8, 1);
    a.cycle();
    Tab b(dir + "/store", dir + "/b");
    EXPECT_EQ(b.ratings(), (std::map<uint32_t, uint8_t>{{m1, 8}})) << "B opens with A's rating";
    b.app->rate(m2, 6, 2);
    b.cycle();
    a.cycle();  // B's broadcast: A merges without a reload
    EXPECT_EQ(a.ratings(), (std::map<uint32_t, uint8_t>{{m1, 8}, {m2, 6}})) << "stale A shows B's rating";
    a.app->rate(m3, 10, 3);
    a.cycle();
    b.cycle();
    const std::map<uint32_t, uint8_t> all{{m1, 8}, {m2, 6}, {m3, 10}};
    EXPECT_EQ(b.ratings(), all);
    Tab c(dir + "/store", dir + "/c");  // both closed, a new tab
    EXPECT_EQ(c.ratings(), all);
    // The merged tab's network is the one a fresh tab builds from the same ratings, bit for bit.
    EXPECT_EQ(a.app->predictions_hash(), c.app->predictions_hash());
    EXPECT_EQ(b.app->predictions_hash(), c.app->predictions_hash());
}

TEST(TwoTabs, AFailedWriteIsMergedAgainByTheNextAndNeverOverwritesTheStore) {
    const Dataset& ds = embedded_catalogue();
    const uint32_t m1 = item_of(ds, 1), m2 = item_of(ds, 2), m3 = item_of(ds, 3);
    const std::string dir = fresh("failed");
    Tab a(dir + "/store", dir + "/a");
    a.app->rate(m1, 8, 1);
    a.cycle();
    const auto good = read_file_bytes(dir + "/store/state.wlap");
    a.app->rate(m2, 6, 2);
    a.cycle(false);  // quota full: the store keeps the last good state, the page says why and what to do
    EXPECT_EQ(read_file_bytes(dir + "/store/state.wlap"), good);
    EXPECT_NE(a.saved.error().find("Export"), std::string::npos) << a.saved.error();
    Tab b(dir + "/store", dir + "/b");
    EXPECT_EQ(b.ratings(), (std::map<uint32_t, uint8_t>{{m1, 8}}));
    b.app->rate(m3, 4, 3);
    b.cycle();
    a.app->rate(m3, 4, 4);  // the same rating in both tabs
    a.cycle();              // storage works again: A's unsaved m2 is merged and written now
    EXPECT_TRUE(a.saved.error().empty()) << a.saved.error();
    Tab c(dir + "/store", dir + "/c");
    EXPECT_EQ(c.ratings(), (std::map<uint32_t, uint8_t>{{m1, 8}, {m2, 6}, {m3, 4}}));
}

TEST(TwoTabs, ForgetEverythingInOneTabEmptiesTheStore) {
    const Dataset& ds = embedded_catalogue();
    const std::string dir = fresh("forget");
    Tab a(dir + "/store", dir + "/a");
    a.app->rate(item_of(ds, 1), 8, 1);
    a.cycle();
    Tab b(dir + "/store", dir + "/b");
    a.app->forget_everything();
    a.saved.erase();
    a.cycle();
    b.cycle();
    EXPECT_TRUE(b.ratings().empty());
    Tab c(dir + "/store", dir + "/c");
    EXPECT_TRUE(c.ratings().empty());
}

}  // namespace
}  // namespace wl::app
