// The watchlist in the app: the switch between the list "For you" and "From your watchlist" (the watchlist ranked by
// the same model, filter and top-N path: AppState::set_list_scope), what that view says around its list (how to fill
// an empty watchlist, the films the filter leaves out, the undo of a removal, its export), and the button that puts a
// film on the watchlist or takes it off, beside the rating controls of a row.
#include <imgui.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/logic/history_import.hpp"
#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

const char* kCheck = "\xE2\x9C\x93";  // U+2713 CHECK MARK

std::string films(size_t n) { return std::to_string(n) + (n == 1 ? " film" : " films"); }

// One of the two halves of the switch: the current one drawn as pressed.
bool scope_button(Ui& ui, const std::string& label, bool current) {
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = ImGui::Button(label.c_str());
    if (current) ImGui::PopStyleColor();
    (void)ui;
    return pressed && !current;
}

}  // namespace

void list_scope_switch(Ui& ui) {
    AppState& app = *ui.app;
    const bool wl = app.list_scope() == ListScope::Watchlist;
    if (scope_button(ui, "For you", !wl)) app.set_list_scope(ListScope::ForYou);
    probe::item("scope:for-you");
    const std::string label = "From your watchlist (" + std::to_string(app.person().watchlist.size()) + ")###scope-watchlist";
    same_line_if_fits(ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x);
    if (scope_button(ui, label, wl)) app.set_list_scope(ListScope::Watchlist);
    probe::item("scope:watchlist");
    probe::text("scope:watchlist", label.substr(0, label.find("###")));
    ImGui::SetItemTooltip("Your watchlist ranked for you: what to watch tonight");
}

bool watchlist_view_intro(Ui& ui) {
    AppState& app = *ui.app;
    const size_t n = app.person().watchlist.size();
    ImGui::PushTextWrapPos(0.0f);
    if (n == 0) {
        ImGui::TextUnformatted("Your watchlist is empty.");
        dim_text("Fill it on Data & privacy: import Letterboxd's watchlist.csv (in its export) or IMDb's watchlist export. "
                 "Or add films one by one with \"+ Watchlist\" beside a search result (Rate movies) or a film of your list. "
                 "It is then ranked here for you, best first.");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Import a watchlist")) {
            ui.page = Page::Data;
            ui.history_scroll = true;  // the import section in view
        }
        probe::item("watchlist:import");
        same_line_if_fits(ImGui::CalcTextSize("Search films to add").x + 2 * ImGui::GetStyle().FramePadding.x);
        if (ImGui::Button("Search films to add")) {
            ui.page = Page::Rate;
            ui.focus_search = true;
        }
        probe::item("watchlist:search");
        return false;
    }
    dim_text("The " + films(n) + " on your watchlist, best first for you by the same list as \"For you\". Rate one you have "
             "watched and it leaves the watchlist.");
    if (const size_t out = app.watchlist_filtered_out()) {
        const std::string said = "The filter leaves out " + films(out) + " of your watchlist" +
                                 (out == n ? ": none is shown. Clear the filter to see them." : ".");
        ImGui::TextUnformatted(said.c_str());
        probe::item("watchlist:filtered");
        probe::text("watchlist:filtered", said);
    }
    ImGui::PopTextWrapPos();
    return !app.recommendations().empty();
}

// "Took X off your watchlist. Undo": a removal from the watchlist view, where the film vanishes at once.
void watchlist_undo_bar(Ui& ui) {
    AppState& app = *ui.app;
    if (ui.undo_watchlist < 0) return;
    const auto item = static_cast<uint32_t>(ui.undo_watchlist);
    if (item >= app.dataset().num_items() || app.on_watchlist(item) || app.rating_of(item)) {
        ui.undo_watchlist = -1;
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("Took " + app.view().title(item) + " off your watchlist.").c_str());
    ImGui::PopTextWrapPos();
    same_line_if_fits(ImGui::CalcTextSize("Undo").x + 2 * ImGui::GetStyle().FramePadding.x);  // a long title wraps to the edge
    if (ImGui::SmallButton("Undo##watchlist")) {
        app.set_on_watchlist(item, true);
        ui.undo_watchlist = -1;
    }
    probe::item("undo-watchlist");
}

namespace {
// The button's label for `item` in rows of `tag`; "" when it has none (a film rated or seen has no place on the watchlist).
std::string watchlist_label(const AppState& app, uint32_t item, const char* tag) {
    if (app.rating_of(item) || app.is_seen(item)) return {};
    if (std::string_view(tag) == "wl") return "Remove from watchlist";  // the watchlist's own rows: every film is on it
    return app.on_watchlist(item) ? std::string("On watchlist ") + kCheck : "+ Watchlist";
}
}  // namespace

float watchlist_button_width(Ui& ui, uint32_t item, const char* tag) {
    const std::string label = watchlist_label(*ui.app, item, tag);
    return label.empty() ? 0.0f : ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void watchlist_button(Ui& ui, uint32_t item, const char* tag) {
    AppState& app = *ui.app;
    const std::string label = watchlist_label(app, item, tag);
    if (label.empty()) return;
    const bool on = app.on_watchlist(item);
    ImGui::PushID(static_cast<int>(item));
    const bool pressed = ui.phone ? ImGui::Button(label.c_str()) : ImGui::SmallButton(label.c_str());
    ImGui::PopID();
    const std::string key = std::string(tag) + ":" + std::to_string(app.dataset().items[item].id) + ":watchlist";
    probe::item(key);
    probe::text(key, label);
    ImGui::SetItemTooltip(on ? "Take it off your watchlist" : "Put it on your watchlist: films to watch, ranked for you under Recommendations");
    if (!pressed) return;
    app.set_on_watchlist(item, !on);
    if (on && std::string_view(tag) == "wl") ui.undo_watchlist = static_cast<int64_t>(item);
}

void watchlist_button_after(Ui& ui, uint32_t item, const char* tag) {
    const float w = watchlist_button_width(ui, item, tag);
    if (w <= 0) return;
    same_line_if_fits(w);
    watchlist_button(ui, item, tag);
}

void watchlist_export_buttons(Ui& ui) {
    AppState& app = *ui.app;
    if (app.person().watchlist.empty()) return;
    // The whole watchlist, best first for the person (filter and length aside): Letterboxd's list import reads it.
    if (ImGui::Button("Save your watchlist as CSV")) {
        const std::vector<uint32_t> items = app.watchlist_ranked();
        const std::string csv = export_list_csv(items, app.dataset());
        const std::string err = platform::download_file(
            "weightless-watchlist.csv", std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
        ui.list_export_message = err.empty() ? "Saved " + films(items.size()) +
                                                   ", best first for you, as weightless-watchlist.csv (Position, Title, Year, "
                                                   "imdbID, tmdbID: Letterboxd's list import reads it)."
                                             : "Saving failed: " + err;
    }
    probe::item("watchlist:export");
    same_line_if_fits(ImGui::CalcTextSize("Copy as text").x + 2 * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button("Copy as text##watchlist")) {
        const std::vector<uint32_t> items = app.watchlist_ranked();
        ui.list_export_message = platform::copy_text(list_text(items, app.dataset()))
                                     ? "Copied " + std::to_string(items.size()) + " titles of your watchlist, best first, one per line."
                                     : "This browser offers no clipboard here; save the CSV instead.";
    }
    probe::item("watchlist:copy");
    if (app.person().watchlist_aside.size()) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text(films(app.person().watchlist_aside.size()) + " of your watchlist are not in this catalogue: kept, but not "
                 "listed or exported by title.");
        ImGui::PopTextWrapPos();
    }
}

}  // namespace wl::app
