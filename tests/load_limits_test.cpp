// What a small saved file can make a load cost: crafted files whose declared sizes a small file could multiply
// (dense WNN tables over many stored users, a bias user's residual sum at the edge of int64) are refused before
// anything is allocated, or loaded with memory bounded by the ratings they hold.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/baselines.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/params.hpp"

namespace wl {
namespace {

WnnConfig config(const std::string& params) {
    WnnConfig c;
    apply_params(c, params);
    return c;
}

// A saved model's container with the config text of its WNN payload replaced (kind, config, then the rest).
std::vector<uint8_t> with_config(std::span<const uint8_t> file, const std::string& from, const std::string& to) {
    ByteReader r(unwrap_container(file, "WLMD", 2, nullptr, "test"));
    ByteWriter w;
    w.str(r.str());
    std::string text = r.str();
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << text;
    text.replace(at, from.size(), to);
    w.str(text);
    w.bytes(r.bytes(r.remaining()));
    return wrap_container("WLMD", 2, w.data());
}

// Many users of one rating each over a catalogue whose dense tables are tens of MB a user: a hashed model
// saved, then its config switched to tables=dense. The table checksum does not depend on the storage, so the
// crafted file is well formed: exactly what a hostile export or Recommender.load() input can be.
TEST(LoadLimits, DenseWnnFileOfManyUsersLoadsWithMemoryOfItsRatings) {
    Dataset ds = test::blank_catalogue(400, 50);
    for (uint32_t u = 0; u < 400; ++u) ds.ratings.push_back(Rating{u, u % 50, static_cast<uint8_t>(1 + u % 10), 0});
    const std::string params = "mode=regression tuple_size=22 ensemble=1";
    WnnModel hashed(config(params + " tables=hashed"));
    hashed.fit(TrainData{ds, ds.ratings});
    const auto file = with_config(save_model(hashed), "tables=hashed", "tables=dense");
    const uint64_t dense_user = hashed.network().shape().slots * hashed.network().shape().stride * 4;
    ASSERT_GE(dense_user, uint64_t{16} << 20) << "the crafted file must declare big dense tables";
    ASSERT_LT(file.size(), 8000u) << "a few KB";

    WnnModel loaded(config(params + " tables=dense"));
    load_model(loaded, file);  // before the fix: 400 x dense_user bytes (GBs) allocated, then checked
    EXPECT_LT(loaded.memory_bytes(), hashed.memory_bytes() * 2);
    EXPECT_LT(loaded.memory_bytes(), size_t{8} << 20);
    for (uint32_t u = 0; u < 400; u += 37)
        for (uint32_t i = 0; i < 50; i += 7) EXPECT_EQ(loaded.predict(u, i), hashed.predict(u, i));
    EXPECT_EQ(loaded.network().dump_tables(), hashed.network().dump_tables());
    // The user who learns next gets the dense array the config asks for; the others stay as loaded.
    loaded.learn(Rating{5, 7, 8, 0});
    EXPECT_TRUE(loaded.network().user(5)->cells.is_dense());
    EXPECT_FALSE(loaded.network().user(6)->cells.is_dense());
    hashed.learn(Rating{5, 7, 8, 0});
    EXPECT_EQ(loaded.network().dump_tables(), hashed.network().dump_tables());
    EXPECT_EQ(loaded.predict(5, 7), hashed.predict(5, 7));
}

// A file whose stored ratings would need more than a load may allocate (many cells a rating, many users) is
// refused by its declared sizes, before relearning anything; its table checksum is not even valid.
TEST(LoadLimits, WnnFileWhoseRatingsWouldNeedGigabytesIsRefusedBeforeAllocating) {
    const Dataset ds = test::blank_catalogue(1, 50);
    WnnModel empty(config("mode=classifier tuple_size=1 ensemble=64 tables=hashed"));
    empty.fit(TrainData{ds, {}});
    const auto saved = save_model(empty);
    ByteReader r(unwrap_container(saved, "WLMD", 2, nullptr, "test"));
    const auto payload = r.bytes(r.remaining());
    // A model of no ratings ends with: users 0, table size 0, crc32 of nothing (0): six zero bytes.
    ASSERT_GE(payload.size(), 6u);
    for (size_t k = payload.size() - 6; k < payload.size(); ++k) ASSERT_EQ(payload[k], 0) << k;
    ByteWriter w;
    w.bytes(payload.first(payload.size() - 6));
    const uint32_t users = 2500;
    w.varint(users);
    for (uint32_t u = 0; u < users; ++u) {
        w.varint(0);      // the next user
        w.varint(1);      // one rating
        w.varint(u % 50);  // item
        w.u8(6);
    }
    w.varint(12345);
    w.u32(0xdeadbeef);
    const auto file = wrap_container("WLMD", 2, w.data());
    EXPECT_LT(file.size(), 16000u);
    WnnModel m(config("mode=classifier tuple_size=1 ensemble=64 tables=hashed"));
    try {
        load_model(m, file);
        FAIL() << "loaded";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("MB a load may use"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(m.fitted());
}

// An empty user costs memory too: one stored user at a huge index is refused, not a vector of millions of users.
TEST(LoadLimits, WnnUserIndexFarBeyondTheStoredUsersIsRefused) {
    const Dataset ds = test::blank_catalogue(1, 50);
    WnnModel empty(config("mode=regression"));
    empty.fit(TrainData{ds, {}});
    const auto saved = save_model(empty);
    ByteReader r(unwrap_container(saved, "WLMD", 2, nullptr, "test"));
    const auto payload = r.bytes(r.remaining());
    ByteWriter w;
    w.bytes(payload.first(payload.size() - 6));
    w.varint(1);
    w.varint((uint64_t{1} << 22) - 1);
    w.varint(1);
    w.varint(3);
    w.u8(6);
    w.varint(0);
    w.u32(0);
    WnnModel m(config("mode=regression"));
    try {
        load_model(m, wrap_container("WLMD", 2, w.data()));
        FAIL() << "loaded";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("far beyond the stored users"), std::string::npos) << e.what();
    }
}

std::vector<uint8_t> bias_file(uint64_t count, int64_t residual_fp) {
    ByteWriter w;
    w.str("bias");
    w.str(params_to_text(BiasConfig{}));  // model file format 2: the config as text
    w.f64(3.5);   // mu
    w.varint(2);  // item biases
    w.f64(0.25);
    w.f64(-0.5);
    w.varint(1);  // users
    w.varint(count);
    w.svarint(residual_fp);
    return wrap_container("WLMD", 2, w.data());
}

// The bias model's user sums are int64 in 2^-32 stars; a loaded sum must leave room for the next learn().
TEST(LoadLimits, BiasUserSumsThatTheNextLearnWouldOverflowAreRefused) {
    BiasBaselineModel m;
    // Accepted before the fix: a count near 2^32 let any sum through, and learn() then overflowed int64 (UB).
    EXPECT_THROW(load_model(m, bias_file(4294967295u, INT64_MAX - 5)), FormatError);
    EXPECT_THROW(load_model(m, bias_file(uint64_t{1} << 27, INT64_MAX / 2)), FormatError);
    // The most a user may hold, with the largest sum it allows: learn() refuses more rather than overflow.
    const uint64_t max_count = uint64_t{1} << 26;
    const int64_t max_sum = static_cast<int64_t>(max_count) << 36;
    load_model(m, bias_file(max_count, max_sum));
    EXPECT_THROW(m.learn(Rating{0, 0, 10, 0}), std::invalid_argument);
    m.forget(Rating{0, 1, 1, 0});  // (r - mu - b_i) = 0.5 - 3.5 + 0.5 = -2.5 stars
    m.learn(Rating{0, 0, 10, 0});  // room again: no overflow, a finite prediction
    EXPECT_GE(m.predict(0, 0), 0.5);
    EXPECT_LE(m.predict(0, 0), 5.0);
    // Just below the limit a sum over it is refused.
    EXPECT_THROW(load_model(m, bias_file(max_count - 1, max_sum)), FormatError);
}

}  // namespace
}  // namespace wl
