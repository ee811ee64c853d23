// Binary IO and the checksummed container: round trips, and every kind of corruption is refused cleanly.
#include "weightless/util/bytes.hpp"

#include <gtest/gtest.h>

#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

TEST(Bytes, RoundTripsEveryType) {
    ByteWriter w;
    w.u8(7);
    w.u32(0xDEADBEEF);
    w.i64(-5);
    w.f64(3.25);
    w.varint(300);
    w.svarint(-123456789);
    w.str("héllo");
    ByteReader r(w.data());
    EXPECT_EQ(r.u8(), 7);
    EXPECT_EQ(r.u32(), 0xDEADBEEFu);
    EXPECT_EQ(r.i64(), -5);
    EXPECT_EQ(r.f64(), 3.25);
    EXPECT_EQ(r.varint(), 300u);
    EXPECT_EQ(r.svarint(), -123456789);
    EXPECT_EQ(r.str(), "héllo");
    EXPECT_TRUE(r.done());
    EXPECT_THROW(r.u8(), FormatError);
}

TEST(Bytes, Crc32MatchesKnownValue) {
    const std::string s = "123456789";
    EXPECT_EQ(crc32({reinterpret_cast<const uint8_t*>(s.data()), s.size()}), 0xCBF43926u);
}

TEST(Bytes, ContainerRejectsCorruption) {
    const std::vector<uint8_t> payload = {1, 2, 3, 4, 5};
    auto file = wrap_container("TEST", 1, payload);
    auto back = unwrap_container(file, "TEST", 1, nullptr, "t");
    EXPECT_EQ(std::vector<uint8_t>(back.begin(), back.end()), payload);

    auto flipped = file;
    flipped[14] ^= 1;  // a payload byte
    EXPECT_THROW(unwrap_container(flipped, "TEST", 1, nullptr, "t"), FormatError);
    auto truncated = file;
    truncated.pop_back();
    EXPECT_THROW(unwrap_container(truncated, "TEST", 1, nullptr, "t"), FormatError);
    EXPECT_THROW(unwrap_container(file, "OTHR", 1, nullptr, "t"), FormatError);
    auto future = wrap_container("TEST", 2, payload);
    EXPECT_THROW(unwrap_container(future, "TEST", 1, nullptr, "t"), FormatError);
    EXPECT_THROW(unwrap_container({}, "TEST", 1, nullptr, "t"), FormatError);
}

TEST(Bytes, HostileCountIsRefusedBeforeAllocating) {
    ByteWriter w;
    w.varint(uint64_t{1} << 60);
    ByteReader r(w.data());
    EXPECT_THROW(r.count(4), FormatError);
}

TEST(Rng, SameSeedSameStreamAndUnbiasedRange) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
    EXPECT_NE(Rng(42).next(), c.next());
    Rng r(1);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) counts[r.below(3)]++;
    for (int k : counts) EXPECT_NEAR(k, 10000, 500);
}

struct Inner {
    int bits = 8;
    template <class V>
    void visit(V& v) { v.field("bits", bits, 1, 64, "bits"); }
};
enum class Kind { A, B };
struct Cfg {
    double k = 1.5;
    bool on = true;
    Kind kind = Kind::A;
    Inner inner;
    template <class V>
    void visit(V& v) {
        v.field("k", k, 0.0, 10.0, "k");
        v.flag("on", on, "on");
        v.choice("kind", kind, {"a", "b"}, "kind");
        v.group("inner", inner);
    }
};

TEST(Params, TextRoundTripAndErrorsLeaveConfigUnchanged) {
    Cfg c;
    EXPECT_EQ(params_to_text(c), "k=1.5 on=1 kind=a inner.bits=8");
    apply_params(c, "k=0.1,kind=b inner.bits=3");
    EXPECT_EQ(c.k, 0.1);
    EXPECT_EQ(c.kind, Kind::B);
    EXPECT_EQ(c.inner.bits, 3);
    Cfg d;
    apply_params(d, params_to_text(c));
    EXPECT_EQ(params_to_text(d), params_to_text(c));

    const std::string before = params_to_text(c);
    EXPECT_THROW(apply_params(c, "k=2 inner.bits=999"), ParamError);  // out of range
    EXPECT_THROW(apply_params(c, "nope=1"), ParamError);              // unknown
    EXPECT_THROW(apply_params(c, "k=abc"), ParamError);               // not a number
    EXPECT_THROW(apply_params(c, "k=nan"), ParamError);
    EXPECT_THROW(apply_params(c, "kind=c"), ParamError);
    EXPECT_THROW(apply_params(c, "justtext"), ParamError);
    EXPECT_EQ(params_to_text(c), before);
}

TEST(Params, RealsPrintShortAndWholeNumbersWithoutExponent) {
    EXPECT_EQ(detail::format_real(10.0), "10");  // %g alone gives "1e+01"
    EXPECT_EQ(detail::format_real(1e6), "1000000");
    EXPECT_EQ(detail::format_real(-3.0), "-3");
    EXPECT_EQ(detail::format_real(0.0), "0");
    EXPECT_EQ(detail::format_real(0.005), "0.005");
    EXPECT_EQ(detail::format_real(1.5), "1.5");
    EXPECT_EQ(detail::format_real(1e-8), "1e-08");
    for (double v : {0.1, 1.0 / 3.0, 123456.789, 1e300, -2.5e-7, 4503599627370497.0}) {
        double back = 0;
        ASSERT_TRUE(detail::parse_real(detail::format_real(v), back)) << v;
        EXPECT_EQ(back, v);
    }
}

}  // namespace
}  // namespace wl
