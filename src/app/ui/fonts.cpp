// Fonts and colours (see fonts.hpp).
#include "fonts.hpp"

#include <imgui.h>

#include <vector>

#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {

constexpr float kBodyPx = 17.0f, kHeadingPx = 25.0f, kStarsPx = 21.0f;

// Latin-1, Latin Extended-A and -B, general punctuation, the euro sign, arrows, stars, check marks.
const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x0180, 0x024F, 0x2000, 0x206F, 0x20AC, 0x20AC,
                               0x2190, 0x2193, 0x2605, 0x2606, 0x2713, 0x2717, 0};
const ImWchar kHeadingRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2013, 0x2026, 0};
const ImWchar kStarRanges[] = {0x2605, 0x2606, 0};

void style(float scale) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsDark(&s);
    s.WindowRounding = 0;
    s.ChildRounding = 6;
    s.FrameRounding = 5;
    s.PopupRounding = 6;
    s.GrabRounding = 5;
    s.TabRounding = 5;
    s.ScrollbarRounding = 8;
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(10, 7);
    s.CellPadding = ImVec2(8, 5);
    s.WindowPadding = ImVec2(16, 14);
    s.ScrollbarSize = 15;
    ImVec4* c = s.Colors;
    const ImVec4 bg(0.105f, 0.11f, 0.13f, 1), panel(0.14f, 0.15f, 0.175f, 1), accent(0.96f, 0.71f, 0.26f, 1);
    c[ImGuiCol_WindowBg] = bg;
    c[ImGuiCol_ChildBg] = panel;
    c[ImGuiCol_PopupBg] = ImVec4(0.16f, 0.17f, 0.2f, 1);
    c[ImGuiCol_Border] = ImVec4(0.25f, 0.27f, 0.31f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.2f, 0.21f, 0.25f, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.26f, 0.27f, 0.32f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.3f, 0.31f, 0.37f, 1);
    c[ImGuiCol_Button] = ImVec4(0.23f, 0.25f, 0.3f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.32f, 0.34f, 0.41f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.38f, 0.4f, 0.48f, 1);
    c[ImGuiCol_Header] = ImVec4(0.24f, 0.26f, 0.31f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.3f, 0.32f, 0.38f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.34f, 0.36f, 0.43f, 1);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = ImVec4(1, 0.8f, 0.4f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.18f, 0.19f, 0.23f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.025f);
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.6f, 0.62f, 0.67f, 1);
    s.ScaleAllSizes(scale);
}

}  // namespace

Fonts build_fonts_and_style(const std::string& ttf_path, float scale) {
    // The TTF stays in memory for the program's life: the atlas is rebuilt from it on every density change.
    static std::vector<uint8_t> ttf;
    Fonts f;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    if (ttf.empty()) {
        try {
            ttf = read_file_bytes(ttf_path);
        } catch (const std::exception& e) {
            f.error = e.what();
        }
    }
    if (ttf.empty()) {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        f.body = f.heading = atlas->AddFontDefault(&cfg);
        style(scale);
        return f;
    }
    const auto add = [&](float px, const ImWchar* ranges) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = scale >= 2 ? 1 : 2;
        cfg.OversampleV = 1;
        return atlas->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), px * scale, &cfg, ranges);
    };
    f.body = add(kBodyPx, kTextRanges);
    f.heading = add(kHeadingPx, kHeadingRanges);
    f.stars = add(kStarsPx, kStarRanges);
    style(scale);
    return f;
}

}  // namespace wl::app
