// The layouts of other sites' history exports, read into plain entries before any matching: which site and file a
// CSV is (by its header), its separator ("," or a spreadsheet's ";" / tab), its encoding (UTF-8 with or without a
// BOM; other bytes are read as Windows-1252, which the preview names), and each row's title, year, ids, stars and
// date. history_import.cpp matches the entries to the catalogue.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wl::app {

// MovieLens' ratings export; IMDb's "Your ratings"; IMDb's watchlist (and its other lists: the same layout);
// Letterboxd's ratings.csv / diary.csv / reviews.csv; Letterboxd's watched.csv / watchlist.csv (one layout, no
// rating); Letterboxd's import layout (our own ratings export, and the unmatched rows we save); Letterboxd's
// list-import layout, its film columns without any rating (our own list and watchlist exports: Position,Title,
// Year,imdbID,tmdbID).
enum class HistoryFormat : uint8_t { MovieLens, Imdb, Letterboxd, LetterboxdImport, ImdbList, LetterboxdList, ListImport };
const char* history_format_name(HistoryFormat f);
// Whether the rows without stars of this layout may mean either seen or watchlist, so the person chooses in the
// preview (the file's name only guesses): Letterboxd's watched.csv and watchlist.csv are alike, and the import
// layouts say nothing of what a film without a rating is.
bool history_marks_choosable(HistoryFormat f);

// What a row without stars tells: the person has seen the film (watched.csv, a diary entry logged unrated), or
// wants to (a watchlist). Letterboxd writes watched.csv and watchlist.csv alike, so the file's name decides (a
// name with "watchlist" in it) and the person can switch in the preview. A list-import CSV is taken for films to
// watch (ours are the recommendations and the watchlist) unless its name says "watched".
enum class HistoryMark : uint8_t { Seen, Watchlist };
const char* history_mark_name(HistoryMark m);  // "seen", "watchlist"

struct HistoryEntry {
    size_t line = 0;         // where the row starts in the file
    std::string title;       // as the file writes it
    int32_t year = 0;        // 0 when the file gives none
    uint8_t half_stars = 0;  // 1..10; 0 = no rating (a seen or watchlist mark)
    int64_t timestamp = 0;   // the file's date (seconds), or the import's time when it has none
    uint32_t movielens_id = 0, imdb_id = 0, tmdb_id = 0;  // 0 when the file gives none
    std::string type;        // IMDb's title type as written ("movie", "Film", "Serie TV", ...); empty elsewhere
};

struct HistoryFile {
    HistoryFormat format = HistoryFormat::MovieLens;
    HistoryMark marks = HistoryMark::Seen;  // what the entries without stars mean
    char separator = ',';
    bool windows1252 = false;               // the bytes were not UTF-8 and were read as Windows-1252
    std::vector<HistoryEntry> entries;
    size_t malformed = 0;                   // rows skipped: wrong number of fields or a bad value
    std::vector<std::string> problems;      // the first few malformed rows, "line 7: rating '11' is not 1..10"
};

// Reads an export's layout. `file_name` only tells a Letterboxd watchlist from its watched.csv. Throws FormatError
// for a file that is not one of these exports (naming its first line and the columns expected), broken quoting,
// or an empty file; malformed rows are skipped and counted. `now` dates rows whose file has no date.
HistoryFile read_history_file(std::span<const uint8_t> bytes, int64_t now, std::string_view file_name);

// The writers' side: a CSV field quoted when it must be (RFC 4180), and seconds as "YYYY-MM-DD" (UTC), the day
// the readers parse back.
std::string csv_field(const std::string& s);
std::string date_text(int64_t t);

// Which IMDb rows are films. IMDb writes title types in the site's language ("movie", "Movie", "Film", "Película",
// "Serie TV", ...), and a fixed word list cannot cover every language, so the IMDb id decides first: a row whose id
// the catalogue has is a film (MovieLens lists films only). For the others (films the catalogue lacks, series,
// episodes, ...) the title type decides: IMDb's English words for films (movie, tvMovie, video) and for the rest
// (tvSeries, short, tvEpisode, videoGame, ...) are known; a word in another language is taken for a film when at
// least half of this file's rows of that word are catalogue films ("Film": most are; "Serie TV", "Corto": few or
// none). So a localised row that is neither in the catalogue nor of a mostly-film type is counted as not a film.
class TitleTypes {
public:
    void add(std::string_view type, bool in_catalogue);  // every row first
    bool is_film(std::string_view type, bool in_catalogue) const;

private:
    std::unordered_map<std::string, std::pair<size_t, size_t>> seen_;  // folded type -> (rows, in the catalogue)
};

}  // namespace wl::app
