// WnnNetwork prediction: regression aggregation, WiSARD classification with bleaching, the thermometer output,
// confidence and the shared-cells explanation.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "weightless/model/wnn_network.hpp"

namespace wl {

double WnnNetwork::user_mean_half(const WnnUser* u) const {
    if (u && u->count) return static_cast<double>(u->sum_half) / static_cast<double>(u->count);
    return global_count_ ? static_cast<double>(global_sum_half_) / static_cast<double>(global_count_) : 6.0;
}

double WnnNetwork::user_center(const WnnUser* u) const {
    if (cfg_.offset == WnnOffset::None) return user_mean_half(u);
    // Shrunk toward a zero residual (the item baseline itself): one or two ratings move it only a little.
    if (!u || u->count == 0) return 0.0;
    return static_cast<double>(u->sum_residual) / (static_cast<double>(u->count) + cfg_.user_prior);
}

uint32_t WnnNetwork::user_floor_stars(const WnnUser* u) const {
    if (u && u->count) return static_cast<uint32_t>(u->sum_half / (2 * uint64_t{u->count}));
    return global_count_ ? static_cast<uint32_t>(global_sum_half_ / (2 * global_count_)) : 3;
}

// WiSARD decision over `classes` discriminators: vals[r*classes + c] is the count of class c in RAM r's addressed
// cell; the response of a class at level b is the number of RAMs whose count exceeds b. With bleaching, b jumps to
// the next count that changes a response until one class leads; if every response would drop to zero, the tie at
// the last non-zero level stands.
WnnNetwork::Decision WnnNetwork::bleach(const uint32_t* vals, uint32_t classes) const {
    std::array<uint32_t, 10> resp{};
    auto respond = [&](uint32_t b) {
        uint32_t top = 0;
        for (uint32_t c = 0; c < classes; ++c) {
            uint32_t n = 0;
            for (uint32_t r = 0; r < rams_; ++r) n += vals[r * classes + c] > b ? 1u : 0u;
            resp[c] = n;
            top = std::max(top, n);
        }
        return top;
    };
    auto summarize = [&](uint32_t top) {
        Decision d;
        uint32_t second = 0;
        bool seen_top = false;
        for (uint32_t c = 0; c < classes; ++c) {
            if (resp[c] == top && top > 0) {
                if (seen_top) second = top;
                seen_top = true;
                d.top_mask |= 1u << c;
            } else {
                second = std::max(second, resp[c]);
            }
        }
        d.confidence = top > 0 ? static_cast<double>(top - second) / static_cast<double>(top) : 0.0;
        return d;
    };
    uint32_t b = 0;
    uint32_t top = respond(0);
    Decision d = summarize(top);
    if (top == 0 || !cfg_.bleaching) return d;
    while ((d.top_mask & (d.top_mask - 1)) != 0) {  // more than one class at the top
        uint32_t next = UINT32_MAX;
        for (uint32_t k = 0; k < rams_ * classes; ++k)
            if (vals[k] > b && vals[k] < next) next = vals[k];
        if (next == UINT32_MAX) break;
        const auto saved = resp;
        const uint32_t t = respond(next);
        if (t == 0) {
            resp = saved;
            break;
        }
        b = next;
        d = summarize(t);
    }
    return d;
}

double WnnNetwork::member_regression(const WnnUser* u, uint32_t m, const uint32_t* addr, double* coverage,
                                     const uint64_t* written) const {
    // Cell units: half stars, or (offset=item) residuals in 1/kResidualUnit stars.
    const double um = user_center(u);
    const double prior = cfg_.prior;
    std::array<double, kMaxRams> means;
    uint32_t k = 0;
    double sum = 0, cnt = 0, acc = 0;
    for (uint32_t r = 0; r < rams_; ++r) {
        const uint32_t* c = cell(u, slot(m, r, addr[r]), written);
        if (!c || c[0] == 0) continue;
        const double s = cell_sum(c);
        const double v = (s + prior * um) / (static_cast<double>(c[0]) + prior);
        means[k++] = v;
        acc += v;
        sum += s;
        cnt += c[0];
    }
    *coverage = static_cast<double>(k) / static_cast<double>(rams_);
    if (k == 0) return um;
    switch (cfg_.aggregate) {
        case WnnAggregate::Mean: return acc / static_cast<double>(k);
        case WnnAggregate::Weighted: return (sum + prior * um) / (cnt + prior);
        case WnnAggregate::Median: {
            std::sort(means.begin(), means.begin() + k);
            return k % 2 ? means[k / 2] : (means[k / 2 - 1] + means[k / 2]) * 0.5;
        }
    }
    return um;
}

double WnnNetwork::member_classifier(const WnnUser* u, uint32_t m, const uint32_t* addr, double* conf,
                                     const uint64_t* written) const {
    const uint32_t classes = shape_.stride;
    std::array<uint32_t, kMaxRams * 10> vals;  // only the first rams*classes entries are used
    std::fill(vals.begin(), vals.begin() + rams_ * classes, 0u);
    for (uint32_t r = 0; r < rams_; ++r)
        if (const uint32_t* c = cell(u, slot(m, r, addr[r]), written)) std::copy(c, c + classes, vals.data() + r * classes);
    const Decision d = bleach(vals.data(), classes);
    *conf = d.confidence;
    // Class rating in half stars; an unresolved tie (or no answer at all) goes to the class nearest the user mean.
    const uint32_t step = cfg_.classes == WnnClasses::Half ? 1 : 2;
    const uint32_t candidates = d.top_mask ? d.top_mask : (1u << classes) - 1;
    const double um = user_mean_half(u);
    uint32_t best = 0;
    double best_dist = 1e300;
    for (uint32_t c = 0; c < classes; ++c) {
        if (!((candidates >> c) & 1u)) continue;
        const double dist = std::abs(static_cast<double>((c + 1) * step) - um);
        if (dist < best_dist) {
            best_dist = dist;
            best = c;
        }
    }
    return static_cast<double>((best + 1) * step);
}

uint32_t WnnNetwork::member_thermometer(const WnnUser* u, uint32_t m, const uint32_t* addr, double* conf,
                                        const uint64_t* written) const {
    // Per RAM, cumulative counts of floor(stars) let every output bit's on/off counts be read directly:
    // bit pair k (target bits 2k and 2k+1, identical by construction) is on for floor(stars) > k.
    std::array<uint32_t, kMaxRams * (kThermoLevels + 1)> cum;
    std::array<uint32_t, kMaxRams> total;
    std::fill(cum.begin(), cum.begin() + rams_ * (kThermoLevels + 1), 0u);
    std::fill(total.begin(), total.begin() + rams_, 0u);
    for (uint32_t r = 0; r < rams_; ++r)
        if (const uint32_t* c = cell(u, slot(m, r, addr[r]), written)) {
                uint32_t s = 0;
                for (uint32_t f = 0; f <= kThermoLevels; ++f) cum[r * (kThermoLevels + 1) + f] = (s += c[f]);
                total[r] = s;
            }
    const uint32_t fallback = user_floor_stars(u);
    std::array<uint32_t, kMaxRams * 2> vals;
    uint32_t ones = 0;
    bool run = true;
    double conf_sum = 0;
    for (uint32_t k = 0; k < kThermoLevels; ++k) {
        for (uint32_t r = 0; r < rams_; ++r) {
            const uint32_t off = cum[r * (kThermoLevels + 1) + k];
            vals[r * 2 + 0] = off;
            vals[r * 2 + 1] = total[r] - off;
        }
        const Decision d = bleach(vals.data(), 2);
        conf_sum += d.confidence;
        const bool on = d.top_mask == 1u ? false : d.top_mask == 2u ? true : fallback > k;
        run = run && on;
        ones += cfg_.monotone ? (run ? 2 : 0) : (on ? 2 : 0);
    }
    *conf = conf_sum / kThermoLevels;
    return ones;
}

double WnnNetwork::predict(uint32_t user, uint32_t item) const {
    check(item, 1);
    const WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    prefetch(u, addresses_.data() + static_cast<size_t>(item) * members_ * rams_);
    return predict_with(u, item, nullptr);
}

void WnnNetwork::predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    for (uint32_t item : items) check(item, 1);
    const WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    // The bitmap pays when it is small next to the work it saves (a few bits per addressed cell).
    std::vector<uint64_t> written;
    const uint64_t words = (shape_.slots + 63) / 64;
    if (u && !u->cells.is_dense() && words <= uint64_t{items.size()} * members_ * rams_ / 4) {
        written.assign(words, 0);
        u->cells.mark_written(shape_, written);
    }
    for (size_t i = 0; i < items.size(); ++i) out[i] = predict_with(u, items[i], written.empty() ? nullptr : written.data());
}

