// Item encoder: fit (statistics from training ratings only) and the two layouts; see encoder.hpp.
#include "weightless/encode/encoder.hpp"

#include <array>
#include <cmath>
#include <stdexcept>

namespace wl {

namespace {

// The reference's ten genres, in its bit order; matched case-insensitively against the dataset's labels.
constexpr std::array<const char*, 10> kPaperGenres = {"drama",    "comedy",    "action",  "romance", "documentary",
                                                       "thriller", "adventure", "fantasy", "crime",   "horror"};

std::string lower_ascii(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void set_bit(std::vector<uint64_t>& codes, uint32_t words, uint32_t item, uint32_t k) {
    codes[static_cast<size_t>(item) * words + k / 64] |= uint64_t{1} << (k % 64);
}

// Sets bits first..first+level-1 (a thermometer with `level` ones).
void set_run(std::vector<uint64_t>& codes, uint32_t words, uint32_t item, uint32_t first, uint32_t level) {
    for (uint32_t k = 0; k < level; ++k) set_bit(codes, words, item, first + k);
}

// Uniform popularity thresholds are spaced on log(count) but stored as integer counts: the largest count whose
// stable_log does not exceed the log threshold. Items are then compared by count, so no log is taken per item.
std::vector<double> uniform_count_thresholds(uint64_t min_count, uint64_t max_count, int32_t bits) {
    const auto logs = uniform_thresholds(stable_log(static_cast<double>(min_count)),
                                         stable_log(static_cast<double>(max_count)), bits);
    std::vector<double> t;
    t.reserve(logs.size());
    for (double lt : logs) {
        uint64_t lo = min_count, hi = max_count;  // stable_log(lo) <= lt always holds (lt >= log(min))
        while (lo < hi) {
            const uint64_t mid = lo + (hi - lo + 1) / 2;
            if (stable_log(static_cast<double>(mid)) <= lt) lo = mid;
            else hi = mid - 1;
        }
        t.push_back(static_cast<double>(lo));
    }
    return t;
}

// Checks the external features against the catalogue and returns one name per dimension.
std::vector<std::string> external_names(const ExternalFeatures& ext, uint32_t items, int32_t bits) {
    if (ext.dims == 0)
        throw std::invalid_argument("encoder: external.enabled needs external item features at fit time (none given)");
    if (ext.dims > Encoder::kMaxExternalDims)
        throw std::invalid_argument("encoder: " + std::to_string(ext.dims) + " external dimensions, at most " +
                                    std::to_string(Encoder::kMaxExternalDims));
    if (bits < 1 || bits > 64) throw std::invalid_argument("encoder: external.bits must be in [1, 64]");
    if (ext.values.size() != size_t{items} * ext.dims)
        throw std::invalid_argument("encoder: " + std::to_string(ext.values.size()) + " external values, expected " +
                                    std::to_string(items) + " items x " + std::to_string(ext.dims) + " dimensions");
    for (size_t k = 0; k < ext.values.size(); ++k)
        if (!std::isfinite(ext.values[k]))
            throw std::invalid_argument("encoder: external value of item index " + std::to_string(k / ext.dims) +
                                        ", dimension " + std::to_string(k % ext.dims) + " is not a finite number");
    if (!ext.names.empty() && ext.names.size() != ext.dims)
        throw std::invalid_argument("encoder: " + std::to_string(ext.names.size()) + " external names for " +
                                    std::to_string(ext.dims) + " dimensions");
    std::vector<std::string> names = ext.names;
    for (uint32_t d = 0; d < ext.dims && ext.names.empty(); ++d) names.push_back(std::to_string(d));
    for (const auto& s : names)
        if (s.empty() || s.size() > 64) throw std::invalid_argument("encoder: external feature names must have 1..64 characters");
    return names;
}

// The reference's three-bit codes, written as bit strings (first character = first bit of the field).
const char* paper_vote_average_code(uint64_t sum, uint64_t count_times_scale) {
    // value < k  <=>  sum < k * count_times_scale (integers: no rounding anywhere)
    const uint64_t c = count_times_scale;
    return sum < 1 * c ? "000" : sum < 2 * c ? "001" : sum < 3 * c ? "010" : sum < 4 * c ? "011" : "111";
}

const char* paper_language_code(const std::string& lang) {
    if (lang == "en") return "000";
    if (lang == "fr") return "001";
    if (lang == "de") return "010";
    if (lang == "ja") return "011";
    if (lang == "it") return "100";
    if (lang == "es") return "110";
    return "111";  // any other language, and an unknown one
}

void set_code(std::vector<uint64_t>& codes, uint32_t words, uint32_t item, uint32_t first, const char* code) {
    for (uint32_t k = 0; code[k]; ++k)
        if (code[k] == '1') set_bit(codes, words, item, first + k);
}

}  // namespace

PaperSources paper_sources(const Dataset& catalogue) {
    PaperSources s;
    for (const Item& it : catalogue.items) {
        s.vote_average |= it.vote_average != Item::kNoVoteAverage;
        s.language |= !it.language.empty();
        s.vote_count |= it.vote_count != Item::kNoVoteCount;
    }
    return s;
}

std::string paper_sources_text(const PaperSources& s) {
    return std::string("vote_average: ") + (s.vote_average ? "TMDB vote average (0-10)" : "MovieLens proxy (training mean, stars)") +
           "; language: " + (s.language ? "TMDB original_language" : "MovieLens proxy (constant 000)") +
           "; vote_count: " + (s.vote_count ? "TMDB vote count" : "MovieLens proxy (training rating count)");
}

std::vector<FeatureSpan> Encoder::make_layout(const EncoderConfig& cfg, const std::vector<std::string>& genre_names,
                                             const std::vector<std::string>& external_names) {
    std::vector<FeatureSpan> spans;
    uint32_t pos = 0;
    auto add = [&](std::string name, uint32_t count) {
        spans.push_back({std::move(name), pos, count});
        pos += count;
    };
    if (cfg.layout == EncoderLayout::Paper) {
        for (const char* g : kPaperGenres) add(std::string("genre:") + g, 1);
        add("vote_average", 3);
        add("language", 3);
        add("vote_count", 10);
    } else {
        if (cfg.genres)
            for (const auto& g : genre_names) add("genre:" + g, 1);
        if (cfg.year.enabled) add("year", static_cast<uint32_t>(cfg.year.bits));
        if (cfg.popularity.enabled) add("popularity", static_cast<uint32_t>(cfg.popularity.bits));
        if (cfg.mean.enabled) add("mean", static_cast<uint32_t>(cfg.mean.bits));
    }
    if (cfg.external.enabled)
        for (const auto& e : external_names) add("ext:" + e, static_cast<uint32_t>(cfg.external.bits));
    return spans;
}

void Encoder::fit(const Dataset& catalogue, std::span<const Rating> train, const ExternalFeatures& external) {
    if (catalogue.genre_names.size() > 32)
        throw std::invalid_argument("encoder: the catalogue has " + std::to_string(catalogue.genre_names.size()) +
                                    " genre labels, at most 32 are supported");
    if (catalogue.items.size() > (size_t{1} << 28))
        throw std::invalid_argument("encoder: the catalogue has too many items");
    const auto n = static_cast<uint32_t>(catalogue.items.size());
    const uint32_t num_genres = static_cast<uint32_t>(catalogue.genre_names.size());
    for (uint32_t i = 0; i < n; ++i)
        if (num_genres < 32 && (catalogue.items[i].genres >> num_genres) != 0)
            throw std::invalid_argument("encoder: item " + std::to_string(catalogue.items[i].id) +
                                        " has a genre bit beyond the catalogue's " + std::to_string(num_genres) + " labels");

    // Per-item training statistics (integers: half stars and counts).
    std::vector<uint64_t> count(n, 0), sum(n, 0);
    uint64_t gsum = 0, gcount = 0;
    for (const Rating& r : train) {
        if (r.item >= n)
            throw std::invalid_argument("encoder: training rating for item index " + std::to_string(r.item) +
                                        " outside the catalogue of " + std::to_string(n) + " items");
        if (!valid_half_stars(r.half_stars))
            throw std::invalid_argument("encoder: training rating with " + std::to_string(r.half_stars) +
                                        " half stars (must be 1..10)");
        ++count[r.item];
        sum[r.item] += r.half_stars;
        ++gcount;
        gsum += r.half_stars;
    }

    std::vector<std::string> ext_names;
    if (cfg_.external.enabled) ext_names = external_names(external, n, cfg_.external.bits);

    EncoderThresholds thr;
    auto layout = make_layout(cfg_, catalogue.genre_names, ext_names);
    uint32_t bits = 0;
    for (const auto& s : layout) bits += s.count;
    const uint32_t words = (bits + 63) / 64;
    std::vector<uint64_t> codes(static_cast<size_t>(n) * words, 0);
    const double gmean = gcount ? static_cast<double>(gsum) / (2.0 * static_cast<double>(gcount)) : 3.0;
    const bool apart = cfg_.unrated_apart_rest();

    if (cfg_.layout == EncoderLayout::Paper) {
        const PaperSources src = paper_sources(catalogue);
        std::array<int, 10> dataset_genre{};
        for (size_t p = 0; p < kPaperGenres.size(); ++p) {
            dataset_genre[p] = -1;
            for (uint32_t g = 0; g < num_genres; ++g)
                if (lower_ascii(catalogue.genre_names[g]) == kPaperGenres[p]) dataset_genre[p] = static_cast<int>(g);
        }
        for (uint32_t i = 0; i < n; ++i) {
            for (uint32_t p = 0; p < 10; ++p)
                if (dataset_genre[p] >= 0 && (catalogue.items[i].genres >> dataset_genre[p]) & 1u) set_bit(codes, words, i, p);
            // Vote average on the reference's bins (<1, <2, <3, <4, else). TMDB: its 0-10 vote average, as the
            // reference had it (so most films land in "else"); unknown counts as 0, TMDB's value for an unvoted film.
            // Proxy: the item's training mean in stars, compared exactly (mean < k <=> half-star sum < 2k * count);
            // unrated items take the bin of the global training mean (3.0 stars when there is no training at all).
            const Item& it = catalogue.items[i];
            if (src.vote_average) {
                set_code(codes, words, i, 10, paper_vote_average_code(it.vote_average < 0 ? 0 : static_cast<uint64_t>(it.vote_average), 100));
            } else {
                const uint64_t s = count[i] ? sum[i] : (gcount ? gsum : 6);
                const uint64_t c = count[i] ? count[i] : (gcount ? gcount : 1);
                set_code(codes, words, i, 10, paper_vote_average_code(s, 2 * c));
            }
            // Language, bits 13..15: TMDB's original_language on the reference's codes (unknown = other, 111).
            // Proxy: MovieLens has no language field, so the bits stay 000 (English in the reference's code): they
            // carry no information but keep the 26-bit layout.
            if (src.language) set_code(codes, words, i, 13, paper_language_code(it.language));
            // Vote count: one-hot bin of width 100, last bin open. TMDB's vote count (unknown = 0), or the proxy:
            // the item's training rating count.
            const uint64_t votes = src.vote_count ? static_cast<uint64_t>(it.vote_count < 0 ? 0 : it.vote_count) : count[i];
            const uint64_t bin = votes / 100 < 9 ? votes / 100 : 9;
            set_bit(codes, words, i, 16 + static_cast<uint32_t>(bin));
        }
    } else {
        uint32_t pos = 0;
        if (cfg_.genres) {
            for (uint32_t i = 0; i < n; ++i)
                for (uint32_t g = 0; g < num_genres; ++g)
                    if ((catalogue.items[i].genres >> g) & 1u) set_bit(codes, words, i, pos + g);
            pos += num_genres;
        }
        if (cfg_.year.enabled) {
            std::vector<double> years;
            double lo = 0, hi = 0;
            for (const Item& it : catalogue.items)
                if (it.year != 0) {
                    const double y = it.year;
                    if (years.empty() || y < lo) lo = y;
                    if (years.empty() || y > hi) hi = y;
                    years.push_back(y);
                }
            thr.year = cfg_.year.kind == ThresholdKind::Quantile || years.empty()
                           ? quantile_thresholds(years, cfg_.year.bits)
                           : uniform_thresholds(lo, hi, cfg_.year.bits);
            for (uint32_t i = 0; i < n; ++i)
                if (catalogue.items[i].year != 0)  // unknown year: all zeros
                    set_run(codes, words, i, pos, thermometer_level(catalogue.items[i].year, thr.year));
            pos += static_cast<uint32_t>(cfg_.year.bits);
        }
        if (cfg_.popularity.enabled) {
            // Compared as training-rating counts: quantiles of log(count) are quantiles of count.
            std::vector<double> counts;
            uint64_t lo = 0, hi = 0;
            for (uint32_t i = 0; i < n; ++i)
                if (count[i]) {
                    if (counts.empty() || count[i] < lo) lo = count[i];
                    if (counts.empty() || count[i] > hi) hi = count[i];
                    counts.push_back(static_cast<double>(count[i]));
                }
            const bool apart_pop = cfg_.unrated_apart_popularity();
            const uint32_t first = apart_pop ? 1 : 0;  // a rated film's lowest level (zero is kept for the unrated)
            const int32_t nt = cfg_.rated_thresholds(cfg_.popularity, apart_pop);
            thr.popularity = nt == 0 ? std::vector<double>{}  // one bit, unrated=apart: only "the community rated it"
                             : cfg_.popularity.kind == ThresholdKind::Quantile || counts.empty()
                                 ? quantile_thresholds(counts, nt)
                                 : uniform_count_thresholds(lo, hi, nt);
            for (uint32_t i = 0; i < n; ++i)
                if (count[i])  // never rated in training: all zeros
                    set_run(codes, words, i, pos, first + thermometer_level(static_cast<double>(count[i]), thr.popularity));
            pos += static_cast<uint32_t>(cfg_.popularity.bits);
        }
        if (cfg_.mean.enabled) {
            // Item mean in stars shrunk toward the global mean by mean_prior pseudo-ratings; basic operations only.
            std::vector<double> value(n, gmean), rated;
            double lo = 0, hi = 0;
            for (uint32_t i = 0; i < n; ++i)
                if (count[i]) {
                    value[i] = (static_cast<double>(sum[i]) * 0.5 + cfg_.mean_prior * gmean) /
                               (static_cast<double>(count[i]) + cfg_.mean_prior);
                    if (rated.empty() || value[i] < lo) lo = value[i];
                    if (rated.empty() || value[i] > hi) hi = value[i];
                    rated.push_back(value[i]);
                }
            const int32_t nt = cfg_.rated_thresholds(cfg_.mean, apart);
            thr.mean = nt == 0 ? std::vector<double>{}
                       : cfg_.mean.kind == ThresholdKind::Quantile || rated.empty() ? quantile_thresholds(rated, nt)
                                                                                    : uniform_thresholds(lo, hi, nt);
            for (uint32_t i = 0; i < n; ++i)
                if (count[i] || !apart) set_run(codes, words, i, pos, (count[i] && apart ? 1 : 0) + thermometer_level(value[i], thr.mean));
            pos += static_cast<uint32_t>(cfg_.mean.bits);
        }
    }

    if (cfg_.external.enabled) {
        uint32_t pos = bits - static_cast<uint32_t>(ext_names.size()) * static_cast<uint32_t>(cfg_.external.bits);
        const size_t dims = external.dims;
        for (size_t d = 0; d < dims; ++d) {
            std::vector<double> rated;
            double lo = 0, hi = 0;
            for (uint32_t i = 0; i < n; ++i)
                if (count[i]) {
                    const double x = external.values[i * dims + d];
                    if (rated.empty() || x < lo) lo = x;
                    if (rated.empty() || x > hi) hi = x;
                    rated.push_back(x);
                }
            const int32_t nt = cfg_.rated_thresholds(cfg_.external, apart);
            auto t = nt == 0 ? std::vector<double>{}
                     : cfg_.external.kind == ThresholdKind::Quantile || rated.empty() ? quantile_thresholds(rated, nt)
                                                                                      : uniform_thresholds(lo, hi, nt);
            for (uint32_t i = 0; i < n; ++i)
                if (!apart) set_run(codes, words, i, pos, thermometer_level(external.values[i * dims + d], t));
                else if (count[i]) set_run(codes, words, i, pos, 1 + thermometer_level(external.values[i * dims + d], t));
            thr.external.push_back(std::move(t));
            pos += static_cast<uint32_t>(cfg_.external.bits);
        }
    }

    // Commit.
    fitted_ = true;
    bits_ = bits;
    num_items_ = n;
    genre_names_ = catalogue.genre_names;
    external_names_ = std::move(ext_names);
    layout_ = std::move(layout);
    thr_ = std::move(thr);
    train_sum_half_ = gsum;
    train_count_ = gcount;
    codes_ = std::move(codes);
}

std::span<const uint64_t> Encoder::code(uint32_t item) const {
    if (item >= num_items_)
        throw std::invalid_argument("encoder: item index " + std::to_string(item) + " outside the catalogue of " +
                                    std::to_string(num_items_) + " items");
    return std::span<const uint64_t>(codes_).subspan(static_cast<size_t>(item) * words(), words());
}

bool Encoder::bit(uint32_t item, uint32_t k) const {
    if (k >= bits_) throw std::invalid_argument("encoder: bit " + std::to_string(k) + " outside the " + std::to_string(bits_) + "-bit code");
    return (code(item)[k / 64] >> (k % 64)) & 1u;
}

double Encoder::global_mean() const {
    return train_count_ ? static_cast<double>(train_sum_half_) / (2.0 * static_cast<double>(train_count_)) : 3.0;
}

size_t Encoder::memory_bytes() const {
    size_t b = sizeof(*this) + codes_.size() * sizeof(uint64_t);
    b += (thr_.year.size() + thr_.popularity.size() + thr_.mean.size()) * sizeof(double);
    for (const auto& t : thr_.external) b += sizeof(t) + t.size() * sizeof(double);
    for (const auto& e : external_names_) b += e.size();
    for (const auto& g : genre_names_) b += g.size();
    for (const auto& s : layout_) b += sizeof(s) + s.name.size();
    return b;
}

}  // namespace wl
