// Builds the window.weightless snapshot (see debug_json.hpp).
#include "debug_json.hpp"

#include "app/logic/reasons.hpp"

#include <cmath>
#include <algorithm>
#include <cstdio>

#include "debug_probe.hpp"
#include <imgui.h>
#include <imgui_internal.h>

#include "app/platform/platform.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {

namespace {
std::string num(double v) {
    if (!std::isfinite(v)) return "null";  // JSON has no NaN
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);  // round-trips exactly through JSON.parse
    return buf;
}
// What is cut off at the right this frame, in CSS pixels: windows reaching past the viewport, windows whose items
// reach past their visible right edge (with no horizontal scrollbar to reach them), table cells whose content is
// wider than their column, and table headers cut short. A phone layout must leave this empty.
// (ImGui computes ScrollMax.x whether or not a scrollbar is shown, from the last frame's content: testing it instead of
// the scrollbar let a line that stays too wide pass from its second frame on.)
std::string overflow_json(double dpr) {
    ImGuiContext& g = *GImGui;
    const float vw = ImGui::GetMainViewport()->Size.x;
    std::string j = "[";
    const auto add = [&](const std::string& what, float right, float limit) {
        if (j.size() > 1) j += ',';
        j += "[" + probe::quote(what) + "," + num(right / dpr) + "," + num(limit / dpr) + "]";
    };
    for (ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden) continue;
        const float edge = std::min(w->InnerClipRect.Max.x, vw);
        if (w->Pos.x + w->Size.x > vw + 1.0f) add(w->Name, w->Pos.x + w->Size.x, vw);
        else if (!w->ScrollbarX && w->DC.CursorMaxPos.x > edge + 1.0f) add(w->Name, w->DC.CursorMaxPos.x, edge);
    }
    for (int t = 0; t < g.Tables.GetMapSize(); ++t) {
        const ImGuiTable* table = g.Tables.TryGetMapData(t);
        if (!table || table->LastFrameActive != g.FrameCount) continue;
        for (int c = 0; c < table->ColumnsCount; ++c) {
            const ImGuiTableColumn& col = table->Columns[c];
            if (!col.IsVisibleX) continue;
            const std::string where = std::string(table->OuterWindow ? table->OuterWindow->Name : "?") + " table column " + std::to_string(c);
            if (col.ContentMaxXUnfrozen > col.ClipRect.Max.x + 1.0f) add(where, col.ContentMaxXUnfrozen, col.ClipRect.Max.x);
            // A header wider than its cell is drawn cut with an ellipsis ("Withi…"): its ideal width is kept apart.
            if (col.ContentMaxXHeadersIdeal > col.ContentMaxXHeadersUsed + 1.0f)
                add(where + " header", col.ContentMaxXHeadersIdeal, col.ContentMaxXHeadersUsed);
        }
    }
    return j + "]";
}

const char* durable_name(platform::Durable d) {
    switch (d) {
        case platform::Durable::NotAsked: return "not asked";
        case platform::Durable::Asking: return "asking";
        case platform::Durable::Granted: return "granted";
        case platform::Durable::Refused: return "refused";
        case platform::Durable::Unavailable: return "unavailable";
    }
    return "?";
}
}  // namespace

