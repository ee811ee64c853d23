// Reading other sites' rating exports and writing ours (see history_import.hpp).
#include "history_import.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "weightless/data/csv.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {

constexpr size_t kProblemsKept = 5;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string o(s);
    for (char& c : o)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
}

// "2019-03-07" -> seconds at midnight UTC; nullopt for anything else. (Days from the civil date, proleptic
// Gregorian: H. Hinnant's well-known formula.)
std::optional<int64_t> parse_date(std::string_view s) {
    s = trim(s);
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int v[3] = {0, 0, 0};
    const size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (size_t i = 0; i < len[k]; ++i) {
            const char c = s[at[k] + i];
            if (c < '0' || c > '9') return std::nullopt;
            v[k] = v[k] * 10 + (c - '0');
        }
    int y = v[0];
    const int m = v[1], d = v[2];
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800) return std::nullopt;
    y -= m <= 2;
    const int era = y / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (static_cast<int64_t>(era) * 146097 + doe - 719468) * 86400;
}

std::optional<uint32_t> parse_uint(std::string_view s, uint32_t max) {
    s = trim(s);
    if (s.empty() || s.size() > 10) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > max) return std::nullopt;
    return static_cast<uint32_t>(v);
}

// Stars with at most one decimal ("4", "4.0", "4.5") as half stars 1..10.
std::optional<uint8_t> parse_stars(std::string_view s) {
    s = trim(s);
    const size_t dot = s.find('.');
    const auto whole = parse_uint(s.substr(0, dot), 5);
    if (!whole) return std::nullopt;
    uint32_t half = *whole * 2;
    if (dot != std::string_view::npos) {
        const std::string_view frac = s.substr(dot + 1);
        if (frac == "5") half += 1;
        else if (frac != "0" && !frac.empty()) return std::nullopt;
    }
    if (half < 1 || half > 10) return std::nullopt;
    return static_cast<uint8_t>(half);
}

// "tt0114709" (or, unless `need_tt`, the bare number as MovieLens writes it) -> 114709.
std::optional<uint32_t> parse_imdb(std::string_view s, bool need_tt) {
    s = trim(s);
    if (s.size() >= 2 && (s[0] == 't' || s[0] == 'T') && (s[1] == 't' || s[1] == 'T')) s.remove_prefix(2);
    else if (need_tt) return std::nullopt;
    if (s.size() < 7) return std::nullopt;  // IMDb numbers titles with at least 7 digits
    const auto v = parse_uint(s, UINT32_MAX);
    if (!v || *v == 0) return std::nullopt;
    return v;
}

// The columns of a header, found by name (case and surrounding spaces ignored).
struct Columns {
    std::vector<std::string> names;
    int find(std::string_view name) const {
        const std::string want = lower(name);
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == want) return static_cast<int>(i);
        return -1;
    }
};

struct Reader {
    const HistoryIndex& index;
    const Dataset& ds;
    HistoryPreview& out;

    void bad(size_t line, const std::string& what) {
        ++out.malformed;
        if (out.problems.size() < kProblemsKept) out.problems.push_back("line " + std::to_string(line) + ": " + what);
    }
    // Matches by title and year (TitleIndex::match); several fits, or one that is not sure, are for the person to
    // choose.
    void match_title(HistoryRow& row) const {
        TitleMatch m = index.match_title(row.title, row.year);
        if (m.items.empty()) return;
        row.fit = m.fit;
        row.kind = !m.sure ? MatchKind::Ambiguous : m.fit == TitleFit::YearOff ? MatchKind::YearOff : MatchKind::Exact;
        row.chosen = m.sure ? 0 : -1;
        row.candidates = std::move(m.items);
    }
    void by_item(HistoryRow& row, std::optional<uint32_t> item) const {
        if (!item) return;
        row.candidates = {*item};
        row.kind = MatchKind::Exact;
        row.chosen = 0;
    }
};

}  // namespace

