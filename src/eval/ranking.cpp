// Top-N scoring: one pass over each test user's unrated items keeps the best k in a small sorted buffer,
// then the list is scored against the user's test items. Deterministic: a total order, users in index order.
#include "weightless/eval/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "weightless/eval/recommend.hpp"
#include "weightless/model/model.hpp"

namespace wl {

namespace {

struct Entry {
    double score;
    uint32_t popularity;
    uint32_t item;
};

// Score descending (NaN lowest), then popularity descending, then item ascending.
bool ranks_before(const Entry& a, const Entry& b) {
    const bool na = std::isnan(a.score), nb = std::isnan(b.score);
    if (na != nb) return nb;
    if (!na && a.score != b.score) return a.score > b.score;
    if (a.popularity != b.popularity) return a.popularity > b.popularity;
    return a.item < b.item;
}

void check_k(uint32_t k) {
    if (k == 0) throw std::invalid_argument("ranking: k must be at least 1");
}

}  // namespace

UserRankMetrics user_rank_metrics(std::span<const uint32_t> ranked, std::span<const uint32_t> relevant, uint32_t k) {
    check_k(k);
    if (relevant.empty()) throw std::invalid_argument("ranking: a user without relevant items cannot be scored");
    UserRankMetrics m;
    double dcg = 0, precision_sum = 0;
    const size_t n = std::min<size_t>(k, ranked.size());
    for (size_t r = 0; r < n; ++r) {
        if (!std::binary_search(relevant.begin(), relevant.end(), ranked[r])) continue;
        ++m.hits;
        dcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
        precision_sum += static_cast<double>(m.hits) / static_cast<double>(r + 1);
    }
    double ideal = 0;
    const size_t n_ideal = std::min<size_t>(k, relevant.size());
    for (size_t r = 0; r < n_ideal; ++r) ideal += 1.0 / std::log2(static_cast<double>(r) + 2.0);
    const double n_rel = static_cast<double>(relevant.size());
    m.precision = m.hits / static_cast<double>(k);
    m.recall = m.hits / n_rel;
    m.ndcg = dcg / ideal;
    m.map = precision_sum / n_rel;
    m.map_norm = precision_sum / static_cast<double>(n_ideal);
    return m;
}

std::vector<size_t> top_k_positions(std::span<const uint32_t> items, std::span<const double> scores,
                                    std::span<const uint32_t> popularity, uint32_t k) {
    check_k(k);
    if (scores.size() != items.size())
        throw std::invalid_argument("ranking: " + std::to_string(scores.size()) + " scores for " +
                                    std::to_string(items.size()) + " items");
    struct Kept {
        Entry e;
        size_t pos;
    };
    const auto before = [](const Kept& a, const Kept& b) { return ranks_before(a.e, b.e); };
    std::vector<Kept> best;  // sorted, at most k
    best.reserve(std::min<size_t>(k, items.size()) + 1);
    for (size_t j = 0; j < items.size(); ++j) {
        const uint32_t it = items[j];
        const Kept e{{scores[j], it < popularity.size() ? popularity[it] : 0u, it}, j};
        if (best.size() == k && !before(e, best.back())) continue;
        best.insert(std::upper_bound(best.begin(), best.end(), e, before), e);
        if (best.size() > k) best.pop_back();
    }
    std::vector<size_t> out;
    out.reserve(best.size());
    for (const auto& e : best) out.push_back(e.pos);
    return out;
}

std::vector<uint32_t> top_k(std::span<const uint32_t> items, std::span<const double> scores,
                            std::span<const uint32_t> popularity, uint32_t k) {
    std::vector<uint32_t> out;
    for (size_t pos : top_k_positions(items, scores, popularity, k)) out.push_back(items[pos]);
    return out;
}

std::vector<uint32_t> rating_counts(std::span<const Rating> ratings, uint32_t n_items) {
    for (const auto& r : ratings) n_items = std::max(n_items, r.item + 1);
    std::vector<uint32_t> counts(n_items, 0);
    for (const auto& r : ratings) ++counts[r.item];
    return counts;
}

RankingMetrics rank_lists(const Model& m, uint32_t n_items, uint32_t k, const ListSpec& spec) {
    check_k(k);
    uint32_t n_users = 0;
    for (const auto* part : {&spec.seen, &spec.relevant})
        for (const auto& r : *part) {
            n_users = std::max(n_users, r.user + 1);
            n_items = std::max(n_items, r.item + 1);
        }
    std::vector<std::vector<uint32_t>> seen_items(n_users), test_items(n_users), liked_items(n_users);
    for (const auto& r : spec.seen) seen_items[r.user].push_back(r.item);
    for (const auto& r : spec.relevant) {
        test_items[r.user].push_back(r.item);
        if (r.half_stars >= kLikedHalfStars) liked_items[r.user].push_back(r.item);
    }
    const auto allowed = [&](uint32_t i) { return spec.allowed.empty() || (i < spec.allowed.size() && spec.allowed[i]); };

    RankingMetrics out;
    out.k = k;
    double p = 0, rc = 0, nd = 0, ap = 0, apn = 0, hit = 0, flagged = 0;
    double lp = 0, lrc = 0, lnd = 0, lap = 0, lhit = 0;
    std::vector<uint32_t> seen_by(n_items, UINT32_MAX);  // the last user whose seen items were marked
    std::vector<uint32_t> candidates;
    for (uint32_t u = 0; u < n_users; ++u) {
        auto& rel = test_items[u];
        if (rel.empty()) continue;
        const auto sorted_unique = [](std::vector<uint32_t>& v) {
            std::sort(v.begin(), v.end());
            v.erase(std::unique(v.begin(), v.end()), v.end());
        };
        sorted_unique(rel);
        for (uint32_t i : seen_items[u]) seen_by[i] = u;
        candidates.clear();
        for (uint32_t i = 0; i < n_items; ++i)
            if (seen_by[i] != u && allowed(i)) candidates.push_back(i);
        const auto list = recommend_items(m, u, candidates, spec.popularity, k);
        const UserRankMetrics um = user_rank_metrics(list, rel, k);
        p += um.precision;
        rc += um.recall;
        nd += um.ndcg;
        ap += um.map;
        apn += um.map_norm;
        hit += um.hits > 0;
        size_t marked = 0;
        for (uint32_t i : list) marked += i < spec.flagged.size() && spec.flagged[i];
        flagged += static_cast<double>(marked) / static_cast<double>(k);
        ++out.users;
        out.candidates += candidates.size();
        auto& liked = liked_items[u];
        if (liked.empty()) continue;
        sorted_unique(liked);
        const UserRankMetrics ul = user_rank_metrics(list, liked, k);
        lp += ul.precision;
        lrc += ul.recall;
        lnd += ul.ndcg;
        lap += ul.map;
        lhit += ul.hits > 0;
        ++out.liked.users;
    }
    if (out.users > 0) {
        const double n = out.users;
        out.precision = p / n;
        out.recall = rc / n;
        out.ndcg = nd / n;
        out.map = ap / n;
        out.map_norm = apn / n;
        out.hit = hit / n;
        if (!spec.flagged.empty()) out.flagged = flagged / n;
    }
    if (out.liked.users > 0) {
        const double n = out.liked.users;
        out.liked.precision = lp / n;
        out.liked.recall = lrc / n;
        out.liked.ndcg = lnd / n;
        out.liked.map = lap / n;
        out.liked.hit = lhit / n;
    }
    return out;
}

RankingMetrics rank_run(const Model& m, const EvalRun& run, uint32_t n_items, uint32_t k, std::span<const uint8_t> allowed) {
    const auto popularity = rating_counts(run.train, n_items);
    return rank_lists(m, n_items, k, ListSpec{run.train, run.test, allowed, popularity, {}});
}

}  // namespace wl
