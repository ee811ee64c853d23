// Helpers shared by the tests: where the real MovieLens data is, and a clear skip when it is absent.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "weightless/data/dataset.hpp"

namespace wl::test {

inline std::string shared_data(const std::string& rel) { return std::string(WL_SHARED_DATA) + "/" + rel; }
inline std::string assets(const std::string& rel) { return std::string(WL_ASSETS_DIR) + "/" + rel; }
inline std::string tmp_path(const std::string& name) { return std::string(WL_TEST_TMP) + "/" + name; }

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

// Skips (loudly) when a dataset that may not be redistributed is not on this machine.
#define WL_REQUIRE_DATA(rel)                                                                          \
    do {                                                                                              \
        if (!std::filesystem::exists(::wl::test::shared_data(rel)))                                   \
            GTEST_SKIP() << "MovieLens data absent: " << ::wl::test::shared_data(rel)                 \
                         << " (tests that need it are skipped, not passed)";                          \
    } while (0)

}  // namespace wl::test
