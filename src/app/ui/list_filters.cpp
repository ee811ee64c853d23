// The Recommendations page's filter (genres in and out, a year range: eval/list_filter.hpp, the one filter the
// JS API and the evaluator use too) and its "show more". Each change re-ranks at once (AppState::set_list_filter);
// the active filter is always said in words above the list, so a narrowed list never passes for the whole one.
#include <imgui.h>

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/logic/history_import.hpp"
#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

// The catalogue's genres a person can pick: MovieLens' "(no genres listed)" is a missing value, not a genre.
bool pickable(const std::string& g) { return !g.empty() && g.front() != '('; }

// A combo of genres as toggles ("Comedy, Drama" when closed); returns the new bits.
uint32_t genre_combo(Ui& ui, const char* label, const char* probe_tag, uint32_t bits, uint32_t barred) {
    const auto& names = ui.app->dataset().genre_names;
    std::string preview;
    for (size_t g = 0; g < names.size() && g < 32; ++g)
        if (bits & (1u << g)) preview += (preview.empty() ? "" : ", ") + names[g];
    if (preview.empty()) preview = "any";
    ImGui::SetNextItemWidth(ui.phone ? -1.0f : 260 * ui.scale);
    if (ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (size_t g = 0; g < names.size() && g < 32; ++g) {
            if (!pickable(names[g]) || (barred & (1u << g))) continue;
            const bool on = bits & (1u << g);
            // Stays open: several genres are usually picked at once.
            if (ImGui::Selectable(((on ? "\xE2\x9C\x93 " : "   ") + names[g]).c_str(), on, ImGuiSelectableFlags_DontClosePopups))
                bits ^= 1u << g;
            probe::item(std::string(probe_tag) + ":" + names[g]);
        }
        ImGui::EndCombo();
    }
    probe::item(probe_tag);
    return bits;
}

// A year bound as a slider whose end means "no bound".
int year_slider(Ui& ui, const char* label, const char* probe_tag, int year, int lo, int hi, bool from) {
    int v = year == 0 ? (from ? lo : hi) : year;
    ImGui::SetNextItemWidth(ui.phone ? -1.0f : 200 * ui.scale);
    const char* fmt = v == (from ? lo : hi) ? "any year" : "%d";
    ImGui::SliderInt(label, &v, lo, hi, fmt, ImGuiSliderFlags_AlwaysClamp);
    probe::item(probe_tag);
    return v == (from ? lo : hi) ? 0 : v;
}

// What the last "Save as CSV" / "Copy as text" did.
void export_message(Ui& ui) {
    if (ui.list_export_message.empty()) return;
    ImGui::PushTextWrapPos(0.0f);
    dim_text(ui.list_export_message);
    ImGui::PopTextWrapPos();
}

// "Follow my latest ratings" (Settings::recent_list): the list's parts learn only the latest kRecentList ratings, the
// form the stream protocol measured (docs/RECENCY.md).
void recent_list_toggle(Ui& ui) {
    AppState& app = *ui.app;
    bool on = app.person().settings.recent_list > 0;
    if (ImGui::Checkbox("Follow my latest ratings", &on)) app.set_recent_list(on ? kRecentList : 0);
    probe::item("recent:toggle");
    ImGui::SameLine();
    help_mark(ui, "recent",
              "Your list leans on your " + std::to_string(kRecentList) +
                  " most recent ratings, so it follows what you have been watching lately; your predicted stars "
                  "still use all of your ratings. On MovieLens it finds the next film people rate more often. It "
                  "follows your latest sitting, not a change of taste over years.");
}

// While it is on, it is said in words above the list, as the filter is.
void recent_list_notice(Ui& ui) {
    AppState& app = *ui.app;
    if (app.person().settings.recent_list == 0) return;
    const size_t n = app.person().ratings.size();
    const std::string notice =
        "Following your latest ratings: the list leans on your " + std::to_string(kRecentList) + " most recent " +
        (n > kRecentList ? "of " + std::to_string(n) + " (the stars use all of them)."
                         : "(you have " + std::to_string(n) + ", so all of them count for now).");
    ImGui::PushTextWrapPos(0.0f);
    dim_text(notice);
    ImGui::PopTextWrapPos();
    probe::text("recent:notice", notice);
}

}  // namespace

