// EASE's closed form (Steck 2019), the one solve behind `ease` and `ease-large`: from a regularised gram
// G + Lambda over n items to the dense weights B = I - P diagMat(1/diag(P)), P = (G + Lambda)^-1, that is
// B(a, b) = -P(a, b) / P(b, b) with a zero diagonal (row a: how much an interaction with item a votes for item b).
//
// How: G + Lambda = L L^T in place (Eigen), then L^-1 a column block at a time (each block of L^-1 is zero above
// its diagonal, so it costs a third of a full solve) and P = L^-T L^-1 likewise: about n^3 flops where inverting
// through the factor (solving L L^T P = I) costs 2.3 n^3. The blocks run on `threads` threads, and each is computed
// the same way whatever their number, so the bits never depend on the thread count.
#pragma once
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace wl {

// `gram`: the n x n regularised gram, symmetric (so either layout), of floats or doubles; overwritten (P's lower
// triangle ends there). Returns B row-major in doubles, as the sparsifiers (top_k_rows, top_n_global) take it.
// Memory: the gram and one more n x n matrix of its type during the solve, then the n x n doubles returned (for
// doubles, the second matrix becomes B). `threads`: 0 for every core. Throws std::runtime_error, its message
// opening with `model`, if the matrix is not positive definite.
std::vector<double> ease_solve(std::span<double> gram, size_t n, unsigned threads, std::string_view model);
std::vector<double> ease_solve(std::span<float> gram, size_t n, unsigned threads, std::string_view model);

}  // namespace wl
