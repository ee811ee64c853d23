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
    const auto items = top_k(candidates, scores, popularity, k);
    // top_k returns items; their scores are found again through the candidate positions (candidates are distinct).
    std::vector<std::pair<uint32_t, double>> by_item;
    by_item.reserve(candidates.size());
    for (size_t j = 0; j < candidates.size(); ++j) by_item.emplace_back(candidates[j], scores[j]);
    std::sort(by_item.begin(), by_item.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    out.reserve(items.size());
    for (uint32_t it : items) {
        const auto pos = std::lower_bound(by_item.begin(), by_item.end(), it, [](const auto& e, uint32_t v) { return e.first < v; });
        Recommended r;
        r.item = it;
        r.score = pos->second;
        if (max_reasons > 0) r.reasons = m.explain(user, it, max_reasons);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace wl
