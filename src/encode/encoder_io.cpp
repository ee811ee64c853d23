// Encoder save/load: config text, genre labels, thresholds and codes; load checks every field before committing.
#include <cmath>

#include "weightless/encode/encoder.hpp"
#include "weightless/util/params.hpp"

namespace wl {

namespace {

void write_doubles(ByteWriter& w, const std::vector<double>& v) {
    w.varint(v.size());
    for (double d : v) w.f64(d);
}

std::vector<double> read_thresholds(ByteReader& r, size_t expected, const char* name) {
    const size_t n = r.count(8, 64);
    if (n != expected)
        r.fail(std::string("encoder: ") + name + " has " + std::to_string(n) + " thresholds, the config implies " +
               std::to_string(expected));
    std::vector<double> v(n);
    for (size_t i = 0; i < n; ++i) {
        v[i] = r.f64();
        if (std::isnan(v[i]) || (i > 0 && v[i] < v[i - 1]))
            r.fail(std::string("encoder: ") + name + " thresholds are not a non-decreasing sequence of numbers");
    }
    return v;
}

}  // namespace

void Encoder::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    w.u8(fitted_ ? 1 : 0);
    if (!fitted_) return;
    w.u32(num_items_);
    w.u32(bits_);
    w.varint(genre_names_.size());
    for (const auto& g : genre_names_) w.str(g);
    write_doubles(w, thr_.year);
    write_doubles(w, thr_.popularity);
    write_doubles(w, thr_.mean);
    w.u64(train_sum_half_);
    w.u64(train_count_);
    for (uint64_t c : codes_) w.u64(c);
}

void Encoder::load(ByteReader& r) {
    EncoderConfig cfg;
    const std::string text = r.str(4096);
    try {
        apply_params(cfg, text);
    } catch (const ParamError& e) {
        r.fail(std::string("encoder config: ") + e.what());
    }
    const uint8_t fitted = r.u8();
    if (fitted > 1) r.fail("encoder: bad fitted flag");
    if (!fitted) {
        *this = Encoder(cfg);
        return;
    }
    const uint32_t n = r.u32();
    const uint32_t bits = r.u32();
    const size_t num_genres = r.count(1, 32);
    std::vector<std::string> names(num_genres);
    for (auto& g : names) g = r.str(256);
    auto layout = make_layout(cfg, names);
    uint32_t expected_bits = 0;
    for (const auto& s : layout) expected_bits += s.count;
    if (bits != expected_bits)
        r.fail("encoder: " + std::to_string(bits) + " bits stored but the config and genres imply " + std::to_string(expected_bits));
    const bool features = cfg.layout == EncoderLayout::Features;
    auto expect = [&](const ThermometerConfig& t) { return features && t.enabled ? static_cast<size_t>(t.bits) : size_t{0}; };
    EncoderThresholds thr;
    thr.year = read_thresholds(r, expect(cfg.year), "year");
    thr.popularity = read_thresholds(r, expect(cfg.popularity), "popularity");
    thr.mean = read_thresholds(r, expect(cfg.mean), "mean");
    const uint64_t gsum = r.u64(), gcount = r.u64();
    if (gsum < gcount || gsum > 10 * gcount) r.fail("encoder: training rating totals are inconsistent");
    const uint32_t words = (bits + 63) / 64;
    if (n > (uint32_t{1} << 28) || (words > 0 && n > r.remaining() / (8 * size_t{words})))
        r.fail("encoder: item count " + std::to_string(n) + " larger than the data left");
    std::vector<uint64_t> codes(static_cast<size_t>(n) * words);
    const uint64_t top_mask = bits % 64 ? ~uint64_t{0} << (bits % 64) : 0;
    for (size_t i = 0; i < codes.size(); ++i) {
        codes[i] = r.u64();
        if (i % words == words - 1 && (codes[i] & top_mask))
            r.fail("encoder: item " + std::to_string(i / words) + " has bits set beyond the " + std::to_string(bits) + "-bit code");
    }
    // Commit.
    cfg_ = cfg;
    fitted_ = true;
    bits_ = bits;
    num_items_ = n;
    genre_names_ = std::move(names);
    layout_ = std::move(layout);
    thr_ = std::move(thr);
    train_sum_half_ = gsum;
    train_count_ = gcount;
    codes_ = std::move(codes);
}

}  // namespace wl
