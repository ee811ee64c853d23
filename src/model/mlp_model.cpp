// One MLP per user (the paper's weighted per-user model): rows are item codes as 0/1 floats, targets a
// 10-bit thermometer or the (centred) rating; each user trains full-batch with Adam from a seed of its own.
#include "weightless/model/mlp_model.hpp"

#include <cmath>
#include <stdexcept>

#include "weighted_util.hpp"

namespace wl {

namespace {
constexpr uint32_t kThermometerBits = 10;

int count_positive(const float* logits, uint32_t n) {
    int c = 0;
    for (uint32_t j = 0; j < n; ++j) c += logits[j] > 0.0f ? 1 : 0;  // sigmoid(z) > 0.5  <=>  z > 0
    return c;
}
}  // namespace

std::vector<uint32_t> MlpModel::layer_sizes() const {
    std::vector<uint32_t> s{enc_.bits()};
    for (int32_t h : {cfg_.hidden1, cfg_.hidden2, cfg_.hidden3}) {
        if (h <= 0) break;
        s.push_back(static_cast<uint32_t>(h));
    }
    s.push_back(cfg_.target == MlpTarget::Thermometer ? kThermometerBits : 1);
    return s;
}

void MlpModel::item_row(uint32_t item, float* x) const {
    const uint32_t bits = enc_.bits(), words = enc_.words();
    const uint64_t* code = enc_.codes().data() + size_t{item} * words;
    for (uint32_t k = 0; k < bits; ++k) x[k] = static_cast<float>((code[k / 64] >> (k % 64)) & 1u);
}

double MlpModel::user_mean(uint32_t user) const {
    const auto& l = lists_[user];
    if (l.empty()) return mu_;
    uint64_t sum = 0;
    for (const auto& e : l) sum += e.half_stars;
    return static_cast<double>(sum) * 0.5 / static_cast<double>(l.size());
}

size_t MlpModel::build_rows(uint32_t user, std::vector<float>& x, std::vector<float>& y) const {
    const auto& l = lists_[user];
    const uint32_t bits = enc_.bits();
    const bool thermo = cfg_.target == MlpTarget::Thermometer;
    const uint32_t outs = thermo ? kThermometerBits : 1;
    x.resize(l.size() * bits);
    y.resize(l.size() * outs);
    const double centre = cfg_.centre ? user_mean(user) : 0.0;
    for (size_t n = 0; n < l.size(); ++n) {
        item_row(l[n].item, x.data() + n * bits);
        float* t = y.data() + n * outs;
        if (thermo) {
            const uint32_t ones = 2u * (l[n].half_stars / 2u);  // floor(stars) * 2
            for (uint32_t j = 0; j < outs; ++j) t[j] = j < ones ? 1.0f : 0.0f;
        } else {
            t[0] = static_cast<float>(l[n].half_stars * 0.5 - centre);
        }
    }
    return l.size();
}

void MlpModel::train_user(uint32_t user, MlpTrainer& trainer, std::vector<float>& x, std::vector<float>& y) {
    if (lists_[user].empty()) {
        nets_[user] = MlpNetwork();
        return;
    }
    const uint64_t seed = derive_seed(static_cast<uint64_t>(cfg_.seed), user);
    const MlpOutput out = cfg_.target == MlpTarget::Thermometer ? MlpOutput::Sigmoid : MlpOutput::Linear;
    MlpNetwork net(layer_sizes(), out, seed);
    const size_t n = build_rows(user, x, y);
    MlpTrainConfig tc;
    tc.epochs = cfg_.epochs;
    tc.batch = cfg_.batch;
    tc.adam.lr = cfg_.lr;
    trainer.train(net, x.data(), y.data(), n, tc, derive_seed(seed, 1));
    nets_[user] = std::move(net);
}

std::vector<double> MlpModel::training_losses(uint32_t user) const {
    if (user >= lists_.size() || lists_[user].empty()) return {};
    const uint64_t seed = derive_seed(static_cast<uint64_t>(cfg_.seed), user);
    const MlpOutput out = cfg_.target == MlpTarget::Thermometer ? MlpOutput::Sigmoid : MlpOutput::Linear;
    MlpNetwork net(layer_sizes(), out, seed);
    std::vector<float> x, y;
    const size_t n = build_rows(user, x, y);
    MlpTrainConfig tc;
    tc.epochs = cfg_.epochs;
    tc.batch = cfg_.batch;
    tc.adam.lr = cfg_.lr;
    MlpTrainer trainer;
    return trainer.train(net, x.data(), y.data(), n, tc, derive_seed(seed, 1), true);
}

void MlpModel::fit(const TrainData& data) {
    size_t n_users = data.catalogue.num_users();
    uint64_t sum = 0;
    for (const auto& r : data.ratings) {
        weighted::check_rating(r, name());
        weighted::check_known_item(r, data.catalogue.num_items(), name());
        n_users = std::max(n_users, size_t{r.user} + 1);
        sum += r.half_stars;
    }
    MlpModel m(cfg_);
    m.enc_ = Encoder(cfg_.encoder);
    m.enc_.fit(data.catalogue, data.ratings);
    m.mu_ = data.ratings.empty() ? 3.0 : static_cast<double>(sum) * 0.5 / static_cast<double>(data.ratings.size());
    m.lists_.assign(n_users, {});
    for (const auto& r : data.ratings) m.lists_[r.user].push_back({r.item, r.half_stars});
    m.nets_.assign(n_users, MlpNetwork());
    MlpTrainer trainer;
    std::vector<float> x, y;
    for (uint32_t u = 0; u < n_users; ++u) m.train_user(u, trainer, x, y);
    *this = std::move(m);
}

void MlpModel::learn(const Rating& r) {
    weighted::check_rating(r, name());
    weighted::check_known_item(r, enc_.num_items(), name());
    if (r.user >= lists_.size()) {
        lists_.resize(size_t{r.user} + 1);
        nets_.resize(size_t{r.user} + 1);
    }
    lists_[r.user].push_back({r.item, r.half_stars});
    MlpTrainer trainer;
    std::vector<float> x, y;
    train_user(r.user, trainer, x, y);
}

double MlpModel::predict_with(uint32_t user, uint32_t item, MlpWork& w, std::vector<float>& x, int* count) const {
    *count = -1;
    if (user >= nets_.size() || nets_[user].empty() || item >= enc_.num_items())
        return weighted::clamp_stars(user < lists_.size() ? user_mean(user) : mu_);
    const MlpNetwork& net = nets_[user];
    item_row(item, x.data());
    const float* o = net.forward(x.data(), w);
    if (cfg_.target == MlpTarget::Thermometer) {
        *count = count_positive(o, net.outputs());
        return weighted::clamp_stars(*count * 0.5);
    }
    return weighted::clamp_stars((cfg_.centre ? user_mean(user) : 0.0) + o[0]);
}

double MlpModel::predict(uint32_t user, uint32_t item) const {
    double out = 0;
    predict_many(user, std::span<const uint32_t>(&item, 1), std::span<double>(&out, 1));
    return out;
}

void MlpModel::predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    MlpWork w;
    std::vector<float> x(enc_.bits());
    if (user < nets_.size() && !nets_[user].empty()) w = nets_[user].make_work();
    int count;
    for (size_t n = 0; n < items.size(); ++n) out[n] = predict_with(user, items[n], w, x, &count);
}

