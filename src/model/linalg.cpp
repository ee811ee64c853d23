// Dense kernels and platform-stable elementary functions; see linalg.hpp. Every loop keeps one fixed
// order of floating-point operations, so vectorisation (which only packs independent lanes) cannot change bits.
#include "weightless/model/linalg.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace wl::la {

namespace {
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // high part with trailing zeros: k * kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
}  // namespace

double exp(double x) {
    if (x != x) return x;
    if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
    // Below this the result would be subnormal, where scalbn implementations may round differently.
    if (x < -708.39) return 0.0;
    const double kd = std::floor(x * kInvLn2 + 0.5);
    const double r = (x - kd * kLn2Hi) - kd * kLn2Lo;  // |r| <= 0.347
    // Taylor series to degree 13: the remainder is below 5e-18 on that interval.
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // p * 2^k built from the exponent bits: exact, since the result is a normal number (x >= -708.39).
    int k = static_cast<int>(kd);
    if (k > 1023) {
        p *= 2.0;
        --k;
    }
    const uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
    double scale;
    std::memcpy(&scale, &bits, 8);
    return p * scale;
}

double log(double x) {
    if (x != x) return x;
    if (x < 0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0) return -std::numeric_limits<double>::infinity();
    if (x == std::numeric_limits<double>::infinity()) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // exact, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        --e;
    }
    const double f = m - 1.0;  // exact (Sterbenz), |f| <= 0.4143
    const double s = f / (2.0 + f);
    const double s2 = s * s;  // <= 0.0295
    // log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...); terms to s^27 leave < 1e-17 relative.
    double p = 1.0 / 27.0;
    p = p * s2 + 1.0 / 25.0;
    p = p * s2 + 1.0 / 23.0;
    p = p * s2 + 1.0 / 21.0;
    p = p * s2 + 1.0 / 19.0;
    p = p * s2 + 1.0 / 17.0;
    p = p * s2 + 1.0 / 15.0;
    p = p * s2 + 1.0 / 13.0;
    p = p * s2 + 1.0 / 11.0;
    p = p * s2 + 1.0 / 9.0;
    p = p * s2 + 1.0 / 7.0;
    p = p * s2 + 1.0 / 5.0;
    p = p * s2 + 1.0 / 3.0;
    const double lm = 2.0 * s + 2.0 * s * (s2 * p);
    const double ed = static_cast<double>(e);
    return ed * kLn2Hi + (ed * kLn2Lo + lm);
}

double log1p(double x) {
    if (x != x) return x;
    if (x < -1.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == std::numeric_limits<double>::infinity()) return x;
    const double u = 1.0 + x;
    if (u == 1.0) return x;
    // Goldberg's correction: the rounding error of 1 + x cancels in x / (u - 1).
    return log(u) * (x / (u - 1.0));
}

double sigmoid(double z) {
    if (z >= 0) return 1.0 / (1.0 + exp(-z));
    const double e = exp(z);
    return e / (1.0 + e);
}

namespace {
typedef float f4s __attribute__((vector_size(16)));
typedef int32_t i4s __attribute__((vector_size(16)));

// e^x for x <= 0 in four float lanes: x = k ln2 + r with |r| <= ln2/2, e^r by its Taylor series to degree 7
// (remainder below 5e-9), 2^k from exponent bits. x is clamped at -80 so 2^k stays a normal number.
inline f4s exp_neg4(f4s x) {
    const f4s lo = {-80.0f, -80.0f, -80.0f, -80.0f};
    x = x < lo ? lo : x;
    const f4s t = x * 1.44269504f;
    const f4s kd = (t + 12582912.0f) - 12582912.0f;  // round to nearest: 1.5 * 2^23 leaves no fraction bits
    const f4s r = (x - kd * 0.693359375f) - kd * -2.12194440e-4f;  // ln 2 in two parts, the first exact in k*
    f4s p = r * (1.0f / 5040.0f) + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const i4s bits = (__builtin_convertvector(kd, i4s) + 127) << 23;
    f4s scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}
}  // namespace

