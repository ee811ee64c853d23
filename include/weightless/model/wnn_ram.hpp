// The RAM cells of one user's n-tuple network: every (member, RAM, address) is one "slot" holding `stride`
// uint32 counters. Dense storage indexes slots directly (2^n cells per RAM); hashed storage keeps only written
// cells in an open-addressing table and drops cells whose counters return to zero, so the state is canonical.
// Adaptive storage starts hashed (light users stay small) and turns dense once the table would outgrow the
// dense array (heavy users get direct indexing and fewer bytes).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace wl {

struct RamShape {
    uint32_t stride = 1;    // counters per cell
    uint64_t slots = 0;     // members * rams * 2^n
    bool dense = true;      // dense from the first write
    bool adaptive = false;  // (when not dense) hashed until the table would be larger than the dense array
};

class RamStore {
public:
    // The cell of `slot`, or nullptr when it was never written (dense cells may exist and hold zeros).
    const uint32_t* find(const RamShape& s, uint64_t slot) const {
        if (!dense_.empty()) return dense_.data() + slot * s.stride;
        return capacity_ ? find_hashed(s, slot) : nullptr;
    }
    // Hints the cache about a slot about to be read or written: the touches of one rating are independent, so
    // issuing them all first overlaps their memory latency.
    void prefetch(const RamShape& s, uint64_t slot) const {
        if (!dense_.empty()) {
            __builtin_prefetch(dense_.data() + slot * s.stride);
        } else if (capacity_) {
            __builtin_prefetch(table_.data() + home(slot) * (kKeyWords + s.stride));
        }
    }
    // The cell of `slot`, created with zeros when absent.
    uint32_t* touch(const RamShape& s, uint64_t slot);
    // Drops the cell when all its counters are zero (hashed); dense cells simply stay zero.
    void release_if_zero(const RamShape& s, uint64_t slot);
    // Slots of the cells holding a non-zero counter, in increasing order (for saving and comparing states).
    std::vector<uint64_t> written_slots(const RamShape& s) const;
    // Sets bit `slot` of `bits` (room for s.slots bits) for every cell holding a non-zero counter.
    void mark_written(const RamShape& s, std::span<uint64_t> bits) const;
    size_t memory_bytes() const;
    bool is_dense() const { return !dense_.empty(); }

private:
    // Hashed entries are interleaved [key low, key high, counters...] so a probe touches one cache line.
    static constexpr uint32_t kKeyWords = 2;
    static constexpr uint64_t kEmpty = ~uint64_t{0};
    size_t home(uint64_t slot) const { return static_cast<size_t>((slot * 0x9E3779B97F4A7C15ull) >> shift_); }
    static uint64_t key_at(const uint32_t* e) { return e[0] | (static_cast<uint64_t>(e[1]) << 32); }
    static void set_key(uint32_t* e, uint64_t k) {
        e[0] = static_cast<uint32_t>(k);
        e[1] = static_cast<uint32_t>(k >> 32);
    }
    const uint32_t* find_hashed(const RamShape& s, uint64_t slot) const;
    // Calls f(slot) for every cell holding a non-zero counter (slot order when dense, table order when hashed).
    template <class F>
    void for_each_written(const RamShape& s, F&& f) const;
    void grow(const RamShape& s);
    void to_dense(const RamShape& s);

    std::vector<uint32_t> dense_;  // dense: allocated on the first write
    std::vector<uint32_t> table_;  // hashed: capacity entries of kKeyWords + stride words, linear probing
    size_t capacity_ = 0, size_ = 0;
    int shift_ = 64;
};

}  // namespace wl