std::string debug_json(Ui& ui, const platform::Surface& s, const Timings& t, const char* stage) {
    std::string j = "{\"stage\":" + probe::quote(stage);
    j += ",\"first_frame_ms\":" + num(t.first_frame_ms) + ",\"ready_ms\":" + num(t.ready_ms);
    j += ",\"css\":[" + std::to_string(s.css_w) + "," + std::to_string(s.css_h) + "],\"framebuffer\":[" +
         std::to_string(s.fb_w) + "," + std::to_string(s.fb_h) + "],\"dpr\":" + num(s.dpr);
    j += ",\"page\":" + probe::quote(page_name(ui.page));
    {
        // What the last frame asked the renderer for: vertices, indices, windows, draw calls (software renderers pay
        // per call).
        const ImGuiIO& io = ImGui::GetIO();
        int calls = 0;
        if (const ImDrawData* dd = ImGui::GetDrawData())
            for (int l = 0; l < dd->CmdListsCount; ++l) calls += dd->CmdLists[l]->CmdBuffer.Size;
        j += ",\"draw\":[" + std::to_string(io.MetricsRenderVertices) + "," + std::to_string(io.MetricsRenderIndices) + "," +
             std::to_string(io.MetricsRenderWindows) + "," + std::to_string(calls) + "]";
    }
    j += ",\"rects\":" + probe::rects_json() + ",\"texts\":" + probe::texts_json() + ",\"cut\":" + probe::cut_json();
    j += ",\"page_scroll\":" + num(ui.page_scroll / s.dpr);
    j += ",\"phone\":" + std::string(ui.phone ? "true" : "false") + ",\"touch\":" + (ui.touch ? "true" : "false") +
         ",\"menu\":" + (ui.menu_open ? "true" : "false") + ",\"want_text\":" + (ImGui::GetIO().WantTextInput ? "true" : "false");
    j += ",\"overflow\":" + overflow_json(s.dpr);
    j += ",\"durable\":" + probe::quote(durable_name(platform::durable_storage()));
    j += ",\"query\":" + probe::quote(ui.filter.query);
    if (ui.history) {
        const HistoryImport& h = *ui.history;
        const HistoryPreview& p = h.preview;
        const HistoryImport::Summary& sum = history_summary(ui);
        const auto count = [&](MatchKind k) { return sum.kinds[static_cast<size_t>(k)]; };
        j += ",\"history\":{\"file\":" + probe::quote(h.file_name) + ",\"format\":" + probe::quote(history_format_name(p.format)) +
             ",\"rows\":" + std::to_string(p.rows.size()) + ",\"exact\":" + std::to_string(count(MatchKind::Exact)) +
             ",\"year_off\":" + std::to_string(count(MatchKind::YearOff)) + ",\"ambiguous\":" + std::to_string(count(MatchKind::Ambiguous)) +
             ",\"unmatched\":" + std::to_string(count(MatchKind::Unmatched)) + ",\"not_movies\":" + std::to_string(p.not_movies) +
             ",\"malformed\":" + std::to_string(p.malformed) + ",\"chosen\":" + std::to_string(sum.chosen.size()) +
             ",\"unrated\":" + std::to_string(p.unrated) + ",\"marked\":" + std::to_string(sum.marked.size()) +
             ",\"marks\":" + probe::quote(history_mark_name(p.marks)) + ",\"windows1252\":" + (p.windows1252 ? "true" : "false") +
             ",\"parse_ms\":" + num(h.parse_ms) + ",\"learning\":" + std::to_string(h.learning.size()) +
             ",\"learned\":" + std::to_string(ui.import_job ? ui.import_job->learned() : 0) +
             ",\"done\":" + (ui.import_job && ui.import_job->done() ? "true" : "false") +
             ",\"learn_wall_ms\":" + num(h.done_ms > 0 ? h.done_ms - h.confirm_ms : -1) +
             ",\"learn_work_ms\":" + num(ui.import_job ? ui.import_job->work_ms() : -1) +
             ",\"slices\":" + std::to_string(ui.import_job ? ui.import_job->slices() : 0) + "}";
    }
    j += ",\"history_message\":" + probe::quote(ui.history_message);
    if (ui.app) {
        AppState& app = *ui.app;
        const Dataset& ds = app.dataset();
        j += ",\"welcome\":" + std::string(app.person().settings.welcome_done ? "false" : "true");
        j += ",\"fit_ms\":" + num(app.fit_ms()) + ",\"rebuild_ms\":" + num(app.last_rebuild_ms());
        j += ",\"ratings\":[";
        bool first = true;
        for (const auto& [item, r] : app.person().ratings) {
            j += (first ? "[" : ",[") + std::to_string(ds.items[item].id) + "," + num(r.half_stars * 0.5) + "]";
            first = false;
        }
        j += "],\"unseen\":" + std::to_string(app.person().unseen.size()) +
             ",\"hidden\":" + std::to_string(app.person().hidden.size());
        j += ",\"seen\":[";
        first = true;
        for (uint32_t item : app.person().seen) {
            j += (first ? "" : ",") + std::to_string(ds.items[item].id);
            first = false;
        }
        j += "],\"watchlist\":" + std::to_string(app.person().watchlist.size()) + ",\"watchlist_ids\":[";
        first = true;
        for (uint32_t item : app.person().watchlist) {
            j += (first ? "" : ",") + std::to_string(ds.items[item].id);
            first = false;
        }
        j += "],\"scope\":" + probe::quote(app.list_scope() == ListScope::Watchlist ? "watchlist" : "for-you") +
             ",\"watchlist_filtered_out\":" + std::to_string(app.watchlist_filtered_out());
        j += ",\"source\":" + std::to_string(static_cast<int>(app.person().settings.rec_source));
        j += ",\"recent_list\":" + std::to_string(app.person().settings.recent_list);
        j += ",\"filter\":" + probe::quote(list_filter_text(app.list_filter(), ds.genre_names)) +
             ",\"list_length\":" + std::to_string(app.list_length()) + ",\"list_ms\":" + num(app.last_list_ms());
        j += ",\"results\":" + std::to_string(ui.filter.query.empty() ? 0 : ui.results.size());
        // The first results as the page shows them (display title, year included), and the last search's time.
        j += ",\"results_top\":[";
        for (size_t k = 0; k < std::min<size_t>(ui.results.size(), 5); ++k)
            j += (k ? ",[" : "[") + std::to_string(ds.items[ui.results[k]].id) + "," + probe::quote(app.view().title(ui.results[k])) + "]";
        j += "],\"search_ms\":" + num(ui.search_ms) + ",\"new_films\":[";
        first = true;
        // Computed only while the page that shows them is open, as the page does.
        static const std::vector<Recommendation> kNoFilms;
        for (const auto& r : ui.page == Page::Recs ? app.new_films() : kNoFilms) {
            j += (first ? "" : ",") + std::to_string(ds.items[r.item].id);
            first = false;
        }
        j += "]";
        j += ",\"wnn_config\":" + probe::quote(params_to_text(app.wnn_config()));
        j += ",\"memory_bytes\":" + std::to_string(app.wnn_memory_bytes());
        j += ",\"revision\":" + std::to_string(app.revision());
        j += ",\"rate_ms\":" + num(app.last_rate_ms());
        j += ",\"accuracy\":[";
        first = true;
        // Leave-one-out costs every rating x every model: measured only while its page shows it (after a 3,000-rating
        // import, computing it on every change made frames of 100 ms).
        static const std::vector<LooRow> kNone;
        for (const auto& r : ui.page == Page::Accuracy ? app.accuracy() : kNone) {
            j += (first ? "{\"model\":" : ",{\"model\":") + probe::quote(r.model) + ",\"n\":" + std::to_string(r.n) +
                 ",\"rmse\":" + num(r.rmse) + ",\"within1\":" + num(r.within1) + "}";
            first = false;
        }
        j += "]";
        j += ",\"data_message\":" + probe::quote(ui.data_message) + ",\"share_link\":" + probe::quote(ui.share_link);
        j += ",\"share_prompt\":" + std::to_string(ui.share_prompt ? ui.share_pending.size() : 0) +
             ",\"share_error\":" + probe::quote(ui.share_error);
        // The Rate page's "Your ratings" as last drawn (its first 60 rows: id, stars, title; a phone's first row drawn),
        // and the list's film just
        // rated with its undo (id and row), if any.
        j += ",\"mine\":{\"shown\":" + std::to_string(ui.my_shown.size()) + ",\"ms\":" + num(ui.my_ms) +
             ",\"from\":" + std::to_string(ui.my_phone_from) + ",\"rows\":[";
        for (size_t k = 0; k < std::min<size_t>(ui.my_shown.size(), 60); ++k) {
            const uint32_t item = ui.my_shown[k];
            const auto r = app.rating_of(item);
            j += (k ? ",[" : "[") + std::to_string(ds.items[item].id) + "," + num(r ? *r * 0.5 : 0) + "," + probe::quote(app.view().title(item)) + "]";
        }
        j += "]},\"list_rated\":";
        j += ui.list_rating ? "[" + std::to_string(ds.items[ui.list_rating->undo.item].id) + "," + std::to_string(ui.list_rating->rank) + "]" : "null";
        j += ",\"notice\":" + probe::quote(app.notice()) + ",\"action_error\":" + probe::quote(ui.action_error);
    }
    if (ui.saved) {
        j += ",\"saved\":{\"revision\":" + std::to_string(ui.saved->saved_revision()) +
             ",\"saves\":" + std::to_string(ui.saved->saves()) + ",\"bytes\":" + std::to_string(ui.saved->saved_bytes()) +
             ",\"paused\":" + (ui.saved->paused() ? "true" : "false") + ",\"error\":" + probe::quote(ui.saved->error()) + "}";
    }
    if (ui.lab) {
        const LabJob& lab = *ui.lab;
        const LabFrames& f = ui.lab_frames;
        j += ",\"lab\":{\"state\":" + probe::quote(lab.state_name()) + ",\"protocol\":" +
             probe::quote(protocol_name(lab.config().protocol)) + ",\"progress\":" + num(lab.progress()) +
             ",\"work_ms\":" + num(lab.work_ms()) + ",\"longest_unit_ms\":" + num(lab.longest_unit_ms()) +
             ",\"longest_unit\":" + probe::quote(lab.longest_unit()) + ",\"wall_ms\":" + num(f.end_ms - f.start_ms) +
             ",\"frames\":" + std::to_string(f.frames) + ",\"fps\":" + num(f.fps()) + ",\"worst_frame_ms\":" +
             num(f.worst_ms) + ",\"users\":" + std::to_string(lab.config().users) + ",\"reviews\":" + std::to_string(lab.config().reviews) + ",\"error\":" + probe::quote(lab.error()) + ",\"results\":[";
        bool first = true;
        for (const auto& r : lab.results()) {
            j += (first ? "{\"spec\":" : ",{\"spec\":") + probe::quote(r.spec) + ",\"runs\":" + std::to_string(r.runs.size()) +
                 ",\"rmse\":" + num(r.rmse()) + ",\"within1\":" + num(r.within1_mean()) + ",\"fit_s\":" + num(r.fit_s) +
                 ",\"predict_s\":" + num(r.predict_s) + ",\"learn_s\":" + num(r.learn_s) + "}";
            first = false;
        }
        j += "]}";
    }
    j += ",\"storage_note\":" + probe::quote(ui.storage_note);
    return j + "}";
}

