// What a list may hold beyond "not yet rated": one structure for the app's list, the JS API's recommend and the
// evaluator's ranking protocol, so a filter means the same everywhere. Plain data; `admits` is the one rule and
// `filter_candidates` the one place candidates are gathered under it.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

struct ListFilter {
    uint32_t genres = 0;          // a movie needs at least one of these (bit g = genre_names[g]); 0: any genre
    uint32_t exclude_genres = 0;  // a movie with any of these is left out
    int32_t year_from = 0;        // 0: no lower bound; with either bound set, a movie of unknown year is left out
    int32_t year_to = 0;          // 0: no upper bound
    uint32_t min_votes = 0;       // the least community ratings a movie needs (0 admits movies without any)
    std::vector<uint32_t> only;   // item indices, sorted and unique; empty: every movie (e.g. a watchlist ranked)

    bool restricts() const {
        return genres != 0 || exclude_genres != 0 || year_from != 0 || year_to != 0 || min_votes != 0 || !only.empty();
    }
    // The rule for one movie of `votes` community ratings (`only` aside: see filter_candidates).
    bool admits(const Item& it, uint32_t votes) const;
    bool operator==(const ListFilter&) const = default;
};

// Items of `cat` the filter admits and `excluded` does not mark (rated, seen, hidden: any item index below its size
// with a true entry), in index order. votes[i] counts item i's community ratings (items past its end count 0).
std::vector<uint32_t> filter_candidates(const Dataset& cat, std::span<const uint32_t> votes, const ListFilter& f,
                                        const std::vector<bool>& excluded = {});
// The same as a per-item mask (1: admitted), the evaluator's ListSpec::allowed form; size cat.num_items().
std::vector<uint8_t> filter_mask(const Dataset& cat, std::span<const uint32_t> votes, const ListFilter& f);

// The bit of genre `name` (the catalogue's own label, matched without regard to case); std::invalid_argument
// "<what>: the catalogue has no genre '<name>'" when it has none.
uint32_t genre_bit(std::string_view name, std::span<const std::string> genre_names, std::string_view what);

// Reads the text form used by the CLI and reports: parts separated by ';', each `key=value`:
//   genres=Comedy,Drama   exclude=Horror   years=1990-1999 (or 1990- / -1999 / 1995)   min_votes=10
// Genre names are the catalogue's own, matched without regard to case. Throws std::invalid_argument naming the bad
// part. "" is the empty filter. (`only` has no text form: it is a set of movies, given by the app or the JS API.)
ListFilter parse_list_filter(std::string_view text, std::span<const std::string> genre_names);
// The text form of f, which parse_list_filter reads back ("" for the empty filter; `only` is not written).
std::string list_filter_text(const ListFilter& f, std::span<const std::string> genre_names);
// In words for a person: "Comedy or Drama, not Horror, 1990–1999, at least 10 community ratings".
std::string describe_list_filter(const ListFilter& f, std::span<const std::string> genre_names);

}  // namespace wl
