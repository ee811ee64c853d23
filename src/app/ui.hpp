// The front end's shared state and its panels (one file each): the shell (navigation, status, banners), the
// welcome, rating, recommendations, tuning and data & privacy pages.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "catalogue_view.hpp"
#include "fonts.hpp"
#include "persist.hpp"

namespace wl::app {

enum class Page { Rate, Recs, Tune, Data };
const char* page_name(Page p);  // "rate", "recs", "tune", "data"

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

    // Data page
    bool confirm_forget = false;
};

void draw_ui(Ui& ui);           // ui_shell.cpp: the whole window
void draw_welcome(Ui& ui);      // ui_welcome.cpp
void draw_rate(Ui& ui);         // ui_rate.cpp
void draw_recs(Ui& ui, bool compact);  // ui_recs.cpp: the full page, or the short list beside the rating page
void draw_tune(Ui& ui);         // ui_tune.cpp
void draw_data(Ui& ui);         // ui_data.cpp

}  // namespace wl::app
