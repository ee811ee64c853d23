// Reading other sites' rating exports and writing ours (see history_import.hpp).
#include "history_import.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "weightless/data/csv.hpp"
#include "weightless/util/ascii.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {

struct Reader {
    const HistoryIndex& index;
    const Dataset& ds;
    HistoryPreview& out;

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

size_t HistoryPreview::count(MatchKind k) const {
    return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [k](const HistoryRow& r) { return r.kind == k; }));
}

std::map<uint32_t, PersonRating> HistoryPreview::chosen() const {
    std::map<uint32_t, PersonRating> out;
    for (const HistoryRow& r : rows) {
        const auto item = r.item();
        if (!item || !r.half_stars) continue;
        const auto [it, fresh] = out.emplace(*item, PersonRating{r.half_stars, r.timestamp});
        if (!fresh && r.timestamp >= it->second.timestamp) it->second = {r.half_stars, r.timestamp};
    }
    return out;
}

std::set<uint32_t> HistoryPreview::marked() const {
    std::set<uint32_t> out;
    for (const HistoryRow& r : rows)
        if (const auto item = r.item(); item && !r.half_stars) out.insert(*item);
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

HistoryPreview parse_history(std::span<const uint8_t> bytes, const Dataset& ds, const HistoryIndex& index, int64_t now,
                             std::string_view file_name) {
    if (bytes.size() > kMaxHistoryBytes) throw FormatError("the file is larger than any rating export (" + std::to_string(bytes.size()) + " bytes)");
    HistoryFile f = read_history_file(bytes, now, file_name);
    HistoryPreview out;
    out.format = f.format;
    out.marks = f.marks;
    out.windows1252 = f.windows1252;
    out.separator = f.separator;
    out.malformed = f.malformed;
    out.problems = std::move(f.problems);
    Reader rd{index, ds, out};
    const bool imdb = f.format == HistoryFormat::Imdb || f.format == HistoryFormat::ImdbList;
    TitleTypes types;
    if (imdb)
        for (const HistoryEntry& e : f.entries) types.add(e.type, index.find_imdb(e.imdb_id).has_value());
    out.rows.reserve(f.entries.size());
    for (HistoryEntry& e : f.entries) {
        HistoryRow row;
        row.line = e.line;
        row.title = std::move(e.title);
        row.year = e.year;
        row.half_stars = e.half_stars;
        row.timestamp = e.timestamp;
        switch (f.format) {
            case HistoryFormat::MovieLens: {
                const int64_t item = ds.item_index(e.movielens_id);
                rd.by_item(row, item < 0 ? std::nullopt : std::optional<uint32_t>(static_cast<uint32_t>(item)));
                break;
            }
            case HistoryFormat::Imdb:
            case HistoryFormat::ImdbList: {
                const auto item = index.find_imdb(e.imdb_id);
                if (!types.is_film(e.type, item.has_value())) {
                    ++out.not_movies;
                    continue;
                }
                rd.by_item(row, item);
                break;
            }
            case HistoryFormat::LetterboxdImport:  // our own exports and Letterboxd's import layouts carry ids: exact when known
            case HistoryFormat::ListImport:
                if (const auto item = e.imdb_id ? index.find_imdb(e.imdb_id) : std::nullopt) {
                    rd.by_item(row, item);
                    break;
                }
                if (const auto item = e.tmdb_id ? index.find_tmdb(e.tmdb_id) : std::nullopt) {
                    rd.by_item(row, item);
                    break;
                }
                rd.match_title(row);
                break;
            case HistoryFormat::Letterboxd:
            case HistoryFormat::LetterboxdList: rd.match_title(row); break;
        }
        if (!row.half_stars) ++out.unrated;
        out.rows.push_back(std::move(row));
    }
    if (out.rows.empty()) {
        std::string why = "it holds no film";
        if (out.malformed) why += " (" + std::to_string(out.malformed) + " malformed rows, first: " + out.problems.front() + ")";
        else if (out.not_movies) why += " (" + std::to_string(out.not_movies) + " rows are not films)";
        throw FormatError(why);
    }
    return out;
}

namespace {
// The film's own columns of both exports, "Title,Year,imdbID,tmdbID" (Letterboxd's import layout), without a line end.
std::string film_fields(const Item& it) {
    std::string out = csv_field(main_title(it.title)) + ',';
    if (it.year) out += std::to_string(it.year);
    out += ',';
    if (it.imdb_id) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "tt%07u", static_cast<unsigned>(it.imdb_id));
        out += buf;
    }
    out += ',';
    if (it.tmdb_id) out += std::to_string(it.tmdb_id);
    return out;
}
}  // namespace

std::string export_history_csv(const PersonState& p, const Dataset& ds) {
    std::vector<std::pair<uint32_t, PersonRating>> rows(p.ratings.begin(), p.ratings.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.timestamp > b.second.timestamp; });
    std::string out = "Title,Year,imdbID,tmdbID,Rating,Rating10,WatchedDate\n";
    char buf[64];
    for (const auto& [item, r] : rows) {
        out += film_fields(ds.items.at(item));
        std::snprintf(buf, sizeof buf, ",%d.%d,%d,", r.half_stars / 2, r.half_stars % 2 ? 5 : 0, r.half_stars);
        out += buf;
        out += date_text(r.timestamp) + '\n';
    }
    return out;
}

std::string export_list_csv(std::span<const uint32_t> items, const Dataset& ds) {
    std::string out = "Position,Title,Year,imdbID,tmdbID\n";
    size_t k = 0;
    for (uint32_t item : items) out += std::to_string(++k) + ',' + film_fields(ds.items.at(item)) + '\n';
    return out;
}

std::string list_text(std::span<const uint32_t> items, const Dataset& ds) {
    std::string out;
    size_t k = 0;
    for (uint32_t item : items) {
        const Item& it = ds.items.at(item);
        out += std::to_string(++k) + ". " + main_title(it.title);
        if (it.year) out += " (" + std::to_string(it.year) + ")";
        out += '\n';
    }
    return out;
}

}  // namespace wl::app