void sigmoid_f(const float* z, uint32_t n, float* s) {
    for (uint32_t i = 0; i < n; i += 4) {
        f4s v = {0, 0, 0, 0};
        const uint32_t m = n - i < 4 ? n - i : 4;
        if (m == 4)
            std::memcpy(&v, z + i, sizeof v);  // constant size: one load, no library call
        else
            for (uint32_t j = 0; j < m; ++j) v[j] = z[i + j];
        const f4s zero = {0, 0, 0, 0}, one = {1, 1, 1, 1};
        const f4s e = exp_neg4(v < zero ? v : -v);  // e^-|z|: never overflows
        const f4s num = v < zero ? e : one;
        const f4s out = num / (one + e);
        if (m == 4)
            std::memcpy(s + i, &out, sizeof out);
        else
            for (uint32_t j = 0; j < m; ++j) s[i + j] = out[j];
    }
}

double bce_logits(double z, double y) {
    const double az = z < 0 ? -z : z;
    return (z > 0 ? z : 0.0) - z * y + log1p(exp(-az));
}

double normal(Rng& rng) {
    for (;;) {
        const double u = 2.0 * rng.uniform() - 1.0;
        const double v = 2.0 * rng.uniform() - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * log(s) / s);
    }
}

double dot(const float* a, const float* b, size_t n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        // A product of two floats is exact in double, so only the four sums round.
        s0 += static_cast<double>(a[i]) * b[i];
        s1 += static_cast<double>(a[i + 1]) * b[i + 1];
        s2 += static_cast<double>(a[i + 2]) * b[i + 2];
        s3 += static_cast<double>(a[i + 3]) * b[i + 3];
    }
    for (; i < n; ++i) s0 += static_cast<double>(a[i]) * b[i];
    return (s0 + s1) + (s2 + s3);
}

void axpy(float a, const float* x, float* y, size_t n) {
    for (size_t i = 0; i < n; ++i) y[i] += a * x[i];
}

void sgd_pair(float* __restrict p, float* __restrict q, size_t n, float err, float lr, float reg) {
    for (size_t f = 0; f < n; ++f) {
        const float pf = p[f], qf = q[f];
        p[f] = pf + lr * (err * qf - reg * pf);
        q[f] = qf + lr * (err * pf - reg * qf);
    }
}

void sgd_user(float* __restrict p, const float* __restrict q, size_t n, float err, float lr, float reg) {
    for (size_t f = 0; f < n; ++f) p[f] += lr * (err * q[f] - reg * p[f]);
}

void fill_normal(std::span<float> v, Rng& rng, double mean, double stddev) {
    for (float& x : v) x = static_cast<float>(mean + stddev * normal(rng));
}

void fill_uniform(std::span<float> v, Rng& rng, double lo, double hi) {
    for (float& x : v) x = static_cast<float>(lo + (hi - lo) * rng.uniform());
}

namespace {
// 1 when x is not +-0, read from the bits (a NaN counts as non-zero, as with x != 0): cheaper than a float compare.
inline uint32_t is_nonzero(const float* x) {
    uint32_t bits;
    std::memcpy(&bits, x, 4);
    return (bits & 0x7FFFFFFFu) != 0 ? 1u : 0u;
}
}  // namespace

namespace {
// For each 4-bit pattern of non-zero lanes, the lane indices in order (padded with the last one).
struct LaneTable {
    uint32_t lanes[16][4];
    uint32_t count[16];
    constexpr LaneTable() : lanes{}, count{} {
        for (uint32_t m = 0; m < 16; ++m) {
            uint32_t c = 0;
            for (uint32_t b = 0; b < 4; ++b)
                if (m & (1u << b)) lanes[m][c++] = b;
            count[m] = c;
            for (uint32_t b = c; b < 4; ++b) lanes[m][b] = c ? lanes[m][c - 1] : 0;
        }
    }
};
constexpr LaneTable kLanes;
}  // namespace

uint32_t nonzeros(const float* __restrict x, uint32_t n, uint32_t* __restrict pos) {
    // Four lanes at a time through a table: all four positions are stored, the count advances by the number of
    // non-zero lanes, so the only dependency chain is one add per four inputs (pos has room for n).
    uint32_t c = 0, k = 0;
    for (; k + 4 <= n; k += 4) {
        const uint32_t m = is_nonzero(x + k) | is_nonzero(x + k + 1) << 1 | is_nonzero(x + k + 2) << 2 |
                           is_nonzero(x + k + 3) << 3;
        for (uint32_t b = 0; b < 4; ++b) pos[c + b] = k + kLanes.lanes[m][b];
        c += kLanes.count[m];
    }
    for (; k < n; ++k) {
        pos[c] = k;
        c += is_nonzero(x + k);
    }
    return c;
}

