// The unmatched rows of a history preview as CSV (see history_unmatched.hpp).
#include "history_unmatched.hpp"

#include <cstdio>

namespace wl::app {

std::string unmatched_history_csv(const HistoryPreview& p) {
    std::string out = "Title,Year,Rating,WatchedDate,Line\n";
    for (const HistoryRow& r : p.rows) {
        if (r.kind != MatchKind::Unmatched) continue;
        out += csv_field(r.title) + ',';
        if (r.year) out += std::to_string(r.year);
        out += ',';
        char buf[96];
        if (r.half_stars) {
            std::snprintf(buf, sizeof buf, "%d.%d", r.half_stars / 2, r.half_stars % 2 ? 5 : 0);
            out += buf;
        }
        std::snprintf(buf, sizeof buf, ",%s,%zu\n", date_text(r.timestamp).c_str(), r.line);
        out += buf;
    }
    return out;
}

}  // namespace wl::app
