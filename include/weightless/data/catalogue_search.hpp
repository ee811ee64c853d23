// Finding movies by title: the one search of the app's Rate page and the JavaScript API's Catalogue.search.
// Words are matched accent- and case-insensitively (text_fold.hpp: "amelie" finds "Amélie"); titles that start
// with the query come first (those called just that, whatever their year, before the rest), then the most rated,
// then catalogue order.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

struct SearchFilter {
    std::string query;          // words, accent- and case-insensitive; empty matches everything
    int32_t genre = -1;         // index into genre_names, -1 = any
    int32_t year_from = 0, year_to = 9999;
};

// A search reads every title once per query word, so a pasted book would stall a tab: queries are capped far
// above any title (the longest in ml-latest-small is under 200 bytes).
inline constexpr size_t kMaxSearchQueryBytes = 1000;

// Throws std::invalid_argument when `query` is longer than kMaxSearchQueryBytes or not valid UTF-8.
void check_search_query(std::string_view query);

// The catalogue's titles prepared for searching (display forms and folded keys) and its items by popularity.
// Keeps a reference to `ds`, which must outlive it.
class CatalogueSearch {
public:
    explicit CatalogueSearch(const Dataset& ds);

    const std::string& title(uint32_t item) const { return titles_[item]; }  // display form
    uint32_t votes(uint32_t item) const { return votes_[item]; }             // community ratings
    std::span<const uint32_t> all_votes() const { return votes_; }
    std::span<const uint32_t> by_votes() const { return by_votes_; }        // item indices, most rated first
    int32_t min_year() const { return min_year_; }                           // 0 when no item has a year
    int32_t max_year() const { return max_year_; }

    // Matching items: titles that are the query and a year first (most voted, then newest), then titles starting
    // with the query, then the others; each of the last two by votes (most first), then by index.
    // A query that check_search_query refuses throws its std::invalid_argument.
    std::vector<uint32_t> search(const SearchFilter& f) const;

private:
    const Dataset& ds_;
    std::vector<std::string> titles_, folded_, folded_display_;
    std::vector<uint32_t> votes_;
    std::vector<uint32_t> by_votes_;
    int32_t min_year_ = 0, max_year_ = 0;
};

// The item's genre labels in genre_names order, without MovieLens' "(no genres listed)" (a marker, not a genre).
std::vector<std::string> genre_labels(const Dataset& ds, uint32_t item);

}  // namespace wl
