// Shared widgets (see widgets.hpp).
#include "widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include "debug_probe.hpp"
#include "list_rating.hpp"
#include "app/platform/platform.hpp"

namespace wl::app {

namespace {

const char* kStar = "\xE2\x98\x85";  // U+2605 BLACK STAR
const ImU32 kGold = IM_COL32(245, 181, 66, 255);
// A guess is drawn in another colour than the person's own stars (gold), and never as a control.
const ImU32 kGuess = IM_COL32(120, 172, 235, 255);
const ImU32 kGoldPreview = IM_COL32(250, 214, 140, 255);
const ImU32 kEmpty = IM_COL32(90, 94, 106, 255);

// Draws five stars from x with `halves` (0..10) filled in `fill`.
void draw_stars(Ui& ui, ImVec2 pos, float cell, float height, int halves, ImU32 fill) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts.stars ? ui.fonts.stars : ImGui::GetFont();
    const float size = ui.fonts.stars ? font->FontSize : ImGui::GetFontSize();
    const ImVec2 g = font->CalcTextSizeA(size, FLT_MAX, 0.0f, kStar);
    const float y = pos.y + (height - g.y) * 0.5f;
    for (int s = 0; s < 5; ++s) {
        const float gx = pos.x + s * cell + (cell - g.x) * 0.5f;
        dl->AddText(font, size, ImVec2(gx, y), kEmpty, kStar);
        const int f = std::clamp(halves - 2 * s, 0, 2);
        if (f == 0) continue;
        dl->PushClipRect(ImVec2(gx, y), ImVec2(gx + g.x * f * 0.5f, y + g.y), true);
        dl->AddText(font, size, ImVec2(gx, y), fill, kStar);
        dl->PopClipRect();
    }
}

// A finger needs a wider star than a mouse: on a phone each star is 40 CSS pixels (a half star 20).
float star_cell(Ui& ui) {
    const float cell = (ui.fonts.stars ? ui.fonts.stars->FontSize : ImGui::GetFontSize() * 1.2f) * 1.08f;
    return ui.phone ? std::max(cell, 40.0f * ui.scale) : cell;
}

// Phone: full-height buttons (touch targets); else the small inline ones.
bool inline_button(const Ui& ui, const char* label) { return ui.phone ? ImGui::Button(label) : ImGui::SmallButton(label); }
float inline_button_width(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

}  // namespace

bool star_input(Ui& ui, const char* id, uint8_t half_now, uint8_t* out) {
    const float cell = star_cell(ui);
    const float height = std::max(ImGui::GetFrameHeight(), cell);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(cell * 5, height));
    uint8_t hover = 0;
    if (ImGui::IsItemHovered()) {
        const float x = ImGui::GetIO().MousePos.x - pos.x;
        hover = static_cast<uint8_t>(std::clamp(static_cast<int>(std::ceil(x / (cell * 0.5f))), 1, 10));
        if (!ui.touch) ImGui::SetTooltip(half_now == hover ? "Your rating: %.1f stars" : "Rate %.1f stars", hover * 0.5);
    }
    bool chose = false;
    if (pressed && hover) {
        *out = hover;
        chose = true;
    }
    if (!chose && ImGui::IsItemFocused()) {
        for (int k = 0; k < 5 && !chose; ++k) {
            if (!ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_1 + k), false)) continue;
            *out = static_cast<uint8_t>(2 * (k + 1) - (ImGui::GetIO().KeyShift ? 1 : 0));
            chose = true;
        }
        if (!chose && half_now && (ImGui::IsKeyPressed(ImGuiKey_Delete, false) || ImGui::IsKeyPressed(ImGuiKey_Backspace, false))) {
            *out = 0;
            chose = true;
        }
    }
    if (ImGui::IsItemFocused() && !hover) ImGui::SetItemTooltip("Keys 1-5: stars, Shift for half less, Delete: remove");
    draw_stars(ui, pos, cell, height, hover ? hover : half_now, hover ? kGoldPreview : kGold);
    return chose;
}

void star_display(Ui& ui, double stars) {
    // On a phone the guess sits above the stars one taps to rate: it says what it is in words.
    if (ui.phone) {
        dim_text("Network's guess");
        ImGui::SameLine();
    }
    const float cell = star_cell(ui) * 0.8f;
    const float height = ImGui::GetTextLineHeight();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(cell * 5, height));
    draw_stars(ui, pos, cell, height, static_cast<int>(std::lround(stars * 2)), kGuess);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, kGuess);
    ImGui::PushTextWrapPos(-1.0f);  // a number is never broken over two lines (a phone row wraps its text)
    ImGui::Text("%.2f", stars);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

