// Counting baselines: global mean, per-user mean and per-user mode, all kept as exact integer counts so
// that forget() restores the state bit for bit.
#include "weightless/model/baselines.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace wl {

namespace {

// Canonical saved size: users past the last one with any rating carry no information, so they are not
// written (a new user learned then forgotten leaves the saved bytes unchanged).
template <class V, class Empty>
size_t used_prefix(const V& v, Empty empty) {
    size_t n = v.size();
    while (n > 0 && empty(v[n - 1])) --n;
    return n;
}

constexpr size_t kMaxUsers = size_t{1} << 28;

}  // namespace

// ---- global mean -------------------------------------------------------------------------------

void GlobalMeanModel::fit(const TrainData& data) {
    uint64_t sum = 0;
    for (const auto& r : data.ratings) {
        check_rating(r, name());
        sum += r.half_stars;
    }
    sum_ = sum;
    count_ = data.ratings.size();
}

void GlobalMeanModel::learn(const Rating& r) {
    check_rating(r, name());
    sum_ += r.half_stars;
    ++count_;
}

void GlobalMeanModel::forget(const Rating& r) {
    check_rating(r, name());
    if (count_ == 0 || sum_ < r.half_stars) throw std::invalid_argument("global-mean: forget of a rating never learned");
    sum_ -= r.half_stars;
    --count_;
}

double GlobalMeanModel::predict(uint32_t, uint32_t) const {
    if (count_ == 0) return kNoDataStars;
    return clamp_stars(static_cast<double>(sum_) / static_cast<double>(count_) * 0.5);
}

void GlobalMeanModel::save(ByteWriter& w) const {
    w.varint(count_);
    w.varint(sum_);
}

void GlobalMeanModel::load(ByteReader& r) {
    const uint64_t count = r.varint();
    const uint64_t sum = r.varint();
    r.expect_done();
    if (count > (uint64_t{1} << 40) || sum < count || sum > 10 * count) r.fail("global-mean: inconsistent sum and count");
    count_ = count;
    sum_ = sum;
}

// ---- per-user mean -----------------------------------------------------------------------------

void UserMeanModel::fit(const TrainData& data) {
    std::vector<Acc> users(data.catalogue.num_users());
    Acc global;
    for (const auto& r : data.ratings) {
        check_rating(r, name());
        if (r.user >= users.size()) users.resize(size_t{r.user} + 1);
        users[r.user].sum += r.half_stars;
        ++users[r.user].count;
        global.sum += r.half_stars;
        ++global.count;
    }
    users_ = std::move(users);
    global_ = global;
}

void UserMeanModel::learn(const Rating& r) {
    check_rating(r, name());
    if (r.user >= users_.size()) users_.resize(size_t{r.user} + 1);
    users_[r.user].sum += r.half_stars;
    ++users_[r.user].count;
    global_.sum += r.half_stars;
    ++global_.count;
}

void UserMeanModel::forget(const Rating& r) {
    check_rating(r, name());
    if (r.user >= users_.size() || users_[r.user].count == 0 || users_[r.user].sum < r.half_stars)
        throw std::invalid_argument("user-mean: forget of a rating never learned");
    users_[r.user].sum -= r.half_stars;
    --users_[r.user].count;
    global_.sum -= r.half_stars;
    --global_.count;
}

double UserMeanModel::predict(uint32_t user, uint32_t) const {
    const Acc& a = user < users_.size() && users_[user].count > 0 ? users_[user] : global_;
    if (a.count == 0) return kNoDataStars;
    return clamp_stars(static_cast<double>(a.sum) / a.count * 0.5);
}

void UserMeanModel::save(ByteWriter& w) const {
    const size_t n = used_prefix(users_, [](const Acc& a) { return a.count == 0; });
    w.varint(n);
    for (size_t u = 0; u < n; ++u) {
        w.varint(users_[u].count);
        w.varint(users_[u].sum);
    }
}

