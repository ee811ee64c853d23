// The whole window: navigation on the left, the page, banners for problems, and the status line that always
// says nothing leaves the tab.
#include <imgui.h>

#include "debug_probe.hpp"
#include "app/platform/platform.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

constexpr const char* kPrivacy = "Everything stays in this tab: nothing is sent anywhere.";

// A coloured box with a message and, optionally, one button; returns true when the button was pressed.
bool banner(const char* id, ImVec4 color, const std::string& text, const char* button) {
    bool pressed = false;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color);
    ImGui::BeginChild(id, ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    if (button) {
        pressed = ImGui::Button(button);
        probe::item(std::string(id) + ":button");
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    return pressed;
}

void banners(Ui& ui) {
    AppState& app = *ui.app;
    if (ui.saved->paused()) {
        if (banner("damaged", ImVec4(0.45f, 0.12f, 0.12f, 1),
                   "Your saved ratings could not be read (" + ui.saved->error() +
                       "). You are starting fresh, and nothing is saved until you choose: the damaged file stays "
                       "untouched until then.",
                   "Start fresh and keep the damaged file aside (state.wlap.corrupt)"))
            ui.saved->set_damaged_aside();
    } else if (!ui.saved->error().empty()) {
        banner("saveerr", ImVec4(0.45f, 0.12f, 0.12f, 1), "Your ratings could not be saved: " + ui.saved->error(), nullptr);
    }
    if (!ui.storage_note.empty()) banner("storage", ImVec4(0.4f, 0.3f, 0.08f, 1), ui.storage_note, nullptr);
    if (!app.notice().empty() && banner("notice", ImVec4(0.4f, 0.3f, 0.08f, 1), app.notice(), "OK")) app.clear_notice();
    if (!ui.share_error.empty() && banner("shareerr", ImVec4(0.45f, 0.12f, 0.12f, 1), ui.share_error, "Dismiss"))
        ui.share_error.clear();
    draw_share_prompt(ui);
    if (!ui.action_error.empty() && banner("actionerr", ImVec4(0.45f, 0.12f, 0.12f, 1), ui.action_error, "Dismiss"))
        ui.action_error.clear();
}

void nav(Ui& ui) {
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Weightless");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Your private movie recommender");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    struct Entry { Page page; const char* label; };
    const Entry entries[] = {{Page::Rate, "Rate movies"}, {Page::Recs, "Recommendations"}, {Page::Tune, "Tune the network"},
                             {Page::Accuracy, "Your accuracy"}, {Page::Lab, "Lab"}, {Page::Data, "Data & privacy"}};
    // No page shortcuts: browsers keep Alt/Ctrl+digits for their tabs. Tab and arrow keys reach these entries.
    for (const auto& e : entries) {
        if (ImGui::Selectable(e.label, ui.page == e.page, 0, ImVec2(0, ImGui::GetFrameHeight()))) ui.page = e.page;
        probe::item(std::string("nav:") + page_name(e.page));
    }
    ImGui::Spacing();
    ImGui::Separator();
    const auto& p = ui.app->person();
    ImGui::Text("%zu rated", p.ratings.size());
    if (!p.unseen.empty()) ImGui::Text("%zu not seen", p.unseen.size());
}

void status_line(Ui& ui) {
    ImGui::Separator();
    ImGui::TextUnformatted(kPrivacy);
    if (!ui.app || !ui.saved) return;
    std::string state;
    if (ui.saved->paused()) state = "Saving paused";
    else if (!ui.storage_note.empty()) state = "Not kept after this tab closes";
    else if (ui.saved->revision_behind(ui.app->revision()) || platform::persist_busy()) state = "Saving…";
    else if (ui.saved->saves() > 0 || ui.saved->saved_bytes() > 0) state = "Saved in this browser";
    else state = "Nothing saved yet";
    const float w = ImGui::CalcTextSize(state.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    dim_text(state);
}

}  // namespace

const char* page_name(Page p) {
    switch (p) {
        case Page::Rate: return "rate";
        case Page::Recs: return "recs";
        case Page::Tune: return "tune";
        case Page::Accuracy: return "accuracy";
        case Page::Lab: return "lab";
        case Page::Data: return "data";
    }
    return "?";
}

void draw_ui(Ui& ui) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    // No background: the frame is cleared to the same colour, and a full-screen quad is the costliest thing a
    // software renderer would draw each frame.
    const ImGuiWindowFlags root = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                  ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    ImGui::Begin("##root", nullptr, root);
    const float status_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##body", ImVec2(0, -status_h), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
    if (!ui.app) {
        ImGui::PushFont(ui.fonts.heading);
        ImGui::TextUnformatted("Weightless");
        ImGui::PopFont();
        ImGui::TextWrapped("%s", ui.storage_note.c_str());
    } else if (!ui.app->person().settings.welcome_done) {
        banners(ui);
        draw_welcome(ui);
    } else {
        banners(ui);
        ImGui::BeginChild("##nav", ImVec2(215 * ui.scale, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
        nav(ui);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##page", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
        switch (ui.page) {
            case Page::Rate: {
                const bool wide = ImGui::GetContentRegionAvail().x > 980 * ui.scale;
                if (wide) {
                    const float right = 380 * ui.scale;
                    ImGui::BeginChild("##rateleft", ImVec2(-right - ImGui::GetStyle().ItemSpacing.x, 0), ImGuiChildFlags_None,
                                      ImGuiWindowFlags_NoBackground);
                    draw_rate(ui);
                    ImGui::EndChild();
                    ImGui::SameLine();
                    ImGui::BeginChild("##rateright", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
                    draw_recs(ui, true);
                    ImGui::EndChild();
                } else {
                    draw_rate(ui);
                }
                break;
            }
            case Page::Recs: draw_recs(ui, false); break;
            case Page::Tune: draw_tune(ui); break;
            case Page::Accuracy: draw_accuracy(ui); break;
            case Page::Lab: draw_lab(ui); break;
            case Page::Data: draw_data(ui); break;
        }
        ImGui::EndChild();
    }
    ImGui::EndChild();
    status_line(ui);
    ImGui::End();
}

}  // namespace wl::app
