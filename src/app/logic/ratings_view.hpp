// The person's own ratings as the Rate page lists them: sorted by date, stars or title and filtered by words of the
// title, a range of stars and a genre. Pure: the page keeps the choice for the session (not saved, like the list's
// filter) and recomputes only when the choice or the ratings change.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalogue_view.hpp"
#include "person.hpp"

namespace wl::app {

enum class RatingsSort : uint8_t { Newest, Oldest, StarsHigh, StarsLow, TitleAZ, TitleZA };
inline constexpr int kRatingsSorts = 6;
const char* ratings_sort_label(RatingsSort s);  // "Newest first", "Most stars first", "Title A-Z", ...

struct RatingsQuery {
    RatingsSort sort = RatingsSort::Newest;
    std::string text;             // words of the title, accent- and case-insensitive (as the search); empty: any
    uint8_t min_half = 1, max_half = 10;  // the stars range, in half stars, both ends included
    int32_t genre = -1;           // index into the catalogue's genre_names, -1 = any
    bool operator==(const RatingsQuery&) const = default;
    bool restricts() const { return !text.empty() || min_half > 1 || max_half < 10 || genre >= 0; }
};

// The rated items that pass `q`, in its order. Ties keep a stable, useful order: by stars, the newest first, then
// the title; by date, the title; by title (leading "The", "A", "An" ignored, accents and case folded), the year and
// then the item. Throws std::invalid_argument for words the search refuses (check_search_query).
std::vector<uint32_t> ratings_view(const std::map<uint32_t, PersonRating>& ratings, const CatalogueView& view,
                                   const RatingsQuery& q);

}  // namespace wl::app
