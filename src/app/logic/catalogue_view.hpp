// What the app needs to show and find movies: display titles, search keys, community popularity and mean,
// search with filters, and the start queue of popular, diverse movies for a new person.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl::app {

struct SearchFilter {
    std::string query;          // words, accent- and case-insensitive; empty matches everything
    int32_t genre = -1;         // index into genre_names, -1 = any
    int32_t year_from = 0, year_to = 9999;
};

class CatalogueView {
public:
    explicit CatalogueView(const Dataset& ds);

    const Dataset& dataset() const { return ds_; }
    const std::string& title(uint32_t item) const { return titles_[item]; }  // display form
    uint32_t votes(uint32_t item) const { return votes_[item]; }             // community ratings
    std::span<const uint32_t> all_votes() const { return votes_; }          // per item: the list's tie-break
    double mean_stars(uint32_t item) const { return mean_[item]; }           // 0 when unrated
    int32_t min_year() const { return min_year_; }
    int32_t max_year() const { return max_year_; }
    // "Comedy, Drama" (at most `max` names, then "…").
    std::string genre_text(uint32_t item, size_t max = 3) const;

    // "86,812 movies released up to 2023, 9,742 of them with community ratings": what the catalogue holds.
    std::string describe() const;

    // Matching items: titles that are the query and a year first (most voted, then newest), then titles starting
    // with the query, then the others; each group by votes (most first), then by index.
    std::vector<uint32_t> search(const SearchFilter& f) const;

    // `n` popular movies chosen greedily so that genres and decades vary (deterministic).
    std::vector<uint32_t> start_queue(size_t n) const;

private:
    const Dataset& ds_;
    std::vector<std::string> titles_, folded_, folded_display_;
    std::vector<uint32_t> votes_;
    std::vector<double> mean_;
    std::vector<uint32_t> by_votes_;  // item indices, most voted first
    int32_t min_year_ = 0, max_year_ = 0;
};

}  // namespace wl::app
