// Helpers for the data-layer tests: writing small (often broken) files, comparing datasets field by field,
// and checking that a DataError names the right file:line and problem.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "test_util.hpp"
#include "weightless/data/dataset.hpp"

namespace wl::test {

// A fresh, empty directory under the test tmp dir.
inline std::string fresh_dir(const std::string& name) {
    const std::string dir = tmp_path(name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void write_text(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ASSERT_TRUE(f.good()) << path;
}

// Runs f, which must throw a DataError whose message contains every one of `parts`.
inline void expect_data_error(const std::function<void()>& f, std::initializer_list<std::string> parts) {
    try {
        f();
        ADD_FAILURE() << "no DataError thrown (expected one mentioning '" << *parts.begin() << "')";
    } catch (const DataError& e) {
        const std::string msg = e.what();
        for (const auto& p : parts) EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
    }
}

inline void expect_same_dataset(const Dataset& a, const Dataset& b) {
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.genre_names, b.genre_names);
    ASSERT_EQ(a.items.size(), b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) {
        const Item &x = a.items[i], &y = b.items[i];
        ASSERT_TRUE(x.id == y.id && x.title == y.title && x.year == y.year && x.genres == y.genres) << "item " << i;
    }
    EXPECT_EQ(a.user_ids, b.user_ids);
    ASSERT_EQ(a.ratings.size(), b.ratings.size());
    for (size_t k = 0; k < a.ratings.size(); ++k) {
        const Rating &x = a.ratings[k], &y = b.ratings[k];
        ASSERT_TRUE(x.user == y.user && x.item == y.item && x.half_stars == y.half_stars && x.timestamp == y.timestamp)
            << "rating " << k;
    }
    for (size_t i = 0; i < b.items.size(); ++i) ASSERT_EQ(b.item_index(b.items[i].id), static_cast<int64_t>(i));
    for (size_t u = 0; u < b.user_ids.size(); ++u) ASSERT_EQ(b.user_index(b.user_ids[u]), static_cast<int64_t>(u));
    EXPECT_EQ(a.id_aliases, b.id_aliases);
    for (const auto& [old_id, id] : b.id_aliases) ASSERT_EQ(b.item_index(old_id), b.item_index(id));
}

}  // namespace wl::test
