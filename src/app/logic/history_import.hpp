// A person's rating history from another site, read into a preview before anything is learned: MovieLens' own
// ratings export, IMDb's "Your ratings" and watchlist, Letterboxd's ratings.csv / diary.csv / watched.csv /
// watchlist.csv, and our own CSV exports (Letterboxd's import and list-import layouts); history_formats.hpp reads
// the layouts.
// Each row is matched to the catalogue (by id where the file has one, else by title and year) and the person
// chooses among ambiguous matches. Rows without stars are marks: films seen, or on the watchlist.
// Also the CSV export of the person's ratings in that layout. No UI here: the Data page shows the preview.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "history_formats.hpp"
#include "person.hpp"
#include "weightless/data/dataset.hpp"
#include "weightless/data/title_match.hpp"

namespace wl::app {

// Exact: by id; by title with the same year; by a looser form of the title in the same year (the catalogue's
// subtitle or a possessive prefix dropped, title_match.hpp); or by title alone when the catalogue gives its only
// film of that title no year (row.fit says which). YearOff: by title, the years one apart (or the file gives none),
// the catalogue's only film of that title. Ambiguous: the person chooses: several catalogue movies fit, or one fits
// only loosely (a namesake elsewhere, the file's subtitle dropped; TitleMatch::sure). Unmatched: none fits.
enum class MatchKind : uint8_t { Exact, YearOff, Ambiguous, Unmatched };

struct HistoryRow {
    size_t line = 0;          // where the row starts in the file
    std::string title;        // as the file writes it
    int32_t year = 0;         // 0 when the file gives none
    uint8_t half_stars = 0;   // 1..10; 0 = no rating: a mark (HistoryPreview::marks says which)
    int64_t timestamp = 0;    // the file's date (seconds), or the import's time when it has none
    MatchKind kind = MatchKind::Unmatched;
    std::vector<uint32_t> candidates;  // catalogue items: one for Exact / YearOff, one or more for Ambiguous (most rated first)
    TitleFit fit = TitleFit::None;     // how the title found them (None: matched by id, or not at all)
    int32_t chosen = -1;               // index into candidates of the movie to rate; -1 = none (yet)
    std::optional<uint32_t> item() const {
        if (chosen < 0 || static_cast<size_t>(chosen) >= candidates.size()) return std::nullopt;
        return candidates[static_cast<size_t>(chosen)];
    }
};

struct HistoryPreview {
    HistoryFormat format = HistoryFormat::MovieLens;
    HistoryMark marks = HistoryMark::Seen;  // what the rows without stars mark (the person may switch it)
    bool windows1252 = false;           // the file was not UTF-8 and was read as Windows-1252
    char separator = ',';
    std::vector<HistoryRow> rows;       // every row of a film, in file order
    size_t not_movies = 0;              // IMDb rows that are not films (TitleTypes: series, episodes, shorts, games, ...)
    size_t unrated = 0;                 // rows without a rating (watched.csv, a watchlist, a diary entry logged unrated)
    size_t malformed = 0;               // rows skipped: wrong number of fields or a bad value
    std::vector<std::string> problems;  // the first few malformed rows, "line 7: rating '11' is not 1..10"

    size_t count(MatchKind k) const;
    // The ratings a confirm would learn: every row with a chosen movie; when several rows choose the same movie
    // (a diary's rewatches), the latest date wins, then the later row.
    std::map<uint32_t, PersonRating> chosen() const;
    // The movies a confirm would mark (seen or on the watchlist, per `marks`): every row without stars with a
    // chosen movie.
    std::set<uint32_t> marked() const;
    // How many of those would replace a different rating the person already has.
    size_t replacing(const PersonState& p) const;
};

// Finds catalogue movies by IMDb / TMDB id and by title and year (TitleIndex: main titles, the alternates in
// parentheses, subtitles and possessive prefixes, accents, case, articles and numerals folded).
class HistoryIndex {
public:
    explicit HistoryIndex(const Dataset& ds);
    std::span<const uint32_t> find_title(std::string_view title) const { return titles_.find(title); }  // full forms
    TitleMatch match_title(std::string_view title, int32_t year) const { return titles_.match(title, year); }
    std::optional<uint32_t> find_imdb(uint32_t imdb_id) const;
    std::optional<uint32_t> find_tmdb(uint32_t tmdb_id) const;
    static std::string key(std::string_view title) { return TitleIndex::key(title); }  // the folded key of one title

private:
    TitleIndex titles_;
    std::vector<std::pair<uint32_t, uint32_t>> by_imdb_, by_tmdb_;  // (id, item), sorted
};

// The main title of a MovieLens title, article in front, without the year and the alternates:
// "Matrix, The (1999)" -> "The Matrix".
std::string main_title(std::string_view movielens_title);

// Parses an export. Throws FormatError naming the problem for a file that is not one of these exports (its
// header), broken quoting, or a file without a single film; malformed rows are skipped and counted. `now` dates
// rows whose file has no date; `file_name` tells a Letterboxd watchlist.csv from its watched.csv.
HistoryPreview parse_history(std::span<const uint8_t> bytes, const Dataset& ds, const HistoryIndex& index, int64_t now,
                             std::string_view file_name = {});
inline constexpr size_t kMaxHistoryBytes = 32u << 20;

// The person's ratings as CSV in Letterboxd's import layout (Title,Year,imdbID,tmdbID,Rating,Rating10,WatchedDate),
// which IMDb-style tools read too; newest first. RFC 4180 quoting, UTF-8, "\n" line ends.
std::string export_history_csv(const PersonState& p, const Dataset& ds);

// A list of films (the person's recommendations, best first) as CSV in Letterboxd's list-import layout, which
// IMDb-style tools read too: Position,Title,Year,imdbID,tmdbID (the film columns of the ratings export).
std::string export_list_csv(std::span<const uint32_t> items, const Dataset& ds);
// The same list as plain text to paste anywhere: "1. The Matrix (1999)" per line.
std::string list_text(std::span<const uint32_t> items, const Dataset& ds);

}  // namespace wl::app
