// A small fully connected network for the weighted comparison models: ReLU hidden layers, sigmoid outputs
// trained with binary cross-entropy on the logits (one sigmoid, not two as in the reference) or linear
// outputs trained with squared error, Adam, full- or mini-batch, seeded. No allocation per row or step.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "weightless/model/linalg.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

enum class MlpOutput : uint8_t { Sigmoid, Linear };

// Activations of one row and the gradient buffers of one backward pass; make one with MlpNetwork::make_work().
struct MlpWork {
    std::vector<float> act;     // every layer's output, concatenated (hidden ones after ReLU)
    std::vector<uint32_t> pos;  // per layer, the non-zero positions of its input (found in forward, reused in backward)
    std::vector<uint32_t> npos;  // per layer, how many
    std::vector<uint32_t> scratch;
    std::vector<float> dz0, dz1;  // gradient w.r.t. pre-activations, ping-ponged between layers
    std::vector<float> dout;      // gradient w.r.t. the outputs
};

class MlpNetwork {
public:
    MlpNetwork() = default;
    // sizes = {inputs, hidden..., outputs}. Weights and biases ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), which is
    // torch.nn.Linear's default (kaiming_uniform with a = sqrt(5)). Throws std::invalid_argument on bad sizes.
    MlpNetwork(std::vector<uint32_t> sizes, MlpOutput output, uint64_t seed);

    const std::vector<uint32_t>& sizes() const { return sizes_; }
    uint32_t inputs() const { return sizes_.empty() ? 0 : sizes_.front(); }
    uint32_t outputs() const { return sizes_.empty() ? 0 : sizes_.back(); }
    uint32_t layers() const { return sizes_.empty() ? 0 : static_cast<uint32_t>(sizes_.size() - 1); }
    MlpOutput output() const { return output_; }
    bool empty() const { return sizes_.empty(); }

    // All parameters in one array: per layer, weights transposed (wt[k * out + j], input k to output j), then
    // the biases. Adam, save/load and the gradient check all work on this flat view. After writing through
    // params(), call params_changed() before the next backward(): it refreshes the copy of the weights in the
    // usual layout that the backward pass reads (so its inner loops are contiguous too).
    std::span<float> params() { return params_; }
    void params_changed();
    std::span<const float> params() const { return params_; }
    size_t num_params() const { return params_.size(); }
    size_t weight_offset(uint32_t layer) const { return offsets_[layer]; }
    size_t bias_offset(uint32_t layer) const { return offsets_[layer] + size_t{sizes_[layer]} * sizes_[layer + 1]; }

    MlpWork make_work() const;
    // One row forward; returns the raw outputs (logits, or linear values) held in w. x_pos, when given, lists
    // x's non-zero positions as la::nonzeros would (x_npos of them): a trainer finds them once per row, not
    // once per epoch.
    const float* forward(const float* x, MlpWork& w, const uint32_t* x_pos = nullptr, uint32_t x_npos = 0) const;
    // After forward(x, w): adds to grad (num_params floats) the gradient of a loss whose derivative w.r.t. the
    // raw outputs is dout; writes d loss / d x_k for k < nx into dx when dx is not null.
    void backward(const float* x, const float* dout, MlpWork& w, float* grad, float* dx = nullptr,
                  uint32_t nx = 0) const;
    // Loss of one row's raw outputs against targets y, summed over outputs: BCE on logits (Sigmoid) or squared
    // error (Linear). Writes scale * d loss / d out into dout. The loss itself is computed only when asked.
    double row_loss(const float* out, const float* y, float scale, float* dout, bool want_loss) const;

    void save(ByteWriter& w) const;
    // Parses a network written by save(); throws FormatError (via r) on anything malformed.
    static MlpNetwork load(ByteReader& r);
    size_t memory_bytes() const;

private:
    std::vector<uint32_t> sizes_;
    MlpOutput output_ = MlpOutput::Sigmoid;
    std::vector<size_t> offsets_;  // start of each layer's weights in params_
    std::vector<size_t> act_off_;  // start of each layer's output in MlpWork::act
    std::vector<size_t> pos_off_;  // start of each layer's input positions in MlpWork::pos
    std::vector<float> params_;
    std::vector<float> w_;  // every layer's weights in the usual layout w[j * in + k], for backward
    std::vector<size_t> w_off_;
    void layout();
};

struct MlpTrainConfig {
    int32_t epochs = 25;
    int32_t batch = 0;  // rows per Adam step; 0 = full batch
    la::AdamParams adam;
};

// Trains networks on row-major inputs X (n x inputs) and targets Y (n x outputs); reusable across networks of
// the same shape without allocating. Mini-batch order is reshuffled each epoch from the seed; a full batch
// needs no shuffling (the gradient sum runs in row order).
class MlpTrainer {
public:
    // Returns the mean training loss of each epoch (measured in the forward passes of that epoch, before its
    // updates) when want_loss is set, else an empty vector.
    std::vector<double> train(MlpNetwork& net, const float* X, const float* Y, size_t n, const MlpTrainConfig& cfg,
                              uint64_t seed, bool want_loss = false);
    // Mean loss of the network over the rows, no update.
    static double loss(const MlpNetwork& net, const float* X, const float* Y, size_t n);

private:
    MlpWork work_;
    std::vector<uint32_t> work_sizes_;  // the shape work_ was made for
    la::Adam adam_;
    std::vector<float> grad_;
    std::vector<uint32_t> order_;
    std::vector<uint32_t> x_pos_, x_npos_;  // per row, the non-zero input positions
};

}  // namespace wl
