// Reading the layouts of history exports (see history_formats.hpp).
#include "history_formats.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "weightless/data/csv.hpp"
#include "weightless/data/utf8.hpp"
#include "weightless/util/ascii.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {

constexpr size_t kProblemsKept = 5;

// "2019-03-07" -> seconds at midnight UTC; nullopt for anything else. (Days from the civil date, proleptic
// Gregorian: H. Hinnant's well-known formula.)
std::optional<int64_t> parse_date(std::string_view s) {
    s = trim_blanks(s);
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
    s = trim_blanks(s);
    if (s.empty() || s.size() > 10) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > max) return std::nullopt;
    return static_cast<uint32_t>(v);
}

// Stars with at most one decimal ("4", "4.0", "4.5", or "4,5" from a spreadsheet of a comma-decimal locale) as half
// stars 1..10.
std::optional<uint8_t> parse_stars(std::string_view s) {
    s = trim_blanks(s);
    const size_t dot = s.find_first_of(".,");
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
    s = trim_blanks(s);
    if (s.size() >= 2 && (s[0] == 't' || s[0] == 'T') && (s[1] == 't' || s[1] == 'T')) s.remove_prefix(2);
    else if (need_tt) return std::nullopt;
    if (s.size() < 7) return std::nullopt;  // IMDb numbers titles with at least 7 digits
    const auto v = parse_uint(s, UINT32_MAX);
    if (!v || *v == 0) return std::nullopt;
    return v;
}

// The separator of the header line: the most frequent of ",", ";" and tab outside quotes ("," on a tie). A
// spreadsheet in a locale whose decimal mark is a comma re-saves a CSV with ";".
char detect_separator(std::string_view text) {
    size_t n[3] = {0, 0, 0};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted) n[0] += c == ',', n[1] += c == ';', n[2] += c == '\t';
    }
    if (n[1] > n[0] && n[1] >= n[2]) return ';';
    if (n[2] > n[0] && n[2] > n[1]) return '\t';
    return ',';
}

struct Columns {
    std::vector<std::string> names;
    int find(std::string_view name) const {
        const std::string want = ascii_lower(name);
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == want) return static_cast<int>(i);
        return -1;
    }
    int find_any(std::initializer_list<std::string_view> any) const {
        for (auto n : any)
            if (const int c = find(n); c >= 0) return c;
        return -1;
    }
};

// A title type folded for comparison: lower case, without spaces, dashes and dots ("TV Movie", "tvMovie", "tv-movie").
std::string fold_type(std::string_view t) {
    std::string o;
    for (char c : trim_blanks(t)) {
        if (c == ' ' || c == '-' || c == '.' || c == '_') continue;
        o += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return o;
}
// IMDb's English title types, old ("tvMovie") and new ("TV Movie") spellings, folded.
constexpr std::array<std::string_view, 4> kFilmTypes = {"movie", "tvmovie", "video", "feature"};
constexpr std::array<std::string_view, 13> kOtherTypes = {"tvseries", "tvminiseries", "tvepisode", "tvshort", "short",
                                                          "videogame", "tvspecial", "tvpilot", "podcastseries",
                                                          "podcastepisode", "musicvideo", "tvminiseriesepisode", "series"};
template <size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

}  // namespace

const char* history_format_name(HistoryFormat f) {
    switch (f) {
        case HistoryFormat::MovieLens: return "MovieLens";
        case HistoryFormat::Imdb: return "IMDb";
        case HistoryFormat::Letterboxd: return "Letterboxd";
        case HistoryFormat::LetterboxdImport: return "Letterboxd import CSV";
        case HistoryFormat::ImdbList: return "IMDb watchlist";
        case HistoryFormat::LetterboxdList: return "Letterboxd watched / watchlist";
        case HistoryFormat::ListImport: return "Letterboxd list-import CSV";
    }
    return "?";
}

bool history_marks_choosable(HistoryFormat f) {
    return f == HistoryFormat::LetterboxdList || f == HistoryFormat::LetterboxdImport || f == HistoryFormat::ListImport;
}

const char* history_mark_name(HistoryMark m) { return m == HistoryMark::Watchlist ? "watchlist" : "seen"; }

void TitleTypes::add(std::string_view type, bool in_catalogue) {
    auto& [rows, known] = seen_[fold_type(type)];
    ++rows;
    known += in_catalogue;
}

