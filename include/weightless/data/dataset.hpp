// The one in-memory dataset every loader produces: a catalogue of items, users and ratings,
// with dense internal indices (0..n-1) and the original MovieLens ids kept.
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace wl {

// Bad input file: the message names the file, the line (0 when not line-based) and what is wrong.
class DataError : public std::runtime_error {
public:
    DataError(const std::string& file, size_t line, const std::string& what)
        : std::runtime_error(message(file, line, what)), file_(file), line_(line) {}
    const std::string& file() const { return file_; }
    size_t line() const { return line_; }

private:
    // Out of line: g++ 12 gives a false -Wrestrict warning when this concatenation is inlined at -O2.
    static std::string message(const std::string& file, size_t line, const std::string& what);
    std::string file_;
    size_t line_;
};

struct Item {
    uint32_t id = 0;       // original MovieLens movieId / item id
    std::string title;     // UTF-8, as in the source (year suffix kept)
    int16_t year = 0;      // release year; 0 when unknown
    uint32_t genres = 0;   // bit g set when the item has genre_names[g]

    // Optional public metadata (links and TMDB fields), each with its own "unknown" value. MovieLens movies.csv
    // has none of them; links.csv gives the two ids; Kaggle's movies_metadata.csv the rest.
    static constexpr int16_t kNoVoteAverage = -1;
    static constexpr int32_t kNoVoteCount = -1;
    uint32_t imdb_id = 0;         // IMDb title number ("tt0114709" -> 114709); 0 = unknown
    uint32_t tmdb_id = 0;         // TMDB movie id; 0 = unknown
    std::string language = {};    // original language, ISO 639-1 ("en"); empty = unknown
    int16_t vote_average = kNoVoteAverage;  // TMDB vote average in hundredths (0..1000 = 0.00..10.00)
    int32_t vote_count = kNoVoteCount;      // TMDB vote count (>= 0)

    bool has_metadata() const {
        return imdb_id || tmdb_id || !language.empty() || vote_average != kNoVoteAverage || vote_count != kNoVoteCount;
    }
};

// A rating in half stars (1..10 = 0.5..5.0 stars) so arithmetic on ratings stays exact.
struct Rating {
    uint32_t user = 0;     // dense user index
    uint32_t item = 0;     // dense item index
    uint8_t half_stars = 0;
    int64_t timestamp = 0; // seconds since epoch
    double stars() const { return half_stars * 0.5; }
};

// The rating scale, in one place: 1..10 half stars, 0.5..5.0 stars.
inline constexpr uint8_t kMinHalfStars = 1, kMaxHalfStars = 10;
constexpr bool valid_half_stars(unsigned half_stars) { return half_stars >= kMinHalfStars && half_stars <= kMaxHalfStars; }
// Clamps a predicted rating to the scale.
inline double clamp_stars(double stars) { return std::clamp(stars, 0.5, 5.0); }
// Throws std::invalid_argument unless r.half_stars is on the scale; `who` names the caller in the message.
void check_rating(const Rating& r, const std::string& who);

struct Dataset {
    std::string name;                      // e.g. "ml-latest-small", "ml-100k"
    std::vector<std::string> genre_names;  // at most 32, the dataset's own genre labels
    std::vector<Item> items;
    std::vector<uint32_t> user_ids;        // dense index -> original user id
    std::vector<Rating> ratings;           // all ratings, in file order
    // Ids an older catalogue used for a film this one lists under another id (MovieLens merged them): old id ->
    // current id, sorted by old id. item_index() resolves them, so a rating saved under an old id finds its film.
    std::vector<std::pair<uint32_t, uint32_t>> id_aliases;

    size_t num_users() const { return user_ids.size(); }
    size_t num_items() const { return items.size(); }

    // Original id (or an alias of one) -> dense index; built by index(), returns -1 when unknown.
    int64_t item_index(uint32_t id) const;
    int64_t user_index(uint32_t id) const;
    void index();  // (re)builds the id maps; loaders call it

private:
    std::unordered_map<uint32_t, uint32_t> item_of_id_, user_of_id_;
};

// A copy of the catalogue (items, genres, users) with no ratings: what models are given beside their training ratings.
Dataset without_ratings(const Dataset& ds);

}  // namespace wl
