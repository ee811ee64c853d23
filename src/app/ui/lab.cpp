// The lab: pick a protocol and models, run them on the embedded MovieLens community in slices of each frame with a
// progress bar and a cancel button, then a results table, bar charts, the stream learning curve and timings.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "debug_probe.hpp"
#include "app/platform/platform.hpp"
#include "ui.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"
#include "widgets.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {

namespace {

const char* kProtocols[] = {"paper", "split", "stream"};
const Protocol kProtocolIds[] = {Protocol::Paper, Protocol::Split, Protocol::Stream};

void init_models(Ui& ui) {
    if (!ui.lab_specs.empty()) return;
    for (const auto& s : default_model_specs()) {
        ui.lab_specs.push_back(s);
        ui.lab_on.push_back(true);
    }
    ui.lab_specs.push_back("yours");  // the person's current network config, filled in at start
    ui.lab_on.push_back(false);
}

constexpr const char* kYours = "Your network's settings";

// A model as the page names it: its registry spec, but the person's own network in words (its spec is every setting,
// hundreds of characters; the table's tooltip has it whole).
std::string model_label(const Ui& ui, const LabModelResult& r) { return r.spec == ui.lab_yours ? kYours : r.spec; }

// Phone: one block per model, its figures as a sentence that wraps (six columns do not fit 390 pixels).
void phone_results(Ui& ui, const LabJob& job) {
    const bool stream = job.config().protocol == Protocol::Stream;
    const auto& res = job.results();
    if (!ImGui::BeginTable("##labres", 1, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch);
    for (size_t k = 0; k < res.size(); ++k) {
        const auto& r = res[k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        const std::string label = model_label(ui, r);
        ImGui::TextUnformatted(label.c_str());
        probe::text("lab:row:" + std::to_string(k), label);
        if (r.runs.empty()) {
            dim_text("not run");
        } else {
            char buf[256];
            std::snprintf(buf, sizeof buf, "RMSE %.4f, within one star %.1f %% (user mean; %.1f %% pooled), fit %.3f s, %s %.3f s",
                          r.rmse(), r.within1_mean() * 100, r.within1_pooled() * 100, r.fit_s, stream ? "replay" : "predict",
                          r.predict_s + r.learn_s);
            dim_text(buf);
        }
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

void results(Ui& ui, const LabJob& job) {
    const auto& res = job.results();
    const bool stream = job.config().protocol == Protocol::Stream;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ui.phone) phone_results(ui, job);
    else if (ImGui::BeginTable("##labres", 6, flags)) {
        ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("RMSE", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Within 1 (user mean)", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("Within 1 (pooled)", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("Fit s", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(stream ? "Replay s" : "Predict s", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableHeadersRow();
        for (size_t k = 0; k < res.size(); ++k) {
            const auto& r = res[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string label = model_label(ui, r);
            ImGui::TextUnformatted(label.c_str());
            probe::text("lab:row:" + std::to_string(k), label);
            if (label != r.name) ImGui::SetItemTooltip("%s", r.spec == ui.lab_yours ? r.spec.c_str() : r.name.c_str());
            ImGui::TableNextColumn();
            if (r.runs.empty()) {
                ImGui::TextDisabled("-");
                continue;
            }
            ImGui::Text("%.4f", r.rmse());
            ImGui::TableNextColumn();
            ImGui::Text("%.1f %%", r.within1_mean() * 100);
            ImGui::TableNextColumn();
            ImGui::Text("%.1f %%", r.within1_pooled() * 100);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", r.fit_s);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", r.predict_s + r.learn_s);  // learn_s is 0 but in the stream's replay
        }
        ImGui::EndTable();
    }
    probe::item("lab:table");

    // Charts once the run is over: while it runs, the table fills in model by model, and the page stays light to
    // draw (in a software renderer the four charts alone halve the frame rate).
    if (job.state() == LabJob::State::Running) {
        dim_text("Charts appear when the run finishes.");
        return;
    }
    std::vector<std::string> labels;
    std::vector<double> rmse, within, fit, pred;
    double vr = 0, vt = 0;
    for (const auto& r : res) {
        labels.push_back(model_label(ui, r));
        rmse.push_back(r.rmse());
        within.push_back(r.within1_mean() * 100);
        fit.push_back(r.runs.empty() ? std::nan("") : r.fit_s);
        pred.push_back(r.runs.empty() ? std::nan("") : r.predict_s + r.learn_s);
        if (std::isfinite(rmse.back())) vr = std::max(vr, rmse.back());
        if (!r.runs.empty()) vt = std::max({vt, r.fit_s, pred.back()});
    }
    // Two charts side by side when each gets 360 px, else one under the other (a phone).
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f >= 360 * ui.scale;
    const float half = side_by_side ? (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f : avail;
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    ImGui::BeginChild("##c1", ImVec2(half, 0), ImGuiChildFlags_AutoResizeY);
    ImGui::SeparatorText("RMSE (lower is better)");
    bar_chart(ui, "rmse", labels, rmse, vr > 0 ? vr * 1.05 : 1.0, "%.3f");
    ImGui::SeparatorText("Fit time (s)");
    bar_chart(ui, "fit", labels, fit, vt > 0 ? vt : 1.0, "%.3f");
    ImGui::EndChild();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginChild("##c2", ImVec2(half, 0), ImGuiChildFlags_AutoResizeY);
    ImGui::SeparatorText("Within one star, mean over users (%)");
    bar_chart(ui, "within", labels, within, 100.0, "%.1f");
    ImGui::SeparatorText(stream ? "Replay time: predict + learn (s)" : "Predict time (s)");
    bar_chart(ui, "pred", labels, pred, vt > 0 ? vt : 1.0, "%.3f");
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    probe::item("lab:charts");

    if (stream) {
        ImGui::SeparatorText("Learning curve");
        ImGui::PushTextWrapPos(0.0f);
        dim_text("Within one star (%), against how many of that person's ratings the model had seen.");
        ImGui::PopTextWrapPos();
        std::vector<std::string> xl;
        for (const auto& p : stream_buckets()) {
            char buf[24];
            if (p.seen_hi == CurvePoint::kOpen) std::snprintf(buf, sizeof buf, "%u+", p.seen_lo);
            else if (p.seen_lo == p.seen_hi) std::snprintf(buf, sizeof buf, "%u", p.seen_lo);
            else std::snprintf(buf, sizeof buf, "%u-%u", p.seen_lo, p.seen_hi);
            xl.push_back(buf);
        }
        std::vector<std::vector<double>> ys;
        for (const auto& r : res) {
            std::vector<double> y;
            for (const auto& p : r.curve) y.push_back(r.runs.empty() ? std::nan("") : p.within1 * 100);
            ys.push_back(std::move(y));
        }
        line_chart(ui, "curve", labels, ys, xl, 0, 100, "%.0f%%", 220 * ui.scale);
        probe::item("lab:curve");
    }
}

}  // namespace

void start_lab(Ui& ui) {
    init_models(ui);
    LabConfig cfg;
    cfg.protocol = kProtocolIds[std::clamp(ui.lab_protocol, 0, 2)];
    cfg.seeds = static_cast<uint32_t>(std::clamp(ui.lab_seeds, 1, 10));
    cfg.users = static_cast<uint32_t>(std::clamp(ui.lab_users, 1, 610));
    cfg.reviews = static_cast<uint32_t>(std::clamp(ui.lab_reviews, 3, 500));
    for (size_t k = 0; k < ui.lab_specs.size(); ++k) {
        if (!ui.lab_on[k]) continue;
        cfg.models.push_back(ui.lab_specs[k] == "yours" ? "wnn-best:" + params_to_text(ui.app->wnn_config()) : ui.lab_specs[k]);
    }
    ui.lab_yours = "wnn-best:" + params_to_text(ui.app->wnn_config());
    try {
        // The community's own data set (ml-latest-small as released), read when the lab first runs: the lab's figures
        // are then exactly weightless-eval's on it, whatever the catalogue the person rates from.
        if (!ui.lab_data)
            ui.lab_data = std::make_unique<Dataset>(unpack_dataset(read_file_bytes(platform::community_path()), "the community ratings"));
        ui.lab = std::make_unique<LabJob>(*ui.lab_data, cfg);
        ui.lab_error.clear();
        ui.lab_frames = LabFrames{};
        ui.lab_frames.start_ms = ui.lab_frames.last_ms = ui.lab_frames.end_ms = platform::now_ms();
    } catch (const std::exception& e) {
        ui.lab_error = e.what();
    }
}

void draw_lab(Ui& ui) {
    init_models(ui);
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Lab");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Runs the evaluator's protocols on the catalogue's 610 MovieLens users, in this tab, exactly as "
             "weightless-eval does (same runs from the same seeds, same models, same metrics), a few milliseconds "
             "per frame so the page stays responsive. paper: the paper's sample of users and ratings, 80/20 per "
             "user; split: every user's ratings 80/20; stream: each person's ratings replayed oldest first, "
             "predicted then learned. (folds needs the ml-100k files, which the app does not ship.)");
    ImGui::PopTextWrapPos();
    const bool running = ui.lab && ui.lab->state() == LabJob::State::Running;
    ImGui::BeginDisabled(running);
    ImGui::SetNextItemWidth(140 * ui.scale);
    if (ImGui::BeginCombo("Protocol", kProtocols[std::clamp(ui.lab_protocol, 0, 2)])) {
        for (int k = 0; k < 3; ++k) {
            if (ImGui::Selectable(kProtocols[k], k == ui.lab_protocol)) ui.lab_protocol = k;
            probe::item(std::string("lab:protocol:") + kProtocols[k]);
        }
        ImGui::EndCombo();
    }
    probe::item("lab:protocol");
    // Each labelled control follows on the line when it fits (a phone stacks them).
    const auto labelled = [&](float w, const char* label) {
        const float full = w + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        if (ui.phone) same_line_if_fits(full);
        else ImGui::SameLine(0, 20 * ui.scale);
    };
    labelled(120 * ui.scale, "Seeds");
    ImGui::SetNextItemWidth(120 * ui.scale);
    ImGui::SliderInt("Seeds", &ui.lab_seeds, 1, 5, "%d", ImGuiSliderFlags_AlwaysClamp);
    if (ui.lab_protocol == 0) {
        labelled(120 * ui.scale, "Users");
        ImGui::SetNextItemWidth(120 * ui.scale);
        ImGui::InputInt("Users", &ui.lab_users, 10);
        probe::item("lab:users");
        labelled(120 * ui.scale, "Ratings per user");
        ImGui::SetNextItemWidth(120 * ui.scale);
        ImGui::InputInt("Ratings per user", &ui.lab_reviews, 5);
        probe::item("lab:reviews");
        ui.lab_users = std::clamp(ui.lab_users, 1, 610);
        ui.lab_reviews = std::clamp(ui.lab_reviews, 3, 500);
    }
    ImGui::TextUnformatted("Models:");
    for (size_t k = 0; k < ui.lab_specs.size(); ++k) {
        bool on = ui.lab_on[k];
        const std::string label = ui.lab_specs[k] == "yours" ? "your network's settings" : ui.lab_specs[k];
        same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x);
        if (ImGui::Checkbox(label.c_str(), &on)) ui.lab_on[k] = on;
        probe::item("lab:model:" + ui.lab_specs[k]);
    }
    ImGui::EndDisabled();
    if (!running) {
        if (ImGui::Button("Run")) start_lab(ui);
        probe::item("lab:run");
    } else {
        if (ImGui::Button("Cancel")) ui.lab->cancel();
        probe::item("lab:cancel");
    }
    if (!ui.lab_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
        ImGui::TextWrapped("%s", ui.lab_error.c_str());
        ImGui::PopStyleColor();
    }
    if (!ui.lab) return;
    const LabJob& job = *ui.lab;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%.0f %%", job.progress() * 100);
    ImGui::ProgressBar(static_cast<float>(job.progress()), ImVec2(-1, 0), overlay);
    probe::item("lab:progress");
    const LabFrames& f = ui.lab_frames;
    ImGui::TextWrapped("%s, %s. %.2f s of work in %.2f s, %.0f frames per second (slowest frame %.0f ms).",
                protocol_name(job.config().protocol), job.phase().c_str(), job.work_ms() / 1000,
                (f.end_ms - f.start_ms) / 1000, f.fps(), f.worst_ms);
    if (job.config().protocol == Protocol::Paper && job.qualifying() > 0 && job.qualifying() < job.config().users)
 ImGui::TextWrapped("Only %u users have %u ratings or more: all of them take part.", job.qualifying(), job.config().reviews);
    ImGui::Spacing();
    results(ui, job);
}

}  // namespace wl::app
