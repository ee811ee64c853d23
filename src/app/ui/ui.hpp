// The front end's shared state and its panels (one file each): the shell (navigation, status, banners), the
// welcome, rating, recommendations, tuning and data & privacy pages.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/catalogue_view.hpp"
#include "fonts.hpp"
#include "app/logic/lab.hpp"
#include "app/logic/persist.hpp"

namespace wl::app {

enum class Page { Rate, Recs, Tune, Accuracy, Lab, Data };
const char* page_name(Page p);  // "rate", "recs", "tune", "accuracy", "lab", "data"

// Frame pacing while the lab runs (the page must stay responsive).
struct LabFrames {
    double start_ms = 0, last_ms = 0, end_ms = 0;
    double worst_ms = 0;  // longest gap between two frames
    uint64_t frames = 0;
    double fps() const { return end_ms > start_ms ? frames * 1000.0 / (end_ms - start_ms) : 0.0; }
};

struct Ui {
    AppState* app = nullptr;      // null until the catalogue is loaded
    SavedState* saved = nullptr;
    Fonts fonts;
    float scale = 1.0f;           // device pixels per CSS pixel: multiply every size in CSS pixels
    std::string storage_note;     // why the browser cannot keep data, if it cannot

    Page page = Page::Rate;
    std::string action_error;     // the last action that failed (shown until the next action)

    // Rate page
    SearchFilter filter;
    bool only_unrated = false;
    bool focus_search = false;
    std::vector<uint32_t> results;
    std::string results_key;      // the filter the results were computed for
    std::vector<uint32_t> queue;  // start queue (computed once)

    // Tune page
    std::string tune_error;
    std::map<std::string, std::string> tune_edit;  // values being edited (applied when the widget is released)

    // Lab page
    int lab_protocol = 1;              // 0 paper, 1 split, 2 stream
    int lab_seeds = 1, lab_users = 100, lab_reviews = 50;
    std::vector<std::string> lab_specs;  // the models offered (filled on first draw)
    std::vector<bool> lab_on;
    std::unique_ptr<LabJob> lab;
    std::string lab_error;
    LabFrames lab_frames;

    // Data page: export, import, share
    bool confirm_forget = false;
    std::string data_message;          // the last export/import/share outcome
    bool data_message_bad = false;
    std::string share_link;            // the last link made (shown selectable)
    bool share_copied = false;
    std::map<uint32_t, PersonRating> share_pending;  // a shared link's ratings, waiting for the person's choice
    bool share_prompt = false;
    std::string share_error;           // a malformed link's message
};

// Starts the lab with the page's settings (sets lab_error when refused).
void start_lab(Ui& ui);
// Picks up what arrived from outside the frame: an imported file, a share link in the URL fragment.
void poll_outside(Ui& ui);
void draw_share_prompt(Ui& ui);  // data.cpp: the banner asking what to do with a shared link

void draw_ui(Ui& ui);           // shell.cpp: the whole window
void draw_welcome(Ui& ui);      // welcome.cpp
void draw_rate(Ui& ui);         // rate.cpp
void draw_recs(Ui& ui, bool compact);  // recs.cpp: the full page, or the short list beside the rating page
void draw_tune(Ui& ui);         // tune.cpp
void draw_data(Ui& ui);         // data.cpp
void draw_accuracy(Ui& ui);     // accuracy.cpp
void draw_lab(Ui& ui);          // lab.cpp

}  // namespace wl::app
