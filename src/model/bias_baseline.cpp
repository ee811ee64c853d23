// The bias baseline mu + b_u + b_i, fitted like Surprise's BaselineOnly (ALS), then updated per user
// with exact fixed-point sums so that learn/forget are cheap, exact and order-independent.
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "weightless/model/baselines.hpp"

namespace wl {

namespace {
constexpr double kFixedOne = 4294967296.0;  // 2^32: residuals are stored with 32 fractional bits
constexpr double kMaxAbsResidual = 16.0;    // |r - mu - b_i| < 4.5 + 10 for any loadable state
constexpr double kMaxAbsItemBias = 10.0;
// Ratings one user may hold: their residual sum stays below 2^26 * 16 * 2^32 = 2^62, so one more learn() cannot
// overflow the int64 (a loaded sum is held to the same bound by its count).
constexpr uint32_t kMaxUserRatings = uint32_t{1} << 26;

double shrunk(double sum, double reg, uint64_t n) {
    const double d = reg + static_cast<double>(n);
    return d > 0 ? sum / d : 0.0;
}
}  // namespace

int64_t BiasBaselineModel::residual_fp(const Rating& r) const {
    return std::llround((r.stars() - mu_ - item_bias(r.item)) * kFixedOne);
}

double BiasBaselineModel::user_bias(uint32_t user) const {
    if (user >= users_.size()) return 0.0;
    return shrunk(static_cast<double>(users_[user].residual_fp) / kFixedOne, cfg_.reg_u, users_[user].count);
}

// Surprise's baseline_als: the first pass checks and counts, then each epoch() updates the item biases and then
// the user biases, and commit_into() installs the result.
class BiasBaselineModel::Als {
public:
    Als(const BiasConfig& cfg, const TrainData& data, const std::string& name) : cfg_(cfg), data_(data) {
        size_t n_users = data.catalogue.num_users(), n_items = data.catalogue.num_items();
        uint64_t sum = 0;
        for (const auto& r : data.ratings) {
            check_rating(r, name);
            n_users = std::max(n_users, size_t{r.user} + 1);
            n_items = std::max(n_items, size_t{r.item} + 1);
            sum += r.half_stars;
        }
        mu_ = data.ratings.empty() ? kNoDataStars : static_cast<double>(sum) * 0.5 / data.ratings.size();
        n_u_.assign(n_users, 0);
        n_i_.assign(n_items, 0);
        for (const auto& r : data.ratings) {
            ++n_u_[r.user];
            ++n_i_[r.item];
        }
        bu_.assign(n_users, 0.0);
        bi_.assign(n_items, 0.0);
        dev_u_.resize(n_users);
        dev_i_.resize(n_items);
    }
    bool done() const { return epoch_ >= cfg_.epochs; }
    int32_t epochs_done() const { return epoch_; }
    void epoch() {
        const double mu = mu_;
        std::fill(dev_i_.begin(), dev_i_.end(), 0.0);
        for (const auto& r : data_.ratings) dev_i_[r.item] += r.stars() - mu - bu_[r.user];
        for (size_t i = 0; i < bi_.size(); ++i) bi_[i] = shrunk(dev_i_[i], cfg_.reg_i, n_i_[i]);
        std::fill(dev_u_.begin(), dev_u_.end(), 0.0);
        for (const auto& r : data_.ratings) dev_u_[r.user] += r.stars() - mu - bi_[r.item];
        for (size_t u = 0; u < bu_.size(); ++u) bu_[u] = shrunk(dev_u_[u], cfg_.reg_u, n_u_[u]);
        ++epoch_;
    }
    // Commits, then keeps the user sums against the final item biases in fixed point: the same values as the last
    // user step, held so that forget() of a training rating subtracts exactly what was added.
    void commit_into(BiasBaselineModel& m) {
        m.mu_ = mu_;
        m.item_bias_ = std::move(bi_);
        m.users_.assign(bu_.size(), UserAcc{});
        for (const auto& r : data_.ratings) {
            m.users_[r.user].residual_fp += m.residual_fp(r);
            ++m.users_[r.user].count;
        }
    }

private:
    BiasConfig cfg_;
    TrainData data_;
    double mu_ = kNoDataStars;
    std::vector<uint32_t> n_u_, n_i_;
    std::vector<double> bu_, bi_, dev_u_, dev_i_;
    int32_t epoch_ = 0;
};

class BiasBaselineModel::StepFit : public FitJob {
public:
    StepFit(BiasBaselineModel& m, const TrainData& d) : m_(m), d_(d) {}
    bool step() override {
        if (done_) return false;
        if (!als_) {
            als_ = std::make_unique<Als>(m_.cfg_, d_, m_.name());
        } else if (!als_->done()) {
            als_->epoch();
        }
        if (!als_->done()) return true;
        als_->commit_into(m_);
        done_ = true;
        return false;
    }
    double progress() const override {
        if (done_) return 1.0;
        if (!als_) return 0.0;
        return static_cast<double>(als_->epochs_done()) / static_cast<double>(m_.cfg_.epochs + 1);
    }

private:
    BiasBaselineModel& m_;
    TrainData d_;
    std::unique_ptr<Als> als_;
    bool done_ = false;
};

void BiasBaselineModel::fit(const TrainData& data) {
    Als als(cfg_, data, name());
    while (!als.done()) als.epoch();
    als.commit_into(*this);
}

std::unique_ptr<FitJob> BiasBaselineModel::fit_in_steps(const TrainData& data) {
    return std::make_unique<StepFit>(*this, data);
}

void BiasBaselineModel::learn(const Rating& r) {
    check_rating(r, name());
    if (r.user < users_.size() && users_[r.user].count >= kMaxUserRatings)
        throw std::invalid_argument("bias: user " + std::to_string(r.user) + " already has the most ratings one user may hold (" +
                                    std::to_string(kMaxUserRatings) + ")");
    if (r.user >= users_.size()) users_.resize(size_t{r.user} + 1);
    users_[r.user].residual_fp += residual_fp(r);
    ++users_[r.user].count;
}

void BiasBaselineModel::forget(const Rating& r) {
    check_rating(r, name());
    if (r.user >= users_.size() || users_[r.user].count == 0)
        throw std::invalid_argument("bias: forget of a rating never learned");
    users_[r.user].residual_fp -= residual_fp(r);
    --users_[r.user].count;
}

double BiasBaselineModel::predict(uint32_t user, uint32_t item) const {
    return clamp_stars(mu_ + user_bias(user) + item_bias(item));
}

void BiasBaselineModel::save(ByteWriter& w) const {
    w.f64(cfg_.reg_u);
    w.f64(cfg_.reg_i);
    w.i32(cfg_.epochs);
    w.f64(mu_);
    w.varint(item_bias_.size());
    for (double b : item_bias_) w.f64(b);
    size_t n = users_.size();
    while (n > 0 && users_[n - 1].count == 0) --n;  // canonical: trailing users without ratings carry nothing
    w.varint(n);
    for (size_t u = 0; u < n; ++u) {
        w.varint(users_[u].count);
        w.svarint(users_[u].residual_fp);
    }
}

void BiasBaselineModel::load(ByteReader& r) {
    BiasConfig cfg;
    cfg.reg_u = r.f64();
    cfg.reg_i = r.f64();
    cfg.epochs = r.i32();
    const auto ok_reg = [](double x) { return std::isfinite(x) && x >= 0 && x <= 1e6; };
    if (!ok_reg(cfg.reg_u) || !ok_reg(cfg.reg_i) || cfg.epochs < 0 || cfg.epochs > 1000) r.fail("bias: bad config");
    const double mu = r.f64();
    if (!std::isfinite(mu) || mu < 0.5 || mu > 5.0) r.fail("bias: global mean out of range");
    std::vector<double> items(r.count(8, size_t{1} << 28));
    for (double& b : items) {
        b = r.f64();
        if (!std::isfinite(b) || std::fabs(b) > kMaxAbsItemBias) r.fail("bias: item bias out of range");
    }
    std::vector<UserAcc> users(r.count(2, size_t{1} << 28));
    for (auto& u : users) {
        const uint64_t count = r.varint();
        const int64_t res = r.svarint();
        if (count > kMaxUserRatings) r.fail("bias: user count out of range");
        const double limit = static_cast<double>(count) * kMaxAbsResidual * kFixedOne;
        if (std::fabs(static_cast<double>(res)) > limit) r.fail("bias: user residual sum out of range");
        u = {res, static_cast<uint32_t>(count)};
    }
    r.expect_done();
    cfg_ = cfg;
    mu_ = mu;
    item_bias_ = std::move(items);
    users_ = std::move(users);
}

size_t BiasBaselineModel::memory_bytes() const {
    return sizeof(*this) + item_bias_.capacity() * sizeof(double) + users_.capacity() * sizeof(UserAcc);
}

}  // namespace wl
