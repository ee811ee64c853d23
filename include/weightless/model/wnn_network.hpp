// Per-user RAM-based n-tuple networks (WiSARD family) over precomputed item addresses. The input mappings are
// shared by all users, so each item's RAM addresses are computed once; learn and predict are then a few table
// touches per ensemble member and RAM. Knows nothing of the Model interface or of files (see wnn_model.hpp).
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "weightless/model/wnn_config.hpp"
#include "weightless/model/wnn_ram.hpp"

namespace wl {

// One user's network: RAM cells for every ensemble member, the multiset of learned (item, half stars) so that
// forget() can refuse a rating that was never learned, and the running sums/count for the user fallback.
struct WnnUser {
    RamStore cells;
    std::vector<uint64_t> history;  // sorted keys (item << 8) | half_stars
    uint64_t sum_half = 0;
    int64_t sum_residual = 0;  // offset=item: sum of residuals, in 1/kResidualUnit stars
    uint32_t count = 0;
};

class WnnNetwork {
public:
    static constexpr uint32_t kMaxUsers = 1u << 22;
    static constexpr uint32_t kMaxRams = 256;
    static constexpr uint64_t kMaxDenseBytesPerUser = uint64_t{64} << 20;
    static constexpr uint64_t kAutoDenseBytesPerUser = uint64_t{4} << 10;  // auto: below this, dense at once
    static constexpr uint64_t kMaxAddressBytes = uint64_t{256} << 20;
    // Distinct thresholds of the paper's 10-bit target thermometer (2 * floor(stars) ones): bits come in equal
    // pairs, so thermometer cells keep a histogram of floor(stars) 0..5 and each pair is decided once.
    static constexpr uint32_t kThermoLevels = 5;
    // offset=item fixed point: the item baseline and every residual are integers in 1/kResidualUnit stars, so the
    // residual of (item, half stars) is a pure integer function and forget() subtracts exactly what learn() added.
    // Regression cells then hold [count, residual sum low word, high word] (an int64: no overflow to guard).
    static constexpr int32_t kResidualUnit = 4096;

    // Throws std::invalid_argument when `cfg` over `bits` input bits and `num_items` items would need absurd memory
    // (address table, forced dense tables) or has no input bits; build() calls it.
    static void validate(const WnnConfig& cfg, uint32_t bits, uint32_t num_items);
    // Draws the input mappings from cfg.seed and precomputes every item's addresses from the packed codes
    // (item i at [i*words, (i+1)*words)). Drops all users. Throws std::invalid_argument for a configuration whose
    // tables or address table would take absurd memory, or for codes without bits.
    void build(const WnnConfig& cfg, std::span<const uint64_t> codes, uint32_t bits, uint32_t num_items);
    // The training-set totals behind the global-mean fallback (3 stars when count is 0).
    void set_global(uint64_t sum_half, uint64_t count);
    // offset=item: every item's baseline mu + b_i in 1/kResidualUnit stars (build() starts at 3 stars each).
    // Drops all users, whose cells were learned against the old baseline. Throws std::invalid_argument unless
    // offset=item, one value per item, each within [0.5, 5] stars.
    void set_item_base(std::vector<int32_t> base);
    void clear_users() { users_.clear(); }

    // Both throw std::invalid_argument for an item outside the catalogue, a rating outside 1..10 half stars or a
    // user index >= kMaxUsers; forget() also when the rating was never learned (state unchanged then).
    void learn(uint32_t user, uint32_t item, uint8_t half_stars);
    void forget(uint32_t user, uint32_t item, uint8_t half_stars);
    // learn() as a load replays a saved rating: the user's cells stay hashed whatever the tables setting (auto may
    // still turn them dense once the hash table would outgrow the dense array), so what a saved file costs follows
    // the ratings it holds, not users x dense bytes. A dense user gets its array at its next learn() or forget();
    // predictions and dump_tables() do not depend on the storage.
    void learn_stored(uint32_t user, uint32_t item, uint8_t half_stars);
    // An upper bound on the bytes that learn_stored() of users 0..max_user, holding `cells` cells in all (each
    // user's distinct items x members x RAMs, at most the slots of one user) and `ratings` ratings, allocates:
    // what a load checks against kMaxLoadBytes before it allocates anything.
    uint64_t stored_bytes_bound(uint64_t max_user, uint64_t cells, uint64_t ratings) const;
    // The most a load may allocate for the users' tables (a saved file over it is refused, not loaded).
    static constexpr uint64_t kMaxLoadBytes = uint64_t{1} << 30;

    double predict(uint32_t user, uint32_t item) const;  // stars, clamped to [0.5, 5]
    // predict() for many items of one user (same bits). For a user with hashed tables, a bitmap of the user's
    // written cells answers most lookups before any hash probe: a new user scoring the whole catalogue mostly
    // addresses cells nobody wrote.
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const;
    int predict_thermometer(uint32_t user, uint32_t item) const;  // 0..10 in thermometer mode, else -1
    // How decided the answer is, averaged over members, in [0, 1]: (best - second) / best at the bleaching level
    // that decided (classifier; mean over output bits in thermometer mode), the fraction of addressed cells that
    // were written (regression). 0 for a pure fallback.
    double confidence(uint32_t user, uint32_t item) const;
    // For each rated item: how many of `item`'s addressed cells (same member, RAM and address) it shares, sorted
    // by that count descending then by item.
    std::vector<std::pair<uint32_t, uint32_t>> shared_cells(uint32_t item, std::span<const uint32_t> rated_items) const;

