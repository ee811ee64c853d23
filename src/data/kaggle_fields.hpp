// Field parsers for Kaggle's movies_metadata.csv (private to src/data): each returns false on a malformed value
// instead of throwing, so the loader can count and skip the row.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wl::detail {

// A Python-literal list of dicts, "[{'id': 16, 'name': 'Animation'}, ...]": the 'name' of each dict, in order.
// Strings may use ' or " with backslash escapes; values other than 'name' may be integers or strings. "" and "[]"
// are the empty list.
bool parse_genre_literal(std::string_view text, std::vector<std::string>& names);

// TMDB vote average "7.7" (0..10, at most two significant decimals) -> hundredths 0..1000.
bool parse_vote_average(std::string_view text, int16_t& hundredths);

// A whole number of votes, "5415" (also "5415.0", as pandas writes floats).
bool parse_vote_count(std::string_view text, int32_t& count);

// "YYYY-MM-DD" -> YYYY.
bool parse_release_year(std::string_view text, int16_t& year);

// "tt0114709" -> 114709.
bool parse_imdb_tt(std::string_view text, uint32_t& id);

}  // namespace wl::detail
