// "Your ratings" at the end of the Rate page: the person's own ratings, sorted (date, stars, title, both ways) and
// filtered (words of the title, a range of stars, a genre) by ratings_view (app logic), with a count of what is shown.
// The choice lasts the session and is not saved, like the list's filter. On a desktop the table scrolls in most of
// the page's height; on a phone its rows are part of the page, 50 at a time.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "touch.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

constexpr size_t kMyPhoneRows = 50;

struct StarsRange {
    uint8_t lo, hi;  // half stars, both included
};
// What the stars filter offers: everything, the usual "n stars and up" and "below", then each value alone.
const StarsRange kRanges[] = {{1, 10}, {8, 10}, {6, 10}, {1, 5}, {10, 10}, {9, 9}, {8, 8}, {7, 7}, {6, 6},
                              {5, 5},  {4, 4},  {3, 3},  {2, 2}, {1, 1}};

std::string stars_value(uint8_t half) {  // "4½★"
    std::string s = half >= 2 ? std::to_string(half / 2) : "";
    if (half % 2) s += "\xC2\xBD";
    return s + "\xE2\x98\x85";
}

std::string range_label(uint8_t lo, uint8_t hi) {
    if (lo <= 1 && hi >= 10) return "Any stars";
    if (lo == hi) return stars_value(lo) + " only";
    if (hi >= 10) return stars_value(lo) + " and up";
    if (lo <= 1) return "Below " + stars_value(static_cast<uint8_t>(hi + 1));
    return stars_value(lo) + " to " + stars_value(hi);
}

void sort_combo(Ui& ui, float w) {
    RatingsQuery& q = ui.my_query;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##mine-sort", ratings_sort_label(q.sort))) {
        for (int k = 0; k < kRatingsSorts; ++k) {
            const auto s = static_cast<RatingsSort>(k);
            if (ImGui::Selectable(ratings_sort_label(s), s == q.sort)) q.sort = s;
            probe::item("mine:sort:" + std::to_string(k));
        }
        ImGui::EndCombo();
    }
    probe::item("mine:sort");
}

void stars_combo(Ui& ui, float w) {
    RatingsQuery& q = ui.my_query;
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##mine-stars", range_label(q.min_half, q.max_half).c_str(), ImGuiComboFlags_HeightLarge)) {
        for (size_t k = 0; k < std::size(kRanges); ++k) {
            const StarsRange r = kRanges[k];
            if (k == 4) ImGui::Separator();  // the ranges above, each value alone below
            if (ImGui::Selectable(range_label(r.lo, r.hi).c_str(), q.min_half == r.lo && q.max_half == r.hi))
                q.min_half = r.lo, q.max_half = r.hi;
            probe::item("mine:stars:" + std::to_string(r.lo) + "-" + std::to_string(r.hi));
        }
        ImGui::EndCombo();
    }
    probe::item("mine:stars");
}

void genre_combo(Ui& ui, float w) {
    RatingsQuery& q = ui.my_query;
    const auto& names = ui.app->dataset().genre_names;
    ImGui::SetNextItemWidth(w);
    const char* preview = q.genre < 0 || q.genre >= static_cast<int32_t>(names.size()) ? "Any genre" : names[static_cast<size_t>(q.genre)].c_str();
    if (ImGui::BeginCombo("##mine-genre", preview, ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("Any genre", q.genre < 0)) q.genre = -1;
        for (size_t g = 0; g < names.size() && g < 32; ++g) {
            if (names[g].empty() || names[g].front() == '(') continue;  // "(no genres listed)" is not a genre
            if (ImGui::Selectable(names[g].c_str(), q.genre == static_cast<int32_t>(g))) q.genre = static_cast<int32_t>(g);
        }
        ImGui::EndCombo();
    }
    probe::item("mine:genre");
}

// The sort and the filters: one line on a desktop (wrapping when narrow), full-width rows on a phone.
void controls(Ui& ui) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float full = ImGui::GetContentRegionAvail().x;
    const float half = (full - gap) * 0.5f;
    ImGui::SetNextItemWidth(ui.phone ? full : 240 * ui.scale);
    ImGui::InputTextWithHint("##mine-text", "Find in your ratings", &ui.my_query.text);
    probe::item("mine:text");
    note_text_field(ui);
    if (!ui.phone) same_line_if_fits(180 * ui.scale);
    sort_combo(ui, ui.phone ? half : 180 * ui.scale);
    if (ui.phone) ImGui::SameLine();
    else same_line_if_fits(150 * ui.scale);
    stars_combo(ui, ui.phone ? half : 150 * ui.scale);
    if (!ui.phone) same_line_if_fits(150 * ui.scale);
    genre_combo(ui, ui.phone ? half : 150 * ui.scale);
    if (ui.my_query.restricts()) {
        const float clear_w = ImGui::CalcTextSize("Clear").x + ImGui::GetStyle().FramePadding.x * 2;
        same_line_if_fits(clear_w);
        if (ImGui::Button("Clear##mine")) {
            const RatingsSort keep = ui.my_query.sort;  // the order is not a filter
            ui.my_query = {};
            ui.my_query.sort = keep;
        }
        probe::item("mine:clear");
    }
}

