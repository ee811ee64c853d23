// Reading the largest history the importer accepts (kMaxHistoryBytes, 32 MB) into a preview: format detection,
// parsing and matching every row to the app's catalogue (MovieLens 2023). Two worst cases: Letterboxd ratings
// (every row matched by title and year: about 470k rows) and IMDb ratings (by id: about 200k rows of IMDb's full
// layout). scripts/history-limits.sh runs each alone under /usr/bin/time -v for its peak memory (docs/HISTORY_LIMITS.md).
#include <benchmark/benchmark.h>

#include <cstdio>
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

// Rows cycling through the catalogue's films until the next would pass 32 MB.
std::string big_file(bool imdb) {
    const Dataset& ds = catalogue();
    std::string out = imdb ? "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
                             "Genres,Num Votes,Release Date,Directors\n"
                           : "Date,Name,Year,Letterboxd URI,Rating\n";
    char buf[512];
    for (size_t k = 0;; ++k) {
        const Item& it = ds.items[k * 7919 % ds.num_items()];
        const std::string title = "\"" + main_title(it.title) + "\"";
        std::string row;
        if (imdb) {
            std::snprintf(buf, sizeof buf, "tt%07u,%zu,2021-03-04,", it.imdb_id ? it.imdb_id : 9999999u, 1 + k % 10);
            row = buf + title + "," + title + ",https://www.imdb.com/title/tt" + std::to_string(it.imdb_id) + "/,Movie,7.1,104," +
                  std::to_string(it.year) + ",\"Drama, Comedy\",123456,2000-01-01,Somebody\n";
        } else {
            const size_t half = 1 + k % 10;
            const std::string year = it.year ? std::to_string(it.year) : "";  // a film without a year: empty, as Letterboxd writes it
            std::snprintf(buf, sizeof buf, "2021-03-04,%s,%s,https://boxd.it/%zx,%zu.%c\n", title.c_str(), year.c_str(), k, half / 2, half % 2 ? '5' : '0');
            row = buf;
        }
        if (out.size() + row.size() > kMaxHistoryBytes) break;
        out += row;
    }
    return out;
}

void read_big(benchmark::State& state, bool imdb) {
    const std::string file = big_file(imdb);
    const HistoryIndex index(catalogue());
    size_t rows = 0;
    for (auto _ : state) {
        const HistoryPreview p = parse_history({reinterpret_cast<const uint8_t*>(file.data()), file.size()}, catalogue(), index, 0);
        rows = p.rows.size();
        benchmark::DoNotOptimize(p.rows.data());
    }
    state.SetLabel(std::to_string(file.size() >> 20) + " MB, " + std::to_string(rows) + " rows");
}
void BM_AppHistory32MBLetterboxd(benchmark::State& state) { read_big(state, false); }
void BM_AppHistory32MBImdb(benchmark::State& state) { read_big(state, true); }
BENCHMARK(BM_AppHistory32MBLetterboxd)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_AppHistory32MBImdb)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
