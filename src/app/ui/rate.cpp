// The rating page: search (accent- and case-insensitive) with genre and year filters, the start list of popular,
// varied movies for a new person, and the person's own ratings to change or remove.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "touch.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

constexpr size_t kQueueShown = 8;
constexpr const char* kNoGenres = "(no genres listed)";

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

bool filtering_beyond_query(const Ui& ui) {
    const CatalogueView& v = ui.app->view();
    return ui.filter.genre >= 0 || ui.filter.year_from > v.min_year() || ui.filter.year_to < v.max_year() || ui.only_unrated;
}

bool filtering(const Ui& ui) { return !ui.filter.query.empty() || filtering_beyond_query(ui); }

// Phone: one column; each movie is its title (wrapped), the community's mean and the rating controls below. The
// table does not scroll by itself: the page does (one scrolling area is what a finger expects), so long lists are
// cut at kPhoneRows with a note.
constexpr size_t kPhoneRows = 50;
void phone_table(Ui& ui, const char* id, const std::vector<uint32_t>& all, const char* tag) {
    const std::vector<uint32_t> items(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), kPhoneRows)));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable(id, 1, flags)) return;
    ImGui::TableSetupColumn("Movie", ImGuiTableColumnFlags_WidthStretch);
    const CatalogueView& v = ui.app->view();
    // Rows wrap to different heights, which the clipper cannot know: it is used only for long lists, where its
    // estimate from the first row keeps the page fast.
    const auto draw_row = [&](uint32_t item) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        movie_title(ui, item, tag);
        if (v.votes(item)) dim_text("Community " + fixed1(v.mean_stars(item)) + " stars (" + std::to_string(v.votes(item)) + ")");
        else dim_text("No community ratings yet");
        ImGui::PopTextWrapPos();
        rating_controls(ui, item, tag);
        if (std::string_view(tag) == "r") watchlist_button_after(ui, item, tag);  // search results: films to add
    };
    for (uint32_t item : items) draw_row(item);
    ImGui::EndTable();
    if (all.size() > items.size()) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text("The first " + std::to_string(items.size()) + " of " + std::to_string(all.size()) + ": search to find the others.");
        ImGui::PopTextWrapPos();
    }
}

}  // namespace

// One table of movies with the rating controls; `tag` names the probe rectangles.
void movie_table(Ui& ui, const char* id, const std::vector<uint32_t>& items, const char* tag, float height) {
    if (ui.phone) {
        phone_table(ui, id, items, tag);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable(id, 3, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Movie", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Community", ImGuiTableColumnFlags_WidthFixed, 110 * ui.scale);
    ImGui::TableSetupColumn("Your rating", ImGuiTableColumnFlags_WidthFixed, 260 * ui.scale);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(items.size()));
    while (clip.Step()) {
        for (int row = clip.DisplayStart; row < clip.DisplayEnd; ++row) {
            const uint32_t item = items[static_cast<size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            movie_title(ui, item, tag);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const CatalogueView& v = ui.app->view();
            if (v.votes(item)) ImGui::Text("%.1f (%u)", v.mean_stars(item), v.votes(item));
            else dim_text("none yet");
            if (!v.votes(item)) ImGui::SetItemTooltip("No community ratings: none of the community's 610 people (ratings up to 2018) rated this one.");
            ImGui::TableNextColumn();
            rating_controls(ui, item, tag);
            if (std::string_view(tag) == "r") watchlist_button_after(ui, item, tag);  // search results: films to add
        }
    }
    ImGui::EndTable();
}

float table_height(const Ui& ui, size_t rows, size_t max_rows) {
    float row = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    if (ui.phone) row += 2 * ImGui::GetTextLineHeightWithSpacing();  // title and community lines above the stars
    return row * static_cast<float>(std::min(std::max<size_t>(rows, 1), max_rows) + 1) + 2;
}

namespace {

void search_bar(Ui& ui) {
    const CatalogueView& v = ui.app->view();
    const Dataset& ds = ui.app->dataset();
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput && ((io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) || ImGui::IsKeyPressed(ImGuiKey_Slash, false)))
        ui.focus_search = true;
    if (ui.focus_search) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_search = false;
    }
    // The filters follow on the same line when there is room, else on the next.
    const float filters_w = 540 * ui.scale;
    const bool one_line = ImGui::GetContentRegionAvail().x > filters_w + 360 * ui.scale;
    // On a touch screen a Paste button sits beside the box (a phone has no Ctrl+V, and the canvas no context menu).
    const float paste_w = ui.touch ? ImGui::CalcTextSize("Paste").x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x : 0;
    ImGui::SetNextItemWidth(one_line ? ImGui::GetContentRegionAvail().x - filters_w - paste_w : -1.0f - paste_w);
    ImGui::InputTextWithHint("##search", ui.phone ? "Search titles (try: amelie)" : "Search titles (try: amelie, matrix, star wars)",
                             &ui.filter.query);
    probe::item("search");
    note_text_field(ui);
    ImGui::SetItemTooltip("Case and accents do not matter. Shortcut: / or Ctrl+F");
    if (ui.touch) {
        ImGui::SameLine();
        if (ImGui::Button("Paste")) {
            ui.focus_search = true;
            platform::paste_clipboard();
        }
        probe::item("search:paste");
    }
    if (one_line) ImGui::SameLine();
    ImGui::SetNextItemWidth(150 * ui.scale);
    const char* preview = ui.filter.genre < 0 ? "Any genre" : ds.genre_names[static_cast<size_t>(ui.filter.genre)].c_str();
    if (ImGui::BeginCombo("##genre", preview)) {
        if (ImGui::Selectable("Any genre", ui.filter.genre < 0)) ui.filter.genre = -1;
        for (size_t g = 0; g < ds.genre_names.size(); ++g) {
            if (ds.genre_names[g] == kNoGenres) continue;  // MovieLens' marker for "none", not a genre to pick
            if (ImGui::Selectable(ds.genre_names[g].c_str(), ui.filter.genre == static_cast<int>(g))) ui.filter.genre = static_cast<int>(g);
            probe::text("genre:" + std::to_string(g), ds.genre_names[g]);
        }
        ImGui::EndCombo();
    }
    probe::item("genre");
    same_line_if_fits(170 * ui.scale);
    ImGui::SetNextItemWidth(170 * ui.scale);
    ImGui::DragIntRange2("##years", &ui.filter.year_from, &ui.filter.year_to, 0.3f, v.min_year(), v.max_year(), "from %d",
                         "to %d", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SetItemTooltip("Release years: drag, or double-click to type");
    same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize("Only unrated").x + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::Checkbox("Only unrated", &ui.only_unrated);
    if (filtering(ui)) {
        same_line_if_fits(ImGui::CalcTextSize("Clear").x + ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::Button("Clear")) {
            ui.filter = SearchFilter{{}, -1, v.min_year(), v.max_year()};
            ui.only_unrated = false;
        }
    }
}

}  // namespace

