// Deterministic random numbers that give the same stream on every platform (native and wasm).
// std::uniform_int_distribution differs between standard libraries, so sampling is done here.
#pragma once
#include <cstdint>
#include <span>
#include <utility>

namespace wl {

// splitmix64: used to seed and to derive independent sub-seeds from one user-visible seed.
inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Mixes a seed with a stream label so that e.g. ensemble member k or fold f get unrelated streams.
inline uint64_t derive_seed(uint64_t seed, uint64_t label) {
    uint64_t s = seed ^ (label * 0xD1342543DE82EF95ull);
    return splitmix64(s);
}

// xoshiro256**: fast, small state, good statistical quality.
class Rng {
public:
    explicit Rng(uint64_t seed = 0) {
        uint64_t s = seed;
        for (auto& w : s_) w = splitmix64(s);
    }
    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform integer in [0, n) without modulo bias (Lemire's method); n > 0.
    uint64_t below(uint64_t n) {
        uint64_t x = next();
        __uint128_t m = static_cast<__uint128_t>(x) * n;
        uint64_t low = static_cast<uint64_t>(m);
        if (low < n) {
            const uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                x = next();
                m = static_cast<__uint128_t>(x) * n;
                low = static_cast<uint64_t>(m);
            }
        }
        return static_cast<uint64_t>(m >> 64);
    }
    // Uniform double in [0, 1) from the top 53 bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    template <class T>
    void shuffle(std::span<T> v) {
        for (size_t i = v.size(); i > 1; --i) {
            const size_t j = static_cast<size_t>(below(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

}  // namespace wl
