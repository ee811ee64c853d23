// The saved file (app/persist.hpp) in a temporary folder: a missing file is a fresh start; a damaged one gives a
// fresh person and a reason, and is never overwritten until the person sets it aside; saves are atomic and happen
// only when the state's revision moved.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/logic/app_state.hpp"
#include "app/logic/persist.hpp"
#include "app_test_util.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::item_of;
namespace fs = std::filesystem;

// A clean folder per test (ctest runs tests in parallel processes).
std::string fresh_dir() {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const std::string dir = test::tmp_path("app_persist_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// A folder whose saved file holds `bytes` that do not load: the person starts fresh and saving is paused.
SavedState damaged_state(const std::string& dir, const std::vector<uint8_t>& bytes, PersonState& p) {
    write_file_bytes_atomic(dir + "/state.wlap", bytes);
    SavedState saved(dir);
    EXPECT_EQ(saved.load(embedded_catalogue(), p), SavedState::Found::Damaged);
    return saved;
}

std::vector<uint8_t> bytes_of(const std::string& path) { return read_file_bytes(path); }

TEST(AppPersist, NoFileIsAFreshStart) {
    const std::string dir = fresh_dir();
    SavedState saved(dir);
    EXPECT_EQ(saved.path(), dir + "/state.wlap");
    PersonState p;
    EXPECT_EQ(saved.load(embedded_catalogue(), p), SavedState::Found::Nothing);
    EXPECT_TRUE(p.ratings.empty());
    EXPECT_FALSE(saved.paused());
    EXPECT_TRUE(saved.error().empty());
    EXPECT_EQ(saved.saved_bytes(), 0u);
}

TEST(AppPersist, SavesWhenTheRevisionMovesAndLoadsBack) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    SavedState saved(dir);
    PersonState p;
    ASSERT_EQ(saved.load(ds, p), SavedState::Found::Nothing);
    AppState app(ds, p, embedded_items());
    saved.mark_saved(app.revision());  // as loaded: nothing to save yet
    EXPECT_FALSE(saved.revision_behind(app.revision()));
    EXPECT_FALSE(saved.save_if_changed(app));
    EXPECT_FALSE(fs::exists(saved.path()));

    app.rate(item_of(ds, 4973), 9, 1234);
    app.set_unseen(item_of(ds, 2), true);
    EXPECT_TRUE(saved.revision_behind(app.revision()));
    EXPECT_TRUE(saved.save_if_changed(app));
    EXPECT_FALSE(saved.save_if_changed(app)) << "no change, no write";
    EXPECT_EQ(saved.saves(), 1u);
    EXPECT_EQ(saved.saved_revision(), app.revision());
    EXPECT_FALSE(fs::exists(saved.path() + ".tmp"));
    const auto bytes = bytes_of(saved.path());
    EXPECT_EQ(bytes, save_person(app.person(), ds));
    EXPECT_EQ(saved.saved_bytes(), bytes.size());

    SavedState again(dir);
    PersonState back;
    ASSERT_EQ(again.load(ds, back), SavedState::Found::Loaded);
    EXPECT_EQ(back.ratings.at(item_of(ds, 4973)).half_stars, 9);
    EXPECT_EQ(back.ratings.at(item_of(ds, 4973)).timestamp, 1234);
    EXPECT_EQ(back.unseen, std::set<uint32_t>{item_of(ds, 2)});
    EXPECT_EQ(again.saved_bytes(), bytes.size());
    EXPECT_FALSE(again.paused());
}

TEST(AppPersist, ADamagedFileGivesAFreshPersonANoteAndIsKept) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    PersonState someone;
    someone.ratings[item_of(ds, 1)] = {8, 1};
    auto damaged = save_person(someone, ds);
    damaged[damaged.size() / 2] ^= 0xFF;
    write_file_bytes_atomic(dir + "/state.wlap", damaged);

    // What main.cpp does at start.
    SavedState saved(dir);
    PersonState person;
    EXPECT_EQ(saved.load(ds, person), SavedState::Found::Damaged);
    EXPECT_TRUE(person.ratings.empty()) << "a fresh person";
    EXPECT_TRUE(saved.paused());
    EXPECT_NE(saved.error().find("saved ratings"), std::string::npos) << saved.error();
    EXPECT_NE(saved.error().find("checksum"), std::string::npos) << saved.error();
    EXPECT_FALSE(saved.revision_behind(123)) << "nothing is pending while paused";
    AppState app(ds, person, embedded_items());
    saved.mark_saved(app.revision());

    // Changes while paused are never written over the damaged file.
    app.rate(item_of(ds, 318), 10, 5);
    app.set_welcome_done();
    for (int k = 0; k < 3; ++k) EXPECT_FALSE(saved.save_if_changed(app));
    EXPECT_EQ(bytes_of(dir + "/state.wlap"), damaged);
    EXPECT_FALSE(fs::exists(dir + "/state.wlap.tmp"));
    EXPECT_TRUE(saved.paused());
    EXPECT_FALSE(saved.error().empty()) << "the note stays until the person chooses";

    // The person sets it aside: it is kept as state.wlap.corrupt and the current state is saved at once.
    saved.set_damaged_aside();
    EXPECT_FALSE(saved.paused());
    EXPECT_TRUE(saved.error().empty());
    EXPECT_EQ(bytes_of(dir + "/state.wlap.corrupt"), damaged);
    EXPECT_TRUE(saved.revision_behind(app.revision()));
    EXPECT_TRUE(saved.save_if_changed(app));
    EXPECT_EQ(bytes_of(dir + "/state.wlap"), save_person(app.person(), ds));
    EXPECT_EQ(bytes_of(dir + "/state.wlap.corrupt"), damaged);
    saved.set_damaged_aside();  // not paused any more: does nothing
    EXPECT_EQ(bytes_of(dir + "/state.wlap"), save_person(app.person(), ds));
}

