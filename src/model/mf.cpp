// Biased MF by SGD (Surprise's SVD). The hot loop is one double-accumulated dot product and one fused pair
// update over contiguous float rows per rating; nothing is allocated inside an epoch.
#include "weightless/model/mf.hpp"

#include <cmath>
#include <stdexcept>

#include "weighted_util.hpp"
#include "weightless/model/linalg.hpp"

namespace wl {

namespace {
struct Sample {
    uint32_t user, item;
    float stars;
};
constexpr float kMaxAbsFactor = 1e6f;
constexpr double kMaxAbsBias = 1e6;
}  // namespace

std::span<const float> MfModel::item_factors(uint32_t item) const {
    if (item >= bi_.size()) return {};
    return std::span<const float>(qi_).subspan(size_t{item} * factors(), factors());
}

std::span<const float> MfModel::user_factors(uint32_t user) const {
    if (user >= bu_.size()) return {};
    return std::span<const float>(pu_).subspan(size_t{user} * factors(), factors());
}

void MfModel::grow_users(size_t n) {
    if (n <= bu_.size()) return;
    bu_.resize(n, 0.0);
    pu_.resize(n * factors(), 0.0f);
    user_ratings_.resize(n);
}

void MfModel::fit(const TrainData& data) {
    const size_t F = factors();
    const weighted::TrainExtent extent = weighted::train_extent(data, name());
    const size_t n_users = extent.users, n_items = extent.items;
    const double mu = extent.mean;

    std::vector<float> pu(n_users * F), qi(n_items * F);
    Rng init(derive_seed(static_cast<uint64_t>(cfg_.seed), 1));
    la::fill_normal(pu, init, cfg_.init_mean, cfg_.init_std_dev);
    la::fill_normal(qi, init, cfg_.init_mean, cfg_.init_std_dev);
    std::vector<double> bu(n_users, 0.0), bi(n_items, 0.0);
    // Rows that no training rating touches stay at zero: an unknown user or item then contributes nothing.
    std::vector<uint8_t> seen_u(n_users, 0), seen_i(n_items, 0);
    UserRatings lists(n_users);
    std::vector<Sample> samples;
    samples.reserve(data.ratings.size());
    for (const auto& r : data.ratings) {
        seen_u[r.user] = seen_i[r.item] = 1;
        lists[r.user].push_back({r.item, r.half_stars});
        samples.push_back({r.user, r.item, static_cast<float>(r.stars())});
    }
    for (size_t u = 0; u < n_users; ++u)
        if (!seen_u[u]) std::fill(pu.begin() + u * F, pu.begin() + (u + 1) * F, 0.0f);
    for (size_t i = 0; i < n_items; ++i)
        if (!seen_i[i]) std::fill(qi.begin() + i * F, qi.begin() + (i + 1) * F, 0.0f);

    const double lr = cfg_.lr_all, reg = cfg_.reg_all;
    const float lr_f = static_cast<float>(lr), reg_f = static_cast<float>(reg);
    const bool biased = cfg_.biased;
    const double base = biased ? mu : 0.0;
    Rng order(derive_seed(static_cast<uint64_t>(cfg_.seed), 2));
    for (int32_t epoch = 0; epoch < cfg_.n_epochs; ++epoch) {
        order.shuffle(std::span<Sample>(samples));
        for (const Sample& s : samples) {
            float* p = pu.data() + size_t{s.user} * F;
            float* q = qi.data() + size_t{s.item} * F;
            double& b_u = bu[s.user];
            double& b_i = bi[s.item];
            const double err = s.stars - (base + b_u + b_i + la::dot(q, p, F));
            if (biased) {
                b_u += lr * (err - reg * b_u);
                b_i += lr * (err - reg * b_i);
            }
            la::sgd_pair(p, q, F, static_cast<float>(err), lr_f, reg_f);
        }
    }

    mu_ = mu;
    bu_ = std::move(bu);
    bi_ = std::move(bi);
    pu_ = std::move(pu);
    qi_ = std::move(qi);
    user_ratings_ = std::move(lists);
}

void MfModel::learn(const Rating& r) {
    weighted::check_input(r, name());
    weighted::check_known_item(r, bi_.size(), name());
    grow_users(size_t{r.user} + 1);
    auto& list = user_ratings_[r.user];
    list.push_back({r.item, r.half_stars});

    const size_t F = factors();
    const double lr = cfg_.lr_all, reg = cfg_.reg_all;
    const float lr_f = static_cast<float>(lr), reg_f = static_cast<float>(reg);
    const double base = cfg_.biased ? mu_ : 0.0;
    float* p = pu_.data() + size_t{r.user} * F;
    double& b_u = bu_[r.user];
    for (int32_t epoch = 0; epoch < cfg_.learn_epochs; ++epoch) {
        for (const auto& e : list) {
            const float* q = qi_.data() + size_t{e.item} * F;
            const double err = e.half_stars * 0.5 - (base + b_u + bi_[e.item] + la::dot(q, p, F));
            if (cfg_.biased) b_u += lr * (err - reg * b_u);
            la::sgd_user(p, q, F, static_cast<float>(err), lr_f, reg_f);
        }
    }
}

double MfModel::predict(uint32_t user, uint32_t item) const {
    const bool known_u = user < bu_.size(), known_i = item < bi_.size();
    double est = cfg_.biased ? mu_ : 0.0;
    if (cfg_.biased) {
        if (known_u) est += bu_[user];
        if (known_i) est += bi_[item];
    }
    if (known_u && known_i)
        est += la::dot(qi_.data() + size_t{item} * factors(), pu_.data() + size_t{user} * factors(), factors());
    return clamp_stars(est);
}

void MfModel::save(ByteWriter& w) const {
    weighted::write_baseline(w, params_to_text(cfg_), mu_, bu_, bi_);
    la::write_floats(w, pu_);
    la::write_floats(w, qi_);
    write_user_ratings(w, user_ratings_);
}

namespace {

// Files of model format 1 held the config field by field, in declaration order.
MfConfig legacy_config(ByteReader& r) {
    MfConfig cfg;
    cfg.n_factors = r.i32();
    cfg.n_epochs = r.i32();
    cfg.lr_all = r.f64();
    cfg.reg_all = r.f64();
    cfg.init_mean = r.f64();
    cfg.init_std_dev = r.f64();
    const uint8_t biased = r.u8();
    cfg.seed = r.i32();
    cfg.learn_epochs = r.i32();
    if (biased > 1) r.fail("mf: bad 'biased' flag");
    cfg.biased = biased == 1;
    return cfg;
}

}  // namespace

void MfModel::load(ByteReader& r) {
    // Range-checked through the same table the parameters are set with.
    MfConfig cfg;
    try {
        apply_params(cfg, r.version() == 1 ? params_to_text(legacy_config(r)) : r.str(8192));
    } catch (const ParamError& e) {
        r.fail(std::string("mf: bad config: ") + e.what());
    }
    const double mu = r.f64();
    if (!std::isfinite(mu) || mu < 0.5 || mu > 5.0) r.fail("mf: global mean out of range");
    const size_t F = static_cast<size_t>(cfg.n_factors);
    const size_t n_users = r.count(8 + 4 * F, weighted::kMaxUsers);
    const size_t n_items = r.count(8 + 4 * F, weighted::kMaxItems);
    if (n_users + n_items > r.remaining() / (8 + 4 * F)) r.fail("mf: tables truncated");
    std::vector<double> bu(n_users), bi(n_items);
    for (auto* v : {&bu, &bi})
        for (double& b : *v) {
            b = r.f64();
            if (!std::isfinite(b) || std::fabs(b) > kMaxAbsBias) r.fail("mf: bias out of range");
        }
    std::vector<float> pu(n_users * F), qi(n_items * F);
    la::read_floats(r, pu, kMaxAbsFactor, "mf user factors");
    la::read_floats(r, qi, kMaxAbsFactor, "mf item factors");
    UserRatings lists = read_user_ratings(r, n_items, weighted::kMaxUsers, "mf ratings");
    if (lists.size() != n_users) r.fail("mf: rating lists do not match the user count");
    r.expect_done();
    cfg_ = cfg;
    mu_ = mu;
    bu_ = std::move(bu);
    bi_ = std::move(bi);
    pu_ = std::move(pu);
    qi_ = std::move(qi);
    user_ratings_ = std::move(lists);
}

size_t MfModel::memory_bytes() const {
    return sizeof(*this) + (bu_.capacity() + bi_.capacity()) * sizeof(double) +
           (pu_.capacity() + qi_.capacity()) * sizeof(float) + user_ratings_bytes(user_ratings_);
}

}  // namespace wl
