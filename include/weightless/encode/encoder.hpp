// Item encoder: turns every catalogue item into a fixed-width bit code (the WNN's input), with statistics
// (popularity, mean rating, thresholds) taken from the training ratings only, never from the ratings to predict.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/encode/thermometer.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

struct ThermometerConfig {
    bool enabled = true;
    int32_t bits = 8;
    ThresholdKind kind = ThresholdKind::Quantile;
    template <class V>
    void visit(V& v) {
        v.flag("enabled", enabled, "include this feature");
        v.field("bits", bits, 1, 64, "thermometer bits");
        v.choice("kind", kind, {"uniform", "quantile"}, "thresholds evenly spaced or equal-probability");
    }
};

enum class EncoderLayout { Features, Paper };

// How a film without training ratings (no community data) is coded in the features computed from training ratings.
// blend: as a rated film: the lowest popularity bin (all zeros, shared with the least rated films), the global mean
// (the shrunk mean of a film with no ratings), its external values. apart: a code of its own, all zeros, which no rated
// film has, in popularity, mean and external: a rated film's thermometer starts at one bit (its first bit says "the
// community rated it"), so its levels come from bits - 1 thresholds. popularity: apart in popularity only (the mean
// keeps its prior, which already says "nothing known", not "rated low"). The paper layout is the reference's fixed
// 26 bits and ignores this.
enum class UnratedCode { Blend, Apart, Popularity };

struct EncoderConfig {
    // features: genres multi-hot + year/popularity/mean thermometers; paper: the reference's fixed 26 bits.
    EncoderLayout layout = EncoderLayout::Features;
    bool genres = true;
    ThermometerConfig year, popularity, mean;
    double mean_prior = 5.0;
    UnratedCode unrated = UnratedCode::Blend;
    // Real-valued item features supplied at fit time (ExternalFeatures, e.g. a central model's item factors), one
    // thermometer per dimension after every other feature. Deliberately not listed by visit(): only a model that
    // supplies such features exposes these keys (the hybrid, as wnn.encoder.external.*), so the WNN's, MLP's and
    // app's config texts and saved bytes are exactly those of builds without it. Saved by the encoder when not at
    // these defaults.
    ThermometerConfig external{false, 8, ThresholdKind::Quantile};
    template <class V>
    void visit(V& v) {
        v.choice("layout", layout, {"features", "paper"}, "features (MovieLens genres, year, popularity, mean) or paper (26 bits)");
        v.flag("genres", genres, "one bit per genre label of the dataset");
        v.group("year", year);
        v.group("popularity", popularity);
        v.group("mean", mean);
        v.field("mean_prior", mean_prior, 0.0, 1000.0, "pseudo-ratings shrinking an item's mean toward the global mean");
        v.choice("unrated", unrated, {"blend", "apart", "popularity"},
                 "a film without training ratings: coded as a little-rated, average film, by a code of its own, or apart in popularity only");
    }
    // Whether films without training ratings get the all-zero code of their own in popularity, and in mean/external.
    bool unrated_apart_popularity() const { return unrated != UnratedCode::Blend; }
    bool unrated_apart_rest() const { return unrated == UnratedCode::Apart; }
    // Thresholds of a thermometer fed by training ratings: one fewer where the zero level is kept for unrated films.
    int32_t rated_thresholds(const ThermometerConfig& t, bool apart) const { return t.bits - (apart ? 1 : 0); }
};

// Item features from outside the encoder, row-major: item i's dims values at values[i*dims, (i+1)*dims). Public
// per-item numbers only (the hybrid passes a central model's item factors and biases learned on training ratings).
// names: empty (then "0", "1", ...) or one per dimension; they name the code's spans "ext:<name>".
struct ExternalFeatures {
    std::span<const float> values;
    uint32_t dims = 0;
    std::vector<std::string> names;
};

// A named run of bits in the code, for explanations ("genre:Comedy", "year", "vote_count", ...).
struct FeatureSpan {
    std::string name;
    uint32_t first = 0, count = 0;
};

// Thresholds in effect after fit (empty for a disabled feature or the paper layout). Bit k of a thermometer is
// on when value > t[k]. Year in years, popularity in training-rating counts (integers), mean in stars, external:
// one vector per dimension in the feature's own units (the float values widened to double).
struct EncoderThresholds {
    std::vector<double> year, popularity, mean;
    std::vector<std::vector<double>> external;
};

// Where the paper layout takes its vote average, language and vote count from: the catalogue's TMDB fields
// (Item::vote_average, language, vote_count) for each field that any item has, else today's MovieLens proxies
// (training mean rating, a constant language, training rating count).
struct PaperSources {
    bool vote_average = false, language = false, vote_count = false;  // true: from TMDB fields
};
PaperSources paper_sources(const Dataset& catalogue);
// "vote_average: TMDB; language: TMDB; vote_count: TMDB" (or "MovieLens proxy (...)" for each that falls back).
std::string paper_sources_text(const PaperSources& s);

class Encoder {
public:
    static constexpr uint32_t kMaxExternalDims = 1024;

    Encoder() = default;
    explicit Encoder(EncoderConfig cfg) : cfg_(cfg) {}

    const EncoderConfig& config() const { return cfg_; }
    // Computes thresholds and every item's code. Statistics come from `train` only; the catalogue gives genres,
    // years and the item count. Throws std::invalid_argument for ratings that do not fit the catalogue.
    // With config().external.enabled, `external` must hold one row per catalogue item (finite values): each
    // dimension becomes a thermometer whose thresholds are taken over the items that have training ratings (every
    // item is encoded by its own value). Without it, `external` is ignored. Throws std::invalid_argument when
    // external is enabled and the features are missing, of the wrong size, non-finite or misnamed.
    void fit(const Dataset& catalogue, std::span<const Rating> train, const ExternalFeatures& external = {});
    bool fitted() const { return fitted_; }

    uint32_t bits() const { return bits_; }
    uint32_t words() const { return (bits_ + 63) / 64; }  // 64-bit words per item
    uint32_t num_items() const { return num_items_; }
    // All codes: item i occupies [i*words, (i+1)*words), bit k of the item is bit k%64 of word k/64.
    std::span<const uint64_t> codes() const { return codes_; }
    std::span<const uint64_t> code(uint32_t item) const;
    bool bit(uint32_t item, uint32_t k) const;
    const std::vector<FeatureSpan>& layout() const { return layout_; }
    const EncoderThresholds& thresholds() const { return thr_; }
    // Mean training rating in stars (3.0 when there are no training ratings).
    double global_mean() const;

    // Config, genre names, thresholds and codes. load() validates everything, throws FormatError and leaves
    // this encoder unchanged on bad input.
    void save(ByteWriter& w) const;
    void load(ByteReader& r);
    size_t memory_bytes() const;

private:
    static std::vector<FeatureSpan> make_layout(const EncoderConfig& cfg, const std::vector<std::string>& genre_names,
                                                const std::vector<std::string>& external_names);

    EncoderConfig cfg_;
    bool fitted_ = false;
    uint32_t bits_ = 0, num_items_ = 0;
    std::vector<std::string> genre_names_;  // the catalogue's labels (features layout)
    std::vector<std::string> external_names_;  // one per external dimension (external enabled)
    std::vector<FeatureSpan> layout_;
    EncoderThresholds thr_;
    uint64_t train_sum_half_ = 0, train_count_ = 0;
    std::vector<uint64_t> codes_;
};

}  // namespace wl