double WnnNetwork::predict_with(const WnnUser* u, uint32_t item, const uint64_t* written) const {
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    double total = 0, ignored = 0;
    for (uint32_t m = 0; m < members_; ++m) {
        const uint32_t* am = a + m * rams_;
        switch (cfg_.mode) {
            case WnnMode::Regression: total += member_regression(u, m, am, &ignored, written); break;
            case WnnMode::Classifier: total += member_classifier(u, m, am, &ignored, written); break;
            case WnnMode::Thermometer: total += member_thermometer(u, m, am, &ignored, written); break;
        }
    }
    // Every member answers in half stars / ones, or (offset=item) in residual units on top of the item baseline.
    const double mean = total / static_cast<double>(members_);
    const double stars = cfg_.offset == WnnOffset::Item ? (item_base_[item] + mean) * (1.0 / kResidualUnit) : mean * 0.5;
    return std::clamp(stars, 0.5, 5.0);
}

int WnnNetwork::predict_thermometer(uint32_t user, uint32_t item) const {
    check(item, 1);
    if (cfg_.mode != WnnMode::Thermometer) return -1;
    const WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    prefetch(u, a);
    uint32_t ones = 0;
    double ignored = 0;
    for (uint32_t m = 0; m < members_; ++m) ones += member_thermometer(u, m, a + m * rams_, &ignored);
    return static_cast<int>((2 * ones + members_) / (2 * members_));  // mean over members, halves rounded up
}

