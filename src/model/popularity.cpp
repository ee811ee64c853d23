// Popularity baseline: exact integer counts per item, so forget() restores the state bit for bit.
#include "weightless/model/popularity.hpp"

#include <limits>
#include <stdexcept>

#include "weightless/model/baselines.hpp"

namespace wl {

namespace {
constexpr size_t kMaxItems = size_t{1} << 28;
}  // namespace

void PopularityModel::fit(const TrainData& data) {
    std::vector<uint32_t> counts(data.catalogue.num_items(), 0);
    uint64_t sum = 0;
    for (const auto& r : data.ratings) {
        check_rating(r, name());
        if (r.item >= counts.size()) counts.resize(size_t{r.item} + 1, 0);
        ++counts[r.item];
        sum += r.half_stars;
    }
    counts_ = std::move(counts);
    sum_ = sum;
    total_ = data.ratings.size();
}

void PopularityModel::learn(const Rating& r) {
    check_rating(r, name());
    if (r.item >= counts_.size()) counts_.resize(size_t{r.item} + 1, 0);
    ++counts_[r.item];
    sum_ += r.half_stars;
    ++total_;
}

void PopularityModel::forget(const Rating& r) {
    check_rating(r, name());
    if (r.item >= counts_.size() || counts_[r.item] == 0 || sum_ < r.half_stars)
        throw std::invalid_argument("popularity: forget of a rating never learned");
    --counts_[r.item];
    sum_ -= r.half_stars;
    --total_;
}

double PopularityModel::predict(uint32_t, uint32_t) const {
    if (total_ == 0) return kNoDataStars;
    return clamp_stars(static_cast<double>(sum_) / static_cast<double>(total_) * 0.5);
}

double PopularityModel::rank_score(uint32_t, uint32_t item) const { return count(item); }

void PopularityModel::rank_scores(uint32_t, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument("popularity: rank_scores output shorter than the item list");
    for (size_t k = 0; k < items.size(); ++k) out[k] = count(items[k]);
}

// Items past the last one with a rating are not written, so learn then forget leaves the bytes unchanged.
void PopularityModel::save(ByteWriter& w) const {
    size_t n = counts_.size();
    while (n > 0 && counts_[n - 1] == 0) --n;
    w.varint(sum_);
    w.varint(n);
    for (size_t i = 0; i < n; ++i) w.varint(counts_[i]);
}

void PopularityModel::load(ByteReader& r) {
    const uint64_t sum = r.varint();
    const size_t n = r.count(1, kMaxItems);
    std::vector<uint32_t> counts(n);
    uint64_t total = 0;
    for (auto& c : counts) {
        const uint64_t v = r.varint();
        if (v > std::numeric_limits<uint32_t>::max()) r.fail("popularity: count out of range");
        c = static_cast<uint32_t>(v);
        total += v;
    }
    r.expect_done();
    if (sum < total || sum > 10 * total) r.fail("popularity: rating sum inconsistent with the counts");
    counts_ = std::move(counts);
    sum_ = sum;
    total_ = total;
}

size_t PopularityModel::memory_bytes() const { return sizeof(*this) + counts_.capacity() * sizeof(uint32_t); }

}  // namespace wl
