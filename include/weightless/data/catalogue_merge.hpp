// A newer catalogue with an older dataset's ratings: how the app lists MovieLens' 2023 catalogue (86,537 movies,
// no ratings we may have) while its community ratings stay ml-latest-small's (2018). Movie ids are stable across
// MovieLens releases, except that films are sometimes merged into another id or removed.
#pragma once
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

struct CatalogueMerge {
    size_t catalogue_items = 0;  // the newer catalogue's movies
    size_t same_id = 0;          // rated dataset's movies found under their own id
    size_t aliased = 0;          // found under another id by IMDb or TMDB id (the old id becomes an alias)
    size_t kept = 0;             // found nowhere: kept as movies of the merged catalogue, with their ratings
    size_t ratings_moved = 0;    // ratings that now point at an aliased movie's new id
    size_t duplicates = 0;       // a user rated both ids of an aliased film: the later rating kept
    std::vector<std::string> lines() const;  // the report, one fact a line
};

// The merged dataset: every movie of `catalogue`, plus each movie of `rated` that `catalogue` lacks; `rated`'s users
// and ratings mapped onto it. A movie of `rated` whose id is missing from `catalogue` is the catalogue's film that
// carries the same IMDb id, else the same TMDB id, when exactly one does (its id then becomes an alias); otherwise
// it is kept with its own title and id. Items in ascending id; ratings in `rated`'s order. Both must use the same
// genre labels (DataError otherwise).
Dataset merge_into_catalogue(const Dataset& rated, const Dataset& catalogue, const std::string& name,
                             CatalogueMerge* report = nullptr);

}  // namespace wl
