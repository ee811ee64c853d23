// The person's saved file: load at start (a missing file is a fresh start, a damaged one is reported and left
// untouched), atomic saves after every change, setting a damaged file aside, erasing. Plain files: the platform
// layer makes the folder durable (IndexedDB in the browser). Several tabs may share the folder: sync() merges this
// tab's changes with what another tab stored (docs/DESIGN.md, "What the app promises about your data").
#pragma once
#include <cstdint>
#include <string>

#include "app_state.hpp"
#include "person.hpp"

namespace wl::app {

class SavedState {
public:
    explicit SavedState(std::string dir) : path_(std::move(dir) + "/state.wlap") {}

    enum class Found { Nothing, Loaded, Damaged };
    // Reads the saved file into `out`. Damaged: error() says why, the file is left as it is and saving stays
    // paused until set_damaged_aside() (so a bug can never overwrite the only copy of someone's ratings).
    Found load(const Dataset& ds, PersonState& out);

    // Writes the state when its revision moved since the last save (write temp, then rename). Returns true when
    // it wrote (the caller then makes it durable). Never writes while paused; a failure is kept in error().
    bool save_if_changed(AppState& app);
    // The state as loaded needs no save.
    void mark_saved(uint64_t revision) { saved_revision_ = revision; }
    // The app as built from the loaded file: it needs no save, and it is what this tab knows to be stored (the
    // base of the next merge).
    void start(const AppState& app);

    // One save as a tab does it, called with the durable copy of the folder just read in (web/storage.js, under
    // a lock): merges this tab's changes since the last durable save with the stored file (merge_person), makes
    // the app hold the result (AppState::adopt: the stale tab shows the other's change) and writes it when the
    // file lacks it. Returns true when it wrote: the caller makes the folder durable, then calls pushed(). Does
    // nothing while paused; a stored file that turned out damaged pauses saving (never overwritten).
    bool sync(AppState& app);
    // Whether the write of the last sync() became durable (or, with no write pending, that the stored folder
    // could not be read); `why` says why not, shown with what to do. A failed write's changes stay unsaved, and
    // the next sync() merges them again.
    void pushed(bool durable, const std::string& why);
    // Renames the damaged file to state.wlap.corrupt (replacing an older one) and resumes saving.
    void set_damaged_aside();
    // Deletes the saved file and any set-aside damaged copy, and resumes saving if it was paused (after "forget
    // everything"; the next save writes the fresh state).
    void erase();

    bool paused() const { return paused_; }
    const std::string& error() const { return error_; }
    const std::string& path() const { return path_; }
    size_t saved_bytes() const { return saved_bytes_; }
    uint64_t saved_revision() const { return saved_revision_; }
    bool revision_behind(uint64_t revision) const { return !paused_ && revision != saved_revision_; }
    uint32_t saves() const { return saves_; }

private:
    std::string path_;
    bool paused_ = false;
    PersonState base_;     // the stored state this tab last saw (read or durably written)
    PersonState written_;  // what the last sync() wrote, the base once it is durable
    PersonState theirs_;   // what that sync() read, the base if the write fails
    bool aside_pending_ = false, erase_pending_ = false;
    bool in_flight_ = false;  // sync() wrote, pushed() not yet called  // replayed after each read until a write is durable
    std::string error_;
    size_t saved_bytes_ = 0;
    uint64_t saved_revision_ = 0;
    uint32_t saves_ = 0;
};

}  // namespace wl::app