std::string fit_text(std::string s, float width) {
    const ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const char* end = s.c_str() + s.size();
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.c_str(), end).x <= width) return s;
    // One pass: ImGui stops measuring at the first whole character past the room left beside the ellipsis.
    static const char* const kEllipsis = "…";
    const float room = width - font->CalcTextSizeA(size, FLT_MAX, 0.0f, kEllipsis).x;
    const char* cut = s.c_str();
    if (room > 0) font->CalcTextSizeA(size, room, 0.0f, s.c_str(), end, &cut);
    s.resize(static_cast<size_t>(cut - s.c_str()));
    return s + kEllipsis;
}

std::string fit_title(const std::string& s, float width) {
    const ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const auto text_w = [&](const char* b, const char* e) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x; };
    const char* begin = s.c_str();
    const char* end = begin + s.size();
    if (text_w(begin, end) <= width) return s;
    static const char* const kEllipsis = "…";
    const float room = width - text_w(kEllipsis, nullptr);
    if (room <= 0) return kEllipsis;
    // Whole UTF-8 characters: where each starts. ImGui draws without kerning, so widths add up exactly.
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(s.size());
    // The end gets three fifths of the room (what tells a film from its namesakes), the start the rest.
    float tail_w = 0;
    size_t tail = s.size();
    for (size_t k = starts.size() - 1; k-- > 0;) {
        const float w = text_w(begin + starts[k], begin + starts[k + 1]);
        if (tail_w + w > room * 0.6f) break;
        tail_w += w;
        tail = starts[k];
    }
    float head_w = 0;
    size_t head = 0;
    for (size_t k = 0; k + 1 < starts.size() && starts[k + 1] <= tail; ++k) {
        const float w = text_w(begin + starts[k], begin + starts[k + 1]);
        if (head_w + w > room - tail_w) break;
        head_w += w;
        head = starts[k + 1];
    }
    // Cut between words where the pieces keep most of their room: "The Lord…Two Towers (2002)", not "The Lord o…o Towers".
    if (tail > 0 && tail < s.size() && s[tail - 1] != ' ') {
        const size_t space = s.find(' ', tail);
        if (space != std::string::npos && space + 1 < s.size() && text_w(begin + tail, begin + space + 1) < tail_w * 0.4f) tail = space + 1;
    }
    if (head < s.size() && s[head] != ' ') {
        const size_t space = s.rfind(' ', head);
        if (space != std::string::npos && space > 0 && text_w(begin + space, begin + head) < head_w * 0.4f) head = space;
    }
    while (head > 0 && s[head - 1] == ' ') --head;
    while (tail < s.size() && s[tail] == ' ') ++tail;
    return s.substr(0, head) + kEllipsis + s.substr(tail);
}

void movie_title(Ui& ui, uint32_t item, const char* tag, bool wrap) {
    const CatalogueView& v = ui.app->view();
    // A phone's one-column rows wrap the title instead (the width is the screen's, and there is no hover), and so do
    // rows that are several lines tall anyway (the list's, beside their reasons): "Star Wars: Episode IV - A New Hope
    // (1977)" whole on two lines reads better than "Star Wars:…Hope (1977)".
    const bool whole = ui.phone || wrap;
    const std::string shown = whole ? v.title(item) : fit_title(v.title(item), ImGui::GetContentRegionAvail().x);
    if (wrap && !ui.phone) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(shown.c_str());
    if (wrap && !ui.phone) ImGui::PopTextWrapPos();
    const std::string key = std::string(tag) + ":" + std::to_string(ui.app->dataset().items[item].id);
    probe::text(key + ":title", shown);
    probe::item(key + ":title");
    if (!ui.touch && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && !ImGui::IsPopupOpen(("##links" + key).c_str())) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(v.title(item).c_str());
        dim_text(v.genre_text(item, 32));
        if (v.votes(item)) ImGui::Text("Community: %.2f stars from %u ratings", v.mean_stars(item), v.votes(item));
        else dim_text("No community ratings");
        dim_text("Click the title for its pages on MovieLens, IMDb and TMDB");
        ImGui::EndTooltip();
    }
    title_links(ui, item, key);
}

void title_links(Ui& ui, uint32_t item, const std::string& key) {
    const std::string id = "##links" + key;
    // On the release of a press that began on the title and did not move: a finger dragging the list from a title
    // scrolls, it does not open the menu.
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax(), p = io.MouseClickedPos[0];
    if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        io.MouseDragMaxDistanceSqr[0] <= io.MouseDragThreshold * io.MouseDragThreshold && p.x >= a.x && p.y >= a.y && p.x < b.x && p.y < b.y)
        ImGui::OpenPopup(id.c_str());
    if (!ImGui::BeginPopup(id.c_str())) return;
    dim_text("Open in a new tab:");
    for (const auto& link : ui.app->view().links(item)) {
        if (ImGui::Selectable((link.site + " page").c_str())) platform::open_link(link.url);
        probe::item("link:" + link.site);
        probe::text("link:" + link.site, link.url);
    }
    ImGui::EndPopup();
}

