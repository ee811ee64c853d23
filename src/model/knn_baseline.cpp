// KNNBaseline as in Surprise: ALS baselines, then one similarity row at a time by sparse co-rating
// accumulation (dense accumulators over the touched columns only), kept sparse and positive.
#include "weightless/model/knn_baseline.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "weighted_util.hpp"
#include "weightless/model/linalg.hpp"

namespace wl {

namespace {
constexpr double kMaxAbsBias = 1e3;

// Flattened lists: entity e owns [off[e], off[e+1]) of (other, value).
struct Flat {
    std::vector<uint64_t> off;
    std::vector<uint32_t> other;
    std::vector<double> value;
};

double shrunk_mean(double dev, double reg, size_t n) { return n == 0 ? 0.0 : dev / (reg + static_cast<double>(n)); }
}  // namespace

void KnnBaselineModel::rebuild_item_lists() {
    ir_.assign(bi_.size(), {});
    for (uint32_t u = 0; u < ur_.size(); ++u)
        for (const auto& e : ur_[u]) ir_[e.item].push_back({u, e.half_stars});
}

void KnnBaselineModel::recompute_user_bias(uint32_t user) {
    // Surprise's ALS user step: dev_u += r - global_mean - b_i, in the user's list order.
    double dev = 0.0;
    for (const auto& e : ur_[user]) dev += e.half_stars * 0.5 - mu_ - bi_[e.item];
    bu_[user] = shrunk_mean(dev, cfg_.reg_u, ur_[user].size());
}

void KnnBaselineModel::fit(const TrainData& data) {
    const weighted::TrainExtent extent = weighted::train_extent(data, name());
    const size_t n_users = extent.users, n_items = extent.items;
    KnnBaselineModel m(cfg_);
    m.mu_ = extent.mean;
    m.ur_.assign(n_users, {});
    for (const auto& r : data.ratings) m.ur_[r.user].push_back({r.item, r.half_stars});
    m.bu_.assign(n_users, 0.0);
    m.bi_.assign(n_items, 0.0);
    m.rebuild_item_lists();

    // Baselines by ALS, items then users per sweep (Surprise's baseline_als).
    const double mu = m.mu_;
    for (int32_t epoch = 0; epoch < cfg_.bsl_epochs; ++epoch) {
        for (size_t i = 0; i < n_items; ++i) {
            double dev = 0.0;
            for (const auto& e : m.ir_[i]) dev += e.half_stars * 0.5 - mu - m.bu_[e.user];
            m.bi_[i] = shrunk_mean(dev, cfg_.reg_i, m.ir_[i].size());
        }
        for (uint32_t u = 0; u < n_users; ++u) m.recompute_user_bias(u);
    }

    // x = the entities compared (items, or users when user_based), y = the others. Only pairs x < x2 are
    // computed and stored (the matrix is symmetric); every pair sums its common raters in ascending y order.
    const bool ub = cfg_.user_based;
    const size_t n_x = ub ? n_users : n_items, n_y = ub ? n_items : n_users;
    const bool pearson = cfg_.similarity == KnnSimilarity::PearsonBaseline;
    // Pearson-baseline compares residuals r - (mu + b_y + b_x); MSD compares the raw ratings.
    auto value = [&](uint32_t x, uint32_t y, uint8_t half) {
        const double r = half * 0.5;
        if (!pearson) return r;
        const double by = ub ? m.bi_[y] : m.bu_[y], bx = ub ? m.bu_[x] : m.bi_[x];
        return r - ((mu + by) + bx);
    };
    Flat xr, yr;
    xr.off.assign(n_x + 1, 0);
    yr.off.assign(n_y + 1, 0);
    for (uint32_t u = 0; u < n_users; ++u)
        for (const auto& e : m.ur_[u]) {
            ++xr.off[(ub ? u : e.item) + 1];
            ++yr.off[(ub ? e.item : u) + 1];
        }
    for (size_t x = 0; x < n_x; ++x) xr.off[x + 1] += xr.off[x];
    for (size_t y = 0; y < n_y; ++y) yr.off[y + 1] += yr.off[y];
    for (Flat* f : {&xr, &yr}) {
        f->other.resize(data.ratings.size());
        f->value.resize(data.ratings.size());
    }
    {
        // Filling x lists while visiting y in ascending order sorts them by y, and the other way round.
        std::vector<uint64_t> pos(xr.off.begin(), xr.off.end() - 1);
        auto put = [&](uint32_t x, uint32_t y, uint8_t half) {
            xr.other[pos[x]] = y;
            xr.value[pos[x]++] = value(x, y, half);
        };
        if (ub) {
            for (uint32_t i = 0; i < n_items; ++i)
                for (const auto& e : m.ir_[i]) put(e.user, i, e.half_stars);
        } else {
            for (uint32_t u = 0; u < n_users; ++u)
                for (const auto& e : m.ur_[u]) put(e.item, u, e.half_stars);
        }
        pos.assign(yr.off.begin(), yr.off.end() - 1);
        for (uint32_t x = 0; x < n_x; ++x)
            for (uint64_t a = xr.off[x]; a < xr.off[x + 1]; ++a) {
                const uint32_t y = xr.other[a];
                yr.other[pos[y]] = x;
                yr.value[pos[y]++] = xr.value[a];
            }
    }

    const uint32_t min_sprt =
        pearson ? std::max<uint32_t>(2, cfg_.min_support) : static_cast<uint32_t>(cfg_.min_support);
    std::vector<uint32_t> freq(n_x, 0), touched;
    std::vector<double> prods(n_x, 0.0), sqi(n_x, 0.0), sqj(n_x, 0.0);
    m.sim_row_.assign(1, 0);
    // cursor[y]: first entry of y's list past the current row; rows ascend, so it only moves forward.
    std::vector<uint64_t> cursor(yr.off.begin(), yr.off.end() - 1);
    for (uint32_t x = 0; x < n_x; ++x) {
        for (uint64_t a = xr.off[x]; a < xr.off[x + 1]; ++a) {
            const uint32_t y = xr.other[a];
            const double vx = xr.value[a];
            const uint64_t end = yr.off[y + 1];
            uint64_t b = cursor[y];
            while (b < end && yr.other[b] <= x) ++b;
            cursor[y] = b;
            for (; b < end; ++b) {
                const uint32_t x2 = yr.other[b];
                const double v2 = yr.value[b];
                if (freq[x2]++ == 0) touched.push_back(x2);
                if (pearson) {
                    prods[x2] += vx * v2;
                    sqi[x2] += vx * vx;
                    sqj[x2] += v2 * v2;
                } else {
                    const double d = vx - v2;
                    sqi[x2] += d * d;
                }
            }
        }
        std::sort(touched.begin(), touched.end());
        for (uint32_t x2 : touched) {
            double sim = 0.0;
            if (freq[x2] >= min_sprt) {
                if (pearson) {
                    const double den = std::sqrt(sqi[x2] * sqj[x2]);
                    if (den > 0) {
                        sim = prods[x2] / den;
                        const double f1 = static_cast<double>(freq[x2]) - 1.0;
                        sim *= f1 / (f1 + cfg_.shrinkage);
                    }
                } else {
                    sim = 1.0 / (sqi[x2] / static_cast<double>(freq[x2]) + 1.0);
                }
            }
            // |rho| <= 1 up to rounding; keep stored values inside (0, 1].
            const float s = static_cast<float>(std::min(sim, 1.0));
            if (s > 0.0f) {
                m.sim_col_.push_back(x2);
                m.sim_val_.push_back(s);
            }
            freq[x2] = 0;
            prods[x2] = sqi[x2] = sqj[x2] = 0.0;
        }
        touched.clear();
        m.sim_row_.push_back(m.sim_col_.size());
    }
    m.sim_col_.shrink_to_fit();
    m.sim_val_.shrink_to_fit();
    *this = std::move(m);
}

double KnnBaselineModel::similarity(uint32_t a, uint32_t b) const {
    if (a > b) std::swap(a, b);
    if (size_t{a} + 1 >= sim_row_.size()) return 0.0;
    if (a == b) return 1.0;  // as Surprise: an already rated item is its own best neighbour
    const auto first = sim_col_.begin() + static_cast<ptrdiff_t>(sim_row_[a]);
    const auto last = sim_col_.begin() + static_cast<ptrdiff_t>(sim_row_[a + 1]);
    const auto it = std::lower_bound(first, last, b);
    if (it == last || *it != b) return 0.0;
    return sim_val_[static_cast<size_t>(it - sim_col_.begin())];
}

void KnnBaselineModel::learn(const Rating& r) {
    weighted::check_rating(r, name());
    weighted::check_known_item(r, bi_.size(), name());
    if (r.user >= ur_.size()) {
        ur_.resize(size_t{r.user} + 1);
        bu_.resize(size_t{r.user} + 1, 0.0);
    }
    ur_[r.user].push_back({r.item, r.half_stars});
    auto& raters = ir_[r.item];
    const auto at =
        std::upper_bound(raters.begin(), raters.end(), r.user, [](uint32_t u, const Rater& e) { return u < e.user; });
    raters.insert(at, Rater{r.user, r.half_stars});
    recompute_user_bias(r.user);
}

double KnnBaselineModel::predict(uint32_t user, uint32_t item) const {
    double est = mu_;
    est += user_bias(user);
    est += item_bias(item);
    if (user >= ur_.size() || item >= bi_.size()) return weighted::clamp_stars(est);

    struct Cand {
        double sim;
        uint32_t pos, other;
        uint8_t half;
    };
    std::vector<Cand> cands;
    const bool ub = cfg_.user_based;
    if (ub) {
        const auto& raters = ir_[item];
        cands.reserve(raters.size());
        for (uint32_t p = 0; p < raters.size(); ++p) {
            const double s = similarity(user, raters[p].user);
            if (s > 0) cands.push_back({s, p, raters[p].user, raters[p].half_stars});
        }
    } else {
        const auto& rated = ur_[user];
        cands.reserve(rated.size());
        for (uint32_t p = 0; p < rated.size(); ++p) {
            const double s = similarity(item, rated[p].item);
            if (s > 0) cands.push_back({s, p, rated[p].item, rated[p].half_stars});
        }
    }
    // heapq.nlargest order: larger similarity first, earlier in the list on ties.
    const size_t k = std::min(cands.size(), static_cast<size_t>(cfg_.k));
    std::partial_sort(cands.begin(), cands.begin() + static_cast<ptrdiff_t>(k), cands.end(),
                      [](const Cand& a, const Cand& b) { return a.sim > b.sim || (a.sim == b.sim && a.pos < b.pos); });
    double sum_sim = 0.0, sum_ratings = 0.0;
    for (size_t n = 0; n < k; ++n) {
        const Cand& c = cands[n];
        sum_sim += c.sim;
        const double nb_bsl = ub ? mu_ + bu_[c.other] + bi_[item] : mu_ + bi_[c.other] + bu_[user];
        sum_ratings += c.sim * (c.half * 0.5 - nb_bsl);
    }
    if (k < static_cast<size_t>(cfg_.min_k)) sum_ratings = 0.0;
    if (sum_sim != 0.0) est += sum_ratings / sum_sim;
    return weighted::clamp_stars(est);
}

void KnnBaselineModel::save(ByteWriter& w) const {
    w.i32(cfg_.k);
    w.i32(cfg_.min_k);
    w.u8(cfg_.user_based ? 1 : 0);
    w.u8(static_cast<uint8_t>(cfg_.similarity));
    w.f64(cfg_.shrinkage);
    w.i32(cfg_.min_support);
    w.f64(cfg_.reg_u);
    w.f64(cfg_.reg_i);
    w.i32(cfg_.bsl_epochs);
    w.f64(mu_);
    w.varint(bu_.size());
    w.varint(bi_.size());
    for (double b : bu_) w.f64(b);
    for (double b : bi_) w.f64(b);
    write_user_ratings(w, ur_);
    const size_t rows = sim_row_.empty() ? 0 : sim_row_.size() - 1;
    w.varint(rows);
    for (size_t x = 0; x < rows; ++x) {
        w.varint(sim_row_[x + 1] - sim_row_[x]);
        uint32_t prev = 0;
        for (uint64_t a = sim_row_[x]; a < sim_row_[x + 1]; ++a) {
            w.varint(sim_col_[a] - prev);  // ascending: store gaps
            prev = sim_col_[a];
        }
        for (uint64_t a = sim_row_[x]; a < sim_row_[x + 1]; ++a) la::write_f32(w, sim_val_[a]);
    }
}

void KnnBaselineModel::load(ByteReader& r) {
    KnnBaselineConfig cfg;
    cfg.k = r.i32();
    cfg.min_k = r.i32();
    const uint8_t ub = r.u8(), sim = r.u8();
    cfg.shrinkage = r.f64();
    cfg.min_support = r.i32();
    cfg.reg_u = r.f64();
    cfg.reg_i = r.f64();
    cfg.bsl_epochs = r.i32();
    if (ub > 1 || sim > 1) r.fail("knn: bad config");
    cfg.user_based = ub == 1;
    cfg.similarity = static_cast<KnnSimilarity>(sim);
    try {
        KnnBaselineConfig check;
        apply_params(check, params_to_text(cfg));  // the same range checks as set_param
    } catch (const ParamError& e) {
        r.fail(std::string("knn: bad config: ") + e.what());
    }
    KnnBaselineModel m(cfg);
    m.mu_ = r.f64();
    if (!std::isfinite(m.mu_) || m.mu_ < 0.5 || m.mu_ > 5.0) r.fail("knn: global mean out of range");
    m.bu_.resize(r.count(8, weighted::kMaxUsers));
    m.bi_.resize(r.count(8, weighted::kMaxItems));
    for (auto* v : {&m.bu_, &m.bi_})
        for (double& b : *v) {
            b = r.f64();
            if (!std::isfinite(b) || std::fabs(b) > kMaxAbsBias) r.fail("knn: bias out of range");
        }
    m.ur_ = read_user_ratings(r, m.bi_.size(), weighted::kMaxUsers, "knn ratings");
    if (m.ur_.size() != m.bu_.size()) r.fail("knn: rating lists do not match the user count");
    const size_t rows = r.count(1, cfg.user_based ? m.bu_.size() : m.bi_.size());
    if (!cfg.user_based && rows != m.bi_.size()) r.fail("knn: similarity rows do not match the item count");
    m.sim_row_.assign(1, 0);
    for (size_t x = 0; x < rows; ++x) {
        const size_t n = r.count(5, rows);
        uint64_t col = 0;
        for (size_t a = 0; a < n; ++a) {
            const uint64_t gap = r.varint();
            if (a > 0 && gap == 0) r.fail("knn: similarity columns not ascending");
            col = (a == 0 ? 0 : col) + gap;
            if (col <= x) r.fail("knn: similarity column not above the diagonal");
            if (gap >= rows || col >= rows) r.fail("knn: similarity column out of range");
            m.sim_col_.push_back(static_cast<uint32_t>(col));
        }
        for (size_t a = 0; a < n; ++a) {
            const float v = la::read_f32(r);
            if (!(v > 0.0f && v <= 1.0f)) r.fail("knn: similarity outside (0, 1]");
            m.sim_val_.push_back(v);
        }
        m.sim_row_.push_back(m.sim_col_.size());
    }
    r.expect_done();
    m.rebuild_item_lists();
    *this = std::move(m);
}

size_t KnnBaselineModel::memory_bytes() const {
    size_t b = sizeof(*this) + (bu_.capacity() + bi_.capacity()) * sizeof(double) + user_ratings_bytes(ur_) +
               sim_row_.capacity() * sizeof(uint64_t) + sim_col_.capacity() * sizeof(uint32_t) +
               sim_val_.capacity() * sizeof(float) + ir_.capacity() * sizeof(std::vector<Rater>);
    for (const auto& l : ir_) b += l.capacity() * sizeof(Rater);
    return b;
}

}  // namespace wl
