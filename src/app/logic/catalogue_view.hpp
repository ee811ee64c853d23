// What the app needs to show and find movies: display titles, community popularity and mean, search with filters
// (the core's CatalogueSearch, shared with the JavaScript API), and the start queue of popular, diverse movies for
// a new person.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/catalogue_search.hpp"
#include "weightless/data/dataset.hpp"

namespace wl::app {

// A page about a movie on another site, opened only when the person asks (a new tab, no referrer: the platform).
struct MovieLink {
    std::string site;  // "MovieLens", "IMDb", "TMDB"
    std::string url;
};

class CatalogueView {
public:
    explicit CatalogueView(const Dataset& ds);

    const Dataset& dataset() const { return ds_; }
    const std::string& title(uint32_t item) const { return search_.title(item); }  // display form
    uint32_t votes(uint32_t item) const { return search_.votes(item); }             // community ratings
    std::span<const uint32_t> all_votes() const { return search_.all_votes(); }    // per item: the list's tie-break
    double mean_stars(uint32_t item) const { return mean_[item]; }                  // 0 when unrated
    int32_t min_year() const { return search_.min_year(); }
    int32_t max_year() const { return search_.max_year(); }
    // "Comedy, Drama" (at most `max` names, then "…"); "genres unknown" for a movie MovieLens lists without genres.
    std::string genre_text(uint32_t item, size_t max = 3) const;

    // The movie's MovieLens page, and its IMDb and TMDB pages when the catalogue has their ids.
    std::vector<MovieLink> links(uint32_t item) const;

    // "86,812 movies released up to 2023, 9,742 of them with community ratings": what the catalogue holds.
    std::string describe() const;

    // CatalogueSearch::search: throws std::invalid_argument for a query it refuses (too long, not UTF-8).
    std::vector<uint32_t> search(const SearchFilter& f) const { return search_.search(f); }

    // `n` popular movies chosen greedily so that genres and decades vary (deterministic).
    std::vector<uint32_t> start_queue(size_t n) const;

private:
    const Dataset& ds_;
    CatalogueSearch search_;
    std::vector<double> mean_;
};

}  // namespace wl::app
