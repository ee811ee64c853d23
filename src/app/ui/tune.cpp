// Tuning: every WNN parameter listed generically from list_params (numbers, flags, choices), applied live by
// rebuilding the network from the person's ratings, with the presets, a reset and the model's memory.
#include <imgui.h>

#include <algorithm>

#include <cstdio>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "debug_probe.hpp"
#include "ui.hpp"
#include "widgets.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {

namespace {

void apply(Ui& ui, const WnnConfig& cfg) {
    ui.tune_error = ui.app->set_wnn_config(cfg);
}

void apply_one(Ui& ui, const std::string& name, const std::string& value) {
    WnnConfig cfg = ui.app->wnn_config();
    try {
        set_param(cfg, name, value);
    } catch (const ParamError& e) {
        ui.tune_error = e.what();
        return;
    }
    apply(ui, cfg);
}

// The widget of one parameter; edits in progress live in ui.tune_edit until the widget is released.
void param_widget(Ui& ui, const ParamInfo& p) {
    const auto it = ui.tune_edit.find(p.name);
    const std::string value = it != ui.tune_edit.end() ? it->second : p.value;
    ImGui::SetNextItemWidth(-1);
    switch (p.kind) {
        case ParamInfo::Kind::Int: {
            int64_t v = std::strtoll(value.c_str(), nullptr, 10);
            const int64_t lo = static_cast<int64_t>(p.lo), hi = static_cast<int64_t>(p.hi);
            bool edited;
            if (hi - lo <= 64) {
                int iv = static_cast<int>(v);
                edited = ImGui::SliderInt("##v", &iv, static_cast<int>(lo), static_cast<int>(hi), "%d", ImGuiSliderFlags_AlwaysClamp);
                v = iv;
            } else {
                const int64_t step = 1;
                edited = ImGui::InputScalar("##v", ImGuiDataType_S64, &v, &step);
                v = v < lo ? lo : v > hi ? hi : v;
            }
            if (edited) ui.tune_edit[p.name] = std::to_string(v);
            break;
        }
        case ParamInfo::Kind::Real: {
            double v = std::strtod(value.c_str(), nullptr);
            if (ImGui::InputDouble("##v", &v, 0.0, 0.0, "%.6g")) {
                v = v < p.lo ? p.lo : v > p.hi ? p.hi : v;
                char buf[40];
                std::snprintf(buf, sizeof buf, "%.17g", v);
                ui.tune_edit[p.name] = buf;
            }
            break;
        }
        case ParamInfo::Kind::Flag: {
            bool v = value == "1";
            if (ImGui::Checkbox("##v", &v)) apply_one(ui, p.name, v ? "1" : "0");
            break;
        }
        case ParamInfo::Kind::Choice: {
            if (ImGui::BeginCombo("##v", value.c_str())) {
                for (const auto& c : p.choices)
                    if (ImGui::Selectable(c.c_str(), c == value) && c != value) apply_one(ui, p.name, c);
                ImGui::EndCombo();
            }
            break;
        }
    }
    probe::item("param:" + p.name);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        const auto e = ui.tune_edit.find(p.name);
        if (e != ui.tune_edit.end()) {
            const std::string v = e->second;
            ui.tune_edit.erase(e);
            if (v != p.value) apply_one(ui, p.name, v);
        }
    } else if (!ImGui::IsItemActive()) {
        ui.tune_edit.erase(p.name);
    }
}

}  // namespace

void draw_tune(Ui& ui) {
    AppState& app = *ui.app;
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Tune the network");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Every parameter of your weightless network. A change rebuilds it at once from the community's movie "
             "statistics and your " + std::to_string(app.person().ratings.size()) +
             " ratings; sliders apply when released, numbers when you leave the field.");
    ImGui::PopTextWrapPos();
    ImGui::Text("Model memory: %s", human_bytes(app.wnn_memory_bytes()).c_str());
    ImGui::SameLine();
    help_mark(ui, "memory", "The RAM tables of the whole model: the networks of the catalogue's " +
                                std::to_string(app.dataset().num_users()) + " community members and yours.");
    char rebuilt[64];
    std::snprintf(rebuilt, sizeof rebuilt, "Last rebuild: %.0f ms", app.last_rebuild_ms());
    if (ui.phone) same_line_if_fits(ImGui::CalcTextSize(rebuilt).x);
    else ImGui::SameLine(0, 30 * ui.scale);
    ImGui::TextUnformatted(rebuilt);

    ImGui::TextUnformatted("Presets:");
    const auto button_w = [](const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; };
    for (const auto& name : wnn_preset_names()) {
        same_line_if_fits(button_w(name.c_str()));
        if (ImGui::Button(name.c_str())) apply(ui, wnn_preset(name));
        probe::item("preset:" + name);
    }
    same_line_if_fits(button_w("Reset to default"));
    if (ImGui::Button("Reset to default")) apply(ui, wnn_preset(kDefaultPreset));
    probe::item("preset:reset");
    ImGui::SetItemTooltip("The \"%s\" preset", kDefaultPreset);
    if (!ui.tune_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
        ImGui::TextWrapped("Not applied: %s", ui.tune_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX;
    // Phone: two columns, the help under the parameter's name.
    if (!ImGui::BeginTable("##params", ui.phone ? 2 : 3, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    if (ui.phone) {
        ImGui::TableSetupColumn("Parameter", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    } else {
        ImGui::TableSetupColumn("Parameter", ImGuiTableColumnFlags_WidthFixed, 190 * ui.scale);
        ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthFixed, 230 * ui.scale);
        ImGui::TableSetupColumn("What it does", ImGuiTableColumnFlags_WidthStretch);
    }
    ImGui::TableHeadersRow();
    std::string group;
    // The network's own parameters first (tuple size, ensemble, mode: what a person tunes first), then the encoder's.
    auto params = list_params(app.wnn_config());
    std::stable_partition(params.begin(), params.end(), [](const auto& p) { return p.name.find('.') == std::string::npos; });
    for (const auto& p : params) {
        const size_t dot = p.name.rfind('.');
        const std::string g = dot == std::string::npos ? "" : p.name.substr(0, dot);
        if (g != group || &p == &params.front()) {
            group = g;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(0.96f, 0.71f, 0.26f, 1), "%s", group.empty() ? "network" : group.c_str());
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(p.name.substr(dot == std::string::npos ? 0 : dot + 1).c_str());
        ImGui::SetItemTooltip("%s", p.name.c_str());
        if (ui.phone) dim_text(p.help);
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        ImGui::PushID(p.name.c_str());
        param_widget(ui, p);
        ImGui::PopID();
        if (ui.phone) continue;
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        dim_text(p.help);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

}  // namespace wl::app
