// The MLP core: forward/backward one row at a time through the linalg kernels, Adam over the flat parameter
// array. Gradients are summed in row order, so a given seed gives the same bits everywhere.
#include "weightless/model/mlp_network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace wl {

namespace {
constexpr uint32_t kMaxWidth = 1u << 16;
constexpr uint32_t kMaxLayers = 16;
constexpr float kMaxAbsParam = 1e6f;
constexpr uint32_t kMaxOutputs = 64;  // sigmoid chunk on the stack
}  // namespace

void MlpNetwork::layout() {
    offsets_.assign(layers(), 0);
    act_off_.assign(layers(), 0);
    pos_off_.assign(layers(), 0);
    w_off_.assign(layers(), 0);
    size_t p = 0, a = 0, w = 0, q = 0;
    for (uint32_t l = 0; l < layers(); ++l) {
        offsets_[l] = p;
        p += size_t{sizes_[l]} * sizes_[l + 1] + sizes_[l + 1];
        act_off_[l] = a;
        a += sizes_[l + 1];
        pos_off_[l] = q;
        q += sizes_[l];
        w_off_[l] = w;
        w += size_t{sizes_[l]} * sizes_[l + 1];
    }
    params_.assign(p, 0.0f);
    w_.assign(w, 0.0f);
}

void MlpNetwork::params_changed() {
    for (uint32_t l = 0; l < layers(); ++l)
        la::transpose(params_.data() + offsets_[l], sizes_[l], sizes_[l + 1], w_.data() + w_off_[l]);
}

MlpNetwork::MlpNetwork(std::vector<uint32_t> sizes, MlpOutput output, uint64_t seed) : sizes_(std::move(sizes)), output_(output) {
    if (sizes_.size() < 2 || sizes_.size() > kMaxLayers + 1)
        throw std::invalid_argument("mlp: needs 1.." + std::to_string(kMaxLayers) + " layers");
    for (uint32_t s : sizes_)
        if (s == 0 || s > kMaxWidth)
            throw std::invalid_argument("mlp: layer width " + std::to_string(s) + " out of range");
    layout();
    Rng rng(seed);
    for (uint32_t l = 0; l < layers(); ++l) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(sizes_[l]));
        const size_t n = size_t{sizes_[l]} * sizes_[l + 1] + sizes_[l + 1];
        la::fill_uniform(std::span<float>(params_).subspan(offsets_[l], n), rng, -bound, bound);
    }
    params_changed();
}

MlpWork MlpNetwork::make_work() const {
    MlpWork w;
    uint32_t widest = 0;
    size_t total = 0;
    for (uint32_t l = 0; l < layers(); ++l) {
        widest = std::max(widest, sizes_[l + 1]);
        total += sizes_[l + 1];
    }
    w.act.assign(total, 0.0f);
    w.pos.assign(layers() == 0 ? 0 : pos_off_.back() + sizes_[layers() - 1], 0);
    w.npos.assign(layers(), 0);
    w.scratch.assign(widest, 0);
    w.dz0.assign(widest, 0.0f);
    w.dz1.assign(widest, 0.0f);
    w.dout.assign(outputs(), 0.0f);
    return w;
}

const float* MlpNetwork::forward(const float* x, MlpWork& w, const uint32_t* x_pos, uint32_t x_npos) const {
    const float* a = x;
    for (uint32_t l = 0; l < layers(); ++l) {
        const uint32_t in = sizes_[l], out = sizes_[l + 1];
        float* z = w.act.data() + act_off_[l];
        uint32_t* pos = w.pos.data() + pos_off_[l];
        if (l == 0 && x_pos) {
            std::copy(x_pos, x_pos + x_npos, pos);
            w.npos[0] = x_npos;
        } else {
            w.npos[l] = la::nonzeros(a, in, pos);
        }
        la::affine(a, pos, w.npos[l], params_.data() + offsets_[l], params_.data() + bias_offset(l), out, z);
        if (l + 1 < layers())
            for (uint32_t j = 0; j < out; ++j) z[j] = z[j] > 0.0f ? z[j] : 0.0f;
        a = z;
    }
    return a;
}

void MlpNetwork::backward(const float* x, const float* dout, MlpWork& w, float* grad, float* dx, uint32_t nx) const {
    float* dz = w.dz0.data();
    float* dprev = w.dz1.data();
    std::copy(dout, dout + outputs(), dz);
    for (uint32_t l = layers(); l-- > 0;) {
        const uint32_t in = sizes_[l], out = sizes_[l + 1];
        const float* a_prev = l == 0 ? x : w.act.data() + act_off_[l - 1];
        la::affine_grad(a_prev, w.pos.data() + pos_off_[l], w.npos[l], dz, out, grad + offsets_[l],
                        grad + bias_offset(l));
        const float* wn = w_.data() + w_off_[l];
        if (l > 0) {
            // The previous layer's ReLU passes gradient only where its output was positive.
            la::affine_back(dz, wn, in, in, out, a_prev, dprev, w.scratch.data());
            std::swap(dz, dprev);
        } else if (dx) {
            la::affine_back(dz, wn, in, std::min(nx, in), out, nullptr, dx, w.scratch.data());
        }
    }
}