const char* history_format_name(HistoryFormat f) {
    switch (f) {
        case HistoryFormat::MovieLens: return "MovieLens";
        case HistoryFormat::Imdb: return "IMDb";
        case HistoryFormat::Letterboxd: return "Letterboxd";
        case HistoryFormat::LetterboxdImport: return "Letterboxd import CSV";
    }
    return "?";
}

size_t HistoryPreview::count(MatchKind k) const {
    return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [k](const HistoryRow& r) { return r.kind == k; }));
}

std::map<uint32_t, PersonRating> HistoryPreview::chosen() const {
    std::map<uint32_t, PersonRating> out;
    for (const HistoryRow& r : rows) {
        const auto item = r.item();
        if (!item) continue;
        const auto [it, fresh] = out.emplace(*item, PersonRating{r.half_stars, r.timestamp});
        if (!fresh && r.timestamp >= it->second.timestamp) it->second = {r.half_stars, r.timestamp};
    }
    return out;
}

size_t HistoryPreview::replacing(const PersonState& p) const {
    size_t n = 0;
    for (const auto& [item, r] : chosen()) {
        const auto it = p.ratings.find(item);
        if (it != p.ratings.end() && it->second.half_stars != r.half_stars) ++n;
    }
    return n;
}

std::string main_title(std::string_view movielens_title) { return split_movielens_title(movielens_title).main; }

HistoryIndex::HistoryIndex(const Dataset& ds) : titles_(ds) {
    for (uint32_t i = 0; i < ds.items.size(); ++i) {
        const Item& it = ds.items[i];
        if (it.imdb_id) by_imdb_.emplace_back(it.imdb_id, i);
        if (it.tmdb_id) by_tmdb_.emplace_back(it.tmdb_id, i);
    }
    std::sort(by_imdb_.begin(), by_imdb_.end());
    std::sort(by_tmdb_.begin(), by_tmdb_.end());
}

namespace {
// The item of `id` in a sorted (id, item) list; ids are unique in a catalogue, so the first match is the one.
std::optional<uint32_t> find_id(const std::vector<std::pair<uint32_t, uint32_t>>& by, uint32_t id) {
    const auto it = std::lower_bound(by.begin(), by.end(), std::make_pair(id, uint32_t{0}));
    if (it == by.end() || it->first != id) return std::nullopt;
    return it->second;
}
}  // namespace

std::optional<uint32_t> HistoryIndex::find_imdb(uint32_t id) const { return find_id(by_imdb_, id); }
std::optional<uint32_t> HistoryIndex::find_tmdb(uint32_t id) const { return find_id(by_tmdb_, id); }

