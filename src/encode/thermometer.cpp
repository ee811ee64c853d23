// Threshold computation for thermometer codes; see thermometer.hpp.
#include "weightless/encode/thermometer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace wl {

double stable_log(double x) {
    if (!(x > 0) || !std::isfinite(x)) throw std::invalid_argument("stable_log: argument must be positive and finite");
    int e = 0;
    double m = std::frexp(x, &e);  // exact: x = m * 2^e, m in [0.5, 1)
    if (m < 0.7071067811865476) {  // move m into [sqrt(1/2), sqrt(2)) so the series converges fast
        m *= 2.0;
        e -= 1;
    }
    // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.1716; 12 odd terms reach below 1e-18 relative.
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double term = s, sum = 0.0;
    for (int k = 0; k < 12; ++k) {
        sum += term / static_cast<double>(2 * k + 1);
        term *= s2;
    }
    constexpr double kLn2 = 0.69314718055994530942;
    return static_cast<double>(e) * kLn2 + 2.0 * sum;
}

std::vector<double> quantile_thresholds(std::span<const double> values, int32_t bits) {
    if (bits < 1 || bits > 64) throw std::invalid_argument("quantile_thresholds: bits must be in [1, 64]");
    std::vector<double> t(static_cast<size_t>(bits), std::numeric_limits<double>::infinity());
    if (values.empty()) return t;
    std::vector<double> v(values.begin(), values.end());
    std::sort(v.begin(), v.end());
    const uint64_t n = v.size();
    for (int32_t k = 0; k < bits; ++k) {
        // The first (k+1)*n/(b+1) values fall at or below t[k].
        const uint64_t below = (static_cast<uint64_t>(k) + 1) * n / (static_cast<uint64_t>(bits) + 1);
        t[static_cast<size_t>(k)] = v[below == 0 ? 0 : below - 1];
    }
    return t;
}

std::vector<double> uniform_thresholds(double lo, double hi, int32_t bits) {
    if (bits < 1 || bits > 64) throw std::invalid_argument("uniform_thresholds: bits must be in [1, 64]");
    std::vector<double> t(static_cast<size_t>(bits));
    for (int32_t k = 0; k < bits; ++k)
        t[static_cast<size_t>(k)] = lo + (hi - lo) * static_cast<double>(k + 1) / static_cast<double>(bits + 1);
    return t;
}

uint32_t thermometer_level(double value, std::span<const double> thresholds) {
    uint32_t n = 0;
    for (double t : thresholds) n += value > t ? 1u : 0u;
    return n;
}

}  // namespace wl