double MlpNetwork::row_loss(const float* out, const float* y, float scale, float* dout, bool want_loss) const {
    double loss = 0.0;
    const uint32_t n = outputs();
    if (output_ == MlpOutput::Sigmoid) {
        // The gradient comes from the float sigmoid whether or not the loss is wanted, so asking for the loss
        // never changes the trained weights; the loss itself is summed in double.
        float s[kMaxOutputs];
        for (uint32_t j0 = 0; j0 < n; j0 += kMaxOutputs) {
            const uint32_t m = std::min(n - j0, kMaxOutputs);
            la::sigmoid_f(out + j0, m, s);
            for (uint32_t j = 0; j < m; ++j) dout[j0 + j] = (s[j] - y[j0 + j]) * scale;
        }
        if (want_loss)
            for (uint32_t j = 0; j < n; ++j) loss += la::bce_logits(out[j], y[j]);
    } else {
        for (uint32_t j = 0; j < n; ++j) {
            const float d = out[j] - y[j];
            dout[j] = 2.0f * d * scale;
            if (want_loss) loss += static_cast<double>(d) * d;
        }
    }
    return loss;
}

void MlpNetwork::save(ByteWriter& w) const {
    w.varint(sizes_.size());
    for (uint32_t s : sizes_) w.varint(s);
    w.u8(static_cast<uint8_t>(output_));
    la::write_floats(w, params_);
}

MlpNetwork MlpNetwork::load(ByteReader& r) {
    MlpNetwork m;
    const size_t n = r.count(1, kMaxLayers + 1);
    if (n < 2) r.fail("mlp: fewer than 2 layer sizes");
    m.sizes_.resize(n);
    for (auto& s : m.sizes_) {
        const uint64_t v = r.varint();
        if (v == 0 || v > kMaxWidth) r.fail("mlp: layer width out of range");
        s = static_cast<uint32_t>(v);
    }
    const uint8_t out = r.u8();
    if (out > 1) r.fail("mlp: unknown output kind");
    m.output_ = static_cast<MlpOutput>(out);
    size_t total = 0;
    for (size_t l = 0; l + 1 < n; ++l) total += size_t{m.sizes_[l]} * m.sizes_[l + 1] + m.sizes_[l + 1];
    if (total > r.remaining() / 4) r.fail("mlp: parameters truncated");
    m.layout();
    la::read_floats(r, m.params_, kMaxAbsParam, "mlp parameters");
    m.params_changed();
    return m;
}

size_t MlpNetwork::memory_bytes() const {
    return sizeof(*this) + (params_.capacity() + w_.capacity()) * sizeof(float) + sizes_.capacity() * sizeof(uint32_t) +
           (offsets_.capacity() + act_off_.capacity() + pos_off_.capacity() + w_off_.capacity()) * sizeof(size_t);
}

std::vector<double> MlpTrainer::train(MlpNetwork& net, const float* X, const float* Y, size_t n, const MlpTrainConfig& cfg,
                                      uint64_t seed, bool want_loss) {
    std::vector<double> losses;
    if (net.empty() || n == 0 || cfg.epochs <= 0) return losses;
    if (want_loss) losses.reserve(static_cast<size_t>(cfg.epochs));
    const size_t batch = cfg.batch <= 0 ? n : std::min(n, static_cast<size_t>(cfg.batch));
    const uint32_t in = net.inputs(), out = net.outputs();
    if (work_sizes_ != net.sizes()) {
        work_ = net.make_work();
        work_sizes_ = net.sizes();
    }
    adam_.reset(net.num_params(), cfg.adam);
    grad_.assign(net.num_params(), 0.0f);
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = static_cast<uint32_t>(i);
    x_pos_.resize(n * in);
    x_npos_.resize(n);
    for (size_t row = 0; row < n; ++row) x_npos_[row] = la::nonzeros(X + row * in, in, x_pos_.data() + row * in);
    Rng rng(seed);
    const bool shuffle = batch < n;

    for (int32_t epoch = 0; epoch < cfg.epochs; ++epoch) {
        if (shuffle) rng.shuffle(std::span<uint32_t>(order_));
        double epoch_loss = 0.0;
        for (size_t start = 0; start < n; start += batch) {
            const size_t end = std::min(n, start + batch);
            // torch's mean reduction: over every output of every row in the batch.
            const float scale = static_cast<float>(1.0 / (static_cast<double>(end - start) * out));
            std::fill(grad_.begin(), grad_.end(), 0.0f);
            for (size_t b = start; b < end; ++b) {
                const size_t row = order_[b];
                const float* x = X + row * in;
                const float* o = net.forward(x, work_, x_pos_.data() + row * in, x_npos_[row]);
                epoch_loss += net.row_loss(o, Y + row * out, scale, work_.dout.data(), want_loss);
                net.backward(x, work_.dout.data(), work_, grad_.data());
            }
            const la::AdamStep s = adam_.next_step();
            adam_.update(s, 0, net.params().data(), grad_.data(), grad_.size());
            net.params_changed();
        }
        if (want_loss) losses.push_back(epoch_loss / (static_cast<double>(n) * out));
    }
    return losses;
}

double MlpTrainer::loss(const MlpNetwork& net, const float* X, const float* Y, size_t n) {
    if (net.empty() || n == 0) return 0.0;
    MlpWork w = net.make_work();
    double total = 0.0;
    for (size_t row = 0; row < n; ++row) {
        const float* o = net.forward(X + row * net.inputs(), w);
        total += net.row_loss(o, Y + row * net.outputs(), 1.0f, w.dout.data(), true);
    }
    return total / (static_cast<double>(n) * net.outputs());
}

}  // namespace wl
