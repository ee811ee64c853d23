// The catalogue-only ml-latest loader and the merge onto it (the app's 2023 catalogue): an input is movies.csv and
// (optionally) links.csv, split by "--8<--" lines. A loaded catalogue gets a small rated dataset merged onto it and
// must pack and unpack to the same dataset. Anything but that or a DataError is a finding.
#include "fuzz_util.hpp"
#include "weightless/data/catalogue_merge.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace fs = std::filesystem;
    const auto files = wl::fuzz::parts({data, size}, 2);
    const fs::path dir = wl::fuzz::scratch() / "ml-latest-catalogue";
    fs::create_directories(dir);
    wl::fuzz::write_file(dir / "movies.csv", files[0]);
    if (files.size() > 1)
        wl::fuzz::write_file(dir / "links.csv", files[1]);
    else
        fs::remove(dir / "links.csv");
    wl::Dataset cat;
    try {
        cat = wl::load_ml_latest_catalogue(dir.string());
    } catch (const wl::DataError&) {
        return 0;
    }
    if (cat.items.empty() || !cat.ratings.empty()) __builtin_trap();
    static const wl::Dataset rated = wl::fuzz::slice(12, 5);  // the loader's 20 genre labels, as the catalogue's
    wl::Dataset merged;
    try {
        merged = wl::merge_into_catalogue(rated, cat, "fuzz");
    } catch (const wl::DataError&) {
        return 0;
    }
    const auto bytes = wl::pack_dataset(merged);
    const wl::Dataset back = wl::unpack_dataset(bytes, "fuzz");
    // Round trip exact; no rating appears from nowhere (a merged film rated under both ids keeps one).
    if (wl::pack_dataset(back) != bytes || back.ratings.size() > rated.ratings.size()) __builtin_trap();
    return 0;
}
