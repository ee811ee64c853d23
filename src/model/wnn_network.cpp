// Per-user n-tuple networks: mappings, address precomputation, learn/forget and the canonical table dump.
// Prediction (the three modes, bleaching, explanations) is in wnn_network_predict.cpp.
#include "weightless/model/wnn_network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "weightless/util/bytes.hpp"
#include "weightless/util/rng.hpp"

namespace wl {

namespace {
uint64_t history_key(uint32_t item, uint8_t hs) { return (static_cast<uint64_t>(item) << 8) | hs; }

// offset=item cells keep their residual sum as an int64 in two uint32 words (two's complement, so adding and
// subtracting wrap exactly and a cell whose ratings were all forgotten returns to zeros).
void add_residual(uint32_t* c, int64_t d) {
    const uint64_t v = (c[1] | (static_cast<uint64_t>(c[2]) << 32)) + static_cast<uint64_t>(d);
    c[1] = static_cast<uint32_t>(v);
    c[2] = static_cast<uint32_t>(v >> 32);
}

struct Plan {
    uint32_t n, rams, members;
    RamShape shape;
};

Plan plan(const WnnConfig& cfg, uint32_t bits, uint32_t num_items) {
    if (bits == 0) throw std::invalid_argument("wnn: the encoder produces no input bits (enable at least one feature)");
    if (cfg.tuple_size < 1 || cfg.tuple_size > 32 || cfg.ensemble < 1 || cfg.ensemble > 64)
        throw std::invalid_argument("wnn: tuple_size must be 1..32 and ensemble 1..64");
    if (cfg.offset == WnnOffset::Item && cfg.mode != WnnMode::Regression)
        throw std::invalid_argument("wnn: offset=item needs mode=regression (cells of classes cannot hold residuals)");
    Plan p;
    // A tuple wider than the input cannot address more than the input: it is clamped to the input width.
    p.n = std::min<uint32_t>(static_cast<uint32_t>(cfg.tuple_size), bits);
    p.rams = (bits + p.n - 1) / p.n;
    p.members = static_cast<uint32_t>(cfg.ensemble);
    if (p.rams > WnnNetwork::kMaxRams)
        throw std::invalid_argument("wnn: " + std::to_string(p.rams) + " RAMs per mapping (" + std::to_string(bits) +
                                    " bits / tuple " + std::to_string(p.n) + "), at most " + std::to_string(WnnNetwork::kMaxRams));
    const uint64_t address_bytes = uint64_t{num_items} * p.members * p.rams * sizeof(uint32_t);
    if (address_bytes > WnnNetwork::kMaxAddressBytes)
        throw std::invalid_argument("wnn: the address table would take " + std::to_string(address_bytes >> 20) +
                                    " MB (items x ensemble x RAMs), over the " +
                                    std::to_string(WnnNetwork::kMaxAddressBytes >> 20) +
                                    " MB limit: lower ensemble or raise tuple_size");
    p.shape.stride = cfg.mode == WnnMode::Regression    ? (cfg.offset == WnnOffset::Item ? 3 : 2)
                     : cfg.mode == WnnMode::Thermometer ? WnnNetwork::kThermoLevels + 1
                     : cfg.classes == WnnClasses::Half  ? 10
                                                        : 5;
    p.shape.slots = (uint64_t{p.members} * p.rams) << p.n;
    const double dense_bytes = static_cast<double>(p.shape.slots) * p.shape.stride * sizeof(uint32_t);
    if (cfg.tables == WnnTables::Dense && dense_bytes > static_cast<double>(WnnNetwork::kMaxDenseBytesPerUser))
        throw std::invalid_argument("wnn: dense tables would take " + std::to_string(static_cast<uint64_t>(dense_bytes) >> 20) +
                                    " MB per user (ensemble x RAMs x 2^tuple_size cells), over the " +
                                    std::to_string(WnnNetwork::kMaxDenseBytesPerUser >> 20) +
                                    " MB limit: use tables=hashed or auto");
    p.shape.dense = cfg.tables == WnnTables::Dense ||
                    (cfg.tables == WnnTables::Auto && dense_bytes <= static_cast<double>(WnnNetwork::kAutoDenseBytesPerUser));
    // auto between the two: hashed for light users, dense once a user's table would outgrow the dense array.
    p.shape.adaptive = cfg.tables == WnnTables::Auto && !p.shape.dense &&
                       dense_bytes <= static_cast<double>(WnnNetwork::kMaxDenseBytesPerUser);
    return p;
}
}  // namespace

void WnnNetwork::validate(const WnnConfig& cfg, uint32_t bits, uint32_t num_items) { plan(cfg, bits, num_items); }

void WnnNetwork::build(const WnnConfig& cfg, std::span<const uint64_t> codes, uint32_t bits, uint32_t num_items) {
    const Plan p = plan(cfg, bits, num_items);
    const uint32_t words = (bits + 63) / 64;
    if (codes.size() != static_cast<size_t>(num_items) * words)
        throw std::invalid_argument("wnn: codes do not match " + std::to_string(num_items) + " items of " + std::to_string(bits) + " bits");
    const uint32_t n = p.n, rams = p.rams, members = p.members;
    const RamShape shape = p.shape;

    // Mappings: a seeded permutation of the input bits cut into tuples; the last tuple is topped up with distinct
    // random bits it does not already hold.
    std::vector<uint32_t> mapping(static_cast<size_t>(members) * rams * n);
    for (uint32_t m = 0; m < members; ++m) {
        Rng rng(derive_seed(static_cast<uint64_t>(cfg.seed), m));
        std::vector<uint32_t> perm(bits);
        for (uint32_t b = 0; b < bits; ++b) perm[b] = b;
        rng.shuffle(std::span<uint32_t>(perm));
        uint32_t* out = mapping.data() + static_cast<size_t>(m) * rams * n;
        std::copy(perm.begin(), perm.end(), out);
        const uint32_t last = (rams - 1) * n;
        for (uint32_t p = bits; p < rams * n; ++p) {
            uint32_t b;
            do {
                b = static_cast<uint32_t>(rng.below(bits));
            } while (std::find(out + last, out + p, b) != out + p);
            out[p] = b;
        }
    }
    // Addresses, one RAM at a time over a block of items: with the block's codes turned bit-major (one byte per
    // item and bit), each address bit is an OR over a contiguous run of items, which vectorises, instead of a
    // gather per item. Blocks keep the bit-major copy small whatever the catalogue.
    constexpr uint32_t kBlock = 2048;
    const size_t per_item = static_cast<size_t>(members) * rams;
    std::vector<uint32_t> addresses(static_cast<size_t>(num_items) * per_item);
    std::vector<uint8_t> column(static_cast<size_t>(bits) * std::min(num_items, kBlock));
    std::vector<uint32_t> ram_addr(std::min(num_items, kBlock));
    for (uint32_t first = 0; first < num_items; first += kBlock) {
        const uint32_t count = std::min(kBlock, num_items - first);
        for (uint32_t i = 0; i < count; ++i) {
            const uint64_t* code = codes.data() + static_cast<size_t>(first + i) * words;
            for (uint32_t b = 0; b < bits; ++b)
                column[static_cast<size_t>(b) * count + i] = static_cast<uint8_t>((code[b / 64] >> (b % 64)) & 1u);
        }
        for (size_t t = 0; t < per_item; ++t) {
            uint32_t* __restrict out = ram_addr.data();
            std::fill(out, out + count, 0u);
            for (uint32_t j = 0; j < n; ++j) {
                const uint8_t* col = column.data() + static_cast<size_t>(mapping[t * n + j]) * count;
                for (uint32_t i = 0; i < count; ++i) out[i] |= static_cast<uint32_t>(col[i]) << j;
            }
            for (uint32_t i = 0; i < count; ++i) addresses[(static_cast<size_t>(first) + i) * per_item + t] = out[i];
        }
    }
    // Commit.
    built_ = true;
    cfg_ = cfg;
    num_items_ = num_items;
    members_ = members;
    rams_ = rams;
    tuple_ = n;
    shape_ = shape;
    mapping_ = std::move(mapping);
    addresses_ = std::move(addresses);
    item_base_.assign(cfg.offset == WnnOffset::Item ? num_items : 0, 3 * kResidualUnit);
    users_.clear();
}

void WnnNetwork::set_item_base(std::vector<int32_t> base) {
    if (!built_ || cfg_.offset != WnnOffset::Item) throw std::invalid_argument("wnn: an item baseline needs offset=item");
    if (base.size() != num_items_)
        throw std::invalid_argument("wnn: item baseline for " + std::to_string(base.size()) + " items, the catalogue has " +
                                    std::to_string(num_items_));
    for (int32_t b : base)
        if (b < kResidualUnit / 2 || b > 5 * kResidualUnit)
            throw std::invalid_argument("wnn: item baseline " + std::to_string(b) + "/" + std::to_string(kResidualUnit) +
                                        " stars outside [0.5, 5]");
    item_base_ = std::move(base);
    users_.clear();
}

void WnnNetwork::set_global(uint64_t sum_half, uint64_t count) {
    global_sum_half_ = sum_half;
    global_count_ = count;
}

double WnnNetwork::global_mean() const {
    return global_count_ ? static_cast<double>(global_sum_half_) / (2.0 * static_cast<double>(global_count_)) : 3.0;
}

std::span<const uint32_t> WnnNetwork::mapping(uint32_t member) const {
    if (member >= members_) throw std::invalid_argument("wnn: no ensemble member " + std::to_string(member));
    return std::span<const uint32_t>(mapping_).subspan(static_cast<size_t>(member) * rams_ * tuple_, static_cast<size_t>(rams_) * tuple_);
}

std::span<const uint32_t> WnnNetwork::addresses(uint32_t item) const {
    check(item, 1);
    return std::span<const uint32_t>(addresses_).subspan(static_cast<size_t>(item) * members_ * rams_, static_cast<size_t>(members_) * rams_);
}

void WnnNetwork::check(uint32_t item, uint8_t half_stars) const {
    if (!built_) throw std::logic_error("wnn: the network is used before fit()");
    if (item >= num_items_)
        throw std::invalid_argument("wnn: item index " + std::to_string(item) + " outside the catalogue of " +
                                    std::to_string(num_items_) + " items");
    if (half_stars < 1 || half_stars > 10)
        throw std::invalid_argument("wnn: rating of " + std::to_string(half_stars) + " half stars (must be 1..10)");
}

uint32_t WnnNetwork::bin_of(uint8_t hs) const {
    switch (cfg_.mode) {
        case WnnMode::Regression: return 0;
        case WnnMode::Thermometer: return hs / 2u;  // floor(stars): the target thermometer has 2*floor(stars) ones
        case WnnMode::Classifier: return cfg_.classes == WnnClasses::Half ? hs - 1u : (hs + 1u) / 2u - 1u;
    }
    return 0;
}

void WnnNetwork::learn(uint32_t user, uint32_t item, uint8_t hs) { learn_into(shape_, user, item, hs); }

void WnnNetwork::learn_stored(uint32_t user, uint32_t item, uint8_t hs) {
    RamShape hashed = shape_;
    hashed.adaptive = shape_.adaptive || shape_.dense;
    hashed.dense = false;
    learn_into(hashed, user, item, hs);
}

uint64_t WnnNetwork::stored_bytes_bound(uint64_t max_user, uint64_t cells, uint64_t ratings) const {
    // Hashed tables: at least 3/8 full after a doubling, the old table alive while the new one fills (so up to 4
    // entries a cell), and auto's turn to dense holding the array beside the last table (8 covers both); the users
    // vector and the histories may hold twice their size after growth.
    const uint64_t entry = (2 + uint64_t{shape_.stride}) * sizeof(uint32_t);
    return (max_user + 1) * sizeof(WnnUser) * 2 + ratings * sizeof(uint64_t) * 2 + (cells * 8 + 32 * (max_user + 1)) * entry;
}

void WnnNetwork::learn_into(const RamShape& shape, uint32_t user, uint32_t item, uint8_t hs) {
    check(item, hs);
    if (user >= kMaxUsers)
        throw std::invalid_argument("wnn: user index " + std::to_string(user) + " beyond the limit of " + std::to_string(kMaxUsers) + " users");
    if (user >= users_.size()) users_.resize(static_cast<size_t>(user) + 1);
    WnnUser& u = users_[user];
    const uint64_t key = history_key(item, hs);
    u.history.insert(std::upper_bound(u.history.begin(), u.history.end(), key), key);
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    prefetch(&u, a);
    const bool offset = cfg_.offset == WnnOffset::Item;
    const int64_t q = offset ? residual(item, hs) : 0;
    u.sum_half += hs;
    u.sum_residual += q;
    ++u.count;
    const uint32_t bin = bin_of(hs);
    for (uint32_t m = 0; m < members_; ++m)
        for (uint32_t r = 0; r < rams_; ++r) {
            uint32_t* c = u.cells.touch(shape, slot(m, r, a[m * rams_ + r]));
            if (offset) {
                c[0] += 1;
                add_residual(c, q);
            } else if (cfg_.mode == WnnMode::Regression) {
                c[0] += 1;
                c[1] += hs;
            } else {
                c[bin] += 1;
            }
        }
}

void WnnNetwork::forget(uint32_t user, uint32_t item, uint8_t hs) {
    check(item, hs);
    const uint64_t key = history_key(item, hs);
    WnnUser* u = user < users_.size() ? &users_[user] : nullptr;
    auto it = u ? std::lower_bound(u->history.begin(), u->history.end(), key) : std::vector<uint64_t>::iterator{};
    if (!u || it == u->history.end() || *it != key)
        throw std::invalid_argument("wnn: cannot forget user " + std::to_string(user) + ", item " + std::to_string(item) +
                                    ", " + std::to_string(hs) + " half stars: that rating was never learned");
    const uint32_t* a = addresses_.data() + static_cast<size_t>(item) * members_ * rams_;
    prefetch(u, a);
    u->history.erase(it);
    const bool offset = cfg_.offset == WnnOffset::Item;
    const int64_t q = offset ? residual(item, hs) : 0;
    u->sum_half -= hs;
    u->sum_residual -= q;
    --u->count;
    const uint32_t bin = bin_of(hs);
    for (uint32_t m = 0; m < members_; ++m)
        for (uint32_t r = 0; r < rams_; ++r) {
            const uint64_t s = slot(m, r, a[m * rams_ + r]);
            uint32_t* c = u->cells.touch(shape_, s);  // exists: the rating was learned
            if (offset) {
                c[0] -= 1;
                add_residual(c, -q);
            } else if (cfg_.mode == WnnMode::Regression) {
                c[0] -= 1;
                c[1] -= hs;
            } else {
                c[bin] -= 1;
            }
            u->cells.release_if_zero(shape_, s);
        }
}

std::vector<uint8_t> WnnNetwork::dump_tables() const {
    ByteWriter w;
    for (uint32_t u = 0; u < users_.size(); ++u) {
        const auto slots = users_[u].cells.written_slots(shape_);
        if (slots.empty()) continue;
        w.varint(u);
        w.varint(slots.size());
        uint64_t prev = 0;
        for (uint64_t s : slots) {
            w.varint(s - prev);
            prev = s;
            const uint32_t* c = users_[u].cells.find(shape_, s);
            for (uint32_t k = 0; k < shape_.stride; ++k) w.varint(c[k]);
        }
    }
    return w.take();
}

size_t WnnNetwork::memory_bytes() const {
    size_t b = sizeof(*this) + mapping_.capacity() * sizeof(uint32_t) + addresses_.capacity() * sizeof(uint32_t) +
               item_base_.capacity() * sizeof(int32_t);
    b += users_.capacity() * sizeof(WnnUser);
    for (const auto& u : users_) b += u.cells.memory_bytes() + u.history.capacity() * sizeof(uint64_t);
    return b;
}

}  // namespace wl
