// Loaders for the MovieLens datasets (ml-100k, ml-latest[-small]) and the ml-100k official folds.
// Every loader is strict: any malformed line is a DataError naming file:line; nothing is skipped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

// Conventions shared by every loader:
// - name: the directory's basename (e.g. "ml-100k", "ml-latest-small").
// - items: in file order; year from the release date (ml-100k) or the title's trailing "(YYYY)" (first year
//   of a range like "(2006–2007)"); 0 when there is none. Titles are kept as in the file, converted to UTF-8.
// - user_ids: sorted ascending (dense index u <-> u-th smallest user id), so it does not depend on file order.
// - ratings: in file order; half_stars 1..10; timestamps >= 0; no duplicate (user, item).

// ml-100k: u.item (latin-1, 24 '|' fields) + u.data (tab-separated) + u.genre (optional; without it the 19
// standard genre names are used). genre_names: the 19 labels in u.genre order, starting with "unknown".
Dataset load_ml100k(const std::string& dir);

// ml-latest / ml-latest-small: movies.csv + ratings.csv, and links.csv when present (checked: one row per
// movie, same ids). genre_names: the 20 MovieLens labels in byte-wise alphabetical order:
// "(no genres listed)", Action, Adventure, Animation, Children, Comedy, Crime, Documentary, Drama, Fantasy,
// Film-Noir, Horror, IMAX, Musical, Mystery, Romance, Sci-Fi, Thriller, War, Western.
// "(no genres listed)" is a label like the others (its bit is set on such movies); any other label is an error.
Dataset load_ml_latest(const std::string& dir);

// The catalogue alone: movies.csv, and links.csv when present, as load_ml_latest reads them, with no users and no
// ratings (MovieLens' full catalogue can be had without its 33 M ratings). ratings.csv is not read.
Dataset load_ml_latest_catalogue(const std::string& dir);

// A directory with movies_metadata.csv -> Kaggle "The Movies Dataset" (load_kaggle, links join); with u.data ->
// ml-100k; with ratings.csv -> ml-latest; a file ending .wlds -> packed;
// the word "embedded" -> the embedded default (embedded_dataset_path()). Anything else: DataError.
Dataset load_dataset(const std::string& path_or_word);

struct RatingSplit {
    std::vector<Rating> train, test;
};

// ml-100k official folds: "1".."5" -> u1..u5, "a"/"b" -> ua/ub (base = train, test = test), in file order,
// mapped to ds's dense indices. Every rating must be one of ds's ratings (same user, item, value and time);
// duplicates within a file and pairs in both base and test are DataErrors. Unknown fold: std::invalid_argument.
RatingSplit load_ml100k_fold(const std::string& dir, const Dataset& ds, const std::string& fold);

// The release year in a title's trailing "(YYYY)" (trailing spaces allowed; "(YYYY–YYYY)" gives the first
// year), or 0. Exposed for tests.
int16_t year_from_title(std::string_view title);

}  // namespace wl
