// The front end's shared state and its panels (one file each): the shell (navigation, status, banners), the
// welcome, rating, recommendations, tuning and data & privacy pages.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/catalogue_view.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/import_job.hpp"
#include "fonts.hpp"
#include "app/logic/lab.hpp"
#include "app/logic/persist.hpp"
#include "app/logic/ratings_view.hpp"

namespace wl::app {

enum class Page { Rate, Recs, Tune, Accuracy, Lab, Data };

// Below this width (CSS pixels) the window is laid out in one column for phones: navigation in a menu under a top
// bar, tables reflowed so a title, its stars and its actions fit, 44 px touch targets, a status line that wraps.
inline constexpr int kPhoneWidth = 700;
inline constexpr float kTouchTarget = 44.0f;  // CSS pixels

// A history file read and matched, waiting for the person's confirmation (Data & privacy shows it).
struct HistoryImport {
    std::string file_name;
    HistoryPreview preview;
    double parse_ms = 0;                 // reading and matching the file
    std::map<uint32_t, PersonRating> learning;  // what the confirm handed to the job
    size_t marked = 0;                   // films the confirm marked seen or put on the watchlist
    size_t page_ambiguous = 0, page_year_off = 0, page_unmatched = 0;  // the pages shown of the preview's lists
    // The preview's counts, recomputed only when a choice, the marks or the person changed: a 500,000-row file
    // would otherwise rebuild them every frame (history_summary()).
    struct Summary {
        std::map<uint32_t, PersonRating> chosen;
        std::set<uint32_t> marked;
        size_t replacing = 0;
        size_t kinds[4] = {0, 0, 0, 0};        // rows per MatchKind
        std::vector<size_t> rows_of[4];        // the rows of each MatchKind (a row's kind never changes)
        uint64_t revision = UINT64_MAX;        // the person's revision it was computed at
        HistoryMark marks = HistoryMark::Seen;
        bool stale = true;                     // a choice changed
    } summary;
    double confirm_ms = 0, done_ms = 0;  // page clock: confirm pressed, last rating learned
};
const char* page_name(Page p);  // "rate", "recs", "tune", "accuracy", "lab", "data"

// Frame pacing while the lab runs (the page must stay responsive).
struct LabFrames {
    double start_ms = 0, last_ms = 0, end_ms = 0;
    double worst_ms = 0;  // longest gap between two frames
    uint64_t frames = 0;
    double fps() const { return end_ms > start_ms ? frames * 1000.0 / (end_ms - start_ms) : 0.0; }
};

// The last film rated on a list, kept in its place greyed with an undo (list_rating.hpp).
struct ListRating {
    RatingUndo undo;
    std::string tag;               // the list it was rated on ("rec", "new")
    size_t rank = 0;               // its row as drawn
    uint64_t list_revision = 0;    // the list right after the rating: any later change ends the row
    int frame = 0;                 // the last frame that drew it: leaving the page ends it
    float row_height = 0;          // the film's row as last drawn before the rating (0: unknown): the greyed row keeps it
};

struct Ui {
    AppState* app = nullptr;      // null until the catalogue is loaded
    SavedState* saved = nullptr;
    Fonts fonts;
    float scale = 1.0f;           // device pixels per CSS pixel: multiply every size in CSS pixels
    std::string storage_note;     // why the browser cannot keep data, if it cannot

    Page page = Page::Rate;
    bool phone = false;           // one-column layout (window narrower than kPhoneWidth)
    bool touch = false;           // the last pointer was a finger
    bool menu_open = false;       // phone: the navigation menu replaces the page
    std::vector<float> pick_buttons; // this frame's buttons that open the file picker (same layout)
    std::vector<float> text_fields;  // this frame's text boxes (x, y, w, h in device pixels), where a tap opens a keyboard
    std::string action_error;     // the last action that failed (shown until the next action)
    float page_scroll = 0;        // the page's vertical scroll this frame, device pixels (for the tests)

    // Rate page
    SearchFilter filter;
    bool only_unrated = false;
    bool focus_search = false;
    std::vector<uint32_t> results;
    std::string results_key;      // the filter the results were computed for
    std::string search_error;     // why the search refused the query (empty when it ran)
    std::vector<uint32_t> queue;  // start queue (computed once)

    // Rate page: the person's ratings, sorted and filtered (the choice kept for the session, not saved)
    RatingsQuery my_query;
    std::vector<uint32_t> my_shown;       // what my_query gives, recomputed when it or the ratings change
    RatingsQuery my_shown_query;
    uint64_t my_shown_revision = UINT64_MAX;
    std::string my_error;                 // words the search refuses
    size_t my_phone_from = 0;             // phone: the first row drawn (pages of kMyPhoneRows)
    bool my_page_turned = false;          // phone: bring the new page's first row into view
    double my_ms = 0;                     // the last sort and filter

    // Recommendations: the film just rated on the list, with its undo
    std::optional<ListRating> list_rating;
    // Each list row's height as last drawn, by list and film (list_rating.cpp's row_key): the greyed row of a film
    // rated from a list takes its row's height, so nothing below moves (list_rating.hpp). A few thousand entries at
    // most (the films ever listed), each rewritten whenever its row is drawn.
    std::unordered_map<uint64_t, float> list_row_heights;

