// Loading and atomically saving the person's file (see persist.hpp).
#include "persist.hpp"

#include <cstdio>
#include <fstream>

#include "merge.hpp"
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
        base_ = out;
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
    aside_pending_ = true;
    base_ = PersonState{};
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
    aside_pending_ = false;
    erase_pending_ = true;
}

void SavedState::start(const AppState& app) {
    saved_revision_ = app.revision();
    if (!paused_) base_ = app.person();
}

bool SavedState::sync(AppState& app) {
    if (paused_) return false;
    try {
        // What this tab did to its folder before the read brought the stored files back.
        if (aside_pending_) {
            std::remove((path_ + ".corrupt").c_str());
            std::rename(path_.c_str(), (path_ + ".corrupt").c_str());
        }
        if (erase_pending_) {
            std::remove(path_.c_str());
            std::remove((path_ + ".corrupt").c_str());
        }
        PersonState theirs;  // no file: nothing stored (a first visit, or everything forgotten)
        std::vector<uint8_t> stored;
        if (exists(path_)) {
            stored = read_file_bytes(path_);
            try {
                theirs = load_person(stored, app.dataset(), "saved ratings");
            } catch (const std::exception& e) {
                error_ = std::string("another tab stored ratings this tab cannot read (") + e.what() + ")";
                paused_ = true;
                return false;
            }
        }
        if (erase_pending_) base_ = PersonState{};
        app.adopt(merge_person(base_, app.person(), theirs));
        saved_revision_ = app.revision();
        const auto out = save_person(app.person(), app.dataset());
        if (out == stored) {  // already stored: nothing to write
            base_ = app.person();
            aside_pending_ = erase_pending_ = false;
            error_.clear();
            return false;
        }
        write_file_bytes_atomic(path_, out);
        saved_bytes_ = out.size();
        written_ = app.person();
        theirs_ = std::move(theirs);
        in_flight_ = true;
        return true;
    } catch (const std::exception& e) {
        error_ = std::string("saving failed: ") + e.what();
        saved_revision_ = app.revision();  // do not retry every frame; the next change tries again
        return false;
    }
}

void SavedState::pushed(bool durable, const std::string& why) {
    const bool wrote = in_flight_;
    in_flight_ = false;
    if (durable && !wrote) return;
    if (!durable && wrote) {
        base_ = std::move(theirs_);
    } else if (durable) {
        base_ = std::move(written_);
        aside_pending_ = erase_pending_ = false;
        ++saves_;
        error_.clear();
    }
    if (!durable) {
        error_ = (why.empty() ? std::string("the browser refused the write") : why) +
                 ". Your latest ratings are not saved: they are kept in this tab only while it stays open, so use "
                 "Your data > Export to keep them in a file. The next change tries to save again.";
    }
}

}  // namespace wl::app