void rating_controls(Ui& ui, uint32_t item, const char* tag) {
    AppState& app = *ui.app;
    const uint32_t id = app.dataset().items[item].id;
    const std::string key = std::string(tag) + ":" + std::to_string(id);
    const auto now = app.rating_of(item);
    ImGui::PushID(key.c_str());
    // On a phone a list's rows show the person's stars under the network's guessed ones (labelled "Network's guess"):
    // these say whose they are, so a tap on the guess is not taken for a rating. Rows without a guess (the Rate page)
    // need no label, and keep "Haven't seen" beside the stars.
    const std::string_view t(tag);
    if (ui.phone && (t == "rec" || t == "new" || t == "wl")) {
        ImGui::AlignTextToFramePadding();
        dim_text(now ? "Your rating" : "Rate it");
        ImGui::SameLine();
    }
    uint8_t chosen = 0;
    const bool chose = star_input(ui, "##stars", now.value_or(0), &chosen);
    probe::item(key + ":stars");
    try {
        if (chose && chosen) rate_from_row(ui, item, chosen, tag);  // on a list: undoable in place
        else if (chose) app.unrate(item);
        if (chose) ui.action_error.clear();
    } catch (const std::exception& e) {
        ui.action_error = e.what();
    }
    const auto after = app.rating_of(item);
    if (after) {
        ImGui::SameLine();
        ImGui::Text("%.1f", *after * 0.5);
        same_line_if_fits(inline_button_width("Remove"));
        if (inline_button(ui, "Remove")) {
            try {
                app.unrate(item);
            } catch (const std::exception& e) {
                ui.action_error = e.what();
            }
        }
        probe::item(key + ":remove");
        ImGui::SetItemTooltip("Forget this rating (the network unlearns it exactly)");
    } else if (t == "rec" || t == "new") {
        // On a list the question is not whether the person has seen it (the list holds films they have not rated)
        // but whether they want it there: "Not interested" takes it out at once, with an undo above the list.
        same_line_if_fits(inline_button_width("Not interested"));
        if (inline_button(ui, "Not interested")) {
            app.set_hidden(item, true);
            ui.undo_hidden = static_cast<int64_t>(item);
        }
        probe::item(key + ":hide");
        ImGui::SetItemTooltip("Take it off your list (saved; undo above the list, or on Data & privacy)");
    } else if (t == "wl") {
        // The watchlist view: the row's other action is taking the film off the watchlist (watchlist_button).
    } else if (app.is_unseen(item)) {
        same_line_if_fits(inline_button_width("Not seen \xE2\x9C\x93"));
        if (inline_button(ui, "Not seen \xE2\x9C\x93")) app.set_unseen(item, false);
        probe::item(key + ":unseen");
        ImGui::SetItemTooltip("You marked this as not seen. Click to undo.");
    } else if (t != "r") {  // search results offer the watchlist instead (watchlist_button)
        same_line_if_fits(inline_button_width("Haven't seen"));
        if (inline_button(ui, "Haven't seen")) app.set_unseen(item, true);
        probe::item(key + ":unseen");
        ImGui::SetItemTooltip("Skip it: it leaves the start list (it can still be recommended)");
    }
    ImGui::PopID();
}

void same_line_if_fits(float next_w) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + next_w <= right) ImGui::SameLine();
}

void help_mark(const Ui& ui, const char* name, const std::string& text) {
    const std::string probe_name = std::string("help:") + name;
    probe::text(probe_name, text);
    if (!ui.touch) {
        ImGui::TextDisabled("(?)");
        probe::item(probe_name);
        if (ImGui::BeginItemTooltip()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
            ImGui::TextUnformatted(text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        return;
    }
    ImGui::PushID(name);
    ImGuiStorage* open = ImGui::GetStateStorage();  // per window, so the page remembers which texts are open
    const ImGuiID id = ImGui::GetID("open");
    if (inline_button(ui, open->GetBool(id) ? "Hide##help" : " ? ##help")) open->SetBool(id, !open->GetBool(id));
    probe::item(probe_name);
    if (open->GetBool(id)) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text(text);
        ImGui::PopTextWrapPos();
        probe::item(std::string("help-text:") + name);
    }
    ImGui::PopID();
}

void dim_text(const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopStyleColor();
}

std::string human_bytes(size_t b) {
    char buf[32];
    if (b < 1024) std::snprintf(buf, sizeof buf, "%zu B", b);
    else if (b < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", b / 1024.0);
    else if (b < 1024ull * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", b / (1024.0 * 1024));
    else std::snprintf(buf, sizeof buf, "%.2f GB", b / (1024.0 * 1024 * 1024));
    return buf;
}

}  // namespace wl::app
