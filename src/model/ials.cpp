// Implicit ALS and the person side over any item factors (see ials.hpp).
//
// Every solve goes through solve_one(), so a user's vector is the same function of (factors, sorted set) in the
// fit, after learn/forget and after load: that is what makes forget exact. Eigen is vectorised as in
// item_neighbours_model.cpp (SSE2 natively, scalar in wasm): the two builds agree to within rounding on the
// scores, and exactly on predict(), which is integer arithmetic.
#define EIGEN_DONT_PARALLELIZE
#include "weightless/model/ials.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "weightless/model/baselines.hpp"
#include "weightless/util/rng.hpp"

namespace wl {

namespace {

constexpr size_t kMaxItems = size_t{1} << 26;
constexpr size_t kMaxUsers = size_t{1} << 26;
constexpr uint32_t kMaxDim = 4096;
constexpr uint64_t kInitStream = 0x1A15;

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// x = (G + alpha S^T S + r I)^-1 (1 + alpha) S^T 1, S = the rows `row(i)` of the items in `idx` (f values each).
// G is symmetric; only its lower triangle is read.
template <class RowFn>
void solve_one(const Eigen::Ref<const Eigen::MatrixXd>& gram, std::span<const uint32_t> idx, RowFn row,
               const FactorSolveConfig& c, double* out) {
    const Eigen::Index f = gram.rows();
    const auto n = static_cast<Eigen::Index>(idx.size());
    Eigen::MatrixXd S(n, f);
    for (Eigen::Index t = 0; t < n; ++t) S.row(t) = row(idx[static_cast<size_t>(t)]);
    Eigen::MatrixXd A = gram;
    A.selfadjointView<Eigen::Lower>().rankUpdate(S.transpose(), c.alpha);
    A.diagonal().array() += c.scale_reg ? c.reg * static_cast<double>(n) : c.reg;
    const Eigen::VectorXd b = (1.0 + c.alpha) * S.colwise().sum().transpose();
    Eigen::Map<Eigen::VectorXd> x(out, f);
    Eigen::LLT<Eigen::MatrixXd, Eigen::Lower> llt(A);
    if (llt.info() == Eigen::Success) {
        x = llt.solve(b);
    } else {  // only when rounding breaks positive definiteness (tiny reg, huge alpha)
        Eigen::MatrixXd full = A.selfadjointView<Eigen::Lower>();
        x = full.ldlt().solve(b);
    }
}

// Rows of the item factors as doubles.
auto float_rows(const ItemFactors& f) {
    return [&f](uint32_t i) -> Eigen::RowVectorXd {
        return Eigen::Map<const Eigen::RowVectorXf>(f.values.data() + size_t{i} * f.dim, f.dim).cast<double>();
    };
}

Eigen::MatrixXd gram_of(const ItemFactors& f) {
    if (f.dim == 0) return Eigen::MatrixXd();
    const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> Y(
        f.values.data(), f.n_items, f.dim);
    const Eigen::MatrixXd Yd = Y.cast<double>();
    return Yd.transpose() * Yd;
}

std::vector<double> user_vector_of(const ItemFactors& f, const Eigen::MatrixXd& gram, std::span<const uint32_t> set,
                                   const FactorSolveConfig& c) {
    if (set.empty() || f.dim == 0) return {};
    std::vector<double> x(f.dim);
    solve_one(gram, set, float_rows(f), c, x.data());
    return x;
}

// One half-sweep: every row of `out` solved from the other side's matrix `other` and the index lists.
void half_sweep(const RowMatrix& other, const std::vector<std::vector<uint32_t>>& lists, const FactorSolveConfig& c,
                RowMatrix& out) {
    const Eigen::MatrixXd gram = other.transpose() * other;
    const auto row = [&other](uint32_t j) { return other.row(j); };
    for (size_t k = 0; k < lists.size(); ++k) {
        if (lists[k].empty()) {
            out.row(static_cast<Eigen::Index>(k)).setZero();
            continue;
        }
        Eigen::VectorXd x(other.cols());
        solve_one(gram, lists[k], row, c, x.data());
        out.row(static_cast<Eigen::Index>(k)) = x.transpose();
    }
}

}  // namespace

ItemFactors fit_ials(const TrainData& data, const IalsConfig& cfg) {
    const size_t n_items = data.catalogue.num_items();
    InteractionSets sets;
    for (const auto& r : data.ratings) {
        check_rating(r, "ials");
        if (r.item >= n_items) throw std::invalid_argument("ials: rating of an item outside the catalogue");
        sets.add(r.user, r.item);
    }
    std::vector<std::vector<uint32_t>> by_user(sets.users()), by_item(n_items);
    for (uint32_t u = 0; u < sets.users(); ++u) {
        const auto s = sets.of(u);
        by_user[u].assign(s.begin(), s.end());
        for (uint32_t i : s) by_item[i].push_back(u);  // users ascending: each list is sorted
    }
    const auto f = static_cast<Eigen::Index>(cfg.factors);
    RowMatrix Y = RowMatrix::Zero(static_cast<Eigen::Index>(n_items), f);
    RowMatrix X = RowMatrix::Zero(static_cast<Eigen::Index>(by_user.size()), f);
    Rng rng(derive_seed(static_cast<uint64_t>(cfg.seed), kInitStream));
    const double scale = 0.1 / std::sqrt(static_cast<double>(cfg.factors));
    for (size_t i = 0; i < n_items; ++i)
        for (Eigen::Index d = 0; d < f; ++d) {
            const double v = (2.0 * rng.uniform() - 1.0) * scale;  // drawn for every item: the stream does not
            if (!by_item[i].empty()) Y(static_cast<Eigen::Index>(i), d) = v;  // depend on which items are rated
        }
    const FactorSolveConfig c = cfg.solve();
    for (int32_t it = 0; it < cfg.iterations; ++it) {
        half_sweep(Y, by_user, c, X);
        half_sweep(X, by_item, c, Y);
    }
    ItemFactors out;
    out.source = "ials:" + params_to_text(cfg);
    out.n_items = static_cast<uint32_t>(n_items);
    out.dim = static_cast<uint32_t>(cfg.factors);
    out.values.resize(n_items * out.dim);
    out.known.assign(n_items, 0);
    for (size_t i = 0; i < n_items; ++i) {
        out.known[i] = !by_item[i].empty();
        for (uint32_t d = 0; d < out.dim; ++d) out.values[i * out.dim + d] = static_cast<float>(Y(static_cast<Eigen::Index>(i), d));
    }
    return out;
}

ItemFactorsModel::ItemFactorsModel(ItemFactors f, FactorSolveConfig solve, std::string name)
    : f_(std::move(f)), solve_(solve), name_(name), people_(std::move(name)) {
    if (f_.values.size() != size_t{f_.n_items} * f_.dim || f_.known.size() != f_.n_items)
        throw std::invalid_argument(name_ + ": item factors of inconsistent size");
    derive();
}

void ItemFactorsModel::derive() {
    const Eigen::MatrixXd g = gram_of(f_);
    gram_.assign(g.data(), g.data() + g.size());
    users_.assign(people_.users(), {});
    for (uint32_t u = 0; u < people_.users(); ++u) users_[u] = user_vector_of(f_, g, people_.of(u), solve_);
}

void ItemFactorsModel::solve_user(uint32_t user) {
    if (users_.size() < people_.users()) users_.resize(people_.users());
    const Eigen::Map<const Eigen::MatrixXd> g(gram_.data(), f_.dim, f_.dim);
    if (user < users_.size()) users_[user] = user_vector_of(f_, g, people_.of(user), solve_);
    users_.resize(people_.users());  // a forget may have dropped trailing empty users
}

void ItemFactorsModel::fit(const TrainData& data) {
    ItemFactors f = build(data);
    ImplicitPeople people(name_);
    for (const auto& r : data.ratings) people.learn(r, f.n_items);
    f_ = std::move(f);
    people_ = std::move(people);
    derive();
}

void ItemFactorsModel::learn(const Rating& r) {
    people_.learn(r, f_.n_items);
    solve_user(r.user);
}

void ItemFactorsModel::forget(const Rating& r) {
    people_.forget(r);
    solve_user(r.user);
}

double ItemFactorsModel::predict(uint32_t, uint32_t) const { return people_.mean_stars(); }

std::span<const double> ItemFactorsModel::user_vector(uint32_t user) const {
    return user < users_.size() ? std::span<const double>(users_[user]) : std::span<const double>();
}

namespace {
// One plain loop for both rank_score and rank_scores, so the two agree bit for bit.
double dot(std::span<const double> x, const float* y) {
    double s = 0;
    for (size_t d = 0; d < x.size(); ++d) s += x[d] * static_cast<double>(y[d]);
    return s;
}
}  // namespace

double ItemFactorsModel::rank_score(uint32_t user, uint32_t item) const {
    const auto x = user_vector(user);
    if (x.empty() || item >= f_.n_items) return 0.0;
    return dot(x, f_.values.data() + size_t{item} * f_.dim);
}

void ItemFactorsModel::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument(name_ + ": rank_scores output shorter than the item list");
    const auto x = user_vector(user);
    for (size_t k = 0; k < items.size(); ++k)
        out[k] = x.empty() || items[k] >= f_.n_items ? 0.0 : dot(x, f_.values.data() + size_t{items[k]} * f_.dim);
}

