// Data & privacy, "Bring your ratings": a MovieLens / IMDb / Letterboxd export picked or dropped on the page is read
// into a preview (matched, year one off, ambiguous to choose, unmatched, replacing; rows without stars mark films
// seen or on the watchlist), nothing is learned until the person confirms, then the network learns the ratings in
// slices (main.cpp steps the job). Every ambiguous and unmatched row can be paged through, and the unmatched ones
// saved as a CSV. Also the CSV export of the ratings.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <span>
#include <vector>

#include "app/logic/exchange.hpp"
#include "app/logic/history_unmatched.hpp"
#include "app/platform/platform.hpp"
#include "debug_probe.hpp"
#include "touch.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

constexpr size_t kListed = 40;  // rows shown per page of a list (every row can be paged to; the counts are complete)

std::string row_label(const HistoryRow& r) {
    return r.year ? r.title + " (" + std::to_string(r.year) + ")" : r.title;
}

// A bullet whose text wraps at the window's edge (BulletText does not wrap: on a phone it would be cut off).
template <class... A>
void bullet(const char* fmt, A... args) {
    char buf[640];
    std::snprintf(buf, sizeof buf, fmt, args...);
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(buf);
    ImGui::PopTextWrapPos();
}

void say(Ui& ui, std::string msg, bool bad) {
    ui.history_message = std::move(msg);
    ui.history_message_bad = bad;
}

// "Rows 41-80 of 669" with previous / next buttons when a list is longer than a page; returns the page's rows.
std::span<const size_t> paged(const std::vector<size_t>& all, size_t& page, const char* probe_name) {
    const size_t pages = (all.size() + kListed - 1) / kListed;
    if (page >= pages) page = pages ? pages - 1 : 0;
    const size_t from = page * kListed, to = std::min(all.size(), from + kListed);
    if (pages > 1) {
        ImGui::PushID(probe_name);
        ImGui::BeginDisabled(page == 0);
        if (ImGui::Button("< Previous")) --page;
        probe::item(std::string(probe_name) + ":prev");
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::Text("Rows %zu-%zu of %zu", from + 1, to, all.size());
        ImGui::SameLine();
        ImGui::BeginDisabled(page + 1 >= pages);
        if (ImGui::Button("Next >")) ++page;
        probe::item(std::string(probe_name) + ":next");
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    return std::span<const size_t>(all).subspan(from, to - from);
}

const char* mark_words(HistoryMark m) { return m == HistoryMark::Watchlist ? "put on your watchlist" : "marked seen"; }

}  // namespace

const HistoryImport::Summary& history_summary(Ui& ui) {
    HistoryImport& h = *ui.history;
    HistoryImport::Summary& s = h.summary;
    const HistoryPreview& p = h.preview;
    if (s.stale && s.revision == UINT64_MAX) {  // first time: the rows of each kind, which never change
        for (size_t k = 0; k < p.rows.size(); ++k) s.rows_of[static_cast<size_t>(p.rows[k].kind)].push_back(k);
        for (size_t k = 0; k < 4; ++k) s.kinds[k] = s.rows_of[k].size();
    }
    if (s.stale || s.revision != ui.app->revision() || s.marks != p.marks) {
        s.chosen = p.chosen();
        s.marked = p.marked();
        s.replacing = p.replacing(ui.app->person());
        s.revision = ui.app->revision();
        s.marks = p.marks;
        s.stale = false;
    }
    return s;
}

// Called by poll_outside for a file that is not a Weightless export.
void read_history_file(Ui& ui, const std::vector<uint8_t>& bytes, const std::string& name) {
    AppState& app = *ui.app;
    ui.page = Page::Data;
    ui.menu_open = false;
    ui.history_scroll = true;
    if (ui.import_job && !ui.import_job->done()) {
        say(ui, "Not read (" + name + "): an import is still being learned. Nothing was changed.", true);
        return;
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        if (!ui.history_index) ui.history_index = std::make_unique<HistoryIndex>(app.dataset());
        auto h = std::make_unique<HistoryImport>();
        h->file_name = name;
        h->preview = parse_history(bytes, app.dataset(), *ui.history_index, platform::unix_seconds(), name);
        h->parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        ui.history = std::move(h);
        ui.import_job.reset();
        ui.history_message.clear();
    } catch (const std::exception& e) {
        say(ui, "Not imported (" + name + "): " + e.what() + ". Nothing was changed.", true);
    }
}

