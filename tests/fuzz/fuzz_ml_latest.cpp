// ml-latest CSV loader: an input is movies.csv, ratings.csv and (optionally) links.csv, split by "--8<--"
// lines, written to a scratch folder and loaded. Anything but a Dataset or a DataError is a finding.
#include "fuzz_util.hpp"
#include "weightless/data/movielens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace fs = std::filesystem;
    const auto files = wl::fuzz::parts({data, size}, 3);
    const fs::path dir = wl::fuzz::scratch() / "ml-latest";
    fs::create_directories(dir);
    wl::fuzz::write_file(dir / "movies.csv", files[0]);
    wl::fuzz::write_file(dir / "ratings.csv", files.size() > 1 ? files[1] : std::string_view{});
    if (files.size() > 2)
        wl::fuzz::write_file(dir / "links.csv", files[2]);
    else
        fs::remove(dir / "links.csv");
    try {
        const wl::Dataset ds = wl::load_ml_latest(dir.string());
        if (ds.ratings.empty()) __builtin_trap();
    } catch (const wl::DataError&) {
    }
    return 0;
}
