// Loader for Kaggle's "The Movies Dataset" (MovieLens ratings + TMDB metadata, the paper's data): a directory with
// ratings_small.csv (or ratings.csv), links.csv (or links_small.csv) and movies_metadata.csv. Columns are found by
// their header names. Items are the MovieLens movies of the ratings; each gets the TMDB fields of its metadata row.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/data/csv.hpp"
#include "weightless/data/dataset.hpp"

namespace wl {

// links: ratings.movieId -> links.tmdbId -> metadata.id (right). paper: movieId used as the TMDB id directly, the
// reference code's mistake (every rating gets an unrelated film's metadata), kept only to measure its effect.
enum class KaggleJoin { Links, Paper };

struct KaggleOptions {
    KaggleJoin join = KaggleJoin::Links;
    // Keep only the ratings whose movie finds a metadata row under both joins, so a links run and a paper run see
    // exactly the same ratings, users and movies and differ only in the features: the join bug measured alone.
    bool common = false;
    // File names inside the directory; empty = the first of the defaults that exists
    // (ratings_small.csv, ratings.csv | links.csv, links_small.csv | movies_metadata.csv).
    std::string ratings = {}, links = {}, metadata = {};
};

// What the loader found and did, every count stated (nothing is dropped silently).
struct KaggleReport {
    std::string ratings_file, links_file, metadata_file;  // paths used
    KaggleJoin join = KaggleJoin::Links;
    // movies_metadata.csv
    uint64_t metadata_rows = 0;        // records after the header
    uint64_t metadata_malformed = 0;   // skipped: wrong field count, id not a whole number, or a bad value
    uint64_t first_malformed_line = 0; // 0 when none
    std::string first_malformed_problem;
    uint64_t metadata_duplicates = 0;  // a later row with an id already seen (the first row is kept)
    uint64_t metadata_duplicates_differing = 0;  // ... of which differ from the kept row
    // links
    uint64_t link_rows = 0, links_without_tmdb = 0;
    // ratings and the join
    uint64_t ratings_read = 0, ratings_kept = 0;
    uint64_t movies_rated = 0, movies_kept = 0;
    // Ratings (and movies) whose metadata was not found, by reason; their ratings are dropped.
    uint64_t ratings_no_link = 0, movies_no_link = 0;            // movieId not in links (links join)
    uint64_t ratings_link_no_tmdb = 0, movies_link_no_tmdb = 0;  // its link row has no tmdbId
    uint64_t ratings_no_metadata = 0, movies_no_metadata = 0;    // no metadata row with that id
    uint64_t ratings_not_common = 0, movies_not_common = 0;      // common: found, but not under the other join
    bool common = false;
    uint64_t users_read = 0, users_kept = 0;

    uint64_t ratings_dropped() const { return ratings_no_link + ratings_link_no_tmdb + ratings_no_metadata + ratings_not_common; }
    // One line per fact, for the CLI's stderr and the JSON report's notes.
    std::vector<std::string> lines() const;
};

struct KaggleData {
    Dataset dataset;
    KaggleReport report;
};

// Parses the three files' contents (the fuzzable entry point; load_kaggle reads the files and calls it).
// Policy, counted in the report:
// - ratings and links are strict, as the MovieLens loaders: a malformed line is a DataError naming file:line.
//   A link with an empty tmdbId is counted, not an error.
// - movies_metadata.csv has known broken rows in the real file (an unquoted overview broken over two lines, so
//   its `id` column holds a date): a record with the wrong field count, an id that is not a whole number, or a bad
//   value in a column we use is skipped and counted, the first one named. Missing values (empty fields) are kept
//   as unknown. A repeated id keeps its first row; repeats are counted (and how many differ).
// - ratings of a movie with no metadata row (no link, a link without tmdbId, or no metadata with that id) are
//   dropped and counted by reason; users left without ratings are dropped with them. An empty result is an error.
// Items: the kept movies in ascending movieId, titled "Title (year)" from the metadata, genres over the TMDB genre
// labels present (byte-wise sorted; more than 32 is an error), tmdb_id = the metadata id joined, imdb_id, language,
// vote_average (hundredths), vote_count from the metadata row.
KaggleData parse_kaggle(const TextFile& ratings, const TextFile& links, const TextFile& metadata,
                        const KaggleOptions& opt, const std::string& name);
KaggleData load_kaggle(const std::string& dir, const KaggleOptions& opt = {});

// A directory holding movies_metadata.csv (or opt.metadata).
bool is_kaggle_dir(const std::string& dir, const KaggleOptions& opt = {});

}  // namespace wl