HistoryPreview parse_history(std::span<const uint8_t> bytes, const Dataset& ds, const HistoryIndex& index, int64_t now) {
    if (bytes.size() > kMaxHistoryBytes) throw FormatError("the file is larger than any rating export (" + std::to_string(bytes.size()) + " bytes)");
    TextFile f;
    try {
        f = text_from_bytes("file", std::string(bytes.begin(), bytes.end()));
    } catch (const DataError& e) {
        throw FormatError(std::string("it is not a text export: ") + e.what());
    }
    HistoryPreview out;
    Reader rd{index, ds, out};
    try {
        CsvRecordReader r(f);
        if (!r.next()) throw FormatError("the file is empty");
        Columns cols;
        for (auto v : r.fields()) cols.names.push_back(lower(trim(v)));
        const int c_const = cols.find("Const"), c_your = cols.find("Your Rating"), c_type = cols.find("Title Type");
        const int c_mlid = cols.find("movie_id"), c_rating = cols.find("rating");
        const int c_name = cols.find("Name"), c_year = cols.find("Year"), c_uri = cols.find("Letterboxd URI");
        const int c_title = cols.find("Title"), c_imdbid = cols.find("imdbID"), c_tmdbid = cols.find("tmdbID");
        const int c_r10 = cols.find("Rating10"), c_date = cols.find("Date"), c_dated = cols.find("Date Rated");
        const int c_watched = cols.find("WatchedDate") >= 0 ? cols.find("WatchedDate") : cols.find("Watched Date");
        if (c_const >= 0 && c_your >= 0) out.format = HistoryFormat::Imdb;
        else if (c_mlid >= 0 && c_rating >= 0) out.format = HistoryFormat::MovieLens;
        else if (c_name >= 0 && c_year >= 0 && c_rating >= 0 && c_uri >= 0) out.format = HistoryFormat::Letterboxd;
        else if (c_title >= 0 && (c_imdbid >= 0 || c_tmdbid >= 0 || c_year >= 0) && (c_rating >= 0 || c_r10 >= 0))
            out.format = HistoryFormat::LetterboxdImport;
        else {
            std::string head(r.raw().substr(0, 120));
            throw FormatError("it is not a MovieLens, IMDb or Letterboxd ratings export (its first line is \"" + head +
                              "\"; expected columns such as movie_id,rating or Const,Your Rating or Name,Year,Letterboxd URI,Rating)");
        }
        const size_t ncols = cols.names.size();
        std::vector<std::string_view> x;
        while (r.next()) {
            if (r.raw().empty() || trim(r.raw()).empty()) continue;
            const size_t line = r.line_no();
            if (r.malformed()) { rd.bad(line, "broken quoting"); continue; }
            x.assign(r.fields().begin(), r.fields().end());
            if (x.size() != ncols) {
                rd.bad(line, std::to_string(x.size()) + " fields, the header has " + std::to_string(ncols));
                continue;
            }
            const auto at = [&](int c) { return c >= 0 ? trim(x[static_cast<size_t>(c)]) : std::string_view{}; };
            HistoryRow row;
            row.line = line;
            row.timestamp = now;
            switch (out.format) {
                case HistoryFormat::MovieLens: {
                    const auto id = parse_uint(at(c_mlid), UINT32_MAX);
                    const auto half = parse_stars(at(c_rating));
                    if (!id) { rd.bad(line, "movie_id '" + std::string(at(c_mlid)) + "' is not a whole number"); continue; }
                    if (!half) { rd.bad(line, "rating '" + std::string(at(c_rating)) + "' is not 0.5..5 in half stars"); continue; }
                    row.half_stars = *half;
                    row.title = std::string(at(cols.find("title")));
                    if (row.title.empty()) row.title = "movie_id " + std::to_string(*id);
                    const int64_t item = ds.item_index(*id);
                    rd.by_item(row, item < 0 ? std::nullopt : std::optional<uint32_t>(static_cast<uint32_t>(item)));
                    break;
                }
                case HistoryFormat::Imdb: {
                    if (c_type >= 0) {
                        std::string type = lower(at(c_type));
                        type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
                        // Films: cinema, TV and direct-to-video ones (MovieLens lists all three); not series,
                        // episodes, shorts, specials or games.
                        if (type != "movie" && type != "tvmovie" && type != "video") { ++out.not_movies; continue; }
                    }
                    const auto imdb = parse_imdb(at(c_const), true);
                    const auto v = parse_uint(at(c_your), 10);
                    if (!imdb) { rd.bad(line, "Const '" + std::string(at(c_const)) + "' is not an IMDb title id (tt + 7 digits)"); continue; }
                    if (!v || *v < 1) { rd.bad(line, "Your Rating '" + std::string(at(c_your)) + "' is not 1..10"); continue; }
                    row.half_stars = static_cast<uint8_t>(*v);  // IMDb 1..10 = 0.5..5 stars: k points are k half stars
                    row.title = std::string(at(c_title));
                    if (const auto y = parse_uint(at(c_year), 3000)) row.year = static_cast<int32_t>(*y);
                    if (const auto d = parse_date(at(c_dated))) row.timestamp = *d;
                    rd.by_item(row, index.find_imdb(*imdb));
                    break;
                }
                case HistoryFormat::Letterboxd:
                case HistoryFormat::LetterboxdImport: {
                    const bool lb = out.format == HistoryFormat::Letterboxd;
                    row.title = std::string(at(lb ? c_name : c_title));
                    if (row.title.empty()) { rd.bad(line, "no title"); continue; }
                    const std::string_view ys = at(c_year);
                    if (!ys.empty()) {
                        const auto y = parse_uint(ys, 3000);
                        if (!y || *y < 1800) { rd.bad(line, "Year '" + std::string(ys) + "' is not a year"); continue; }
                        row.year = static_cast<int32_t>(*y);
                    }
                    const std::string_view rs = at(c_rating), r10 = at(c_r10);
                    if (rs.empty() && r10.empty()) { ++out.unrated; continue; }
                    if (!rs.empty()) {
                        const auto half = parse_stars(rs);
                        if (!half) { rd.bad(line, "Rating '" + std::string(rs) + "' is not 0.5..5 in half stars"); continue; }
                        row.half_stars = *half;
                    } else {
                        const auto v = parse_uint(r10, 10);
                        if (!v || *v < 1) { rd.bad(line, "Rating10 '" + std::string(r10) + "' is not 1..10"); continue; }
                        row.half_stars = static_cast<uint8_t>(*v);
                    }
                    const int date_col = c_watched >= 0 && !at(c_watched).empty() ? c_watched : c_date;
                    if (const auto d = parse_date(at(date_col))) row.timestamp = *d;
                    if (!lb) {  // our own export and Letterboxd's import layout carry ids: exact when known
                        if (const auto imdb = parse_imdb(at(c_imdbid), false); imdb && index.find_imdb(*imdb)) {
                            rd.by_item(row, index.find_imdb(*imdb));
                            break;
                        }
                        if (const auto tmdb = parse_uint(at(c_tmdbid), UINT32_MAX); tmdb && index.find_tmdb(*tmdb)) {
                            rd.by_item(row, index.find_tmdb(*tmdb));
                            break;
                        }
                    }
                    rd.match_title(row);
                    break;
                }
            }
            out.rows.push_back(std::move(row));
        }
    } catch (const DataError& e) {
        throw FormatError(std::string("its CSV is broken: ") + e.what());
    }
    if (out.rows.empty()) {
        std::string why = "it holds no rating of a film";
        if (out.malformed) why += " (" + std::to_string(out.malformed) + " malformed rows, first: " + out.problems.front() + ")";
        else if (out.not_movies) why += " (" + std::to_string(out.not_movies) + " rows are not films)";
        throw FormatError(why);
    }
    return out;
}

