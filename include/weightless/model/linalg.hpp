// The one place with dense vector/matrix loops and the scalar maths the weighted models share.
// Loops with one fixed operation order (built with -ffp-contract=off; vectorised only across independent lanes,
// never reordering a sum) and elementary functions made of +, -, *, /, sqrt only, so native (glibc) and wasm
// (musl) give the same bits: libm's exp/log differ between the two.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "weightless/util/bytes.hpp"
#include "weightless/util/rng.hpp"

namespace wl::la {

// ---- platform-stable scalar functions (relative error ~1e-15, same bits everywhere) ----------------
double exp(double x);      // 0 below -708.39 (never subnormal), +inf above 709.78
double log(double x);      // x > 0 finite; -inf at 0, NaN below
double log1p(double x);    // x > -1, accurate for small x
double sigmoid(double z);  // 1 / (1 + e^-z) without overflow
// Binary cross-entropy of target y in [0, 1] given the logit z, stable for any z:
// max(z, 0) - z y + log(1 + e^-|z|)  (equals -y log s - (1-y) log(1-s) with s = sigmoid(z)).
double bce_logits(double z, double y);
// Logistic of n float logits into s, at float precision (a few ulp): the training-time gradient needs no more,
// and four lanes at a time it costs a fraction of the double sigmoid above. Same bits everywhere (+, -, *, /
// and exponent-bit arithmetic only).
void sigmoid_f(const float* z, uint32_t n, float* s);
// A standard normal draw (Marsaglia's polar form of Box-Muller), from rng only.
double normal(Rng& rng);

// ---- vectors --------------------------------------------------------------------------------------
// a . b accumulated in double over four interleaved lanes in a fixed order (fast and reproducible).
double dot(const float* a, const float* b, size_t n);
// y += a x
void axpy(float a, const float* x, float* y, size_t n);
// One SGD step of biased matrix factorisation on a (user, item) factor pair, both updated from the old values
// (Surprise's order): p += lr (err q - reg p), q += lr (err p - reg q). p and q must not overlap.
void sgd_pair(float* p, float* q, size_t n, float err, float lr, float reg);
// Same step for the user side only (item factors frozen): p += lr (err q - reg p).
void sgd_user(float* p, const float* q, size_t n, float err, float lr, float reg);
void fill_normal(std::span<float> v, Rng& rng, double mean, double stddev);
void fill_uniform(std::span<float> v, Rng& rng, double lo, double hi);

// ---- dense layers, weights stored transposed: wt[k * out + j] links input k to output j -----------
// Inner loops then run over outputs (contiguous, independent), which vectorises without reordering sums.
// Inputs are often bits or ReLU outputs, so layers visit only the listed (non-zero) inputs.
// Positions k < n with x[k] != 0, ascending, written branch-free into pos (room for n); returns the count.
uint32_t nonzeros(const float* x, uint32_t n, uint32_t* pos);
// z = b + sum over t of x[pos[t]] wt[pos[t]].
void affine(const float* x, const uint32_t* pos, uint32_t npos, const float* wt, const float* b, uint32_t out,
            float* z);
// gwt[pos[t]] += x[pos[t]] dz for every t (outer product), gb += dz.
void affine_grad(const float* x, const uint32_t* pos, uint32_t npos, const float* dz, uint32_t out, float* gwt,
                 float* gb);
// dx_k = sum_j w[j][k] dz_j for k < nx, from weights in the usual layout (w[j * in + k], rows of length in),
// summed over j in ascending order (zero dz_j skipped); dx_k is then zeroed where mask_k <= 0 (the ReLU
// derivative folded in). mask == nullptr keeps every dx_k. scratch: room for `out` positions.
void affine_back(const float* dz, const float* w, uint32_t in, uint32_t nx, uint32_t out, const float* mask, float* dx,
                 uint32_t* scratch);
// wt (in x out) -> w (out x in).
void transpose(const float* wt, uint32_t in, uint32_t out, float* w);

// ---- Adam (as torch.optim.Adam, no weight decay) ---------------------------------------------------
struct AdamParams {
    double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
};
// Per-step scalars shared by every parameter of the step (bias corrections of step t).
struct AdamStep {
    float step_size = 0;     // lr / (1 - beta1^t)
    float inv_bc2_sqrt = 0;  // 1 / sqrt(1 - beta2^t)
    float beta1 = 0, beta2 = 0, eps = 0;
};
class Adam {
public:
    Adam() = default;
    Adam(size_t n, AdamParams p) { reset(n, p); }
    // Fresh moments and step count for n parameters (reuses the storage).
    void reset(size_t n, AdamParams p);
    // Advances the step count and returns the scalars of the new step.
    AdamStep next_step();
    // Updates the n parameters at `params` with gradient g, using the moments stored at [off, off + n).
    // Parameters not passed for a step keep their moments untouched (lazy, like torch.optim.SparseAdam).
    void update(const AdamStep& s, size_t off, float* params, const float* g, size_t n);
    size_t size() const { return m_.size(); }
    uint64_t steps() const { return t_; }

private:
    static void update_rows(const AdamStep& s, float* params, const float* g, float* m, float* v, size_t n);
    AdamParams p_;
    std::vector<float> m_, v_;
    uint64_t t_ = 0;
    double b1_pow_ = 1.0, b2_pow_ = 1.0;
};

// ---- float arrays in saved files (IEEE bits, little endian) -----------------------------------------
void write_floats(ByteWriter& w, std::span<const float> v);
// Fills out from r; every value must be finite with |x| <= max_abs, else FormatError naming `what`.
void read_floats(ByteReader& r, std::span<float> out, float max_abs, const char* what);
void write_f32(ByteWriter& w, float v);
float read_f32(ByteReader& r);

}  // namespace wl::la
