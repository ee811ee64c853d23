// Synthetic ratings with MovieLens' shape (see synthetic.hpp). Draws from util/rng.hpp (the standard library's
// distributions differ between implementations), so a seed gives the same rows on every build.
#include "weightless/data/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "weightless/util/rng.hpp"

namespace wl {

namespace {

// The project's generator (same stream everywhere) plus the two continuous draws the shape needs.
double open_uniform(Rng& r) { return (static_cast<double>(r.next() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
double normal(Rng& r) { return std::sqrt(-2.0 * std::log(open_uniform(r))) * std::cos(2.0 * std::numbers::pi * r.uniform()); }

double mean_of(const std::vector<double>& v) { return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }
double sd_of(const std::vector<double>& v) {
    const double m = mean_of(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return v.empty() ? 0 : std::sqrt(s / double(v.size()));
}

// Vose's alias table: O(1) draws from fixed weights.
struct Alias {
    std::vector<double> prob;
    std::vector<uint32_t> alias;
    explicit Alias(const std::vector<double>& w) : prob(w.size()), alias(w.size()) {
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        std::vector<uint32_t> small, large;
        std::vector<double> p(w.size());
        for (size_t i = 0; i < w.size(); ++i) {
            p[i] = w[i] * double(w.size()) / total;
            (p[i] < 1 ? small : large).push_back(static_cast<uint32_t>(i));
        }
        while (!small.empty() && !large.empty()) {
            const uint32_t s = small.back(), l = large.back();
            small.pop_back();
            prob[s] = p[s];
            alias[s] = l;
            p[l] -= 1 - p[s];
            if (p[l] < 1) {
                large.pop_back();
                small.push_back(l);
            }
        }
        for (uint32_t i : small) prob[i] = 1, alias[i] = i;
        for (uint32_t i : large) prob[i] = 1, alias[i] = i;
    }
    uint32_t draw(Rng& r) const {
        const auto i = static_cast<uint32_t>(r.below(prob.size()));
        return r.uniform() < prob[i] ? i : alias[i];
    }
};

}  // namespace

SyntheticShape fit_shape(const Dataset& ds) {
    if (ds.ratings.empty()) throw std::invalid_argument("fit_shape: the dataset has no ratings");
    SyntheticShape s;
    std::vector<uint32_t> per_user(ds.num_users(), 0), per_item(ds.num_items(), 0);
    std::vector<int64_t> lo(ds.num_users(), INT64_MAX), hi(ds.num_users(), INT64_MIN);
    s.first_ts = INT64_MAX;
    s.last_ts = INT64_MIN;
    for (const auto& r : ds.ratings) {
        ++per_user[r.user];
        ++per_item[r.item];
        lo[r.user] = std::min(lo[r.user], r.timestamp);
        hi[r.user] = std::max(hi[r.user], r.timestamp);
        s.first_ts = std::min(s.first_ts, r.timestamp);
        s.last_ts = std::max(s.last_ts, r.timestamp);
        if (valid_half_stars(r.half_stars)) s.stars[r.half_stars - 1] += 1;
    }
    for (double& f : s.stars) f /= double(ds.ratings.size());
    std::vector<double> logs, session, span;
    uint32_t fewest = UINT32_MAX;
    for (uint32_t n : per_user)
        if (n) fewest = std::min(fewest, n);
    s.min_ratings = fewest;
    for (size_t u = 0; u < per_user.size(); ++u) {
        if (!per_user[u]) continue;
        logs.push_back(std::log(double(per_user[u] - fewest + 1)));
        const double secs = double(hi[u] - lo[u]) + 1;
        (secs <= 86400 ? session : span).push_back(std::log(secs));
    }
    s.activity_sigma = sd_of(logs);
    s.session_share = double(session.size()) / double(logs.size());
    s.session_log_mu = mean_of(session), s.session_log_sigma = sd_of(session);
    s.span_log_mu = mean_of(span), s.span_log_sigma = sd_of(span);
    // Popularity: log count against log(relative rank + q), least squares for each q of a grid, the best kept.
    std::vector<double> counts;
    for (uint32_t c : per_item)
        if (c) counts.push_back(c);
    std::sort(counts.begin(), counts.end(), std::greater<>());
    double best = INFINITY;
    for (double q = 1e-5; q < 1.0; q *= 1.2) {
        const size_t n = counts.size();
        double mx = 0, my = 0;
        std::vector<double> xs(n), ys(n);
        for (size_t i = 0; i < n; ++i) {
            xs[i] = std::log((double(i) + 0.5) / double(n) + q);
            ys[i] = std::log(counts[i]);
            mx += xs[i], my += ys[i];
        }
        mx /= double(n), my /= double(n);
        double sxy = 0, sxx = 0;
        for (size_t i = 0; i < n; ++i) sxy += (xs[i] - mx) * (ys[i] - my), sxx += (xs[i] - mx) * (xs[i] - mx);
        const double slope = sxx > 0 ? sxy / sxx : 0;
        double sse = 0;
        for (size_t i = 0; i < n; ++i) sse += std::pow(ys[i] - my - slope * (xs[i] - mx), 2);
        if (sse < best) best = sse, s.popularity_s = -slope, s.popularity_q = q;
    }
    return s;
}

void generate_ratings(const SyntheticShape& shape, const SyntheticSize& size, std::span<const uint32_t> movie_ids,
                      const std::function<void(uint32_t, uint32_t, uint8_t, int64_t)>& row) {
    const size_t m = movie_ids.size();
    if (m == 0 || size.users == 0) throw std::invalid_argument("synthetic ratings: no movies or no users");
    if (size.ratings < uint64_t{size.users} * shape.min_ratings)
        throw std::invalid_argument("synthetic ratings: fewer ratings than users x " + std::to_string(shape.min_ratings));
    const uint32_t cap = static_cast<uint32_t>(std::max<size_t>(shape.min_ratings, m / 2));  // nobody rates half the catalogue
    Rng seeder(derive_seed(size.seed, 0));
    // Popularity rank of each catalogue movie: a seeded shuffle.
    std::vector<uint32_t> rank(m);
    std::iota(rank.begin(), rank.end(), 0u);
    for (size_t i = m - 1; i > 0; --i) std::swap(rank[i], rank[seeder.below(i + 1)]);
    std::vector<double> weight(m);
    for (size_t i = 0; i < m; ++i) weight[i] = std::pow((double(rank[i]) + 0.5) / double(m) + shape.popularity_q, -shape.popularity_s);
    const Alias alias(weight);
    // Ratings per user: min + lognormal excess, the excess scaled so that the total is what was asked.
    std::vector<double> excess(size.users);
    for (auto& e : excess) e = std::exp(shape.activity_sigma * normal(seeder));  // > 0; its mu comes from the scale
    const double want = double(size.ratings) - double(size.users) * shape.min_ratings;
    const double scale = want / std::max(1e-9, std::accumulate(excess.begin(), excess.end(), 0.0));
    std::array<double, 10> cum{};
    std::partial_sum(shape.stars.begin(), shape.stars.end(), cum.begin());
    std::vector<uint32_t> seen(m, 0), mine;
    std::vector<std::pair<double, uint32_t>> keys;
    std::vector<int64_t> times;
    for (uint32_t u = 0; u < size.users; ++u) {
        Rng r(derive_seed(size.seed, uint64_t{u} + 1));  // a stream per user
        const auto n = static_cast<uint32_t>(std::min<double>(cap, shape.min_ratings + std::floor(excess[u] * scale + r.uniform())));
        mine.clear();
        if (n > m / 64) {
            // Many movies: Efraimidis-Spirakis (the n largest U^(1/w)), the same law as drawing one at a time.
            keys.clear();
            for (size_t i = 0; i < m; ++i) keys.emplace_back(std::log(open_uniform(r)) / weight[i], static_cast<uint32_t>(i));
            std::nth_element(keys.begin(), keys.begin() + n, keys.end(), std::greater<>());
            for (uint32_t t = 0; t < n; ++t) mine.push_back(keys[t].second);
        } else {
            while (mine.size() < n) {  // draw by weight, a movie already drawn is drawn again
                const uint32_t i = alias.draw(r);
                if (seen[i] != u + 1) seen[i] = u + 1, mine.push_back(i);
            }
        }
        // Times: first rating uniform over the data's range, the rest within the user's span.
        const double range = double(shape.last_ts - shape.first_ts);
        const bool one_day = r.uniform() < shape.session_share;
        double span = std::exp(one_day ? shape.session_log_mu + shape.session_log_sigma * normal(r)
                                       : shape.span_log_mu + shape.span_log_sigma * normal(r));
        span = std::min(span, range);
        const double start = double(shape.first_ts) + r.uniform() * (range - span);
        for (uint32_t& i : mine) i = movie_ids[i];
        std::sort(mine.begin(), mine.end());
        for (uint32_t id : mine) {
            const double p = r.uniform() * cum.back();
            const auto half = static_cast<uint8_t>(1 + (std::upper_bound(cum.begin(), cum.end() - 1, p) - cum.begin()));
            row(u + 1, id, half, static_cast<int64_t>(start + r.uniform() * span));
        }
    }
}

}  // namespace wl
