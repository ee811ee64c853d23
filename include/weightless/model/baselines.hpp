// The trivial baselines every result table must carry (paper flaw 2): global mean, per-user mean,
// per-user most frequent star, and the bias baseline mu + b_u + b_i. All learn and forget exactly.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/model/model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// What every baseline predicts when it has seen no rating at all.
inline constexpr double kNoDataStars = 3.0;


// Mean of all training ratings; learn/forget keep an exact integer sum of half stars.
class GlobalMeanModel : public Model {
public:
    std::string name() const override { return "global-mean"; }
    std::string kind() const override { return "global-mean"; }
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override { return sizeof(*this); }

private:
    uint64_t sum_ = 0;    // half stars
    uint64_t count_ = 0;
};

// Each user's mean rating (exact integer sum/count); users with no rating get the global mean.
class UserMeanModel : public Model {
public:
    std::string name() const override { return "user-mean"; }
    std::string kind() const override { return "user-mean"; }
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

private:
    struct Acc {
        uint64_t sum = 0;    // half stars
        uint32_t count = 0;
    };
    std::vector<Acc> users_;
    Acc global_;
};

// Each user's most frequent rating value (ties: nearer the user's mean, then lower); fallback the global mode.
// The paper-flaw baseline: it scores 0.86-0.89 on the lenient within-one-star metric.
class UserModeModel : public Model {
public:
    using Histogram = std::array<uint32_t, 10>;     // one user's counts of half stars 1..10
    using Counts = std::array<uint64_t, 10>;        // same, summed over users

    std::string name() const override { return "user-mode"; }
    std::string kind() const override { return "user-mode"; }
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // The mode of a histogram in half stars with the tie rule above; 0 when the histogram is empty.
    static int mode_half_stars(const Counts& h);

private:
    std::vector<Histogram> users_;
    Counts global_{};
};

// Surprise's BaselineOnly defaults (ALS): reg_i=10, reg_u=15, 10 epochs.
struct BiasConfig {
    double reg_u = 15.0;
    double reg_i = 10.0;
    int32_t epochs = 10;
    template <class V>
    void visit(V& v) {
        v.field("reg_u", reg_u, 0.0, 1e6, "user bias shrinkage (ratings of prior weight)");
        v.field("reg_i", reg_i, 0.0, 1e6, "item bias shrinkage (ratings of prior weight)");
        v.field("epochs", epochs, 0, 1000, "alternating least squares sweeps in fit");
    }
};

// mu + b_u + b_i fitted by ALS. After fit, mu and every b_i are frozen: learn/forget move only the user's
// bias, through an exact 64-bit fixed-point sum of residuals (r - mu - b_i), so forget is exact and
// order-independent.
class BiasBaselineModel : public Model {
public:
    explicit BiasBaselineModel(BiasConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "bias"; }
    std::string kind() const override { return "bias"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const BiasConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    // One ALS epoch per step (a pass over the ratings each), the same arithmetic as fit().
    std::unique_ptr<FitJob> fit_in_steps(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    double global_mean() const { return mu_; }
    double user_bias(uint32_t user) const;
    double item_bias(uint32_t item) const { return item < item_bias_.size() ? item_bias_[item] : 0.0; }

private:
    struct UserAcc {
        int64_t residual_fp = 0;  // sum of (r - mu - b_i), fixed point with 32 fractional bits
        uint32_t count = 0;
    };
    int64_t residual_fp(const Rating& r) const;
    class Als;      // the fit's state between epochs
    class StepFit;  // fit_in_steps' job

    BiasConfig cfg_;
    double mu_ = kNoDataStars;
    std::vector<double> item_bias_;
    std::vector<UserAcc> users_;
};

}  // namespace wl
