// The whole window: navigation on the left, the page, banners for problems, and the status line that always
// says nothing leaves the tab.
#include <imgui.h>

#include <algorithm>

#include "debug_probe.hpp"
#include "app/platform/platform.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

constexpr const char* kPrivacy = "Everything stays in this tab: nothing is sent anywhere.";
constexpr const char* kPrivacyShort = "Nothing leaves this tab";  // a phone's one-line footer

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

// Phone: a top bar with the menu button, the name and the count; the menu replaces the page while it is open. On the
// Rate page a button leads to the list the ratings make (the way there is otherwise the menu).
void top_bar(Ui& ui) {
    if (ImGui::Button(ui.menu_open ? "Close" : "Menu", ImVec2(kTouchTarget * 1.8f * ui.scale, 0))) ui.menu_open = !ui.menu_open;
    probe::item("menu");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Weightless");
    const std::string count = std::to_string(ui.app->person().ratings.size()) + " rated";
    const bool to_recs = ui.page == Page::Rate && !ui.menu_open;
    const char* kToRecs = "Your list \xE2\x80\xBA";  // a right-pointing angle: it leads on
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float button_w = to_recs ? ImGui::CalcTextSize(kToRecs).x + ImGui::GetStyle().FramePadding.x * 2 + spacing : 0.0f;
    const float w = ImGui::CalcTextSize(count.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w - button_w);
    dim_text(count);
    if (to_recs) {
        ImGui::SameLine();
        if (ImGui::Button(kToRecs)) ui.page = Page::Recs;
        probe::item("to-recs");
    }
    ImGui::Separator();
}

void phone_menu(Ui& ui) {
    struct Entry { Page page; const char* label; };
    const Entry entries[] = {{Page::Rate, "Rate movies"}, {Page::Recs, "Recommendations"}, {Page::Tune, "Tune the network"},
                             {Page::Accuracy, "Your accuracy"}, {Page::Lab, "Lab"}, {Page::Data, "Data & privacy"}};
    for (const auto& e : entries) {
        if (ImGui::Selectable(e.label, ui.page == e.page, 0, ImVec2(0, kTouchTarget * ui.scale))) {
            ui.page = e.page;
            ui.menu_open = false;
        }
        probe::item(std::string("nav:") + page_name(e.page));
    }
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Your private movie recommender: everything stays in this tab.");
    ImGui::PopTextWrapPos();
}

// The status line's height: one line of text under a separator (a phone's too: its screen is for the page; the short
// forms below fit one line at 390 CSS pixels, and Data & privacy says the rest in full).
float status_height(const Ui& ui) {
    const ImGuiStyle& st = ImGui::GetStyle();
    if (!ui.phone) return ImGui::GetFrameHeightWithSpacing() + st.ItemSpacing.y;
    return ImGui::GetTextLineHeight() + 2 * st.ItemSpacing.y + 1.0f;
}

void status_line(Ui& ui) {
    ImGui::Separator();
    ImGui::TextUnformatted(ui.phone ? kPrivacyShort : kPrivacy);
    probe::item("status:privacy");
    if (!ui.app || !ui.saved) return;
    std::string state;
    if (ui.saved->paused()) state = "Saving paused";
    else if (!ui.storage_note.empty()) state = ui.phone ? "Not kept" : "Not kept after this tab closes";
    else if (ui.saved->revision_behind(ui.app->revision()) || platform::persist_busy()) state = "Saving…";
    else if (ui.saved->saves() > 0 || ui.saved->saved_bytes() > 0) state = ui.phone ? "Saved" : "Saved in this browser";
    else state = "Nothing saved yet";
    const float w = ImGui::CalcTextSize(state.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
    dim_text(state);
    probe::item("status:state");
}

// Phone: every frame widget at least kTouchTarget CSS pixels tall, with room between rows.
int push_touch_style(const Ui& ui) {
    // A finger does not hover: tooltips would only pop up where it last lifted (and cover what it taps next).
    ImGui::GetStyle().HoverStationaryDelay = ui.touch ? 1e9f : 0.15f;
    if (!ui.phone) return 0;
    const float pad_y = std::max(ImGui::GetStyle().FramePadding.y, (kTouchTarget * ui.scale - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x * 1.5f, pad_y));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, ImGui::GetStyle().ItemSpacing.y * 1.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * ui.scale, 8 * ui.scale));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 6 * ui.scale);
    return 4;
}

// Each page in a window of its own, so each keeps its own scroll: one shared window carried the Lab's scroll into
// Data & privacy, which then opened half-way down.
const char* page_window(Page p) {
    switch (p) {
        case Page::Rate: return "##page-rate";
        case Page::Recs: return "##page-recs";
        case Page::Tune: return "##page-tune";
        case Page::Accuracy: return "##page-accuracy";
        case Page::Lab: return "##page-lab";
        case Page::Data: return "##page-data";
    }
    return "##page";
}

void draw_page(Ui& ui) {
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
    const int styles = push_touch_style(ui);
    ImGui::Begin("##root", nullptr, root);
    const float status_h = status_height(ui);
    ImGui::BeginChild("##body", ImVec2(0, -status_h), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
    if (!ui.app) {
        ImGui::PushFont(ui.fonts.heading);
        ImGui::TextUnformatted("Weightless");
        ImGui::PopFont();
        ImGui::TextWrapped("%s", ui.storage_note.c_str());
    } else if (!ui.app->person().settings.welcome_done) {
        banners(ui);
        draw_welcome(ui);
    } else if (ui.phone) {
        banners(ui);
        top_bar(ui);
        ImGui::BeginChild(ui.menu_open ? "##menu" : page_window(ui.page), ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
        if (ui.menu_open) phone_menu(ui);
        else draw_page(ui);
        ui.page_scroll = ImGui::GetScrollY();
        ImGui::EndChild();
    } else {
        banners(ui);
        ImGui::BeginChild("##nav", ImVec2(215 * ui.scale, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
        nav(ui);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild(page_window(ui.page), ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
        draw_page(ui);
        ui.page_scroll = ImGui::GetScrollY();
        ImGui::EndChild();
    }
    ImGui::EndChild();
    status_line(ui);
    ImGui::End();
    ImGui::PopStyleVar(styles);
}

}  // namespace wl::app
