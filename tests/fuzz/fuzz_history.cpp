// The app's rating-history import (MovieLens, IMDb "Your ratings", Letterboxd exports), matched against the
// embedded catalogue. A FormatError, or a preview whose chosen ratings are all valid half stars of catalogue movies.
#include "app/logic/history_import.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::app::HistoryIndex index(wl::fuzz::embedded());
    try {
        const auto p = wl::app::parse_history({data, size}, wl::fuzz::embedded(), index, 1700000000);
        for (const auto& [item, r] : p.chosen())
            if (item >= wl::fuzz::embedded().num_items() || !wl::valid_half_stars(r.half_stars)) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    return 0;
}
