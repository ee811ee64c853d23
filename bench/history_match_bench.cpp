// Matching a long history by title and year (the title index is built when the app starts: BM_AppHistoryIndex in
// app_bench.cpp): 3,355 Letterboxd rows, the size of the largest shared export, against the app's catalogue
// (MovieLens 2023). The rows are the catalogue's own titles, spread over it, a third of them a year off and a fifth
// with a subtitle the catalogue lacks, so every rung of TitleIndex::match is climbed.
#include <benchmark/benchmark.h>

#include <string>

#include "app/logic/history_import.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace {

using namespace wl;
using namespace wl::app;

const Dataset& catalogue() {
    static const Dataset ds = unpack_dataset(read_file_bytes(std::string(WL_ASSETS) + "/ml-latest-2023.wlds"), "the app's catalogue");
    return ds;
}

std::string letterboxd_rows(const Dataset& ds, size_t rows) {
    std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n";
    for (size_t k = 0; k < rows; ++k) {
        const Item& it = ds.items[k * ds.items.size() / rows];
        std::string title = main_title(it.title);
        if (k % 5 == 4) title += ": The Return";
        std::string q = "\"";
        for (char c : title) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += "2020-01-01," + q + "\"," + (it.year ? std::to_string(it.year + (k % 3 == 1 ? 1 : 0)) : "") + ",u,3.5\n";
    }
    return csv;
}

void BM_AppHistoryMatch3355(benchmark::State& state) {
    const Dataset& ds = catalogue();
    const HistoryIndex index(ds);
    const std::string csv = letterboxd_rows(ds, 3355);
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(csv.data()), csv.size());
    size_t matched = 0;
    for (auto _ : state) {
        const HistoryPreview p = parse_history(bytes, ds, index, 0);
        matched = p.rows.size() - p.count(MatchKind::Unmatched);
        benchmark::DoNotOptimize(matched);
    }
    state.SetLabel("3,355 rows, " + std::to_string(matched) + " matched, " + std::to_string(ds.num_items()) + " movies");
}
BENCHMARK(BM_AppHistoryMatch3355)->Unit(benchmark::kMillisecond);

}  // namespace
