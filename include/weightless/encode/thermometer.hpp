// Thermometer thresholds (quantile and uniform) and a platform-stable logarithm, shared by the item encoder.
// Only +, -, *, / and frexp are used so native (glibc) and wasm (musl) derive bit-identical thresholds.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace wl {

enum class ThresholdKind { Uniform, Quantile };

// Natural log computed with correctly rounded basic operations only (frexp + atanh series, fixed term count):
// not the most accurate log, but the same double on every platform. x must be > 0 and finite.
double stable_log(double x);

// Equal-probability thresholds over `values` (any order): with b bits there are b+1 buckets of about
// n/(b+1) values each, bit k (0-based) being on when value > t[k]. Empty input gives +infinity thresholds.
std::vector<double> quantile_thresholds(std::span<const double> values, int32_t bits);

// b thresholds evenly spaced strictly between lo and hi: t[k] = lo + (hi - lo) * (k + 1) / (b + 1).
std::vector<double> uniform_thresholds(double lo, double hi, int32_t bits);

// Number of thresholds that `value` exceeds (thresholds non-decreasing), i.e. the count of ones.
uint32_t thermometer_level(double value, std::span<const double> thresholds);

}  // namespace wl