// The query's result, recomputed when the query or the person's data changed.
const std::vector<uint32_t>& shown(Ui& ui) {
    AppState& app = *ui.app;
    if (ui.my_shown_revision == app.revision() && ui.my_shown_query == ui.my_query) return ui.my_shown;
    if (!(ui.my_shown_query == ui.my_query)) ui.my_phone_from = 0;
    ui.my_shown_revision = app.revision();
    ui.my_shown_query = ui.my_query;
    ui.my_error.clear();
    const double t0 = platform::now_ms();
    try {
        ui.my_shown = ratings_view(app.person().ratings, app.view(), ui.my_query);
    } catch (const std::invalid_argument& e) {  // a pasted page: too long, or not UTF-8
        ui.my_shown.clear();
        ui.my_error = e.what();
    }
    ui.my_ms = platform::now_ms() - t0;
    return ui.my_shown;
}

// Phone: "Previous 50" / "Next 50" under the rows (a page of 972 rows would be metres long).
void phone_pages(Ui& ui, size_t n) {
    if (n <= kMyPhoneRows) return;
    if (ui.my_phone_from > 0) {
        if (ImGui::Button("Previous 50")) ui.my_phone_from -= std::min(ui.my_phone_from, kMyPhoneRows), ui.my_page_turned = true;
        probe::item("mine:prev");
        if (ui.my_phone_from + kMyPhoneRows < n) ImGui::SameLine();
    }
    if (ui.my_phone_from + kMyPhoneRows < n) {
        if (ImGui::Button("Next 50")) ui.my_phone_from += kMyPhoneRows, ui.my_page_turned = true;
        probe::item("mine:next");
    }
}

}  // namespace

void draw_my_ratings(Ui& ui) {
    const auto& ratings = ui.app->person().ratings;
    ImGui::SeparatorText(("Your ratings (" + std::to_string(ratings.size()) + ")").c_str());
    if (ratings.empty()) {
        ImGui::PushTextWrapPos(0.0f);  // a phone's width is shorter than the sentence
        dim_text("None yet. Rate a handful of movies and your recommendations appear.");
        ImGui::PopTextWrapPos();
        return;
    }
    controls(ui);
    const std::vector<uint32_t>& all = shown(ui);
    ImGui::PushTextWrapPos(0.0f);
    if (!ui.my_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
        ImGui::TextUnformatted(("Not searched: " + ui.my_error).c_str());
        ImGui::PopStyleColor();
    }
    std::string count = "Showing " + std::to_string(all.size()) + " of " + std::to_string(ratings.size());
    if (ui.phone && all.size() > kMyPhoneRows)
        count += " (" + std::to_string(ui.my_phone_from + 1) + "-" +
                 std::to_string(std::min(all.size(), ui.my_phone_from + kMyPhoneRows)) + " below)";
    dim_text(count);
    probe::text("mine:count", count);
    probe::item("mine:count");
    if (ui.my_page_turned) {  // the finger was on "Next 50" at the bottom: the new rows start at the top
        ImGui::SetScrollHereY(0.0f);
        ui.my_page_turned = false;
    }
    if (all.empty() && ui.my_error.empty()) dim_text("None of your ratings passes this filter.");
    ImGui::PopTextWrapPos();
    if (all.empty()) return;
    if (ui.phone) {
        ui.my_phone_from = std::min(ui.my_phone_from, (all.size() - 1) / kMyPhoneRows * kMyPhoneRows);
        const auto from = all.begin() + static_cast<std::ptrdiff_t>(ui.my_phone_from);
        const std::vector<uint32_t> page(from, from + static_cast<std::ptrdiff_t>(std::min(kMyPhoneRows, all.size() - ui.my_phone_from)));
        movie_table(ui, "##mine", page, "y", 0);
        phone_pages(ui, all.size());
        return;
    }
    // Tall enough to read: what the page has left, but at least three quarters of the visible page (the page scrolls
    // to it), and no taller than its rows.
    const float rows_h = table_height(ui, all.size(), all.size());
    const float h = std::min(rows_h, std::max({ImGui::GetContentRegionAvail().y, 0.75f * ImGui::GetWindowHeight(), table_height(ui, 3, 3)}));
    movie_table(ui, "##mine", all, "y", h);  // a rating there changes my_shown only on the next frame (shown())
    probe::item("mine:table");
}

}  // namespace wl::app