// Payload: config text | n_items, dim varints | source | known (1 byte per item) | values (f32 bits, every row) |
// interaction sets | rating sum, count. The user vectors are not saved: load recomputes them from the sets.
void ItemFactorsModel::save(ByteWriter& w) const {
    save_config(w);
    w.varint(f_.n_items);
    w.varint(f_.dim);
    w.str(f_.source);
    for (uint8_t k : f_.known) w.u8(k);
    for (float v : f_.values) {
        uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        w.u32(bits);
    }
    people_.save(w);
}

std::function<void()> ItemFactorsModel::read_config(ByteReader& r, FactorSolveConfig& solve) {
    try {
        apply_params(solve, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(name_ + ": bad saved config: " + e.what());
    }
    return [] {};
}

void ItemFactorsModel::load(ByteReader& r) {
    FactorSolveConfig solve;
    const auto commit_config = read_config(r, solve);
    ItemFactors f;
    const uint64_t n_items = r.varint(), dim = r.varint();
    if (dim > kMaxDim || (dim == 0) != (n_items == 0)) r.fail(name_ + ": factor dimension " + std::to_string(dim) + " out of range");
    // Each item costs 1 + 4 dim bytes: a count the rest of the file cannot hold is refused before allocating.
    if (n_items > kMaxItems || n_items > r.remaining() / (1 + 4 * dim)) r.fail(name_ + ": more items than the file holds");
    f.n_items = static_cast<uint32_t>(n_items);
    f.dim = static_cast<uint32_t>(dim);
    f.source = r.str(4096);
    f.known.resize(f.n_items);
    for (auto& k : f.known) {
        k = r.u8();
        if (k > 1) r.fail(name_ + ": bad known flag");
    }
    f.values.resize(size_t{f.n_items} * f.dim);
    for (size_t t = 0; t < f.values.size(); ++t) {
        const uint32_t bits = r.u32();
        std::memcpy(&f.values[t], &bits, sizeof bits);
        if (!std::isfinite(f.values[t])) r.fail(name_ + ": factor is not a number");
        if (!f.known[t / f.dim] && f.values[t] != 0.0f) r.fail(name_ + ": an unknown item has a non-zero factor");
    }
    ImplicitPeople people(name_);
    people.load(r, f.n_items, kMaxUsers);
    r.expect_done();
    // Derived state computed before anything is replaced, so a failure leaves the model as it was.
    const Eigen::MatrixXd g = gram_of(f);
    std::vector<std::vector<double>> users(people.users());
    for (uint32_t u = 0; u < people.users(); ++u) users[u] = user_vector_of(f, g, people.of(u), solve);
    commit_config();
    solve_ = solve;
    f_ = std::move(f);
    people_ = std::move(people);
    gram_.assign(g.data(), g.data() + g.size());
    users_ = std::move(users);
}

size_t ItemFactorsModel::memory_bytes() const {
    size_t b = sizeof(*this) + f_.memory_bytes() + people_.memory_bytes() + gram_.capacity() * sizeof(double) +
               users_.capacity() * sizeof(users_[0]);
    for (const auto& x : users_) b += x.capacity() * sizeof(double);
    return b;
}

std::function<void()> IalsModel::read_config(ByteReader& r, FactorSolveConfig& solve) {
    IalsConfig cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(std::string("ials: bad saved config: ") + e.what());
    }
    solve = cfg.solve();
    return [this, cfg] { cfg_ = cfg; };
}

}  // namespace wl
