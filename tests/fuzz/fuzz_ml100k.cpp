// ml-100k loader: an input is u.item, u.data and (optionally) u.genre, split by "--8<--" lines, written to a
// scratch folder and loaded. Anything but a Dataset or a DataError is a finding.
#include "fuzz_util.hpp"
#include "weightless/data/movielens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace fs = std::filesystem;
    const auto files = wl::fuzz::parts({data, size}, 3);
    const fs::path dir = wl::fuzz::scratch() / "ml-100k";
    fs::create_directories(dir);
    wl::fuzz::write_file(dir / "u.item", files[0]);
    wl::fuzz::write_file(dir / "u.data", files.size() > 1 ? files[1] : std::string_view{});
    if (files.size() > 2)
        wl::fuzz::write_file(dir / "u.genre", files[2]);
    else
        fs::remove(dir / "u.genre");
    try {
        const wl::Dataset ds = wl::load_ml100k(dir.string());
        if (ds.ratings.empty()) __builtin_trap();  // the loader promises a refusal of an empty rating file
    } catch (const wl::DataError&) {
    }
    return 0;
}