void draw_rate(Ui& ui) {
    AppState& app = *ui.app;
    const CatalogueView& v = app.view();
    if (ui.queue.empty()) {
        ui.queue = v.start_queue(60);
        ui.filter.year_from = v.min_year();
        ui.filter.year_to = v.max_year();
    }
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Rate movies");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    dim_text(ui.touch ? "Tap a star (its left half gives a half star). Each rating retrains your network at once."
                      : "Click a star (its left half gives a half star). Each rating retrains your network at once.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    search_bar(ui);

    if (filtering(ui)) {
        const std::string key = ui.filter.query + '\x1f' + std::to_string(ui.filter.genre) + '\x1f' +
                                std::to_string(ui.filter.year_from) + '-' + std::to_string(ui.filter.year_to);
        if (key != ui.results_key) {
            // A query the search refuses (a pasted page: too long, or not UTF-8) shows the core's message.
            ui.search_error.clear();
            const double t0 = platform::now_ms();
            try {
                ui.results = v.search(ui.filter);
                ui.search_ms = platform::now_ms() - t0;
            } catch (const std::invalid_argument& e) {
                ui.results.clear();
                ui.search_error = e.what();
            }
            ui.results_key = key;
        }
        if (!ui.search_error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
            ImGui::TextWrapped("Not searched: %s", ui.search_error.c_str());
            ImGui::PopStyleColor();
        }
        std::vector<uint32_t> shown;
        if (ui.only_unrated) {
            for (uint32_t i : ui.results)
                if (!app.rating_of(i)) shown.push_back(i);
        }
        const auto& list = ui.only_unrated ? shown : ui.results;
        if (list.empty() && ui.search_error.empty()) {
            // Said in words, with what the catalogue holds: a film newer than July 2023 is not in it.
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(("No movie matches" + (ui.filter.query.empty() ? std::string() : " \"" + ui.filter.query + "\"") +
                                    (filtering_beyond_query(ui) ? " with these filters" : "") + ". The catalogue holds " +
                                    v.describe() + " (MovieLens, July 2023); check the spelling, or try fewer words.")
                                       .c_str());
            ImGui::PopTextWrapPos();
            probe::item("search:none");
        } else if (!list.empty()) {
            ImGui::Text("%zu movie%s", list.size(), list.size() == 1 ? "" : "s");
            movie_table(ui, "##results", list, "r", table_height(ui, list.size(), ui.phone ? 4 : 12));
        }
    } else {
        std::vector<uint32_t> next;
        for (uint32_t i : ui.queue) {
            if (next.size() == kQueueShown) break;
            if (!app.rating_of(i) && !app.is_unseen(i)) next.push_back(i);
        }
        // A separator's heading does not wrap: a phone gets the short one.
        ImGui::SeparatorText(ui.phone ? "Start here: well-known movies" : "Start here: well-known movies from many genres");
        if (next.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            dim_text("You have been through the start list. Search for the movies you know.");
            ImGui::PopTextWrapPos();
        } else movie_table(ui, "##queue", next, "q", table_height(ui, next.size(), ui.phone ? 3 : kQueueShown));
    }

    draw_my_ratings(ui);  // my_ratings.cpp: the person's own, sorted and filtered
}

}  // namespace wl::app
