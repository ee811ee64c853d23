// The paper's weighted per-user model: one small MLP per user from item bits (the shared encoder, the
// reference's 26-bit layout by default) to a 10-bit rating thermometer, or to a regressed rating.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/encode/encoder.hpp"
#include "weightless/model/mlp_network.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/rating_lists.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// thermometer: 10 sigmoid outputs, BCE on the thermometer of floor(stars) * 2 ones; prediction = (number of
// outputs above 0.5) / 2 stars. regression: one linear output, squared error on the stars (minus the user's
// training mean when centred).
enum class MlpTarget { Thermometer, Regression };

inline EncoderConfig paper_encoder_config() {
    EncoderConfig e;
    e.layout = EncoderLayout::Paper;
    return e;
}

struct MlpConfig {
    EncoderConfig encoder = paper_encoder_config();
    int32_t hidden1 = 32, hidden2 = 16, hidden3 = 0;  // 0 ends the list of hidden layers
    MlpTarget target = MlpTarget::Thermometer;
    bool centre = true;
    int32_t epochs = 25;
    int32_t batch = 0;  // 0 = full batch, as the reference
    double lr = 1e-3;
    int32_t seed = 1;
    template <class V>
    void visit(V& v) {
        v.group("encoder", encoder);
        v.field("hidden1", hidden1, 0, 4096, "first hidden layer width (0: no hidden layer)");
        v.field("hidden2", hidden2, 0, 4096, "second hidden layer width (0: stop before it)");
        v.field("hidden3", hidden3, 0, 4096, "third hidden layer width (0: stop before it)");
        v.choice("target", target, {"thermometer", "regression"},
                 "10 sigmoid thermometer outputs or one rating output");
        v.flag("centre", centre, "regression: learn the rating minus the user's training mean");
        v.field("epochs", epochs, 0, 10000, "training epochs per user");
        v.field("batch", batch, 0, 1000000, "rows per Adam step (0: the user's whole training set)");
        v.field("lr", lr, 0.0, 1.0, "Adam learning rate (betas 0.9/0.999, eps 1e-8)");
        v.field("seed", seed, 0, 2147483647, "seed; user u's network uses a seed derived from (seed, u)");
    }
};

// fit trains one network for every user with training ratings. learn(r) appends r to the user's ratings and
// retrains that user's network from scratch (same derived seed): the honest cost of a weighted model that
// cannot add one example cheaply. Users without ratings predict the global training mean. can_forget: no.
class MlpModel : public Model {
public:
    explicit MlpModel(MlpConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "mlp"; }
    std::string kind() const override { return "mlp"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const MlpConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    int predict_thermometer(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    const Encoder& encoder() const { return enc_; }
    // The network layer sizes this config gives for the fitted encoder, e.g. {26, 32, 16, 10}.
    std::vector<uint32_t> layer_sizes() const;
    // Retrains a copy of the user's network and returns its mean training loss per epoch (for tests and plots).
    std::vector<double> training_losses(uint32_t user) const;

private:
    void train_user(uint32_t user, MlpTrainer& trainer, std::vector<float>& x, std::vector<float>& y);
    // Builds the user's training rows; returns the row count.
    size_t build_rows(uint32_t user, std::vector<float>& x, std::vector<float>& y) const;
    void item_row(uint32_t item, float* x) const;
    double user_mean(uint32_t user) const;
    double predict_with(uint32_t user, uint32_t item, MlpWork& w, std::vector<float>& x, int* count) const;

    MlpConfig cfg_;
    Encoder enc_;
    double mu_ = 3.0;
    UserRatings lists_;
    std::vector<MlpNetwork> nets_;  // empty network: the user has no ratings
};

}  // namespace wl
