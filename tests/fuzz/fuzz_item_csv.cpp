// The item model CSV imports (`weightless-items import-csv`: a neighbour list, or factors such as Spark ALS's
// itemFactors) against a 30-movie catalogue. The first byte picks the shape. A DataError, or a model whose rows
// name only catalogue movies.
#include "fuzz_util.hpp"
#include "weightless/model/item_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::Dataset cat = wl::fuzz::slice(30, 40);
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] & 1) {
            const auto f = wl::item_factors_from_csv(text, cat, "fuzz.csv");
            if (f.n_items != cat.num_items() || f.values.size() != size_t{f.n_items} * f.dim) __builtin_trap();
        } else {
            const auto g = wl::item_neighbours_from_csv(text, cat, "fuzz.csv");
            if (g.n_items != cat.num_items() || g.offsets.size() != size_t{g.n_items} + 1) __builtin_trap();
            for (uint32_t i : g.items)
                if (i >= g.n_items) __builtin_trap();
        }
    } catch (const wl::DataError&) {
    }
    return 0;
}