void UserMeanModel::load(ByteReader& r) {
    const size_t n = r.count(2, kMaxUsers);
    std::vector<Acc> users(n);
    Acc global;
    for (auto& a : users) {
        const uint64_t count = r.varint();
        const uint64_t sum = r.varint();
        if (count > std::numeric_limits<uint32_t>::max() || sum < count || sum > 10 * count)
            r.fail("user-mean: inconsistent sum and count");
        a = {sum, static_cast<uint32_t>(count)};
        global.sum += sum;
        global.count += a.count;  // a model of more than 4e9 ratings cannot be built through learn()
    }
    r.expect_done();
    users_ = std::move(users);
    global_ = global;
}

size_t UserMeanModel::memory_bytes() const { return sizeof(*this) + users_.capacity() * sizeof(Acc); }

// ---- per-user mode -----------------------------------------------------------------------------

int UserModeModel::mode_half_stars(const Counts& h) {
    uint64_t n = 0, sum = 0;
    for (int v = 1; v <= 10; ++v) {
        n += h[v - 1];
        sum += h[v - 1] * static_cast<uint64_t>(v);
    }
    if (n == 0) return 0;
    int best = 0;
    for (int v = 1; v <= 10; ++v) {
        if (h[v - 1] == 0) continue;
        if (best == 0 || h[v - 1] > h[best - 1]) {
            best = v;
            continue;
        }
        if (h[v - 1] < h[best - 1]) continue;
        // Tie: compare |v - mean| as |v*n - sum| in integers; v > best, so equal distance keeps the lower.
        const auto dist = [&](int x) {
            const int64_t d = static_cast<int64_t>(x * n) - static_cast<int64_t>(sum);
            return d < 0 ? -d : d;
        };
        if (dist(v) < dist(best)) best = v;
    }
    return best;
}

void UserModeModel::fit(const TrainData& data) {
    std::vector<Histogram> users(data.catalogue.num_users(), Histogram{});
    Counts global{};
    for (const auto& r : data.ratings) {
        check_rating(r, name());
        if (r.user >= users.size()) users.resize(size_t{r.user} + 1, Histogram{});
        ++users[r.user][r.half_stars - 1];
        ++global[r.half_stars - 1];
    }
    users_ = std::move(users);
    global_ = global;
}

void UserModeModel::learn(const Rating& r) {
    check_rating(r, name());
    if (r.user >= users_.size()) users_.resize(size_t{r.user} + 1, Histogram{});
    ++users_[r.user][r.half_stars - 1];
    ++global_[r.half_stars - 1];
}

void UserModeModel::forget(const Rating& r) {
    check_rating(r, name());
    if (r.user >= users_.size() || users_[r.user][r.half_stars - 1] == 0)
        throw std::invalid_argument("user-mode: forget of a rating never learned");
    --users_[r.user][r.half_stars - 1];
    --global_[r.half_stars - 1];
}

double UserModeModel::predict(uint32_t user, uint32_t) const {
    int hs = 0;
    if (user < users_.size()) {
        Counts c{};
        std::copy(users_[user].begin(), users_[user].end(), c.begin());
        hs = mode_half_stars(c);
    }
    if (hs == 0) hs = mode_half_stars(global_);
    return hs == 0 ? kNoDataStars : hs * 0.5;
}

void UserModeModel::save(ByteWriter& w) const {
    const size_t n = used_prefix(users_, [](const Histogram& h) {
        return std::all_of(h.begin(), h.end(), [](uint32_t c) { return c == 0; });
    });
    w.varint(n);
    for (size_t u = 0; u < n; ++u)
        for (uint32_t c : users_[u]) w.varint(c);
}

void UserModeModel::load(ByteReader& r) {
    const size_t n = r.count(10, kMaxUsers);
    std::vector<Histogram> users(n);
    Counts global{};
    for (auto& h : users)
        for (int v = 0; v < 10; ++v) {
            const uint64_t c = r.varint();
            if (c > std::numeric_limits<uint32_t>::max()) r.fail("user-mode: count out of range");
            h[v] = static_cast<uint32_t>(c);
            global[v] += c;
        }
    r.expect_done();
    users_ = std::move(users);
    global_ = global;
}

size_t UserModeModel::memory_bytes() const { return sizeof(*this) + users_.capacity() * sizeof(Histogram); }

}  // namespace wl