double WnnNetwork::confidence(uint32_t user, uint32_t item) const {
    check(item, 1);
    const WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    prefetch(u, a);
    double total = 0;
    for (uint32_t m = 0; m < members_; ++m) {
        double c = 0;
        const uint32_t* am = a + m * rams_;
        switch (cfg_.mode) {
            case WnnMode::Regression: member_regression(u, m, am, &c); break;
            case WnnMode::Classifier: member_classifier(u, m, am, &c); break;
            case WnnMode::Thermometer: member_thermometer(u, m, am, &c); break;
        }
        total += c;
    }
    return total / static_cast<double>(members_);
}

WnnNetwork::CellTerms WnnNetwork::cell_terms(uint32_t user, uint32_t item) const {
    check(item, 1);
    CellTerms out;
    if (cfg_.mode != WnnMode::Regression || cfg_.aggregate == WnnAggregate::Median) return out;
    const WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    const bool offset = cfg_.offset == WnnOffset::Item;
    const double um = user_center(u), prior = cfg_.prior;
    // Cell units to stars, through the mean over members (see predict_with).
    const double unit = (offset ? 1.0 / kResidualUnit : 0.5) / static_cast<double>(members_);
    out.exact = true;
    out.base_stars = offset ? (item_base_[item] + um) * (1.0 / kResidualUnit) : um * 0.5;
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    std::vector<CellTerm> member_terms;
    for (uint32_t m = 0; m < members_; ++m) {
        member_terms.clear();
        double cnt = 0;
        for (uint32_t r = 0; r < rams_; ++r) {
            const uint32_t* c = cell(u, slot(m, r, a[m * rams_ + r]), nullptr);
            if (!c || c[0] == 0) continue;
            const double s = cell_sum(c);
            // Mean: the member answers the mean of its written cells, so each moves it by (cell - um) / k.
            // Weighted: (sum + prior um) / (cnt + prior) = um + sum over cells of (s - count um) / (cnt + prior).
            const double term = cfg_.aggregate == WnnAggregate::Mean ? (s + prior * um) / (c[0] + prior) - um : s - c[0] * um;
            member_terms.push_back(CellTerm{m, r, term});
            cnt += c[0];
        }
        const double div = cfg_.aggregate == WnnAggregate::Mean ? static_cast<double>(member_terms.size()) : cnt + prior;
        for (CellTerm& t : member_terms) {
            t.stars = t.stars / div * unit;
            out.terms.push_back(t);
        }
    }
    return out;
}

std::vector<std::pair<uint32_t, uint32_t>> WnnNetwork::shared_cells(uint32_t item, std::span<const uint32_t> rated) const {
    const auto mine = addresses(item);
    std::vector<std::pair<uint32_t, uint32_t>> out;
    out.reserve(rated.size());
    for (uint32_t j : rated) {
        const auto theirs = addresses(j);
        uint32_t n = 0;
        for (size_t t = 0; t < mine.size(); ++t) n += mine[t] == theirs[t] ? 1u : 0u;
        out.emplace_back(j, n);
    }
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    return out;
}

}  // namespace wl