    // Regression with the mean or weighted aggregate splits a prediction exactly (before clamping) into the
    // answer with no cell written (base_stars) plus one term per written cell the item addresses: how far that
    // cell moves the prediction, in stars. Other modes and the median decide non-linearly: exact is false and
    // there are no terms.
    struct CellTerm {
        uint32_t member = 0, ram = 0;
        double stars = 0;
    };
    struct CellTerms {
        bool exact = false;
        double base_stars = 0;
        std::vector<CellTerm> terms;
    };
    CellTerms cell_terms(uint32_t user, uint32_t item) const;

    // Canonical bytes of every user's non-zero cells (independent of learn order and of hash-table history).
    std::vector<uint8_t> dump_tables() const;
    size_t memory_bytes() const;

    bool built() const { return built_; }
    uint32_t num_items() const { return num_items_; }
    uint32_t members() const { return members_; }
    uint32_t rams() const { return rams_; }
    uint32_t tuple() const { return tuple_; }
    const RamShape& shape() const { return shape_; }
    // Input bit indices read by `member`: RAM r reads mapping[r*tuple .. r*tuple+tuple), bit j = address bit j.
    std::span<const uint32_t> mapping(uint32_t member) const;
    // members*rams addresses of `item`, member-major.
    std::span<const uint32_t> addresses(uint32_t item) const;
    size_t num_users() const { return users_.size(); }  // highest user index seen + 1
    const WnnUser* user(uint32_t u) const { return u < users_.size() ? &users_[u] : nullptr; }
    double global_mean() const;  // stars
    // offset=item: mu + b_i in 1/kResidualUnit stars (empty span otherwise).
    std::span<const int32_t> item_base() const { return item_base_; }
    uint64_t global_sum_half() const { return global_sum_half_; }
    uint64_t global_count() const { return global_count_; }

private:
    struct Decision {
        uint32_t top_mask = 0;  // classes at the top response; one bit when decided, 0 when every response was 0
        double confidence = 0;
    };
    void check(uint32_t item, uint8_t half_stars) const;
    uint32_t bin_of(uint8_t half_stars) const;
    double user_mean_half(const WnnUser* u) const;
    // What empty cells fall back to and written cells are shrunk toward, in cell units: the user's mean in half
    // stars, or (offset=item) the user's mean residual in 1/kResidualUnit stars shrunk toward 0 by user_prior.
    double user_center(const WnnUser* u) const;
    // A regression cell's sum in cell units: half stars, or (offset=item) the int64 residual sum in words 1 and 2.
    double cell_sum(const uint32_t* c) const {
        return cfg_.offset == WnnOffset::Item ? static_cast<double>(static_cast<int64_t>(c[1] | (static_cast<uint64_t>(c[2]) << 32)))
                                              : static_cast<double>(c[1]);
    }
    int64_t residual(uint32_t item, uint8_t half_stars) const {
        return int64_t{half_stars} * (kResidualUnit / 2) - item_base_[item];
    }
    uint32_t user_floor_stars(const WnnUser* u) const;
    void learn_into(const RamShape& shape, uint32_t user, uint32_t item, uint8_t half_stars);
    Decision bleach(const uint32_t* vals, uint32_t classes) const;
    // The user's cell at `slot`, or nullptr; `written` (a bitmap of the user's non-zero cells, or nullptr) rules
    // out unwritten cells without a probe. Skipping a zero cell changes no prediction.
    const uint32_t* cell(const WnnUser* u, uint64_t slot, const uint64_t* written) const {
        if (!u || (written && !((written[slot >> 6] >> (slot & 63)) & 1u))) return nullptr;
        return u->cells.find(shape_, slot);
    }
    double predict_with(const WnnUser* u, uint32_t item, const uint64_t* written) const;
    double member_regression(const WnnUser* u, uint32_t member, const uint32_t* addr, double* coverage,
                             const uint64_t* written = nullptr) const;
    double member_classifier(const WnnUser* u, uint32_t member, const uint32_t* addr, double* conf,
                             const uint64_t* written = nullptr) const;
    uint32_t member_thermometer(const WnnUser* u, uint32_t member, const uint32_t* addr, double* conf,
                                const uint64_t* written = nullptr) const;
    void prefetch(const WnnUser* u, const uint32_t* addr) const {
        if (u)
            for (uint32_t m = 0; m < members_; ++m)
                for (uint32_t r = 0; r < rams_; ++r) u->cells.prefetch(shape_, slot(m, r, addr[m * rams_ + r]));
    }
    uint64_t slot(uint32_t member, uint32_t ram, uint32_t address) const {
        return ((static_cast<uint64_t>(member) * rams_ + ram) << tuple_) | address;
    }

    bool built_ = false;
    WnnConfig cfg_;
    uint32_t num_items_ = 0, members_ = 0, rams_ = 0, tuple_ = 0;
    RamShape shape_;
    std::vector<uint32_t> mapping_;    // members * rams * tuple
    std::vector<uint32_t> addresses_;  // items * members * rams
    std::vector<int32_t> item_base_;   // offset=item only
    uint64_t global_sum_half_ = 0, global_count_ = 0;
    std::vector<WnnUser> users_;
};

}  // namespace wl
