// Text helpers for finding and showing titles: accent- and case-insensitive search keys, and readable titles
// ("Matrix, The (1999)" shown as "The Matrix (1999)"). Used by the catalogue search (catalogue_search.hpp) and
// the app's matching of imported titles.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wl {

// Lower-cases ASCII, folds Latin-1 and Latin Extended-A letters to their base letters (é→e, ß→ss, Œ→oe, ł→l),
// drops apostrophes and turns every other ASCII punctuation into one space. Other characters pass through.
// Invalid UTF-8 bytes pass through unchanged.
std::string fold_for_search(std::string_view utf8);

// The query's words after folding (empty when it holds only spaces and punctuation).
std::vector<std::string> search_words(std::string_view query);

// Whether every word occurs in `folded` (a fold_for_search result).
bool matches_all(std::string_view folded, const std::vector<std::string>& words);

// MovieLens title with a trailing article moved to the front: "Shawshank Redemption, The (1994)" ->
// "The Shawshank Redemption (1994)"; "Avventura, L' (1960)" -> "L'Avventura (1960)".
std::string display_title(std::string_view title);

}  // namespace wl
