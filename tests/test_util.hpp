// Helpers shared by the tests: where the real MovieLens data is, and a clear skip when it is absent.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "weightless/data/dataset.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/rng.hpp"

namespace wl::test {

inline std::string shared_data(const std::string& rel) { return std::string(WL_SHARED_DATA) + "/" + rel; }
inline std::string assets(const std::string& rel) { return std::string(WL_ASSETS_DIR) + "/" + rel; }
inline std::string tmp_path(const std::string& name) { return std::string(WL_TEST_TMP) + "/" + name; }

// Every weight of an item model, keyed (movie, neighbour): two fits compared weight by weight.
inline std::map<std::pair<uint32_t, uint32_t>, float> weights_of(const ItemNeighbours& g) {
    std::map<std::pair<uint32_t, uint32_t>, float> w;
    for (uint32_t j = 0; j < g.n_items; ++j)
        for (size_t t = 0; t < g.row_items(j).size(); ++t) w[{j, g.row_items(j)[t]}] = g.row_weights(j)[t];
    return w;
}

// The real embedded catalogue (assets/ml-latest-small.wlds), loaded once.
inline const Dataset& embedded_catalogue() {
    static const Dataset ds = unpack_dataset(read_file_bytes(assets("ml-latest-small.wlds")), "embedded catalogue");
    return ds;
}

// Dense index of MovieLens movie `id` (throws when the catalogue lacks it, so a typo fails loudly).
inline uint32_t item_of(const Dataset& ds, uint32_t id) {
    const int64_t i = ds.item_index(id);
    if (i < 0) throw std::invalid_argument("no movie id " + std::to_string(id) + " in " + ds.name);
    return static_cast<uint32_t>(i);
}

// A catalogue of `users` users and `items` items (one genre, no ratings) for synthetic rating sets.
inline Dataset blank_catalogue(uint32_t users, uint32_t items) {
    Dataset ds;
    ds.name = "synthetic";
    ds.genre_names = {"Drama"};
    for (uint32_t i = 0; i < items; ++i) ds.items.push_back({1 + i, "item", 2000, 1});
    for (uint32_t u = 0; u < users; ++u) ds.user_ids.push_back(1 + u);
    ds.index();
    return ds;
}

// `items` items with random genres (of 7) and years, `users` users, and `ratings` random ratings skewed toward a
// few heavy users (half stars 1..10, timestamps in order), all from `seed`.
inline Dataset random_catalogue(uint32_t items, uint32_t users, uint32_t ratings, uint64_t seed) {
    Dataset ds;
    ds.name = "random";
    ds.genre_names = {"Action", "Comedy", "Drama", "Horror", "Romance", "Thriller", "War"};
    Rng rng(seed);
    for (uint32_t i = 0; i < items; ++i)
        ds.items.push_back(Item{i + 1, "movie " + std::to_string(i), static_cast<int16_t>(1940 + rng.below(80)),
                                static_cast<uint32_t>(rng.below(128))});
    for (uint32_t u = 0; u < users; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < ratings; ++k) {
        const auto user = static_cast<uint32_t>(rng.below(1 + rng.below(users)));
        ds.ratings.push_back(Rating{user, static_cast<uint32_t>(rng.below(items)),
                                    static_cast<uint8_t>(1 + rng.below(10)), static_cast<int64_t>(k)});
    }
    ds.index();
    return ds;
}

// Skips (loudly) when a dataset that may not be redistributed is not on this machine.
#define WL_REQUIRE_DATA(rel)                                                                          \
    do {                                                                                              \
        if (!std::filesystem::exists(::wl::test::shared_data(rel)))                                   \
            GTEST_SKIP() << "MovieLens data absent: " << ::wl::test::shared_data(rel)                 \
                         << " (tests that need it are skipped, not passed)";                          \
    } while (0)

}  // namespace wl::test
