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

// The saved config: EncoderConfig's keys plus external.* (which EncoderConfig::visit leaves out).
struct SavedConfig {
    EncoderConfig cfg;
    template <class V>
    void visit(V& v) {
        cfg.visit(v);
        v.group("external", cfg.external);
    }
};

// external.* only when not at its defaults: files without external features are byte for byte those of builds
// that predate them, and those builds refuse files with them (unknown parameter) rather than misread them.
std::string saved_text(const EncoderConfig& cfg) {
    const ThermometerConfig def = EncoderConfig{}.external;
    const bool at_default =
        cfg.external.enabled == def.enabled && cfg.external.bits == def.bits && cfg.external.kind == def.kind;
    if (at_default) return params_to_text(cfg);
    return params_to_text(SavedConfig{cfg});
}

}  // namespace

void Encoder::save(ByteWriter& w) const {
    w.str(saved_text(cfg_));
    w.u8(fitted_ ? 1 : 0);
    if (!fitted_) return;
    w.u32(num_items_);
    w.u32(bits_);
    w.varint(genre_names_.size());
    for (const auto& g : genre_names_) w.str(g);
    if (cfg_.external.enabled) {  // absent otherwise: the bytes stay those of builds without external features
        w.varint(external_names_.size());
        for (const auto& e : external_names_) w.str(e);
        for (const auto& t : thr_.external) write_doubles(w, t);
    }
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
        SavedConfig saved{cfg};
        apply_params(saved, text);
        cfg = saved.cfg;
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
    std::vector<std::string> ext_names;
    std::vector<std::vector<double>> ext_thr;
    if (cfg.external.enabled) {
        const size_t dims = r.count(2, Encoder::kMaxExternalDims);
        if (dims == 0) r.fail("encoder: external features enabled but none stored");
        ext_names.resize(dims);
        for (auto& e : ext_names) {
            e = r.str(64);
            if (e.empty()) r.fail("encoder: an external feature has an empty name");
        }
        for (size_t d = 0; d < dims; ++d)
            ext_thr.push_back(read_thresholds(r, static_cast<size_t>(cfg.rated_thresholds(cfg.external, cfg.unrated_apart_rest())), "external"));
    }
    auto layout = make_layout(cfg, names, ext_names);
    uint32_t expected_bits = 0;
    for (const auto& s : layout) expected_bits += s.count;
    if (bits != expected_bits)
        r.fail("encoder: " + std::to_string(bits) + " bits stored but the config and genres imply " + std::to_string(expected_bits));
    const bool features = cfg.layout == EncoderLayout::Features;
    auto expect = [&](const ThermometerConfig& t) { return features && t.enabled ? static_cast<size_t>(t.bits) : size_t{0}; };
    EncoderThresholds thr;
    thr.year = read_thresholds(r, expect(cfg.year), "year");
    // One threshold fewer where the zero level is kept for films without training ratings (EncoderConfig::unrated).
    const auto rated = [&](const ThermometerConfig& t, bool apart) { return expect(t) - (expect(t) && apart ? 1 : 0); };
    thr.popularity = read_thresholds(r, rated(cfg.popularity, cfg.unrated_apart_popularity()), "popularity");
    thr.mean = read_thresholds(r, rated(cfg.mean, cfg.unrated_apart_rest()), "mean");
    thr.external = std::move(ext_thr);
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
    external_names_ = std::move(ext_names);
    layout_ = std::move(layout);
    thr_ = std::move(thr);
    train_sum_half_ = gsum;
    train_count_ = gcount;
    codes_ = std::move(codes);
}

}  // namespace wl