void finish_import(Ui& ui, double now_ms) {
    if (!ui.history || !ui.import_job) return;
    ui.history->done_ms = now_ms;
    const size_t n = ui.import_job->learned();
    char buf[160];
    std::snprintf(buf, sizeof buf, " in %.0f ms (%llu slices; %.0f ms of learning).", now_ms - ui.history->confirm_ms,
                  static_cast<unsigned long long>(ui.import_job->slices()), ui.import_job->work_ms());
    if (n == 0 && ui.history->learning.empty()) {  // a watched list or a watchlist: marks only, nothing to learn
        say(ui, std::to_string(ui.history->marked) + " film" + (ui.history->marked == 1 ? "" : "s") + " from " + ui.history->file_name +
                    " " + mark_words(ui.history->preview.marks) +
                    (ui.history->marked == 0 ? " (each was on it already, or is rated or seen)." : "."), false);
        return;
    }
    std::string marks;
    if (ui.history->marked)
        marks = " " + std::to_string(ui.history->marked) + " film" + (ui.history->marked == 1 ? "" : "s") + " " +
                mark_words(ui.history->preview.marks) + ".";
    say(ui, "Learned " + std::to_string(n) + " rating" + (n == 1 ? "" : "s") + " from " + ui.history->file_name + buf + marks, false);
}

