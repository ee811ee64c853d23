// Shared by the fuzz harnesses: the embedded catalogue (loaded once), a private scratch folder for loaders that
// read files, and the one rule every harness checks: an input may fail only with the project's own error types.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::fuzz {

inline const Dataset& embedded() {
    static const Dataset ds = load_packed(embedded_dataset_path());
    return ds;
}

// The first `items` movies of the embedded catalogue and the ratings of its first `users` raters on them.
inline Dataset slice(uint32_t items, uint32_t users) {
    const Dataset& all = embedded();
    Dataset ds;
    ds.name = "slice";
    ds.genre_names = all.genre_names;
    ds.items.assign(all.items.begin(), all.items.begin() + items);
    std::map<uint32_t, uint32_t> user_of;  // original index -> new, in increasing id
    for (const Rating& r : all.ratings)
        if (r.item < items && r.user < users) user_of.emplace(r.user, 0);
    for (auto& [u, v] : user_of) {
        v = static_cast<uint32_t>(ds.user_ids.size());
        ds.user_ids.push_back(all.user_ids[u]);
    }
    for (const Rating& r : all.ratings)
        if (r.item < items && r.user < users) ds.ratings.push_back({user_of[r.user], r.item, r.half_stars, r.timestamp});
    ds.index();
    return ds;
}

// One folder per process (libFuzzer -fork runs several), removed at exit.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("wl-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::atexit([] { std::filesystem::remove_all(scratch()); });
        return d;
    }();
    return dir;
}

inline void write_file(const std::filesystem::path& p, std::string_view text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// Files in one input: the parts between separator lines "--8<--" (how make_seeds writes multi-file seeds).
inline std::vector<std::string_view> parts(std::span<const uint8_t> data, size_t max_parts) {
    const std::string_view all(reinterpret_cast<const char*>(data.data()), data.size());
    constexpr std::string_view kSep = "\n--8<--\n";
    std::vector<std::string_view> out;
    size_t at = 0;
    while (out.size() + 1 < max_parts) {
        const size_t next = all.find(kSep, at);
        if (next == std::string_view::npos) break;
        out.push_back(all.substr(at, next - at));
        at = next + kSep.size();
    }
    out.push_back(all.substr(at));
    return out;
}

}  // namespace wl::fuzz