TEST(AppPersist, EveryKindOfDamageIsReportedNotLoaded) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    PersonState someone;
    someone.ratings[item_of(ds, 1)] = {8, 1};
    const auto good = save_person(someone, ds);
    const std::pair<std::vector<uint8_t>, const char*> cases[] = {
        {std::vector<uint8_t>(good.begin(), good.end() - 1), "truncated"},
        {{}, "unexpected end of data"},
        {{'n', 'o', 't', ' ', 'm', 'i', 'n', 'e'}, "wrong magic"}};
    for (const auto& [bytes, why] : cases) {
        write_file_bytes_atomic(dir + "/state.wlap", bytes);
        SavedState saved(dir);
        PersonState p;
        p.settings.min_votes = 77;  // `out` is left as it was
        EXPECT_EQ(saved.load(ds, p), SavedState::Found::Damaged) << why;
        EXPECT_NE(saved.error().find(why), std::string::npos) << saved.error();
        EXPECT_EQ(p.settings.min_votes, 77u);
        EXPECT_TRUE(p.ratings.empty());
        EXPECT_EQ(bytes_of(dir + "/state.wlap"), bytes);
    }
}

TEST(AppPersist, SettingAsideReplacesAnOlderCorruptFile) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    write_file_bytes_atomic(dir + "/state.wlap.corrupt", std::vector<uint8_t>{1, 2, 3});
    const std::vector<uint8_t> junk = {'j', 'u', 'n', 'k'};
    PersonState p;
    SavedState saved = damaged_state(dir, junk, p);
    AppState app(ds, p, embedded_items());
    saved.mark_saved(app.revision());
    saved.set_damaged_aside();
    EXPECT_FALSE(saved.paused());
    EXPECT_EQ(bytes_of(dir + "/state.wlap.corrupt"), junk);
    EXPECT_FALSE(fs::exists(dir + "/state.wlap"));
    // With no change since the start, the fresh state is still saved at once (the damaged file is gone).
    EXPECT_TRUE(saved.revision_behind(app.revision()));
    EXPECT_TRUE(saved.save_if_changed(app));
    EXPECT_EQ(bytes_of(dir + "/state.wlap"), save_person(app.person(), ds));
    saved.mark_saved(app.revision() + 1);
    app.set_min_votes(3);
    EXPECT_FALSE(saved.save_if_changed(app)) << "marked as saved: the caller's choice wins";
    app.set_min_votes(4);
    EXPECT_TRUE(saved.save_if_changed(app));
    EXPECT_EQ(load_person(bytes_of(dir + "/state.wlap"), ds, "check").settings.min_votes, 4u);
}

