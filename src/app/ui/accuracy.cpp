// Your accuracy: how well each model predicts the person's own ratings, leave-one-out (each rating forgotten,
// predicted, then learned back: exact for every model here), kept current after every rating.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "debug_probe.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

void draw_accuracy(Ui& ui) {
    AppState& app = *ui.app;
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("How accurate is it for you?");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Leave-one-out on your own ratings: each rating in turn is forgotten, predicted from all the others, "
             "then learned back. Every model here forgets exactly, so this costs a few table writes per rating and "
             "is recomputed after every change. Within one star counts a prediction whose half-star thermometer "
             "lies at most two steps (one star) from yours, as the paper's metric does.");
    ImGui::PopTextWrapPos();
    const auto& rows = app.accuracy();
    const size_t n = app.person().ratings.size();
    if (n < 2) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Rate at least two movies to see this.");
        return;
    }
    ImGui::Text("%zu ratings scored per model.", n);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##acc", 3, flags)) {
        ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(ui.phone ? "RMSE" : "RMSE (stars, lower is better)", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(ui.phone ? "Within 1" : "Within one star", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0.0f);  // long model names wrap in their column (a phone's is narrow)
            ImGui::TextUnformatted(r.model.c_str());
            ImGui::PopTextWrapPos();
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", r.rmse);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f %%", r.within1 * 100);
        }
        ImGui::EndTable();
    }
    probe::item("accuracy:table");
    std::vector<std::string> labels;
    std::vector<double> rmse, within;
    double vmax = 0;
    for (const auto& r : rows) {
        labels.push_back(r.model);
        rmse.push_back(r.rmse);
        within.push_back(r.within1 * 100);
        if (std::isfinite(r.rmse)) vmax = std::max(vmax, r.rmse);
    }
    ImGui::Spacing();
    ImGui::SeparatorText("RMSE");
    bar_chart(ui, "rmse", labels, rmse, vmax > 0 ? vmax * 1.1 : 1.0, "%.3f");
    ImGui::SeparatorText("Within one star (%)");
    bar_chart(ui, "within", labels, within, 100.0, "%.1f");
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("With few ratings these numbers move a lot; the lab page measures the same models on the community's "
             "610 people with the evaluator's protocols.");
    ImGui::PopTextWrapPos();
}

}  // namespace wl::app
