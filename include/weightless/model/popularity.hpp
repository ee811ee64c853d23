// The trivial top-N baseline: rank items by how many training ratings they have (most popular first).
// Its predict() stays an honest rating (the global mean); only rank_score() carries popularity.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/model.hpp"

namespace wl {

class PopularityModel : public Model {
public:
    std::string name() const override { return "popularity"; }
    std::string kind() const override { return "popularity"; }
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    // The global mean rating (the same for every user and item): popularity is not a rating.
    double predict(uint32_t user, uint32_t item) const override;
    // The item's number of training ratings (0 for an item never rated), whatever the user.
    double rank_score(uint32_t user, uint32_t item) const override;
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    uint32_t count(uint32_t item) const { return item < counts_.size() ? counts_[item] : 0; }

private:
    std::vector<uint32_t> counts_;  // training ratings per item
    uint64_t sum_ = 0;              // half stars over all ratings
    uint64_t total_ = 0;            // ratings
};

}  // namespace wl
