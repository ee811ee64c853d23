// The film just rated on a list, kept in place with its undo (see list_rating.hpp).
#include "list_rating.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the table's row bounds: a row's height as ImGui lays it out (no public accessor)

#include <algorithm>
#include <string_view>

#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

bool on_a_list(std::string_view tag) { return tag == "rec" || tag == "new" || tag == "wl"; }

// Ui::list_row_heights' key: the list and the film (a film may stand in two lists drawn in one frame).
uint64_t row_key(std::string_view tag, uint32_t item) {
    const uint64_t list = tag == "rec" ? 1 : tag == "new" ? 2 : tag == "wl" ? 3 : 0;
    return list << 32 | item;
}

const std::vector<Recommendation>& list_of(AppState& app, std::string_view tag) {
    return tag == "new" ? app.new_films() : app.recommendations();
}

// The row still stands: drawn last frame (the page was not left), the list unchanged since the rating, and the film
// still rated as then. Otherwise it is dropped for good.
ListRating* live(Ui& ui, std::string_view tag) {
    if (!ui.list_rating) return nullptr;
    ListRating& lr = *ui.list_rating;
    const auto it = ui.app->person().ratings.find(lr.undo.item);
    if (lr.list_revision != ui.app->list_revision() || it == ui.app->person().ratings.end() || !(it->second == lr.undo.made) ||
        lr.frame + 1 < ImGui::GetFrameCount()) {
        ui.list_rating.reset();
        return nullptr;
    }
    return lr.tag == tag ? &lr : nullptr;
}

// "★★★★½": the person's own stars as text (the body font has the star; "½" is Latin-1).
std::string star_text(uint8_t half_stars) {
    std::string s;
    for (int k = 0; k < half_stars / 2; ++k) s += "\xE2\x98\x85";
    if (half_stars % 2) s += "\xC2\xBD";
    return s;
}

}  // namespace

void rate_from_row(Ui& ui, uint32_t item, uint8_t half_stars, const char* tag) {
    AppState& app = *ui.app;
    if (!on_a_list(tag)) {
        app.rate(item, half_stars, platform::unix_seconds());
        return;
    }
    // Its place as drawn: its index in the list, after the row of a film rated before it that still stands there.
    const auto& list = list_of(app, tag);
    const auto at = std::find_if(list.begin(), list.end(), [&](const Recommendation& r) { return r.item == item; });
    size_t rank = static_cast<size_t>(at - list.begin());
    if (const ListRating* before = live(ui, tag); before && before->rank <= rank) ++rank;
    const auto undo = app.rate_undoable(item, half_stars, platform::unix_seconds());
    if (!undo) return;
    // The row's height as last drawn (this frame's row is half drawn, and the rating may already change its rest).
    const auto h = ui.list_row_heights.find(row_key(tag, item));
    ui.list_rating = ListRating{*undo, tag, rank, app.list_revision(), ImGui::GetFrameCount(),
                                h == ui.list_row_heights.end() ? 0.0f : h->second};
}

std::vector<Recommendation> with_rated_row(Ui& ui, const std::vector<Recommendation>& recs, const char* tag) {
    std::vector<Recommendation> rows = recs;
    ListRating* lr = live(ui, tag);
    if (!lr) return rows;
    lr->frame = ImGui::GetFrameCount();
    Recommendation r;
    r.item = lr->undo.item;
    rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(std::min(lr->rank, rows.size())), std::move(r));
    return rows;
}

void end_list_row(Ui& ui, uint32_t item, const char* tag) {
    const ImGuiTable* t = ImGui::GetCurrentTable();
    if (!t || !t->IsInsideRow) return;
    // What TableEndRow will make of the row: its bottom so far, or the open cell's content below it plus the padding.
    const float bottom = std::max(t->RowPosY2, t->InnerWindow->DC.CursorMaxPos.y + t->RowCellPaddingY);
    ui.list_row_heights[row_key(tag, item)] = bottom - t->RowPosY1;
}

bool list_row(Ui& ui, uint32_t item, const char* tag) {
    const bool rated = ui.list_rating && ui.list_rating->undo.item == item && ui.list_rating->tag == tag;
    ImGui::TableNextRow(ImGuiTableRowFlags_None, rated ? ui.list_rating->row_height : 0.0f);
    if (!rated) return false;
    AppState& app = *ui.app;
    const RatingUndo undo = ui.list_rating->undo;
    const std::string key = "rated:" + std::to_string(app.dataset().items[item].id);
    const std::string said = "You rated it " + star_text(undo.made.half_stars);
    ImGui::TableNextColumn();
    ImGui::PushID(key.c_str());
    if (ui.phone) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text(app.view().title(item));
        ImGui::PopTextWrapPos();
        probe::item(key + ":title");
        ImGui::AlignTextToFramePadding();
        dim_text(said);
    } else {
        ImGui::AlignTextToFramePadding();
        dim_text(fit_title(app.view().title(item), ImGui::GetContentRegionAvail().x));
        probe::item(key + ":title");
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        dim_text(said);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        dim_text(fit_text("Saved to your ratings; it left the list.", ImGui::GetContentRegionAvail().x));
        ImGui::TableNextColumn();
    }
    probe::text(key, said);
    if (ui.phone) same_line_if_fits(ImGui::CalcTextSize("Undo").x + ImGui::GetStyle().FramePadding.x * 2);
    const bool undo_now = ui.phone ? ImGui::Button("Undo") : ImGui::SmallButton("Undo");
    probe::item(key + ":undo");
    ImGui::SetItemTooltip("Take the rating back: your network forgets it exactly and the film returns to its place");
    ImGui::PopID();
    if (undo_now) {
        app.undo_rating(undo);
        ui.list_rating.reset();
        ui.action_error.clear();
    }
    return true;
}

}  // namespace wl::app