    // Tune page
    std::string tune_error;
    std::map<std::string, std::string> tune_edit;  // values being edited (applied when the widget is released)

    // Lab page
    int lab_protocol = 1;              // 0 paper, 1 split, 2 stream
    int lab_seeds = 1, lab_users = 100, lab_reviews = 50;
    std::vector<std::string> lab_specs;  // the models offered (filled on first draw)
    std::vector<bool> lab_on;
    std::string lab_yours;               // the spec the person's network ran as (its whole settings string)
    bool list_filter_open = false;  // the Recommendations page's filter section
    bool new_films_open = true;     // the Recommendations page's section of films without community ratings
    int64_t detail_item = -1;  // phone: the recommendation whose technical reason is open ("How?")
    int64_t undo_hidden = -1;  // the film the person last took off the list ("Not interested"), for its undo
    int64_t undo_watchlist = -1;  // the film last taken off the watchlist from its own view, for its undo
    std::string list_export_message;  // what the list's "Save as CSV" / "Copy as text" did
    double search_ms = 0;  // the last search over every title (docs/APP_METRICS.md)
    std::unique_ptr<Dataset> lab_data;  // ml-latest-small as released, read when the lab first runs
    std::unique_ptr<LabJob> lab;
    std::string lab_error;
    LabFrames lab_frames;

    // Data page: export, import, share
    bool confirm_forget = false;
    std::string data_message;          // the last export/import/share outcome
    bool data_message_bad = false;
    std::string share_link;            // the last link made (shown selectable)
    bool share_copied = false;
    SharedRatings share_pending;  // a shared link's ratings, waiting for the person's choice
    bool share_prompt = false;
    std::string share_error;           // a malformed link's message
    std::unique_ptr<HistoryIndex> history_index;  // built when the app starts (main.cpp), else on the first import
    std::unique_ptr<HistoryImport> history;       // the preview, then the learning, of an imported history
    std::unique_ptr<ImportJob> import_job;
    std::string history_message;                  // the last history import's outcome
    bool history_message_bad = false;
    bool history_scroll = false;                  // bring the history section into view (a file just arrived)
};

// Data page: the confirmed history's last rating was learned at `now_ms` (the page clock).
void finish_import(Ui& ui, double now_ms);

// Starts the lab with the page's settings (sets lab_error when refused).
void start_lab(Ui& ui);
// Picks up what arrived from outside the frame: an imported file, a share link in the URL fragment.
void poll_outside(Ui& ui);
void draw_share_prompt(Ui& ui);
// history.cpp: a picked or dropped rating export read into a preview; the preview and its confirmation.
void read_history_file(Ui& ui, const std::vector<uint8_t>& bytes, const std::string& name);
void draw_history(Ui& ui);
const HistoryImport::Summary& history_summary(Ui& ui);  // of ui.history (which must be set), fresh  // data.cpp: the banner asking what to do with a shared link

void draw_ui(Ui& ui);           // shell.cpp: the whole window
void draw_welcome(Ui& ui);      // welcome.cpp
void draw_rate(Ui& ui);         // rate.cpp
// rate.cpp: a table of movies with their rating controls, `height` tall on a desktop (it scrolls); a phone's rows are
// in the page's scroll, at most 50 of them. `tag` names the probes ("TAG:ID:stars"). table_height: of `rows` rows,
// at most `max_rows`.
void movie_table(Ui& ui, const char* id, const std::vector<uint32_t>& items, const char* tag, float height);
float table_height(const Ui& ui, size_t rows, size_t max_rows);
void draw_my_ratings(Ui& ui);   // my_ratings.cpp: "Your ratings", sorted and filtered
void draw_recs(Ui& ui, bool compact);  // recs.cpp: the full page, or the short list beside the rating page
// list_filters.cpp: the list's filter, said in words when on; `list_settings` (a phone) draws the list's other
// settings inside the same collapsed section.
void list_filter_controls(Ui& ui, void (*list_settings)(Ui&) = nullptr);
void show_more_button(Ui& ui);         // list_filters.cpp: 20 more, while the list is full
// watchlist.cpp: the switch "For you" / "From your watchlist (N)"; the watchlist view's words above its list (false:
// nothing to list); the undo of a removal there; its export; and the per-film button that puts a film on it or off:
void list_scope_switch(Ui& ui);
bool watchlist_view_intro(Ui& ui);
void watchlist_undo_bar(Ui& ui);
void watchlist_export_buttons(Ui& ui);
// The button at the cursor ("+ Watchlist", "On watchlist ✓", or "Remove from watchlist" in the view's rows, tag "wl");
// nothing for a film rated or seen. Its width (0: none), and the button on the same line when it fits, else below.
void watchlist_button(Ui& ui, uint32_t item, const char* tag);
float watchlist_button_width(Ui& ui, uint32_t item, const char* tag);
void watchlist_button_after(Ui& ui, uint32_t item, const char* tag);
void draw_tune(Ui& ui);         // tune.cpp
void draw_data(Ui& ui);         // data.cpp
void draw_accuracy(Ui& ui);     // accuracy.cpp
void draw_lab(Ui& ui);          // lab.cpp

}  // namespace wl::app