bool TitleTypes::is_film(std::string_view type, bool in_catalogue) const {
    if (in_catalogue) return true;
    const std::string t = fold_type(type);
    if (t.empty() || in(kFilmTypes, t)) return true;
    if (in(kOtherTypes, t)) return false;
    const auto it = seen_.find(t);
    return it != seen_.end() && it->second.second * 2 >= it->second.first;
}

HistoryFile read_history_file(std::span<const uint8_t> bytes, int64_t now, std::string_view file_name) {
    HistoryFile out;
    std::string text(bytes.begin(), bytes.end());
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
        throw FormatError("it is UTF-16 text (a spreadsheet's \"Unicode text\"); save it as \"CSV UTF-8\" and pick that");
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    // Not UTF-8: a spreadsheet on Windows saved it in its own code page. Reading it as Windows-1252 (a superset of
    // latin-1 for text) keeps the accented titles of western languages, where refusing would lose the whole file;
    // the preview says so, and a title read wrongly shows there unmatched.
    if (!is_valid_utf8(text)) {
        text = windows1252_to_utf8(text);
        out.windows1252 = true;
    }
    TextFile f;
    try {
        f = text_from_bytes("file", std::move(text));
    } catch (const DataError& e) {
        throw FormatError(std::string("it is not a text export: ") + e.what());
    }
    out.separator = detect_separator(f.text);
    const auto bad = [&](size_t line, const std::string& what) {
        ++out.malformed;
        if (out.problems.size() < kProblemsKept) out.problems.push_back("line " + std::to_string(line) + ": " + what);
    };
    try {
        CsvRecordReader r(f, out.separator);
        if (!r.next()) throw FormatError("the file is empty");
        Columns cols;
        for (auto v : r.fields()) cols.names.push_back(ascii_lower(trim_blanks(v)));
        const int c_const = cols.find("Const"), c_your = cols.find("Your Rating"), c_type = cols.find("Title Type");
        const int c_list = cols.find_any({"Position", "Created"});
        const int c_mlid = cols.find("movie_id"), c_rating = cols.find("rating");
        const int c_name = cols.find("Name"), c_year = cols.find("Year"), c_uri = cols.find("Letterboxd URI");
        const int c_title = cols.find("Title"), c_imdbid = cols.find("imdbID"), c_tmdbid = cols.find("tmdbID");
        const int c_r10 = cols.find("Rating10"), c_date = cols.find("Date"), c_dated = cols.find("Date Rated");
        const int c_watched = cols.find_any({"WatchedDate", "Watched Date"}), c_created = cols.find("Created");
        if (c_const >= 0 && c_list >= 0) out.format = HistoryFormat::ImdbList;
        else if (c_const >= 0 && c_your >= 0) out.format = HistoryFormat::Imdb;
        else if (c_mlid >= 0 && c_rating >= 0) out.format = HistoryFormat::MovieLens;
        else if (c_name >= 0 && c_year >= 0 && c_uri >= 0) out.format = c_rating >= 0 ? HistoryFormat::Letterboxd : HistoryFormat::LetterboxdList;
        else if (c_title >= 0 && (c_imdbid >= 0 || c_tmdbid >= 0 || c_year >= 0))
            out.format = c_rating >= 0 || c_r10 >= 0 ? HistoryFormat::LetterboxdImport : HistoryFormat::ListImport;
        else {
            std::string head(r.raw().substr(0, 120));
            throw FormatError("it is not a MovieLens, IMDb or Letterboxd export (its first line is \"" + head +
                              "\"; expected columns such as movie_id,rating or Const,Your Rating or Const,Position "
                              "(a watchlist) or Name,Year,Letterboxd URI or Title,Year,imdbID)");
        }
        const std::string name = ascii_lower(file_name);
        if (out.format == HistoryFormat::ImdbList) out.marks = HistoryMark::Watchlist;
        if (history_marks_choosable(out.format) && name.find("watchlist") != std::string::npos) out.marks = HistoryMark::Watchlist;
        if (out.format == HistoryFormat::ListImport && name.find("watched") == std::string::npos) out.marks = HistoryMark::Watchlist;
        const size_t ncols = cols.names.size();
        std::vector<std::string_view> x;
        while (r.next()) {
            if (r.raw().empty() || trim_blanks(r.raw()).empty()) continue;
            const size_t line = r.line_no();
            if (r.malformed()) { bad(line, "broken quoting"); continue; }
            x.assign(r.fields().begin(), r.fields().end());
            if (x.size() != ncols) {
                bad(line, std::to_string(x.size()) + " fields, the header has " + std::to_string(ncols));
                continue;
            }
            const auto at = [&](int c) { return c >= 0 ? trim_blanks(x[static_cast<size_t>(c)]) : std::string_view{}; };
            const auto date = [&](int c) {
                if (const auto d = parse_date(at(c))) return *d;
                return now;
            };
            HistoryEntry e;
            e.line = line;
            e.timestamp = now;
            switch (out.format) {
                case HistoryFormat::MovieLens: {
                    const auto id = parse_uint(at(c_mlid), UINT32_MAX);
                    const auto half = parse_stars(at(c_rating));
                    if (!id) { bad(line, "movie_id '" + std::string(at(c_mlid)) + "' is not a whole number"); continue; }
                    if (!half) { bad(line, "rating '" + std::string(at(c_rating)) + "' is not 0.5..5 in half stars"); continue; }
                    e.half_stars = *half;
                    e.movielens_id = *id;
                    e.title = std::string(at(cols.find("title")));
                    if (e.title.empty()) e.title = "movie_id " + std::to_string(*id);
                    break;
                }
                case HistoryFormat::Imdb:
                case HistoryFormat::ImdbList: {
                    const auto imdb = parse_imdb(at(c_const), true);
                    if (!imdb) { bad(line, "Const '" + std::string(at(c_const)) + "' is not an IMDb title id (tt + 7 digits)"); continue; }
                    e.imdb_id = *imdb;
                    if (out.format == HistoryFormat::Imdb) {
                        const auto v = parse_uint(at(c_your), 10);
                        if (!v || *v < 1) { bad(line, "Your Rating '" + std::string(at(c_your)) + "' is not 1..10"); continue; }
                        e.half_stars = static_cast<uint8_t>(*v);  // IMDb 1..10 = 0.5..5 stars: k points are k half stars
                        e.timestamp = date(c_dated);
                    } else {
                        e.timestamp = date(c_created);  // a watchlist's rows: when the film was added
                    }
                    e.type = std::string(at(c_type));
                    e.title = std::string(at(c_title));
                    if (const auto y = parse_uint(at(c_year), 3000)) e.year = static_cast<int32_t>(*y);
                    break;
                }
                case HistoryFormat::Letterboxd:
                case HistoryFormat::LetterboxdList:
                case HistoryFormat::LetterboxdImport:
                case HistoryFormat::ListImport: {
                    const bool import = out.format != HistoryFormat::Letterboxd && out.format != HistoryFormat::LetterboxdList;
                    e.title = std::string(at(import ? c_title : c_name));
                    if (e.title.empty()) { bad(line, "no title"); continue; }
                    const std::string_view ys = at(c_year);
                    if (!ys.empty()) {
                        const auto y = parse_uint(ys, 3000);
                        if (!y || *y < 1800) { bad(line, "Year '" + std::string(ys) + "' is not a year"); continue; }
                        e.year = static_cast<int32_t>(*y);
                    }
                    const std::string_view rs = at(c_rating), r10 = at(c_r10);
                    if (!rs.empty()) {
                        const auto half = parse_stars(rs);
                        if (!half) { bad(line, "Rating '" + std::string(rs) + "' is not 0.5..5 in half stars"); continue; }
                        e.half_stars = *half;
                    } else if (!r10.empty()) {
                        const auto v = parse_uint(r10, 10);
                        if (!v || *v < 1) { bad(line, "Rating10 '" + std::string(r10) + "' is not 1..10"); continue; }
                        e.half_stars = static_cast<uint8_t>(*v);
                    }  // neither: logged without a rating, a mark
                    // The day watched (a diary's), else the day logged: a "Watched Date" that is empty or not a date
                    // must not date the rating with the day of the import (the CSV export writes it back out).
                    if (const auto d = parse_date(at(c_watched))) e.timestamp = *d;
                    else e.timestamp = date(c_date);
                    if (import) {  // our own exports and Letterboxd's import layouts carry ids
                        if (const auto imdb = parse_imdb(at(c_imdbid), false)) e.imdb_id = *imdb;
                        if (const auto tmdb = parse_uint(at(c_tmdbid), UINT32_MAX)) e.tmdb_id = *tmdb;
                    }
                    break;
                }
            }
            out.entries.push_back(std::move(e));
        }
    } catch (const DataError& e) {
        throw FormatError(std::string("its CSV is broken: ") + e.what());
    }
    return out;
}

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
    // The inverse of parse_date's formula.
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

}  // namespace wl::app
