// Loading and atomically saving the person's file (see persist.hpp).
#include "persist.hpp"

#include <cstdio>
#include <fstream>

#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {
bool exists(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    return static_cast<bool>(f);
}
}  // namespace

SavedState::Found SavedState::load(const Dataset& ds, PersonState& out) {
    if (!exists(path_)) return Found::Nothing;
    try {
        const auto bytes = read_file_bytes(path_);
        out = load_person(bytes, ds, "saved ratings");
        saved_bytes_ = bytes.size();
        return Found::Loaded;
    } catch (const std::exception& e) {
        error_ = e.what();
        paused_ = true;
        return Found::Damaged;
    }
}

bool SavedState::save_if_changed(AppState& app) {
    if (paused_ || app.revision() == saved_revision_) return false;
    try {
        const auto bytes = save_person(app.person(), app.dataset());
        write_file_bytes_atomic(path_, bytes);
        saved_bytes_ = bytes.size();
        saved_revision_ = app.revision();
        ++saves_;
        error_.clear();
        return true;
    } catch (const std::exception& e) {
        error_ = std::string("saving failed: ") + e.what();
        saved_revision_ = app.revision();  // do not retry every frame; the next change tries again
        return false;
    }
}

void SavedState::set_damaged_aside() {
    if (!paused_) return;
    const std::string aside = path_ + ".corrupt";
    std::remove(aside.c_str());
    if (std::rename(path_.c_str(), aside.c_str()) != 0 && exists(path_)) {
        error_ = "could not move the damaged file aside: " + path_;
        return;
    }
    paused_ = false;
    error_.clear();
    saved_revision_ = 0;  // save the current state at once
}

void SavedState::erase() {
    // Everything goes, the set-aside copy of a damaged file included (it holds the old ratings too); with no file
    // left to protect, saving resumes.
    std::remove(path_.c_str());
    std::remove((path_ + ".tmp").c_str());
    std::remove((path_ + ".corrupt").c_str());
    saved_bytes_ = 0;
    paused_ = false;
    error_.clear();
}

}  // namespace wl::app
