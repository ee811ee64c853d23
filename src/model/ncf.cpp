// The reference's global embedding + MLP model, trained by mini-batch Adam (lazy on embedding rows).
// Per row: gather [user emb | item emb | bits], forward, BCE on logits, backward into the layers and the two rows.
#include "weightless/model/ncf.hpp"

#include <cmath>
#include <stdexcept>

#include "weighted_util.hpp"

namespace wl {

namespace {
constexpr uint32_t kThermometerBits = 10;
constexpr float kMaxAbsEmbedding = 1e6f;

void thermometer_target(uint8_t half_stars, float* y) {
    const uint32_t ones = 2u * (half_stars / 2u);  // floor(stars) * 2
    for (uint32_t j = 0; j < kThermometerBits; ++j) y[j] = j < ones ? 1.0f : 0.0f;
}

struct Sample {
    uint32_t user, item;
    uint8_t half_stars;
};
}  // namespace

std::vector<uint32_t> NcfModel::layer_sizes() const {
    std::vector<uint32_t> s{2 * static_cast<uint32_t>(cfg_.embedding) + enc_.bits()};
    for (int32_t h : {cfg_.hidden1, cfg_.hidden2}) {
        if (h <= 0) break;
        s.push_back(static_cast<uint32_t>(h));
    }
    s.push_back(kThermometerBits);
    return s;
}

void NcfModel::input_row(uint32_t user, uint32_t item, float* x) const {
    const size_t E = static_cast<size_t>(cfg_.embedding);
    const size_t n_users = user_emb_.size() / E;
    for (size_t f = 0; f < E; ++f) x[f] = user < n_users ? user_emb_[user * E + f] : 0.0f;
    for (size_t f = 0; f < E; ++f) x[E + f] = item_emb_[item * E + f];
    const uint32_t bits = enc_.bits(), words = enc_.words();
    const uint64_t* code = enc_.codes().data() + size_t{item} * words;
    for (uint32_t k = 0; k < bits; ++k) x[2 * E + k] = static_cast<float>((code[k / 64] >> (k % 64)) & 1u);
}

void NcfModel::fit(const TrainData& data) {
    const size_t n_items = data.catalogue.num_items();
    size_t n_users = data.catalogue.num_users();
    for (const auto& r : data.ratings) {
        weighted::check_rating(r, name());
        weighted::check_known_item(r, n_items, name());
        n_users = std::max(n_users, size_t{r.user} + 1);
    }
    NcfModel m(cfg_);
    m.enc_ = Encoder(cfg_.encoder);
    m.enc_.fit(data.catalogue, data.ratings);
    m.n_items_ = static_cast<uint32_t>(n_items);
    const size_t E = static_cast<size_t>(cfg_.embedding);
    m.user_emb_.resize(n_users * E);
    m.item_emb_.resize(n_items * E);
    Rng init(derive_seed(static_cast<uint64_t>(cfg_.seed), 1));
    la::fill_normal(m.user_emb_, init, 0.0, 1.0);
    la::fill_normal(m.item_emb_, init, 0.0, 1.0);
    m.net_ = MlpNetwork(m.layer_sizes(), MlpOutput::Sigmoid, derive_seed(static_cast<uint64_t>(cfg_.seed), 2));

    std::vector<Sample> samples;
    samples.reserve(data.ratings.size());
    for (const auto& r : data.ratings) samples.push_back({r.user, r.item, r.half_stars});
    const size_t n = samples.size();
    const MlpNetwork& net = m.net_;
    const uint32_t in = net.inputs();
    std::vector<float> x(in), y(kThermometerBits), dx(2 * E), grad(net.num_params(), 0.0f);
    std::vector<float> gu(m.user_emb_.size(), 0.0f), gi(m.item_emb_.size(), 0.0f);
    std::vector<uint8_t> seen_u(n_users, 0), seen_i(n_items, 0);
    std::vector<uint32_t> touched_u, touched_i;
    MlpWork work = net.make_work();
    la::AdamParams ap;
    ap.lr = cfg_.lr;
    la::Adam adam_net(net.num_params(), ap), adam_u(m.user_emb_.size(), ap), adam_i(m.item_emb_.size(), ap);
    Rng order(derive_seed(static_cast<uint64_t>(cfg_.seed), 3));
    const size_t batch = static_cast<size_t>(cfg_.batch);

    for (int32_t epoch = 0; epoch < cfg_.epochs && n > 0; ++epoch) {
        order.shuffle(std::span<Sample>(samples));
        double loss = 0.0;
        for (size_t start = 0; start < n; start += batch) {
            const size_t end = std::min(n, start + batch);
            const float scale = static_cast<float>(1.0 / (static_cast<double>(end - start) * kThermometerBits));
            std::fill(grad.begin(), grad.end(), 0.0f);
            for (size_t b = start; b < end; ++b) {
                const Sample& s = samples[b];
                m.input_row(s.user, s.item, x.data());
                thermometer_target(s.half_stars, y.data());
                const float* o = net.forward(x.data(), work);
                loss += net.row_loss(o, y.data(), scale, work.dout.data(), true);
                net.backward(x.data(), work.dout.data(), work, grad.data(), dx.data(), static_cast<uint32_t>(2 * E));
                la::axpy(1.0f, dx.data(), gu.data() + size_t{s.user} * E, E);
                la::axpy(1.0f, dx.data() + E, gi.data() + size_t{s.item} * E, E);
                if (!seen_u[s.user]) {
                    seen_u[s.user] = 1;
                    touched_u.push_back(s.user);
                }
                if (!seen_i[s.item]) {
                    seen_i[s.item] = 1;
                    touched_i.push_back(s.item);
                }
            }
            const la::AdamStep sn = adam_net.next_step();
            adam_net.update(sn, 0, m.net_.params().data(), grad.data(), grad.size());
            m.net_.params_changed();
            // Embedding rows: touched ones only, in first-touched order (each row is independent).
            auto step_rows = [&](la::Adam& adam, std::vector<float>& emb, std::vector<float>& g,
                                 std::vector<uint32_t>& rows, std::vector<uint8_t>& seen) {
                const la::AdamStep st = adam.next_step();
                for (uint32_t row : rows) {
                    const size_t off = size_t{row} * E;
                    adam.update(st, off, emb.data() + off, g.data() + off, E);
                    std::fill(g.begin() + static_cast<ptrdiff_t>(off), g.begin() + static_cast<ptrdiff_t>(off + E),
                              0.0f);
                    seen[row] = 0;
                }
                rows.clear();
            };
            step_rows(adam_u, m.user_emb_, gu, touched_u, seen_u);
            step_rows(adam_i, m.item_emb_, gi, touched_i, seen_i);
        }
        m.losses_.push_back(loss / (static_cast<double>(n) * kThermometerBits));
    }
    *this = std::move(m);
}

void NcfModel::learn(const Rating& r) {
    weighted::check_rating(r, name());
    weighted::check_known_item(r, n_items_, name());
    const size_t E = static_cast<size_t>(cfg_.embedding);
    if (size_t{r.user} >= user_emb_.size() / E) user_emb_.resize((size_t{r.user} + 1) * E, 0.0f);
    if (net_.empty() || cfg_.learn_steps == 0) return;
    std::vector<float> x(net_.inputs()), y(kThermometerBits), dx(E), grad(net_.num_params());
    MlpWork work = net_.make_work();
    thermometer_target(r.half_stars, y.data());
    float* emb = user_emb_.data() + size_t{r.user} * E;
    const float lr = static_cast<float>(cfg_.learn_lr);
    for (int32_t step = 0; step < cfg_.learn_steps; ++step) {
        input_row(r.user, r.item, x.data());
        const float* o = net_.forward(x.data(), work);
        net_.row_loss(o, y.data(), 1.0f / kThermometerBits, work.dout.data(), false);
        net_.backward(x.data(), work.dout.data(), work, grad.data(), dx.data(), static_cast<uint32_t>(E));
        la::axpy(-lr, dx.data(), emb, E);
    }
}

int NcfModel::thermometer(uint32_t user, uint32_t item) const {
    std::vector<float> x(net_.inputs());
    MlpWork work = net_.make_work();
    input_row(user, item, x.data());
    const float* o = net_.forward(x.data(), work);
    int c = 0;
    for (uint32_t j = 0; j < net_.outputs(); ++j) c += o[j] > 0.0f ? 1 : 0;  // sigmoid(z) > 0.5  <=>  z > 0
    return c;
}

double NcfModel::predict(uint32_t user, uint32_t item) const {
    if (net_.empty() || item >= n_items_) return weighted::clamp_stars(enc_.fitted() ? enc_.global_mean() : 3.0);
    return weighted::clamp_stars(thermometer(user, item) * 0.5);
}

int NcfModel::predict_thermometer(uint32_t user, uint32_t item) const {
    if (net_.empty() || item >= n_items_) return -1;
    return thermometer(user, item);
}

void NcfModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    enc_.save(w);
    const size_t E = static_cast<size_t>(cfg_.embedding);
    w.varint(user_emb_.size() / E);
    w.varint(n_items_);
    la::write_floats(w, user_emb_);
    la::write_floats(w, item_emb_);
    w.u8(net_.empty() ? 0 : 1);
    if (!net_.empty()) net_.save(w);
}

