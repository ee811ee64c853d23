// Drag to scroll (see touch.hpp).
#include "touch.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>

namespace wl::app {

namespace {
ImGuiID g_target = 0;   // the window being scrolled (by ID: windows may be recreated)
bool g_dragging = false;

// The window under the pointer, or its nearest parent that can scroll vertically.
ImGuiWindow* scrollable_at_pointer() {
    for (ImGuiWindow* w = GImGui->HoveredWindow; w; w = w->ParentWindow)
        if (w->ScrollMax.y > 0.0f) return w;
    return nullptr;
}
}  // namespace

void touch_scroll(Ui& ui) {
    ImGuiContext& g = *GImGui;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        ImGuiWindow* w = ui.touch ? scrollable_at_pointer() : nullptr;
        // A press on a scrollbar, a slider or a text field keeps its own meaning.
        const bool own_drag = w && g.ActiveId != 0 &&
                              (g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y) || g.InputTextState.ID == g.ActiveId);
        g_target = w && !own_drag ? w->ID : 0;
        g_dragging = false;
    }
    if (!g_target) return;
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        g_target = 0;
        return;
    }
    ImGuiWindow* w = ImGui::FindWindowByID(g_target);
    if (!w) {
        g_target = 0;
        return;
    }
    const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
    if (!g_dragging && std::fabs(moved.y) > 10.0f * ui.scale && std::fabs(moved.y) > std::fabs(moved.x)) {
        g_dragging = true;
        ImGui::ClearActiveID();  // the press becomes a scroll: its release clicks nothing
    }
    if (g_dragging) ImGui::SetScrollY(w, ImClamp(w->Scroll.y - io.MouseDelta.y, 0.0f, w->ScrollMax.y));
}

void note_text_field(Ui& ui) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ui.text_fields.insert(ui.text_fields.end(), {a.x, a.y, b.x - a.x, b.y - a.y});
}

void note_pick_button(Ui& ui) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ui.pick_buttons.insert(ui.pick_buttons.end(), {a.x, a.y, b.x - a.x, b.y - a.y});
}

}  // namespace wl::app