TEST(AppPersist, EraseRemovesTheFile) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, {}, embedded_items());
    SavedState saved(dir);
    app.rate(item_of(ds, 1), 7, 1);
    ASSERT_TRUE(saved.save_if_changed(app));
    ASSERT_TRUE(fs::exists(saved.path()));
    write_file_bytes_atomic(dir + "/leftover", std::vector<uint8_t>{1});
    fs::rename(dir + "/leftover", saved.path() + ".tmp");  // as if a save had been cut short
    app.forget_everything();
    saved.erase();
    saved.mark_saved(app.revision());
    EXPECT_FALSE(fs::exists(saved.path()));
    EXPECT_FALSE(fs::exists(saved.path() + ".tmp"));
    EXPECT_EQ(saved.saved_bytes(), 0u);
    EXPECT_FALSE(saved.save_if_changed(app));
    PersonState p;
    EXPECT_EQ(SavedState(dir).load(ds, p), SavedState::Found::Nothing);
}

TEST(AppPersist, AFailedSaveIsReportedAndRetriedOnTheNextChange) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, {}, embedded_items());
    SavedState saved(dir + "/missing-folder");
    app.rate(item_of(ds, 1), 7, 1);
    EXPECT_FALSE(saved.save_if_changed(app));
    EXPECT_NE(saved.error().find("saving failed"), std::string::npos) << saved.error();
    EXPECT_FALSE(saved.paused());
    EXPECT_EQ(saved.saves(), 0u);
    EXPECT_FALSE(saved.save_if_changed(app)) << "not retried every frame";
    fs::create_directories(dir + "/missing-folder");
    app.rate(item_of(ds, 2), 6, 2);
    EXPECT_TRUE(saved.save_if_changed(app));
    EXPECT_TRUE(saved.error().empty());
    EXPECT_EQ(load_person(bytes_of(saved.path()), ds, "check").ratings.size(), 2u);
}

// "Forget everything" while the saved file is damaged: erase() deletes it, and with nothing left to protect saving
// resumes (persist.hpp: "the next save writes the fresh state"), the note about the damaged file gone.
TEST(AppPersist, EraseWhileDamagedResumesSaving) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    const std::vector<uint8_t> junk = {'j', 'u', 'n', 'k'};
    PersonState p;
    SavedState saved = damaged_state(dir, junk, p);
    AppState app(ds, p, embedded_items());
    saved.mark_saved(app.revision());
    // What ui/data.cpp does on "Yes, erase it all".
    app.forget_everything();
    saved.erase();
    saved.mark_saved(app.revision());
    EXPECT_FALSE(fs::exists(dir + "/state.wlap"));
    EXPECT_FALSE(saved.paused()) << "the damaged file is gone: nothing is left to protect";
    EXPECT_TRUE(saved.error().empty()) << saved.error();
    app.rate(item_of(ds, 1), 8, 1);
    EXPECT_TRUE(saved.save_if_changed(app)) << "the next change is saved";
}

// "Forget everything" promises that nothing stays stored ("Erases your ratings ... from this browser"): the
// set-aside copy of a damaged file holds the old ratings too, so erase() removes it as well.
TEST(AppPersist, EraseAlsoRemovesTheSetAsideCopy) {
    const std::string dir = fresh_dir();
    const Dataset& ds = embedded_catalogue();
    PersonState someone;
    someone.ratings[item_of(ds, 1)] = {8, 1};
    auto damaged = save_person(someone, ds);
    damaged.back() ^= 1;  // only the checksum is wrong: the ratings are all still readable in the file
    PersonState p;
    SavedState saved = damaged_state(dir, damaged, p);
    saved.set_damaged_aside();
    ASSERT_TRUE(fs::exists(dir + "/state.wlap.corrupt"));
    saved.erase();
    EXPECT_FALSE(fs::exists(dir + "/state.wlap"));
    EXPECT_FALSE(fs::exists(dir + "/state.wlap.corrupt")) << "a copy of the old ratings stays stored";
}

}  // namespace
}  // namespace wl::app