void list_filter_controls(Ui& ui, void (*list_settings)(Ui&)) {
    AppState& app = *ui.app;
    ListFilter f = app.list_filter();
    const auto& names = app.dataset().genre_names;
    // With `list_settings` (a phone), the list's other settings are in this section too: shown open above the list,
    // they took the whole first screen and the first film began below it. The heading says when one of them is not
    // the default; the filter and "follow my latest ratings" also say so in words below it.
    const Settings& set = app.person().settings;
    const Settings defaults;
    const bool tuned = set.rec_source != defaults.rec_source || set.min_votes != defaults.min_votes ||
                       set.recent_list != defaults.recent_list;
    const char* heading = !list_settings ? (f.restricts() ? "Filter the list (on)###filter" : "Filter the list###filter")
                          : f.restricts() ? "Filter and tune the list (on)###filter"
                          : tuned         ? "Filter and tune the list (changed)###filter"
                                          : "Filter and tune the list###filter";
    ImGui::SetNextItemOpen(ui.list_filter_open);
    ui.list_filter_open = ImGui::CollapsingHeader(heading);
    probe::item("filter");
    if (ui.list_filter_open) {
        ImGui::Indent();
        if (list_settings) list_settings(ui);
        // Include: any of them; exclude: none of them. A genre is in at most one of the two.
        if (ui.phone) ImGui::TextUnformatted("Only these genres");
        f.genres = genre_combo(ui, ui.phone ? "##Only these genres" : "Only these genres", "filter:genres", f.genres, f.exclude_genres);
        if (ui.phone) ImGui::TextUnformatted("Not these genres");
        f.exclude_genres = genre_combo(ui, ui.phone ? "##Not these genres" : "Not these genres", "filter:exclude", f.exclude_genres, f.genres);
        // The catalogue's own year span (the 2023 catalogue reaches 2023; films of unknown year have 0).
        int lo = 3000, hi = 0;
        for (const auto& it : app.dataset().items)
            if (it.year > 0) lo = std::min<int>(lo, it.year), hi = std::max<int>(hi, it.year);
        if (lo > hi) lo = 1900, hi = 2023;
        if (ui.phone) ImGui::TextUnformatted("Years");
        f.year_from = year_slider(ui, ui.phone ? "##from" : "From", "filter:from", f.year_from, lo, hi, true);
        if (!ui.phone) ImGui::SameLine();
        f.year_to = year_slider(ui, ui.phone ? "##to" : "To", "filter:to", f.year_to, lo, hi, false);
        if (f.year_from != 0 && f.year_to != 0 && f.year_from > f.year_to) std::swap(f.year_from, f.year_to);
        if (list_settings) recent_list_toggle(ui);
        ImGui::Unindent();
    }
    app.set_list_filter(f);  // re-ranks only when it changed
    if (app.list_filter().restricts()) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text("Showing only: " + describe_list_filter(app.list_filter(), names) + ".");
        ImGui::PopTextWrapPos();
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear filter")) app.set_list_filter({});
        probe::item("filter:clear");
    }
    if (!list_settings) recent_list_toggle(ui);
    recent_list_notice(ui);
}

void show_more_button(Ui& ui) {
    AppState& app = *ui.app;
    const auto& recs = app.recommendations();
    // "Show more" only when the list is full: a shorter one already holds every movie that passes.
    const bool watchlist = app.list_scope() == ListScope::Watchlist;
    if (recs.size() >= app.list_length() && app.list_length() < kMaxListLength) {
        if (ImGui::Button(ui.phone || watchlist ? "Show 20 more" : "Show 20 more recommendations", ImVec2(ui.phone ? -1.0f : 0.0f, 0)))
            app.show_more();
        probe::item("recs:more");
        if (!ui.phone) ImGui::SameLine();
    }
    if (watchlist) {
        watchlist_export_buttons(ui);  // the whole watchlist, not just the films shown
        export_message(ui);
        return;
    }
    if (recs.empty()) return;
    // The list as shown (filter and length included), to take elsewhere: Letterboxd's list importer reads the CSV.
    std::vector<uint32_t> items;
    items.reserve(recs.size());
    for (const auto& r : recs) items.push_back(r.item);
    if (ImGui::Button("Save this list as CSV")) {
        const std::string csv = export_list_csv(items, app.dataset());
        const std::string err = platform::download_file(
            "weightless-list.csv", std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
        ui.list_export_message = err.empty() ? "Saved " + std::to_string(items.size()) +
                                                   " films as weightless-list.csv (Position, Title, Year, imdbID, tmdbID: "
                                                   "Letterboxd's list import reads it)."
                                             : "Saving failed: " + err;
    }
    probe::item("recs:export");
    same_line_if_fits(ImGui::CalcTextSize("Copy as text").x + 2 * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button("Copy as text"))
        ui.list_export_message = platform::copy_text(list_text(items, app.dataset()))
                                     ? "Copied " + std::to_string(items.size()) + " titles, one per line."
                                     : "This browser offers no clipboard here; save the CSV instead.";
    probe::item("recs:copy");
    export_message(ui);
}

}  // namespace wl::app
