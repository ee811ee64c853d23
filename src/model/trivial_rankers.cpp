// random, newest and genre-fav: integer state only (years, genre bits, half-star sums), so forget() restores the
// saved bytes exactly; see trivial_rankers.hpp for what each ranks by.
#include "weightless/model/trivial_rankers.hpp"

#include <bit>
#include <stdexcept>

#include "weightless/util/rng.hpp"

namespace wl {

namespace {

constexpr uint64_t kRandomStream = 0x72616e646f6d;  // "random": unrelated to every other seeded stream
constexpr size_t kMaxItems = size_t{1} << 28, kMaxUsers = size_t{1} << 28;

}  // namespace

// ---- shared ------------------------------------------------------------------------------------

void MeanRatedRanker::fit(const TrainData& data) {
    GlobalMeanModel mean;
    mean.fit(data);  // checks every rating first, so a bad one leaves this model unchanged
    fit_own(data);
    mean_ = mean;
}

void MeanRatedRanker::learn(const Rating& r) {
    check_rating(r, name());
    learn_own(r);
    mean_.learn(r);
}

void MeanRatedRanker::forget(const Rating& r) {
    check_rating(r, name());
    forget_own(r);  // checks before it changes anything; what it held, the mean holds too
    mean_.forget(r);
}

void MeanRatedRanker::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument(name() + ": rank_scores output shorter than the item list");
    for (size_t k = 0; k < items.size(); ++k) out[k] = rank_score(user, items[k]);
}

// ---- random ------------------------------------------------------------------------------------

double RandomRankModel::rank_score(uint32_t user, uint32_t item) const {
    const uint64_t s = derive_seed(derive_seed(derive_seed(static_cast<uint64_t>(cfg_.seed), kRandomStream), user), item);
    return static_cast<double>(s >> 11) * 0x1.0p-53;
}

void RandomRankModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    mean_.save(w);
}

void RandomRankModel::load(ByteReader& r) {
    RandomRankConfig cfg;
    try {
        apply_params(cfg, r.str(1024));
    } catch (const ParamError& e) {
        r.fail(std::string("random: ") + e.what());
    }
    GlobalMeanModel mean;
    mean.load(r);
    cfg_ = cfg;
    mean_ = mean;
}

// ---- newest ------------------------------------------------------------------------------------

void NewestModel::fit_own(const TrainData& data) {
    years_.clear();
    for (const Item& it : data.catalogue.items) years_.push_back(it.year);
}

double NewestModel::rank_score(uint32_t, uint32_t item) const { return item < years_.size() ? years_[item] : 0; }

void NewestModel::save(ByteWriter& w) const {
    w.varint(years_.size());
    for (int16_t y : years_) w.svarint(y);
    mean_.save(w);
}

void NewestModel::load(ByteReader& r) {
    std::vector<int16_t> years(r.count(1, kMaxItems));
    for (auto& y : years) {
        const int64_t v = r.svarint();
        if (v < INT16_MIN || v > INT16_MAX) r.fail("newest: year out of range");
        y = static_cast<int16_t>(v);
    }
    GlobalMeanModel mean;
    mean.load(r);
    years_ = std::move(years);
    mean_ = mean;
}

// ---- genre-fav ---------------------------------------------------------------------------------

void GenreFavModel::fit_own(const TrainData& data) {
    genres_.clear();
    for (const Item& it : data.catalogue.items) genres_.push_back(it.genres);
    users_.clear();
    for (const Rating& r : data.ratings) learn_own(r);
}

void GenreFavModel::learn_own(const Rating& r) {
    if (r.user >= kMaxUsers) throw std::invalid_argument("genre-fav: user index too large");
    if (r.user >= users_.size()) users_.resize(size_t{r.user} + 1, Weights{});
    for (uint32_t g = genres_of(r.item); g; g &= g - 1) users_[r.user][std::countr_zero(g)] += r.half_stars;
}

void GenreFavModel::forget_own(const Rating& r) {
    const uint32_t genres = genres_of(r.item);
    for (uint32_t g = genres; g; g &= g - 1)
        if (r.user >= users_.size() || users_[r.user][std::countr_zero(g)] < r.half_stars)
            throw std::invalid_argument("genre-fav: forget of a rating never learned");
    for (uint32_t g = genres; g; g &= g - 1) users_[r.user][std::countr_zero(g)] -= r.half_stars;
}

double GenreFavModel::rank_score(uint32_t user, uint32_t item) const {
    if (user >= users_.size()) return 0;
    uint64_t s = 0;
    for (uint32_t g = genres_of(item); g; g &= g - 1) s += users_[user][std::countr_zero(g)];
    return static_cast<double>(s) * 0.5;
}

// Users past the last one with a weight are not written, and each user writes only its non-zero genres, so a
// new user learned then forgotten leaves the bytes unchanged.
void GenreFavModel::save(ByteWriter& w) const {
    w.varint(genres_.size());
    for (uint32_t g : genres_) w.varint(g);
    const auto empty = [](const Weights& u) {
        for (uint64_t v : u)
            if (v) return false;
        return true;
    };
    size_t n = users_.size();
    while (n > 0 && empty(users_[n - 1])) --n;
    w.varint(n);
    for (size_t u = 0; u < n; ++u) {
        uint32_t mask = 0;
        for (size_t g = 0; g < kGenres; ++g)
            if (users_[u][g]) mask |= uint32_t{1} << g;
        w.varint(mask);
        for (uint32_t m = mask; m; m &= m - 1) w.varint(users_[u][std::countr_zero(m)]);
    }
    mean_.save(w);
}

void GenreFavModel::load(ByteReader& r) {
    std::vector<uint32_t> genres(r.count(1, kMaxItems));
    for (auto& g : genres) {
        const uint64_t v = r.varint();
        if (v > UINT32_MAX) r.fail("genre-fav: genre bits out of range");
        g = static_cast<uint32_t>(v);
    }
    std::vector<Weights> users(r.count(1, kMaxUsers), Weights{});
    for (auto& u : users) {
        const uint64_t mask = r.varint();
        if (mask > UINT32_MAX) r.fail("genre-fav: genre mask out of range");
        for (uint32_t m = static_cast<uint32_t>(mask); m; m &= m - 1) {
            const uint64_t v = r.varint();
            if (v == 0 || v > (uint64_t{1} << 50)) r.fail("genre-fav: genre weight out of range");
            u[std::countr_zero(m)] = v;
        }
    }
    GlobalMeanModel mean;
    mean.load(r);
    genres_ = std::move(genres);
    users_ = std::move(users);
    mean_ = mean;
}

size_t GenreFavModel::memory_bytes() const {
    return sizeof(*this) + genres_.capacity() * sizeof(uint32_t) + users_.capacity() * sizeof(Weights);
}

}  // namespace wl
