// The one-screen welcome of a first visit: what this is, that nothing leaves the tab, and a button to begin.
#include <imgui.h>

#include <algorithm>

#include "debug_probe.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

void draw_welcome(Ui& ui) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = std::min(avail.x, 720 * ui.scale);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - w) * 0.5f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, avail.y * 0.12f));
    ImGui::BeginChild("##welcome", ImVec2(w, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Welcome to Weightless");
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(
        "Rate a few movies you have seen, and a small neural network of your own learns your taste at once and "
        "recommends what to watch next, with the reason: which of your own ratings it connects each pick to.");
    ImGui::Spacing();
    ImGui::TextUnformatted(
        "It is a weightless neural network: lookup tables addressed by a movie's genres, year, popularity and "
        "average rating. Learning a rating writes a few table cells, forgetting it erases them exactly, and you "
        "can tune every parameter.");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.96f, 0.78f, 0.4f, 1));
    ImGui::TextUnformatted(
        "Private by design: the catalogue and the network run inside this browser tab. Your ratings are kept in "
        "this browser's storage and are never sent anywhere.");
    ImGui::PopStyleColor();
    ImGui::Spacing();
    const Dataset& ds = ui.app->dataset();
    dim_text("The catalogue is MovieLens' (GroupLens) of July 2023: " + ui.app->view().describe() + ". The " +
             std::to_string(ds.ratings.size()) + " community ratings, by " + std::to_string(ds.num_users()) +
             " people up to 2018, set each movie's popularity and average.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::Spacing();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (ImGui::Button("Start rating movies", ImVec2(0, ImGui::GetFrameHeight() * 1.4f)) ||
        ImGui::IsKeyPressed(ImGuiKey_Enter, false)) {
        ui.app->set_welcome_done();
        ui.page = Page::Rate;
        ui.focus_search = true;
    }
    probe::item("welcome:start");
    ImGui::EndChild();
}

}  // namespace wl::app
