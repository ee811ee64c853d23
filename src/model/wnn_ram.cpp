// Dense and hashed RAM cell storage; see wnn_ram.hpp.
#include "weightless/model/wnn_ram.hpp"

#include <algorithm>
#include <cstring>

namespace wl {

namespace {
bool all_zero(const uint32_t* c, uint32_t n) {
    for (uint32_t i = 0; i < n; ++i)
        if (c[i]) return false;
    return true;
}
}  // namespace

const uint32_t* RamStore::find_hashed(const RamShape& s, uint64_t slot) const {
    if (capacity_ == 0) return nullptr;
    const size_t mask = capacity_ - 1, width = kKeyWords + s.stride;
    for (size_t i = home(slot);; i = (i + 1) & mask) {
        const uint32_t* e = table_.data() + i * width;
        const uint64_t k = key_at(e);
        if (k == slot) return e + kKeyWords;
        if (k == kEmpty) return nullptr;
    }
}

void RamStore::grow(const RamShape& s) {
    const size_t width = kKeyWords + s.stride;
    const size_t cap = capacity_ == 0 ? 16 : capacity_ * 2;
    std::vector<uint32_t> old(cap * width, 0);
    old.swap(table_);
    const size_t old_cap = capacity_;
    capacity_ = cap;
    int bits = 0;
    while ((size_t{1} << bits) < cap) ++bits;
    shift_ = 64 - bits;
    for (size_t i = 0; i < cap; ++i) set_key(table_.data() + i * width, kEmpty);
    const size_t mask = cap - 1;
    for (size_t j = 0; j < old_cap; ++j) {
        const uint32_t* e = old.data() + j * width;
        const uint64_t k = key_at(e);
        if (k == kEmpty) continue;
        size_t i = home(k);
        while (key_at(table_.data() + i * width) != kEmpty) i = (i + 1) & mask;
        std::memcpy(table_.data() + i * width, e, width * sizeof(uint32_t));
    }
}

void RamStore::to_dense(const RamShape& s) {
    std::vector<uint32_t> dense(static_cast<size_t>(s.slots) * s.stride, 0);
    const size_t width = kKeyWords + s.stride;
    for (size_t i = 0; i < capacity_; ++i) {
        const uint32_t* e = table_.data() + i * width;
        const uint64_t k = key_at(e);
        if (k != kEmpty) std::memcpy(dense.data() + k * s.stride, e + kKeyWords, s.stride * sizeof(uint32_t));
    }
    dense_ = std::move(dense);
    table_ = std::vector<uint32_t>();
    capacity_ = size_ = 0;
}

uint32_t* RamStore::touch(const RamShape& s, uint64_t slot) {
    if (dense_.empty() && (s.dense || ((size_ + 1) * 4 > capacity_ * 3 && s.adaptive &&
                                       (capacity_ ? 2 * capacity_ : 16) * (kKeyWords + s.stride) >= s.slots * s.stride)))
        to_dense(s);
    if (!dense_.empty()) return dense_.data() + slot * s.stride;
    if ((size_ + 1) * 4 > capacity_ * 3) grow(s);  // load factor <= 3/4
    const size_t mask = capacity_ - 1, width = kKeyWords + s.stride;
    size_t i = home(slot);
    for (;; i = (i + 1) & mask) {
        uint32_t* e = table_.data() + i * width;
        const uint64_t k = key_at(e);
        if (k == slot) return e + kKeyWords;
        if (k == kEmpty) {
            set_key(e, slot);
            ++size_;
            return e + kKeyWords;
        }
    }
}

void RamStore::release_if_zero(const RamShape& s, uint64_t slot) {
    if (!dense_.empty() || capacity_ == 0) return;
    const size_t mask = capacity_ - 1, width = kKeyWords + s.stride;
    size_t i = home(slot);
    for (;; i = (i + 1) & mask) {
        const uint64_t k = key_at(table_.data() + i * width);
        if (k == slot) break;
        if (k == kEmpty) return;
    }
    if (!all_zero(table_.data() + i * width + kKeyWords, s.stride)) return;
    // Backward-shift deletion: later entries of the probe run move up so no tombstones are needed.
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        const uint64_t kj = key_at(table_.data() + j * width);
        if (kj == kEmpty) break;
        const size_t h = home(kj);
        const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (stays) continue;
        std::memcpy(table_.data() + i * width, table_.data() + j * width, width * sizeof(uint32_t));
        i = j;
    }
    uint32_t* e = table_.data() + i * width;
    set_key(e, kEmpty);
    std::memset(e + kKeyWords, 0, s.stride * sizeof(uint32_t));
    --size_;
}

template <class F>
void RamStore::for_each_written(const RamShape& s, F&& f) const {
    if (!dense_.empty()) {
        for (size_t slot = 0; slot * s.stride < dense_.size(); ++slot)
            if (!all_zero(dense_.data() + slot * s.stride, s.stride)) f(static_cast<uint64_t>(slot));
        return;
    }
    const size_t width = kKeyWords + s.stride;
    for (size_t i = 0; i < capacity_; ++i) {
        const uint32_t* e = table_.data() + i * width;
        if (key_at(e) != kEmpty && !all_zero(e + kKeyWords, s.stride)) f(key_at(e));
    }
}

std::vector<uint64_t> RamStore::written_slots(const RamShape& s) const {
    std::vector<uint64_t> out;
    for_each_written(s, [&](uint64_t slot) { out.push_back(slot); });
    std::sort(out.begin(), out.end());  // hashed order depends on the table's history
    return out;
}

void RamStore::mark_written(const RamShape& s, std::span<uint64_t> bits) const {
    for_each_written(s, [&](uint64_t slot) { bits[slot >> 6] |= uint64_t{1} << (slot & 63); });
}

size_t RamStore::memory_bytes() const { return (dense_.capacity() + table_.capacity()) * sizeof(uint32_t); }

}  // namespace wl