namespace {
// The row kernels, compiled once per common width N (N = 0: any width, given at run time). For a fixed width the
// row is handled in blocks of eight lanes (GCC/clang vector extensions: element-wise IEEE operations, the same
// multiply then add per element as the scalar loop, so the bits do not change) and the accumulated row stays in
// registers, instead of leaving the choice to the auto-vectoriser (which sometimes picks scalar code). Where the
// target has no 8-lane registers the compiler splits each operation in two (SSE) or into scalars (wasm).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"  // 8-lane values only pass between always-inlined helpers: no ABI
#endif
typedef float f8 __attribute__((vector_size(32)));
#define WL_INLINE [[gnu::always_inline]] inline
WL_INLINE f8 load8(const float* p) {
    f8 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
WL_INLINE void store8(float* p, f8 v) { std::memcpy(p, &v, sizeof v); }
WL_INLINE f8 splat8(float x) { return f8{x, x, x, x, x, x, x, x}; }

template <uint32_t N>
WL_INLINE void rows_into(const float* __restrict x, const uint32_t* __restrict pos, uint32_t n,
                         const float* __restrict rows, uint32_t stride, uint32_t width,
                         float* __restrict acc) {  // acc += sum_t x[pos[t]] * rows[pos[t]][:width]
    if constexpr (N >= 8) {
        constexpr uint32_t B = N / 8;
        f8 a[B];
        for (uint32_t q = 0; q < B; ++q) a[q] = load8(acc + 8 * q);
        for (uint32_t t = 0; t < n; ++t) {
            const float xk = x[pos[t]];
            const f8 xv = splat8(xk);
            const float* row = rows + size_t{pos[t]} * stride;
            for (uint32_t q = 0; q < B; ++q) a[q] += xv * load8(row + 8 * q);
            for (uint32_t j = 8 * B; j < N; ++j) acc[j] += xk * row[j];
        }
        for (uint32_t q = 0; q < B; ++q) store8(acc + 8 * q, a[q]);
    } else {
        const uint32_t w = N ? N : width;
        for (uint32_t t = 0; t < n; ++t) {
            const float xk = x[pos[t]];
            const float* row = rows + size_t{pos[t]} * stride;
            for (uint32_t j = 0; j < w; ++j) acc[j] += xk * row[j];
        }
    }
}

template <uint32_t N>
WL_INLINE void outer_into(const float* __restrict x, const uint32_t* __restrict pos, uint32_t n,
                          const float* __restrict dz, uint32_t width,
                          float* __restrict rows) {  // rows[pos[t]] += x[pos[t]] * dz
    if constexpr (N >= 8) {
        constexpr uint32_t B = N / 8;
        f8 d[B];
        for (uint32_t q = 0; q < B; ++q) d[q] = load8(dz + 8 * q);
        for (uint32_t t = 0; t < n; ++t) {
            const float xk = x[pos[t]];
            const f8 xv = splat8(xk);
            float* row = rows + size_t{pos[t]} * N;
            for (uint32_t q = 0; q < B; ++q) store8(row + 8 * q, load8(row + 8 * q) + xv * d[q]);
            for (uint32_t j = 8 * B; j < N; ++j) row[j] += xk * dz[j];
        }
    } else {
        const uint32_t w = N ? N : width;
        for (uint32_t t = 0; t < n; ++t) {
            const float xk = x[pos[t]];
            float* row = rows + size_t{pos[t]} * w;
            for (uint32_t j = 0; j < w; ++j) row[j] += xk * dz[j];
        }
    }
}

// The widths of the paper's networks (26 -> 32 -> 16 -> 10 and 90 -> 64 -> 32 -> 10) and a few more.
template <template <uint32_t> class K, class... A>
WL_INLINE void by_width(uint32_t width, A... a) {
    switch (width) {
        case 8:
            K<8>::run(a...);
            break;
        case 10:
            K<10>::run(a...);
            break;
        case 16:
            K<16>::run(a...);
            break;
        case 26:
            K<26>::run(a...);
            break;
        case 32:
            K<32>::run(a...);
            break;
        case 64:
            K<64>::run(a...);
            break;
        default:
            K<0>::run(a...);
            break;
    }
}
template <uint32_t N>
struct RowsInto {
    WL_INLINE static void run(const float* x, const uint32_t* pos, uint32_t n, const float* rows, uint32_t stride,
                              uint32_t w, float* acc) {
        rows_into<N>(x, pos, n, rows, stride, w, acc);
    }
};
template <uint32_t N>
struct OuterInto {
    WL_INLINE static void run(const float* x, const uint32_t* pos, uint32_t n, const float* dz, uint32_t w,
                              float* rows) {
        outer_into<N>(x, pos, n, dz, w, rows);
    }
};
#undef WL_INLINE
}  // namespace

// On x86-64 Linux with GCC the three layer kernels also get an AVX2 clone, picked at load time by the CPU: the
// same element-wise operations in wider registers, so the bits match the baseline clone and wasm.
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
#define WL_KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WL_KERNEL_CLONES
#endif

WL_KERNEL_CLONES void affine(const float* x, const uint32_t* pos, uint32_t npos, const float* wt, const float* b,
                             uint32_t out, float* z) {
    for (uint32_t j = 0; j < out; ++j) z[j] = b[j];
    by_width<RowsInto>(out, x, pos, npos, wt, out, out, z);
}

WL_KERNEL_CLONES void affine_grad(const float* x, const uint32_t* pos, uint32_t npos, const float* dz, uint32_t out,
                                  float* gwt, float* gb) {
    for (uint32_t j = 0; j < out; ++j) gb[j] += dz[j];
    by_width<OuterInto>(out, x, pos, npos, dz, out, gwt);
}

WL_KERNEL_CLONES void affine_back(const float* dz, const float* w, uint32_t in, uint32_t nx, uint32_t out,
                                  const float* mask, float* dx, uint32_t* scratch) {
    for (uint32_t k = 0; k < nx; ++k) dx[k] = 0.0f;
    const uint32_t n = nonzeros(dz, out, scratch);
    by_width<RowsInto>(nx, dz, static_cast<const uint32_t*>(scratch), n, w, in, nx, dx);
    if (mask)
        for (uint32_t k = 0; k < nx; ++k) dx[k] = mask[k] > 0.0f ? dx[k] : 0.0f;
}

void transpose(const float* wt, uint32_t in, uint32_t out, float* w) {
    for (uint32_t k = 0; k < in; ++k)
        for (uint32_t j = 0; j < out; ++j) w[size_t{j} * in + k] = wt[size_t{k} * out + j];
}

void Adam::reset(size_t n, AdamParams p) {
    p_ = p;
    m_.assign(n, 0.0f);
    v_.assign(n, 0.0f);
    t_ = 0;
    b1_pow_ = b2_pow_ = 1.0;
}

AdamStep Adam::next_step() {
    ++t_;
    b1_pow_ *= p_.beta1;
    b2_pow_ *= p_.beta2;
    AdamStep s;
    s.step_size = static_cast<float>(p_.lr / (1.0 - b1_pow_));
    s.inv_bc2_sqrt = static_cast<float>(1.0 / std::sqrt(1.0 - b2_pow_));
    s.beta1 = static_cast<float>(p_.beta1);
    s.beta2 = static_cast<float>(p_.beta2);
    s.eps = static_cast<float>(p_.eps);
    return s;
}

void Adam::update(const AdamStep& s, size_t off, float* params, const float* g, size_t n) {
    update_rows(s, params, g, m_.data() + off, v_.data() + off, n);
}

void Adam::update_rows(const AdamStep& s, float* __restrict params, const float* __restrict g, float* __restrict m,
                       float* __restrict v, size_t n) {
    const float c1 = 1.0f - s.beta1, c2 = 1.0f - s.beta2;
    for (size_t i = 0; i < n; ++i) {
        const float gi = g[i];
        m[i] = s.beta1 * m[i] + c1 * gi;
        v[i] = s.beta2 * v[i] + c2 * (gi * gi);
        const float denom = std::sqrt(v[i]) * s.inv_bc2_sqrt + s.eps;
        params[i] -= s.step_size * (m[i] / denom);
    }
}

void write_f32(ByteWriter& w, float v) {
    uint32_t u;
    std::memcpy(&u, &v, 4);
    w.u32(u);
}

float read_f32(ByteReader& r) {
    const uint32_t u = r.u32();
    float v;
    std::memcpy(&v, &u, 4);
    return v;
}

void write_floats(ByteWriter& w, std::span<const float> v) {
    for (float x : v) write_f32(w, x);
}

void read_floats(ByteReader& r, std::span<float> out, float max_abs, const char* what) {
    if (r.remaining() / 4 < out.size()) r.fail(std::string(what) + ": truncated");
    for (float& x : out) {
        x = read_f32(r);
        if (!std::isfinite(x) || std::fabs(x) > max_abs) r.fail(std::string(what) + ": value out of range");
    }
}

}  // namespace wl::la
