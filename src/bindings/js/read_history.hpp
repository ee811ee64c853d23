// Catalogue.readHistory for the JavaScript API: an export file (IMDb, Letterboxd, MovieLens: the app's importer,
// app/logic/history_import.hpp) read and matched to the catalogue, as the app's import preview. Embind values.
#pragma once
#include <emscripten/val.h>

#include <span>
#include <string_view>

#include "app/logic/history_import.hpp"

namespace wl::js {

// The app's MatchKind as the API names it: "exact", "year-off", "ambiguous", "unmatched". (One place to extend when
// the matcher gains a kind.)
const char* match_name(app::MatchKind k);

// {format, marks, windows1252, rows: [{title, year, stars, kind, match, movieId, candidates, line}], notMovies,
// unrated, malformed, problems}: see web/weightless-api.d.ts. Throws FormatError as the app's importer does.
emscripten::val read_history(std::span<const uint8_t> bytes, const Dataset& ds, const app::HistoryIndex& index,
                             std::string_view file_name);

}  // namespace wl::js