void draw_history(Ui& ui) {
    AppState& app = *ui.app;
    // A separator's heading does not wrap: a phone gets the short one (the text below names the three sites).
    ImGui::SeparatorText(ui.phone ? "Bring your ratings" : "Bring your ratings from MovieLens, IMDb or Letterboxd");
    if (ui.history_scroll) {
        ImGui::SetScrollHereY(0.0f);
        ui.history_scroll = false;
    }
    ImGui::TextUnformatted("Pick (or drop on the page) an export: MovieLens' ratings.csv, IMDb's \"Your ratings\" CSV or "
                           "watchlist, Letterboxd's ratings.csv, diary.csv, watched.csv or watchlist.csv, or a CSV this app "
                           "saved (ratings, list or watchlist). You see what matched before anything is learned. IMDb's 1-10 becomes half stars (10 = 5 stars, 7 = 3.5 stars); "
                           "films you have seen leave your list; a watchlist is ranked for you under Recommendations.");
    if (ImGui::Button("Import ratings from a file…")) platform::pick_file();
    probe::item("history:pick");
    note_pick_button(ui);
    same_line_if_fits(ImGui::CalcTextSize("Export ratings as CSV").x + ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button("Export ratings as CSV")) {
        const std::string csv = export_history_csv(app.person(), app.dataset());
        const std::string err = platform::download_file(
            "weightless-ratings.csv", std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
        if (err.empty()) say(ui, "Exported " + std::to_string(app.person().ratings.size()) + " ratings as weightless-ratings.csv "
                                 "(Title, Year, imdbID, tmdbID, Rating: Letterboxd's import layout).", false);
        else say(ui, "Export failed: " + err, true);
    }
    probe::item("history:export");
    ImGui::SetItemTooltip("Title, year, IMDb and TMDB ids and your rating: Letterboxd's importer and IMDb-style tools read it");
    if (!ui.history_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui.history_message_bad ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.55f, 0.85f, 0.55f, 1));
        ImGui::TextUnformatted(ui.history_message.c_str());
        ImGui::PopStyleColor();
        probe::item("history:message");
    }
    if (!ui.history) return;
    HistoryImport& h = *ui.history;
    HistoryPreview& p = h.preview;
    if (ui.import_job) {
        if (!ui.import_job->done()) {
            const float f = static_cast<float>(ui.import_job->learned()) / static_cast<float>(std::max<size_t>(1, ui.import_job->total()));
            char buf[64];
            std::snprintf(buf, sizeof buf, "Learning %zu / %zu", ui.import_job->learned(), ui.import_job->total());
            ImGui::ProgressBar(f, ImVec2(-1, 0), buf);
            probe::item("history:progress");
        }
        return;
    }
    const HistoryImport::Summary& sum = history_summary(ui);
    const auto& chosen = sum.chosen;
    const auto& marked = sum.marked;
    const size_t replacing = sum.replacing;
    const auto count = [&](MatchKind k) { return sum.kinds[static_cast<size_t>(k)]; };
    ImGui::Spacing();
    ImGui::Text("%s (%s): %zu rows of films.", h.file_name.c_str(), history_format_name(p.format), p.rows.size());
    if (p.windows1252) bullet("%s", "Not UTF-8: read as Windows-1252, the encoding spreadsheets on Windows save in. Check the titles below; "
                              "if they look wrong, save the file as \"CSV UTF-8\" and pick it again.");
    if (p.separator != ',') bullet("Separated by \"%s\" (a spreadsheet's re-save): read as such.", p.separator == ';' ? ";" : "tab");
    bullet("%zu matched exactly", count(MatchKind::Exact));
    if (const size_t n = count(MatchKind::YearOff)) bullet("%zu matched by title with the year one off (marked below)", n);
    if (const size_t n = count(MatchKind::Ambiguous)) bullet("%zu ambiguous: choose below, or they are skipped", n);
    if (const size_t n = count(MatchKind::Unmatched)) bullet("%zu not in this catalogue (listed below)", n);
    if (p.not_movies) bullet("%zu skipped: not films (series, episodes, shorts, games)", p.not_movies);
    if (p.unrated) {
        bullet("%zu without a rating: %zu of them found here would be %s", p.unrated, marked.size(), mark_words(p.marks));
        if (history_marks_choosable(p.format)) {
            // Letterboxd writes watched.csv and watchlist.csv alike, and an import layout's films without a rating
            // may be either: the file's name guessed, the person decides.
            int m = static_cast<int>(p.marks);
            ImGui::RadioButton("Films I have seen (they leave my list)", &m, static_cast<int>(HistoryMark::Seen));
            probe::item("history:marks:seen");
            same_line_if_fits(ImGui::CalcTextSize("My watchlist").x + 40);
            ImGui::RadioButton("My watchlist", &m, static_cast<int>(HistoryMark::Watchlist));
            probe::item("history:marks:watchlist");
            p.marks = static_cast<HistoryMark>(m);
        }
    }
    if (p.malformed) bullet("%zu malformed rows skipped, first: %s", p.malformed, p.problems.front().c_str());
    if (replacing) bullet("%zu would replace a different rating you already have", replacing);
    ImGui::Text("Nothing is learned until you confirm: %zu rating%s, %zu film%s %s.", chosen.size(), chosen.size() == 1 ? "" : "s",
                marked.size(), marked.size() == 1 ? "" : "s", mark_words(p.marks));
    probe::item("history:summary");
    ImGui::BeginDisabled(chosen.empty() && marked.empty());
    const std::string label = chosen.empty() ? (marked.size() == 1 ? std::string("Keep this film as ")
                                                                    : "Keep these " + std::to_string(marked.size()) + " films as ") +
                                                   (p.marks == HistoryMark::Watchlist ? "your watchlist" : "seen")
                                             : chosen.size() == 1 ? std::string("Learn this rating")
                                                                  : "Learn these " + std::to_string(chosen.size()) + " ratings";
    if (ImGui::Button(label.c_str())) {
        h.learning = chosen;
        h.marked = marked.size();
        h.confirm_ms = platform::now_ms();
        const std::set<uint32_t> to_mark = marked;  // the summary follows the person's revision, which this moves
        // Films already rated or seen are not put on the watchlist: the message counts those that went on it.
        if (p.marks == HistoryMark::Watchlist) h.marked = app.add_to_watchlist(to_mark);
        else app.mark_seen(to_mark);
        ui.import_job = std::make_unique<ImportJob>(h.learning);
        app.set_welcome_done();
        if (h.learning.empty()) finish_import(ui, h.confirm_ms);  // nothing to learn: the marks are all
    }
    probe::item("history:confirm");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        ui.history.reset();
        say(ui, "Import cancelled. Nothing was changed.", false);
        return;
    }
    probe::item("history:cancel");

    const Dataset& ds = app.dataset();
    const CatalogueView& v = app.view();
    if (count(MatchKind::Ambiguous) && ImGui::TreeNodeEx("Ambiguous: which film did you mean?", ImGuiTreeNodeFlags_DefaultOpen)) {
        const std::vector<size_t> amb = sum.rows_of[static_cast<size_t>(MatchKind::Ambiguous)];
        for (size_t k : paged(amb, h.page_ambiguous, "history:amb:page")) {
            HistoryRow& r = p.rows[k];
            ImGui::PushID(static_cast<int>(k));
            if (r.half_stars) ImGui::TextWrapped("%s, %.1f stars:", row_label(r).c_str(), r.half_stars * 0.5);
            else ImGui::TextWrapped("%s, %s:", row_label(r).c_str(), p.marks == HistoryMark::Watchlist ? "on the watchlist" : "seen");
            ImGui::SetNextItemWidth(-1);
            const std::string cur = r.chosen < 0 ? "Skip it" : v.title(r.candidates[static_cast<size_t>(r.chosen)]);
            if (ImGui::BeginCombo("##pick", cur.c_str())) {
                if (ImGui::Selectable("Skip it", r.chosen < 0)) r.chosen = -1, h.summary.stale = true;
                for (size_t c = 0; c < r.candidates.size(); ++c) {
                    const uint32_t it = r.candidates[c];
                    const std::string label = v.title(it) + "  -  " + v.genre_text(it) + " (movie " + std::to_string(ds.items[it].id) + ")";
                    if (ImGui::Selectable(label.c_str(), r.chosen == static_cast<int32_t>(c))) r.chosen = static_cast<int32_t>(c), h.summary.stale = true;
                    probe::item("history:amb:" + std::to_string(k) + ":" + std::to_string(c));
                }
                ImGui::EndCombo();
            }
            probe::item("history:amb:" + std::to_string(k));
            ImGui::PopID();
        }
        ImGui::TreePop();
    }
    if (count(MatchKind::YearOff) && ImGui::TreeNode("Matched with the year one off")) {
        const std::vector<size_t>& off = sum.rows_of[static_cast<size_t>(MatchKind::YearOff)];
        for (size_t k : paged(off, h.page_year_off, "history:off:page"))
            bullet("%s -> %s", row_label(p.rows[k]).c_str(), v.title(p.rows[k].candidates[0]).c_str());
        ImGui::TreePop();
    }
    const size_t n_unmatched = count(MatchKind::Unmatched);
    const bool unmatched_open = n_unmatched && ImGui::TreeNode("Not in this catalogue");
    if (n_unmatched) probe::item("history:unmatched");
    if (const size_t n = n_unmatched; unmatched_open) {
        if (ImGui::Button(("Save these " + std::to_string(n) + " rows as CSV").c_str())) {
            const std::string csv = unmatched_history_csv(p);
            // The name carries what the rows without stars mean, so the file imported again reads them as such.
            const std::string name = p.marks == HistoryMark::Watchlist ? "weightless-unmatched-watchlist.csv" : "weightless-unmatched.csv";
            const std::string err = platform::download_file(
                name, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
            if (err.empty()) say(ui, "Saved the " + std::to_string(n) + " rows not found as " + name +
                                     " (Title, Year, Rating, WatchedDate, Line: it can be fixed and imported again).", false);
            else say(ui, "Saving failed: " + err, true);
        }
        probe::item("history:unmatched:save");
        const std::vector<size_t>& unm = sum.rows_of[static_cast<size_t>(MatchKind::Unmatched)];
        for (size_t k : paged(unm, h.page_unmatched, "history:unm:page")) bullet("%s", row_label(p.rows[k]).c_str());
        ImGui::TreePop();
    }
    if (p.problems.size() > 1 && ImGui::TreeNode("Malformed rows")) {
        for (const auto& s : p.problems) bullet("%s", s.c_str());
        if (p.malformed > p.problems.size()) dim_text("… and " + std::to_string(p.malformed - p.problems.size()) + " more");
        ImGui::TreePop();
    }
}

}  // namespace wl::app
