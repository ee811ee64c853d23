// The one top-N path (see recommend.hpp).
#include "weightless/eval/recommend.hpp"

#include <algorithm>

#include "weightless/eval/ranking.hpp"

namespace wl {

namespace {

std::vector<double> scores_of(const Model& m, uint32_t user, std::span<const uint32_t> candidates) {
    std::vector<double> scores(candidates.size(), 0.0);
    m.rank_scores(user, candidates, scores);
    return scores;
}

}  // namespace

std::vector<uint32_t> recommend_items(const Model& m, uint32_t user, std::span<const uint32_t> candidates,
                                      std::span<const uint32_t> popularity, uint32_t k) {
    const auto scores = scores_of(m, user, candidates);
    return top_k(candidates, scores, popularity, k);
}

std::vector<Recommended> recommend(const Model& m, uint32_t user, std::span<const uint32_t> candidates,
                                   std::span<const uint32_t> popularity, uint32_t k, size_t max_reasons) {
    std::vector<Recommended> out;
    if (candidates.empty() || k == 0) return out;
    const auto scores = scores_of(m, user, candidates);
    const auto picks = top_k_positions(candidates, scores, popularity, k);
    out.reserve(picks.size());
    for (size_t pos : picks) {
        Recommended r;
        r.item = candidates[pos];
        r.score = scores[pos];
        if (max_reasons > 0) r.reasons = m.explain(user, r.item, max_reasons);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace wl