int MlpModel::predict_thermometer(uint32_t user, uint32_t item) const {
    if (cfg_.target != MlpTarget::Thermometer || user >= nets_.size() || nets_[user].empty() ||
        item >= enc_.num_items())
        return -1;
    MlpWork w = nets_[user].make_work();
    std::vector<float> x(enc_.bits());
    int count;
    predict_with(user, item, w, x, &count);
    return count;
}

void MlpModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    enc_.save(w);
    w.f64(mu_);
    write_user_ratings(w, lists_);
    for (const MlpNetwork& net : nets_) {
        w.u8(net.empty() ? 0 : 1);
        if (!net.empty()) net.save(w);
    }
}

void MlpModel::load(ByteReader& r) {
    MlpConfig cfg;
    const std::string text = r.str(8192);
    try {
        apply_params(cfg, text);
    } catch (const ParamError& e) {
        r.fail(std::string("mlp: bad config: ") + e.what());
    }
    MlpModel m(cfg);
    m.enc_.load(r);
    m.mu_ = r.f64();
    if (!std::isfinite(m.mu_) || m.mu_ < 0.5 || m.mu_ > 5.0) r.fail("mlp: global mean out of range");
    m.lists_ = read_user_ratings(r, m.enc_.num_items(), weighted::kMaxUsers, "mlp ratings");
    m.nets_.resize(m.lists_.size());
    const std::vector<uint32_t> sizes = m.layer_sizes();
    const MlpOutput out = cfg.target == MlpTarget::Thermometer ? MlpOutput::Sigmoid : MlpOutput::Linear;
    for (size_t u = 0; u < m.nets_.size(); ++u) {
        const uint8_t has = r.u8();
        if (has > 1) r.fail("mlp: bad network flag");
        if (has != (m.lists_[u].empty() ? 0 : 1)) r.fail("mlp: a network without ratings or ratings without one");
        if (!has) continue;
        m.nets_[u] = MlpNetwork::load(r);
        if (m.nets_[u].sizes() != sizes || m.nets_[u].output() != out)
            r.fail("mlp: network shape does not match the config");
    }
    r.expect_done();
    *this = std::move(m);
}

size_t MlpModel::memory_bytes() const {
    size_t b = sizeof(*this) + enc_.memory_bytes() + user_ratings_bytes(lists_) + nets_.capacity() * sizeof(MlpNetwork);
    for (const MlpNetwork& n : nets_) b += n.memory_bytes() - sizeof(MlpNetwork);
    return b;
}

}  // namespace wl
