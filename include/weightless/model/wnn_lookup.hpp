// The reference WNN's answer rule (wnn-lookup): per user, a memory of the training patterns (the paper's 26 input
// bits) and their 10-bit thermometer targets, answered by nearest-pattern lookup: an exact match, else the stored
// pattern the network discriminates best (most n-tuple RAMs addressing the same cell), else the nearest by Hamming
// distance, else a seeded random answer. See docs/DESIGN.md ("wnn-lookup").
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "weightless/encode/encoder.hpp"
#include "weightless/model/model.hpp"

namespace wl {

struct WnnLookupConfig {
    int32_t tuple_size = 4;  // input bits per RAM of the discrimination stage (as the wnn-paper preset)
    int32_t seed = 1;        // input mapping and random answers
    template <class V>
    void visit(V& v) {
        v.field("tuple_size", tuple_size, 1, 26, "input bits addressing each RAM of the discrimination stage");
        v.field("seed", seed, 0, 2147483647, "seed of the input mapping and of the random answers");
    }
};

class WnnLookupModel : public Model {
public:
    static constexpr uint32_t kBits = 26;
    static constexpr uint32_t kClasses = 6;  // thermometer counts 0, 2, ..., 10 (floor(stars) * 2)

    explicit WnnLookupModel(WnnLookupConfig cfg = {});
    std::string name() const override { return "wnn-lookup"; }
    std::string kind() const override { return "wnn-lookup"; }
    std::string config_text() const override;

    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;  // exact; std::invalid_argument for a rating never learned
    // floor-star answer: thermometer count / 2 stars, at least 0.5.
    double predict(uint32_t user, uint32_t item) const override;
    int predict_thermometer(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // Which rule answered, for tests and explanations.
    enum class Rule { Exact, Discrimination, Hamming, Random };
    struct Answer {
        int count = 0;  // thermometer ones, 0..10 (even)
        Rule rule = Rule::Random;
        uint32_t pattern = 0;  // the stored pattern used (not meaningful for Random)
    };
    Answer answer(uint32_t user, uint32_t pattern) const;
    uint32_t pattern(uint32_t item) const;  // the item's 26 input bits (bit k = encoder bit k)
    const std::vector<uint32_t>& tuple_masks() const { return masks_; }

private:
    using Counts = std::array<uint32_t, kClasses>;  // training ratings per target class for one pattern
    using Memory = std::unordered_map<uint32_t, Counts>;
    static int stored_answer(const Counts& c);
    uint32_t checked_pattern(uint32_t item, const char* what) const;
    void build_masks();

    WnnLookupConfig cfg_;
    Encoder enc_;
    bool fitted_ = false;
    std::vector<uint32_t> masks_;  // one bit mask per RAM (tuple) over the 26 inputs
    std::vector<Memory> users_;
};

}  // namespace wl
