// Accuracy metrics: RMSE/MAE beside the paper's lenient within-one-star rule and its binary like/dislike
// score, pooled over ratings and as mean/median over users (the paper reports per-user mean and median).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

class Model;

// One scored prediction.
struct Prediction {
    uint32_t user = 0;
    uint8_t true_half_stars = 0;  // 1..10
    double stars = 0;             // the model's predict()
    int thermometer = 0;          // predicted thermometer count 0..10 (see thermometer_of)
};

// The paper's target: floor(stars) * 2 ones, so 4.5 stars gives 8.
int thermometer_true(uint8_t half_stars);
// A real-valued prediction's own half-star thermometer: clamp(round(2 * stars), 0, 10). The paper's WNN
// emits a thermometer directly; for every other model this is the closest equivalent (4.5 -> 9, 3.2 -> 6).
int thermometer_from_stars(double stars);
// predict_thermometer() when the model has one (>= 0), else thermometer_from_stars(stars).
int thermometer_of(const Model& m, uint32_t user, uint32_t item, double stars);
// Within one star: the counts differ by at most 2.
bool within_one_star(int predicted_count, int true_count);
// Like = 3 stars or more, on both sides.
bool binary_correct(double predicted_stars, uint8_t true_half_stars);

Prediction score(const Model& m, const Rating& r);  // calls predict (and predict_thermometer)

struct Metrics {
    uint64_t n = 0;        // predictions
    uint32_t users = 0;    // distinct users among them
    double rmse = 0, mae = 0;
    double within1 = 0, binary = 0;                 // pooled over all predictions
    double within1_mean = 0, within1_median = 0;    // over users (each user's fraction correct)
    double binary_mean = 0, binary_median = 0;
};

// Empty input gives n = 0 and NaN for every value.
Metrics compute_metrics(std::span<const Prediction> preds);

double median(std::vector<double> v);  // NaN when empty; mean of the two middle values when even
double mean(std::span<const double> v);
double stddev(std::span<const double> v);  // sample standard deviation (n - 1); 0 for fewer than 2 values

}  // namespace wl
