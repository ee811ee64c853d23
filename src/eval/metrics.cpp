// Metric definitions; see metrics.hpp for the paper's thermometer rule and how real-valued predictions map to it.
#include "weightless/eval/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "weightless/model/model.hpp"

namespace wl {

int thermometer_true(uint8_t half_stars) { return (half_stars / 2) * 2; }

int thermometer_from_stars(double stars) {
    if (!std::isfinite(stars)) return 0;
    const double c = std::floor(2.0 * stars + 0.5);
    return static_cast<int>(std::clamp(c, 0.0, 10.0));
}

int thermometer_of(const Model& m, uint32_t user, uint32_t item, double stars) {
    const int t = m.predict_thermometer(user, item);
    return t >= 0 ? std::min(t, 10) : thermometer_from_stars(stars);
}

bool within_one_star(int predicted_count, int true_count) { return std::abs(predicted_count - true_count) <= 2; }

bool binary_correct(double predicted_stars, uint8_t true_half_stars) {
    return (predicted_stars >= 3.0) == (true_half_stars >= 6);
}

Prediction score(const Model& m, const Rating& r) {
    Prediction p;
    p.user = r.user;
    p.true_half_stars = r.half_stars;
    p.stars = m.predict(r.user, r.item);
    p.thermometer = thermometer_of(m, r.user, r.item, p.stars);
    return p;
}

double median(std::vector<double> v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    const size_t h = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + h, v.end());
    if (v.size() % 2) return v[h];
    const double hi = v[h];
    const double lo = *std::max_element(v.begin(), v.begin() + h);
    return (lo + hi) / 2;
}

double mean(std::span<const double> v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    double s = 0;
    for (double x : v) s += x;
    return s / v.size();
}

double stddev(std::span<const double> v) {
    if (v.size() < 2) return 0.0;
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / (v.size() - 1));
}

Metrics compute_metrics(std::span<const Prediction> preds) {
    Metrics out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.n = preds.size();
    if (preds.empty()) {
        out.rmse = out.mae = out.within1 = out.binary = nan;
        out.within1_mean = out.within1_median = out.binary_mean = out.binary_median = nan;
        return out;
    }
    struct PerUser {
        uint32_t user;
        bool within1, binary;
    };
    std::vector<PerUser> rows;
    rows.reserve(preds.size());
    double se = 0, ae = 0;
    uint64_t w = 0, b = 0;
    for (const auto& p : preds) {
        const double err = p.stars - p.true_half_stars * 0.5;
        se += err * err;
        ae += std::fabs(err);
        const bool pw = within_one_star(p.thermometer, thermometer_true(p.true_half_stars));
        const bool pb = binary_correct(p.stars, p.true_half_stars);
        w += pw;
        b += pb;
        rows.push_back({p.user, pw, pb});
    }
    const double n = static_cast<double>(preds.size());
    out.rmse = std::sqrt(se / n);
    out.mae = ae / n;
    out.within1 = w / n;
    out.binary = b / n;

    std::stable_sort(rows.begin(), rows.end(), [](const PerUser& x, const PerUser& y) { return x.user < y.user; });
    std::vector<double> uw, ub;
    for (size_t i = 0; i < rows.size();) {
        size_t j = i;
        uint64_t cw = 0, cb = 0;
        for (; j < rows.size() && rows[j].user == rows[i].user; ++j) {
            cw += rows[j].within1;
            cb += rows[j].binary;
        }
        uw.push_back(static_cast<double>(cw) / (j - i));
        ub.push_back(static_cast<double>(cb) / (j - i));
        i = j;
    }
    out.users = static_cast<uint32_t>(uw.size());
    out.within1_mean = mean(uw);
    out.binary_mean = mean(ub);
    out.within1_median = median(std::move(uw));
    out.binary_median = median(std::move(ub));
    return out;
}

}  // namespace wl
