// The JSON-lines part files of Spark's itemFactors (`weightless-items import-csv --kind factors DIR`, one
// {"id":..,"features":[..]} object per line) against a 30-movie catalogue. A DataError, or factors over exactly
// the catalogue with every row the same length.
#include "fuzz_util.hpp"
#include "weightless/model/spark_factors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::Dataset cat = wl::fuzz::slice(30, 40);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        wl::CsvImport rep;
        const auto f = wl::item_factors_from_json_lines(text, cat, "part-00000.json", &rep);
        if (f.n_items != cat.num_items() || f.dim == 0 || f.values.size() != size_t{f.n_items} * f.dim) __builtin_trap();
        if (rep.skipped >= rep.rows) __builtin_trap();
    } catch (const wl::DataError&) {
    }
    return 0;
}