std::string debug_recs_json(Ui& ui) {
    if (!ui.app) return "null";
    AppState& app = *ui.app;
    const Dataset& ds = app.dataset();
    std::string j = "[";
    for (const auto& r : app.recommendations()) {
        std::string genres;
        for (size_t g = 0; g < ds.genre_names.size(); ++g)
            if (ds.items[r.item].genres & (uint32_t{1} << g)) genres += (genres.empty() ? "" : "|") + ds.genre_names[g];
        j += (j.size() == 1 ? "{\"id\":" : ",{\"id\":") + std::to_string(ds.items[r.item].id) + ",\"stars\":" + num(r.stars) +
             ",\"score\":" + num(r.score) + ",\"genres\":" + probe::quote(genres) + ",\"why\":" + std::to_string(r.why.size()) +
             ",\"reason\":" + probe::quote(plain_reason(app, r, app.person().settings.rec_source, 2).text) + ",\"lift\":[";
        for (size_t k = 0; k < r.lifted_by.size(); ++k)
            j += (k ? ",[" : "[") + probe::quote(r.lifted_by[k].feature) + "," + num(r.lifted_by[k].stars) + "]";
        j += "]}";
    }
    return j + "]";
}

std::string debug_pred_hash_json(Ui& ui) {
    if (!ui.app) return "null";
    char hash[24];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(ui.app->predictions_hash()));
    return probe::quote(hash);
}

}  // namespace wl::app