void NcfModel::load(ByteReader& r) {
    NcfConfig cfg;
    const std::string text = r.str(8192);
    try {
        apply_params(cfg, text);
    } catch (const ParamError& e) {
        r.fail(std::string("ncf: bad config: ") + e.what());
    }
    NcfModel m(cfg);
    m.enc_.load(r);
    const size_t E = static_cast<size_t>(cfg.embedding);
    const size_t n_users = r.count(4 * E, weighted::kMaxUsers);
    const size_t n_items = r.count(4 * E, weighted::kMaxItems);
    if (n_items != m.enc_.num_items()) r.fail("ncf: item count does not match the encoder");
    if (n_users + n_items > r.remaining() / (4 * E)) r.fail("ncf: embeddings truncated");
    m.n_items_ = static_cast<uint32_t>(n_items);
    m.user_emb_.resize(n_users * E);
    m.item_emb_.resize(n_items * E);
    la::read_floats(r, m.user_emb_, kMaxAbsEmbedding, "ncf user embeddings");
    la::read_floats(r, m.item_emb_, kMaxAbsEmbedding, "ncf item embeddings");
    const uint8_t has = r.u8();
    if (has > 1) r.fail("ncf: bad network flag");
    if (has) {
        m.net_ = MlpNetwork::load(r);
        if (m.net_.sizes() != m.layer_sizes() || m.net_.output() != MlpOutput::Sigmoid)
            r.fail("ncf: network shape does not match the config");
    }
    r.expect_done();
    *this = std::move(m);
}

size_t NcfModel::memory_bytes() const {
    return sizeof(*this) + enc_.memory_bytes() + (user_emb_.capacity() + item_emb_.capacity()) * sizeof(float) +
           net_.memory_bytes() - sizeof(MlpNetwork) + losses_.capacity() * sizeof(double);
}

}  // namespace wl
