// The one top-N path: every list anyone sees (the evaluator's ranking protocol, the app's recommendations, the JS
// API's recommend) is made here, from a model's rank_scores over a candidate set, in top_k's total order (score,
// then community popularity, then item index), with the model's own reasons attached on request.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "weightless/model/model.hpp"

namespace wl {

struct Recommended {
    uint32_t item = 0;
    double score = 0;              // the model's rank score (for rating models: the predicted stars)
    std::vector<Reason> reasons;   // filled by recommend() when max_reasons > 0
};

// The best min(k, candidates.size()) candidates for `user`, best first. `popularity[item]` breaks ties (training
// ratings; items past its end count 0).
std::vector<Recommended> recommend(const Model& m, uint32_t user, std::span<const uint32_t> candidates,
                                   std::span<const uint32_t> popularity, uint32_t k, size_t max_reasons = 0);
// The items of recommend(), without scores or reasons (the evaluator's form).
std::vector<uint32_t> recommend_items(const Model& m, uint32_t user, std::span<const uint32_t> candidates,
                                      std::span<const uint32_t> popularity, uint32_t k);

}  // namespace wl