namespace {
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}
std::string date_text(int64_t t) {
    // Seconds -> "YYYY-MM-DD" (UTC), the inverse of parse_date's formula.
    const int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d));
    return buf;
}
}  // namespace

std::string export_history_csv(const PersonState& p, const Dataset& ds) {
    std::vector<std::pair<uint32_t, PersonRating>> rows(p.ratings.begin(), p.ratings.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.timestamp > b.second.timestamp; });
    std::string out = "Title,Year,imdbID,tmdbID,Rating,Rating10,WatchedDate\n";
    char buf[64];
    for (const auto& [item, r] : rows) {
        const Item& it = ds.items.at(item);
        out += csv_field(main_title(it.title)) + ',';
        if (it.year) out += std::to_string(it.year);
        out += ',';
        if (it.imdb_id) {
            std::snprintf(buf, sizeof buf, "tt%07u", static_cast<unsigned>(it.imdb_id));
            out += buf;
        }
        out += ',';
        if (it.tmdb_id) out += std::to_string(it.tmdb_id);
        std::snprintf(buf, sizeof buf, ",%d.%d,%d,", r.half_stars / 2, r.half_stars % 2 ? 5 : 0, r.half_stars);
        out += buf;
        out += date_text(r.timestamp) + '\n';
    }
    return out;
}

}  // namespace wl::app
