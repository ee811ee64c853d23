// Bar and line charts drawn with ImDrawList (no plotting library exists in Debian's archive for ImGui 1.90).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "debug_probe.hpp"
#include "widgets.hpp"

namespace wl::app {

unsigned chart_color(size_t k) {
    static const ImU32 colors[] = {IM_COL32(245, 181, 66, 255), IM_COL32(98, 171, 240, 255), IM_COL32(120, 200, 120, 255),
                                   IM_COL32(230, 110, 110, 255), IM_COL32(190, 140, 230, 255), IM_COL32(160, 160, 170, 255),
                                   IM_COL32(90, 210, 200, 255), IM_COL32(240, 150, 200, 255)};
    return colors[k % (sizeof colors / sizeof colors[0])];
}

void bar_chart(Ui& ui, const char* id, const std::vector<std::string>& labels, const std::vector<double>& values,
               double vmax, const char* fmt) {
    ImGui::PushID(id);
    const float row = ImGui::GetTextLineHeight() + 6 * ui.scale;
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = 6 * ui.scale;
    // The numbers first: their column is as wide as the widest, so every number is whole inside the chart.
    std::vector<std::string> numbers(labels.size(), "-");
    float value_w = 0, label_need = 0;
    for (size_t k = 0; k < labels.size(); ++k) {
        const double v = k < values.size() ? values[k] : std::nan("");
        if (std::isfinite(v)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, fmt, v);
            numbers[k] = buf;
        }
        value_w = std::max(value_w, ImGui::CalcTextSize(numbers[k].c_str()).x);
        label_need = std::max(label_need, ImGui::CalcTextSize(labels[k].c_str()).x);
    }
    value_w += gap;
    // Labels take what they need up to 210 px, and never more than 45 % of a narrow chart (a phone's): the bars keep
    // the rest; a longer label is cut with an ellipsis (its whole name is in the table above the chart).
    const float label_w = std::min(label_need + 2 * gap, std::min(210 * ui.scale, width * 0.45f));
    const float bar_w = std::max(0.0f, width - label_w - value_w);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t k = 0; k < labels.size(); ++k) {
        const float y = p0.y + row * static_cast<float>(k);
        const std::string label = fit_text(labels[k], label_w - 2 * gap);
        dl->AddText(ImVec2(p0.x, y + 3 * ui.scale), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
        const std::string name = std::string("chart:") + id + ":" + std::to_string(k);
        probe::text(name + ":label", label);
        const double v = k < values.size() ? values[k] : std::nan("");
        const float x0 = p0.x + label_w;
        dl->AddRectFilled(ImVec2(x0, y + 2 * ui.scale), ImVec2(x0 + bar_w, y + row - 2 * ui.scale), IM_COL32(255, 255, 255, 14));
        if (std::isfinite(v)) {
            const float f = static_cast<float>(std::clamp(vmax > 0 ? v / vmax : 0.0, 0.0, 1.0));
            dl->AddRectFilled(ImVec2(x0, y + 2 * ui.scale), ImVec2(x0 + bar_w * f, y + row - 2 * ui.scale), chart_color(k), 2 * ui.scale);
            probe::rect(name + ":bar", x0, y + 2 * ui.scale, x0 + bar_w * f, y + row - 2 * ui.scale);
        }
        const ImVec2 at(x0 + bar_w + gap, y + 3 * ui.scale);
        dl->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), numbers[k].c_str());
        const ImVec2 tsize = ImGui::CalcTextSize(numbers[k].c_str());
        probe::rect(name + ":value", at.x, at.y, at.x + tsize.x, at.y + tsize.y);
        probe::text(name + ":value", numbers[k]);
    }
    ImGui::Dummy(ImVec2(width, row * static_cast<float>(labels.size())));
    ImGui::PopID();
}

void line_chart(Ui& ui, const char* id, const std::vector<std::string>& series, const std::vector<std::vector<double>>& ys,
                const std::vector<std::string>& xlabels, double ymin, double ymax, const char* yfmt, float height) {
    ImGui::PushID(id);
    const float width = ImGui::GetContentRegionAvail().x;
    const float axis_w = 48 * ui.scale, axis_h = ImGui::GetTextLineHeight() + 6 * ui.scale;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a(p0.x + axis_w, p0.y), b(p0.x + width - 10 * ui.scale, p0.y + height - axis_h);
    dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 10));
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (int t = 0; t <= 4; ++t) {  // horizontal grid with its values
        const double v = ymin + (ymax - ymin) * t / 4.0;
        const float y = b.y - (b.y - a.y) * static_cast<float>(t) / 4.0f;
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(255, 255, 255, 24));
        char buf[32];
        std::snprintf(buf, sizeof buf, yfmt, v);
        dl->AddText(ImVec2(p0.x, y - ImGui::GetTextLineHeight() * 0.5f), text, buf);
    }
    const size_t nx = xlabels.size();
    const auto xpos = [&](size_t i) { return nx < 2 ? a.x : a.x + (b.x - a.x) * static_cast<float>(i) / static_cast<float>(nx - 1); };
    for (size_t i = 0; i < nx; ++i) {
        const float w = ImGui::CalcTextSize(xlabels[i].c_str()).x;
        const float x = std::clamp(xpos(i) - w * 0.5f, a.x, b.x - w);
        dl->AddText(ImVec2(x, b.y + 3 * ui.scale), text, xlabels[i].c_str());
    }
    const auto ypos = [&](double v) {
        const double f = std::clamp((v - ymin) / (ymax - ymin), 0.0, 1.0);
        return b.y - (b.y - a.y) * static_cast<float>(f);
    };
    for (size_t s = 0; s < ys.size(); ++s) {
        for (size_t i = 0; i < ys[s].size() && i < nx; ++i) {
            if (!std::isfinite(ys[s][i])) continue;
            const ImVec2 p(xpos(i), ypos(ys[s][i]));
            if (i > 0 && std::isfinite(ys[s][i - 1])) dl->AddLine(ImVec2(xpos(i - 1), ypos(ys[s][i - 1])), p, chart_color(s), 2 * ui.scale);
            dl->AddCircleFilled(p, 3 * ui.scale, chart_color(s));
        }
    }
    ImGui::Dummy(ImVec2(width, height));
    // Legend: its entries flow onto as many lines as the width needs.
    const float h = ImGui::GetTextLineHeight();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (size_t s = 0; s < series.size(); ++s) {
        const std::string name = fit_text(series[s], width - h - 4 * ui.scale);
        const float entry_w = h + 4 * ui.scale + ImGui::CalcTextSize(name.c_str()).x;
        if (s > 0 && ImGui::GetItemRectMax().x + 16 * ui.scale + entry_w <= right) ImGui::SameLine(0, 16 * ui.scale);
        const ImVec2 c = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(c.x, c.y + h * 0.3f), ImVec2(c.x + h * 0.8f, c.y + h * 0.7f), chart_color(s));
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine(0, 4 * ui.scale);
        ImGui::TextUnformatted(name.c_str());
    }
    ImGui::PopID();
}

}  // namespace wl::app
