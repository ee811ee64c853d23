// Biased matrix factorisation trained by SGD exactly as Surprise's SVD (the standard "SVD" anchor on MovieLens):
// r_ui ~ mu + b_u + b_i + q_i . p_u. Its item factors and biases are exposed for hybrid models.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/model.hpp"
#include "weightless/model/rating_lists.hpp"
#include "weightless/util/params.hpp"

namespace wl {

struct MfConfig {
    int32_t n_factors = 100;
    int32_t n_epochs = 20;
    double lr_all = 0.005;
    double reg_all = 0.02;
    double init_mean = 0.0;
    double init_std_dev = 0.1;
    bool biased = true;
    int32_t seed = 1;
    int32_t learn_epochs = 10;  // after fit, passes over one user's ratings on each learn()
    template <class V>
    void visit(V& v) {
        v.field("n_factors", n_factors, 1, 1024, "latent factors per user and item");
        v.field("n_epochs", n_epochs, 0, 1000, "SGD passes over the training ratings");
        v.field("lr_all", lr_all, 0.0, 1.0, "SGD learning rate of every parameter");
        v.field("reg_all", reg_all, 0.0, 100.0, "L2 regularisation of every parameter");
        v.field("init_mean", init_mean, -10.0, 10.0, "mean of the normal factor initialisation");
        v.field("init_std_dev", init_std_dev, 0.0, 10.0, "standard deviation of the factor initialisation");
        v.flag("biased", biased, "use the global mean and user/item biases");
        v.field("seed", seed, 0, 2147483647, "seed of the initialisation and of the per-epoch shuffles");
        v.field("learn_epochs", learn_epochs, 0, 1000, "learn(): SGD passes over that user's ratings, items frozen");
    }
};

// fit: factors ~ N(init_mean, init_std_dev) (biases 0), then n_epochs SGD passes, each over the training ratings
// in a fresh seeded shuffle, updating b_u, b_i, then p_u and q_i simultaneously (Surprise's update). Users and
// items without training ratings get zero factors and bias, so they predict like Surprise's unknowns.
// learn(r) after fit: appends r to the user's ratings and runs learn_epochs SGD passes over them that move only
// b_u and p_u (item factors and biases frozen). A new user starts at zero factors and bias, i.e. predicts
// mu + b_i until it has ratings. can_forget: no.
class MfModel : public Model {
public:
    explicit MfModel(MfConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "mf"; }
    std::string kind() const override { return "mf"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const MfConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // For hybrids. Unknown users/items give empty spans and zero biases.
    size_t factors() const { return static_cast<size_t>(cfg_.n_factors); }
    double global_mean() const { return mu_; }
    std::span<const float> item_factors(uint32_t item) const;
    double item_bias(uint32_t item) const { return item < bi_.size() ? bi_[item] : 0.0; }
    std::span<const float> user_factors(uint32_t user) const;
    double user_bias(uint32_t user) const { return user < bu_.size() ? bu_[user] : 0.0; }
    size_t num_users() const { return bu_.size(); }
    size_t num_items() const { return bi_.size(); }

private:
    void grow_users(size_t n);

    MfConfig cfg_;
    double mu_ = 3.0;
    std::vector<double> bu_, bi_;
    std::vector<float> pu_, qi_;  // row-major: user u at pu_[u * F], item i at qi_[i * F]
    UserRatings user_ratings_;    // in training order, then learned ones
};

}  // namespace wl
