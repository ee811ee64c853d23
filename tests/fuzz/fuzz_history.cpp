// The app's history import (MovieLens, IMDb ratings and watchlists in any site language, Letterboxd ratings, diary,
// watched and watchlist files, the app's own ratings, list and watchlist CSVs; ",", ";" or tab; UTF-8 or
// Windows-1252), matched against the embedded catalogue. A
// FormatError, or a preview whose chosen ratings are valid half stars of catalogue movies and whose marks are
// catalogue movies; its unmatched rows written as CSV read back. An odd-sized input is named "watchlist.csv".
#include "app/logic/history_import.hpp"
#include "app/logic/history_unmatched.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::app::HistoryIndex index(wl::fuzz::embedded());
    try {
        const auto p = wl::app::parse_history({data, size}, wl::fuzz::embedded(), index, 1700000000, size % 2 ? "watchlist.csv" : "");
        for (const auto& [item, r] : p.chosen())
            if (item >= wl::fuzz::embedded().num_items() || !wl::valid_half_stars(r.half_stars)) __builtin_trap();
        for (uint32_t item : p.marked())
            if (item >= wl::fuzz::embedded().num_items()) __builtin_trap();
        // The unmatched rows' CSV is a file this importer reads (or refuses by name: a row may hold any text).
        const std::string csv = wl::app::unmatched_history_csv(p);
        try {
            (void)wl::app::parse_history({reinterpret_cast<const uint8_t*>(csv.data()), csv.size()}, wl::fuzz::embedded(), index, 0);
        } catch (const wl::FormatError&) {
        }
    } catch (const wl::FormatError&) {
    }
    return 0;
}
