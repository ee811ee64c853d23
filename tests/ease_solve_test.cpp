// EASE's one solve (ease_solve.hpp), which `ease` and `ease-large` share: on a gram of two column blocks it equals
// the inverse through the Cholesky factor that `ease` computed before (Eigen's LLT solve against the identity, the
// reference here), it gives the same bits on any number of threads, in doubles and floats, and it refuses a matrix
// that is not positive definite in the model's name. `ease`'s whole fit matches the same reference and its threads.
#include "weightless/model/ease_solve.hpp"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "test_util.hpp"
#include "weightless/model/item_neighbours_model.hpp"

namespace wl {
namespace {

// 420 movies with >= 3 users of 600: a gram of two of the solve's 256-column blocks, the second one partial.
const Dataset& data() {
    static const Dataset ds = test::random_catalogue(420, 600, 40000, 11);
    return ds;
}
TrainData train() { return {data(), data().ratings}; }

// The regularised gram as `ease` makes it (lambda 50, EDLAE dropout 0.25).
const ImplicitGram& gram() {
    static const ImplicitGram g = [] {
        ImplicitGram g = implicit_gram(train(), 3);
        const size_t n = g.kept.size();
        for (size_t i = 0; i < n; ++i) g.gram[i * n + i] += 50.0 + (0.25 / 0.75) * g.gram[i * n + i];
        return g;
    }();
    return g;
}

// B(a, b) = -P(a, b) / P(b, b), P from the factor by a solve against the identity: `ease`'s solve before this one.
std::vector<double> reference_weights(std::vector<double> a, size_t n) {
    Eigen::Map<Eigen::MatrixXd> A(a.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(A);
    EXPECT_EQ(llt.info(), Eigen::Success);
    Eigen::MatrixXd P = Eigen::MatrixXd::Identity(A.rows(), A.cols());
    llt.solveInPlace(P);
    std::vector<double> B(n * n);
    for (size_t r = 0; r < n; ++r)
        for (size_t c = 0; c < n; ++c) {
            const auto ri = static_cast<Eigen::Index>(r), ci = static_cast<Eigen::Index>(c);
            B[r * n + c] = r == c ? 0.0 : -P(ri, ci) / P(ci, ci);
        }
    return B;
}

const std::vector<double>& reference() {
    static const std::vector<double> B = reference_weights(gram().gram, gram().kept.size());
    return B;
}

double largest(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m = std::max(m, std::fabs(x));
    return m;
}

TEST(EaseSolve, EqualsTheInverseThroughTheFactor) {
    const size_t n = gram().kept.size();
    ASSERT_GT(n, 256u);
    std::vector<double> g = gram().gram;
    const std::vector<double> B = ease_solve(std::span<double>(g), n, 2, "ease");
    ASSERT_EQ(B.size(), n * n);
    const double top = largest(reference());
    double worst = 0;
    for (size_t t = 0; t < B.size(); ++t) worst = std::max(worst, std::fabs(B[t] - reference()[t]));
    EXPECT_LE(worst, 1e-13 * top) << "largest |w| " << top;
    for (size_t a = 0; a < n; ++a) EXPECT_EQ(B[a * n + a], 0.0);
    // In floats (ease-large's default): the same weights to float rounding of the solve.
    std::vector<float> f(gram().gram.begin(), gram().gram.end());
    const std::vector<double> Bf = ease_solve(std::span<float>(f), n, 2, "ease-large");
    worst = 0;
    for (size_t t = 0; t < Bf.size(); ++t) worst = std::max(worst, std::fabs(Bf[t] - reference()[t]));
    EXPECT_LE(worst, 1e-5 * top);
}

TEST(EaseSolve, SameBitsForAnyThreadCount) {
    const size_t n = gram().kept.size();
    std::vector<double> d1 = gram().gram;
    const std::vector<double> one = ease_solve(std::span<double>(d1), n, 1, "ease");
    std::vector<float> f1(gram().gram.begin(), gram().gram.end());
    const std::vector<double> one_f = ease_solve(std::span<float>(f1), n, 1, "ease-large");
    for (unsigned threads : {2u, 3u, 8u, 0u}) {
        std::vector<double> d = gram().gram;
        EXPECT_EQ(ease_solve(std::span<double>(d), n, threads, "ease"), one) << threads << " threads";
        EXPECT_EQ(d, d1) << threads << " threads: what the gram holds after";
        std::vector<float> f(gram().gram.begin(), gram().gram.end());
        EXPECT_EQ(ease_solve(std::span<float>(f), n, threads, "ease-large"), one_f) << threads << " threads, floats";
    }
}

TEST(EaseSolve, RefusesAMatrixThatIsNotPositiveDefinite) {
    // [[1, 2], [2, 1]] has the eigenvalue -1.
    for (const char* model : {"ease", "ease-large"}) {
        std::vector<double> g = {1, 2, 2, 1};
        try {
            ease_solve(std::span<double>(g), 2, 2, model);
            ADD_FAILURE() << "accepted";
        } catch (const std::runtime_error& e) {
            EXPECT_EQ(std::string(e.what()), std::string(model) + ": the regularised gram matrix is not positive definite");
        }
    }
    std::vector<float> f = {1, 2, 2, 1};
    EXPECT_THROW(ease_solve(std::span<float>(f), 2, 1, "ease-large"), std::runtime_error);
    std::vector<double> wrong(5, 1.0);
    EXPECT_THROW(ease_solve(std::span<double>(wrong), 2, 1, "ease"), std::invalid_argument);
    // The same through `ease`'s own entry, whose penalty (lambda >= 0.001) cannot make this matrix definite.
    std::vector<double> g = {1, 2, 2, 1};
    const std::vector<uint32_t> items = {0, 1};
    EaseConfig cfg;
    cfg.lambda = 0.001;
    EXPECT_THROW(ease_from_gram(g, items, 2, cfg), std::runtime_error);
}

// `ease`'s fit against the reference solve, sparsified and quantised the same way: every weight dense, and the
// shipped model's form (k x movies strongest over the whole matrix, 8 bits); the same list on any thread count.
TEST(EaseSolve, EaseFitAsBeforeOnAnyThreadCount) {
    const size_t n = gram().kept.size();
    const auto n_items = static_cast<uint32_t>(data().num_items());
    EaseConfig cfg;
    cfg.lambda = 50;
    cfg.dropout = 0.25;
    cfg.min_users = 3;
    const ItemNeighbours dense = fit_ease(train(), cfg, 2);
    const ItemNeighbours want_dense =
        top_k_rows(reference(), static_cast<uint32_t>(n), gram().kept, n_items, static_cast<uint32_t>(cfg.k), dense.source);
    ASSERT_EQ(dense.offsets, want_dense.offsets);
    const auto w = test::weights_of(want_dense), g = test::weights_of(dense);
    ASSERT_EQ(w.size(), g.size());
    for (const auto& [key, value] : w) {
        ASSERT_TRUE(g.count(key)) << key.first << " -> " << key.second;
        EXPECT_NEAR(g.at(key), value, 1e-6 * std::fabs(value) + 1e-12);
    }

    cfg.k = 20;
    cfg.spread = Spread::Global;
    cfg.bits = WeightBits::I8;
    const ItemNeighbours shipped = fit_ease(train(), cfg, 1);
    ItemNeighbours want = top_n_global(reference(), static_cast<uint32_t>(n), gram().kept, n_items, uint64_t{20} * n, shipped.source);
    quantize_weights(want, WeightBits::I8);
    // The same neighbours; each weight the same 8-bit level of its row (natively the same bits; a build whose
    // rounding differs, e.g. wasm's scalar Eigen, may land a weight on a level's edge one level off).
    ASSERT_EQ(shipped.offsets, want.offsets);
    EXPECT_EQ(shipped.items, want.items);
    for (uint32_t j = 0; j < want.n_items; ++j) {
        const auto ws = want.row_weights(j), gs = shipped.row_weights(j);
        float level = 0;
        for (float v : ws) level = std::max(level, std::fabs(v) / 127);
        for (size_t t = 0; t < ws.size(); ++t) EXPECT_LE(std::fabs(gs[t] - ws[t]), level * 1.01f) << "row " << j;
    }
    for (unsigned threads : {2u, 3u, 0u}) {
        const ItemNeighbours again = fit_ease(train(), cfg, threads);
        EXPECT_EQ(again.offsets, shipped.offsets) << threads << " threads";
        EXPECT_EQ(again.items, shipped.items) << threads << " threads";
        EXPECT_EQ(again.weights, shipped.weights) << threads << " threads";
    }
}

}  // namespace
}  // namespace wl
