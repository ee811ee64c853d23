// The reference's global "collaborative filtering" model: learned user and item embeddings concatenated with
// the item bits, through an MLP to a 10-bit rating thermometer (sigmoid outputs, BCE on the logits).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/encode/encoder.hpp"
#include "weightless/model/mlp_network.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/mlp_model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

struct NcfConfig {
    EncoderConfig encoder = paper_encoder_config();
    int32_t embedding = 32;
    int32_t hidden1 = 64, hidden2 = 32;  // 0 ends the list of hidden layers
    int32_t epochs = 25;
    int32_t batch = 256;
    double lr = 1e-3;
    int32_t seed = 1;
    int32_t learn_steps = 5;
    double learn_lr = 0.01;
    template <class V>
    void visit(V& v) {
        v.group("encoder", encoder);
        v.field("embedding", embedding, 1, 1024, "user and item embedding width");
        v.field("hidden1", hidden1, 0, 4096, "first hidden layer width (0: no hidden layer)");
        v.field("hidden2", hidden2, 0, 4096, "second hidden layer width (0: stop before it)");
        v.field("epochs", epochs, 0, 10000, "passes over the training ratings");
        v.field("batch", batch, 1, 1000000, "ratings per Adam step, in a seeded shuffle per epoch");
        v.field("lr", lr, 0.0, 1.0, "Adam learning rate (betas 0.9/0.999, eps 1e-8)");
        v.field("seed", seed, 0, 2147483647, "seed of the initialisation and the shuffles");
        v.field("learn_steps", learn_steps, 0, 1000, "learn(): gradient steps on the user's embedding");
        v.field("learn_lr", learn_lr, 0.0, 10.0, "learn(): step size of those steps");
    }
};

// fit: embeddings ~ N(0, 1) (torch.nn.Embedding), layers as torch.nn.Linear; Adam on the dense layers every
// step and lazily on the embedding rows a batch touches (torch.optim.SparseAdam's rule: rows absent from a batch
// keep their moments; bias correction uses the global step). Users/items without training ratings keep their
// random embedding, as in the reference.
// learn(r) after fit: learn_steps plain gradient steps on that user's embedding from r alone, network and items
// frozen: a global model has no cheap honest update. A new user's embedding starts at zero (the prior mean),
// which is also what predict uses for a user it has never seen. can_forget: no.
class NcfModel : public Model {
public:
    explicit NcfModel(NcfConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "ncf"; }
    std::string kind() const override { return "ncf"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const NcfConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    int predict_thermometer(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // Mean training loss per epoch of the last fit (BCE over the 10 outputs), for tests and plots.
    const std::vector<double>& epoch_losses() const { return losses_; }
    std::vector<uint32_t> layer_sizes() const;

private:
    // Fills x with [user embedding | item embedding | item bits]; unknown users get zeros.
    void input_row(uint32_t user, uint32_t item, float* x) const;
    int thermometer(uint32_t user, uint32_t item) const;

    NcfConfig cfg_;
    Encoder enc_;
    uint32_t n_items_ = 0;
    std::vector<float> user_emb_, item_emb_;  // row-major, `embedding` floats per row
    MlpNetwork net_;
    std::vector<double> losses_;
};

}  // namespace wl
