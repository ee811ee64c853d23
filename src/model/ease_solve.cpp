// EASE's closed form (see ease_solve.hpp).
//
// Eigen is vectorised with the SSE2 every x86-64 has (no run-time dispatch, so every machine gives the same bits,
// which the shipped item model's byte-identical regeneration needs), and never threads itself: the blocks are
// spread over threads here, so the bits never depend on the thread count either. A wasm build (no SIMD, one
// thread) computes the same solve to within rounding; the app never fits EASE, it loads the list fitted centrally.
#define EIGEN_DONT_PARALLELIZE
#include "weightless/model/ease_solve.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>

#include "weightless/util/parallel.hpp"

namespace wl {

namespace {

template <class T>
std::vector<double> solve(std::span<T> gram, size_t n_items, unsigned threads, std::string_view model) {
    using M = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    if (gram.size() != n_items * n_items) throw std::invalid_argument(std::string(model) + ": the gram matrix is not n x n");
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const auto n = static_cast<Eigen::Index>(n_items);
    Eigen::Map<M> G(gram.data(), n, n);
    {
        Eigen::LLT<Eigen::Ref<M>> llt(G);  // in place: G's lower triangle becomes L
        if (llt.info() != Eigen::Success)
            throw std::runtime_error(std::string(model) + ": the regularised gram matrix is not positive definite");
    }
    constexpr Eigen::Index kBlock = 256;
    const size_t blocks = static_cast<size_t>((n + kBlock - 1) / kBlock);
    const auto start = [&](size_t b) { return static_cast<Eigen::Index>(b) * kBlock; };
    const auto width = [&](size_t b) { return std::min(kBlock, n - start(b)); };
    std::vector<T> work(n_items * n_items, T(0));
    Eigen::Map<M> Linv(work.data(), n, n);
    // Block b of L^-1 (columns c0..c0+w) is zero above row c0: solve only the trailing rows.
    parallel_tasks(blocks, threads, [&](size_t b) {
        const Eigen::Index c0 = start(b), w = width(b), m = n - c0;
        auto blk = Linv.block(c0, c0, m, w);
        blk.topRows(w).setIdentity();
        G.block(c0, c0, m, m).template triangularView<Eigen::Lower>().solveInPlace(blk);
    });
    // P = L^-T L^-1, its lower triangle written over L: rows >= c0 of block b only need L^-1's rows >= c0.
    parallel_tasks(blocks, threads, [&](size_t b) {
        const Eigen::Index c0 = start(b), w = width(b), m = n - c0;
        G.block(c0, c0, m, w).noalias() =
            Linv.block(c0, c0, m, m).transpose().template triangularView<Eigen::Upper>() * Linv.block(c0, c0, m, w);
    });
    // L^-1 is done with: in doubles its memory becomes B, in floats it makes room for B.
    std::vector<double> B;
    if constexpr (std::is_same_v<T, double>) {
        B = std::move(work);
    } else {
        std::vector<T>().swap(work);
        B.resize(n_items * n_items);
    }
    parallel_tasks(n_items, threads, [&](size_t a) {
        double* row = B.data() + a * n_items;
        for (size_t b = 0; b < n_items; ++b) {
            const auto lo = static_cast<Eigen::Index>(std::max(a, b)), hi = static_cast<Eigen::Index>(std::min(a, b));
            const auto bb = static_cast<Eigen::Index>(b);
            row[b] = a == b ? 0.0 : -static_cast<double>(G(lo, hi)) / static_cast<double>(G(bb, bb));
        }
    });
    return B;
}

}  // namespace

std::vector<double> ease_solve(std::span<double> gram, size_t n, unsigned threads, std::string_view model) {
    return solve(gram, n, threads, model);
}

std::vector<double> ease_solve(std::span<float> gram, size_t n, unsigned threads, std::string_view model) {
    return solve(gram, n, threads, model);
}

}  // namespace wl
