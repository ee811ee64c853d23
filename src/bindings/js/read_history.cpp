// Catalogue.readHistory (see read_history.hpp).
#include "read_history.hpp"

#include <string>

using emscripten::val;

namespace wl::js {

const char* match_name(app::MatchKind k) {
    switch (k) {
        case app::MatchKind::Exact: return "exact";
        case app::MatchKind::YearOff: return "year-off";
        case app::MatchKind::Ambiguous: return "ambiguous";
        case app::MatchKind::Unmatched: return "unmatched";
    }
    return "unmatched";
}

val read_history(std::span<const uint8_t> bytes, const Dataset& ds, const app::HistoryIndex& index, std::string_view file_name) {
    // `now` only dates rows whose file has none; the API returns no dates, so any value does.
    const app::HistoryPreview p = app::parse_history(bytes, ds, index, 0, file_name);
    val rows = val::array();
    const std::string marks = app::history_mark_name(p.marks);
    for (const app::HistoryRow& r : p.rows) {
        val row = val::object();
        row.set("title", r.title);
        row.set("year", r.year ? val(r.year) : val::null());
        row.set("stars", r.half_stars ? val(r.half_stars * 0.5) : val::null());
        row.set("kind", r.half_stars ? std::string("rating") : marks);
        row.set("match", std::string(match_name(r.kind)));
        const auto item = r.item();
        row.set("movieId", item && r.kind != app::MatchKind::Ambiguous ? val(ds.items[*item].id) : val::null());
        val cands = val::array();
        for (uint32_t c : r.candidates) cands.call<void>("push", ds.items[c].id);
        row.set("candidates", cands);
        row.set("line", static_cast<double>(r.line));
        rows.call<void>("push", row);
    }
    val out = val::object();
    out.set("format", std::string(app::history_format_name(p.format)));
    out.set("marks", marks);
    out.set("windows1252", p.windows1252);
    out.set("rows", rows);
    out.set("notMovies", static_cast<double>(p.not_movies));
    out.set("unrated", static_cast<double>(p.unrated));
    out.set("malformed", static_cast<double>(p.malformed));
    val problems = val::array();
    for (const auto& s : p.problems) problems.call<void>("push", s);
    out.set("problems", problems);
    return out;
}

}  // namespace wl::js
