// Top-N ranking metrics (precision, recall, nDCG, MAP at k) and the scoring of a fitted model by ranking,
// for each test user, every catalogue item the user has not rated in training (Microsoft Recommenders' setup).
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "weightless/eval/protocol.hpp"

namespace wl {

class Model;

// One user's scores for a top list. Relevant = every test item of the user, whatever its rating (as the
// Microsoft Recommenders benchmark does).
struct UserRankMetrics {
    uint32_t hits = 0;
    double precision = 0;  // hits / k (k, even when fewer than k items could be ranked)
    double recall = 0;     // hits / |relevant|
    double ndcg = 0;       // binary gains, discount 1/log2(rank + 1); ideal DCG = min(k, |relevant|) hits on top
    // Sum over the hits of precision at the hit's rank (hits so far / rank), divided by |relevant|: Microsoft
    // Recommenders' `map` (the MAP@k of its benchmark tables; older releases called it map_at_k). The reported one.
    double map = 0;
    // The same sum divided by min(k, |relevant|): textbook AP@k (the current Recommenders map_at_k), so that a
    // perfect list scores 1 even when the user has more than k relevant items.
    double map_norm = 0;
};

// `ranked`: the list, best first (only its first k count); `relevant`: sorted, without duplicates, not empty.
// k >= 1, else std::invalid_argument.
UserRankMetrics user_rank_metrics(std::span<const uint32_t> ranked, std::span<const uint32_t> relevant, uint32_t k);

// The first min(k, items.size()) of `items` ordered by score descending, ties by popularity[item] descending
// (training ratings; items past its end count 0), then by item index ascending, so the order is total and
// deterministic. A NaN score ranks below every number. scores.size() must equal items.size().
std::vector<uint32_t> top_k(std::span<const uint32_t> items, std::span<const double> scores,
                            std::span<const uint32_t> popularity, uint32_t k);
// The same order, as positions into `items` (so a caller finds each pick's score without a search).
std::vector<size_t> top_k_positions(std::span<const uint32_t> items, std::span<const double> scores,
                                    std::span<const uint32_t> popularity, uint32_t k);

// Means over the ranked users (NaN when none).
struct RankingMetrics {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    uint32_t k = 0;
    uint32_t users = 0;       // users with test ratings, each ranked once
    uint64_t candidates = 0;  // items scored, summed over users
    double precision = kNone, recall = kNone, ndcg = kNone, map = kNone, map_norm = kNone;
    double hit = kNone;       // share of users whose top k holds at least one relevant item
    double flagged = kNone;   // mean share of a user's top k that ListSpec::flagged marks (cold films in a mixed list)
    // "Liked" relevance: only test items rated >= 4 stars count, over the users who have any (the same lists).
    // It rewards a list the person will watch *and* like, where the standard kind rewards what they will watch.
    struct Liked {
        uint32_t users = 0;
        double precision = kNone, recall = kNone, ndcg = kNone, map = kNone, hit = kNone;
    } liked;
};
// Half stars from which a test rating counts as liked (4 stars).
inline constexpr uint8_t kLikedHalfStars = 8;

// Scores a model already fitted on run.train: for each user with ratings in run.test, every item index in
// [0, n_items) (widened to cover the run's items) that the user has no training rating for is scored with
// Model::rank_scores, ordered by top_k (popularity = training ratings per item), and the top k scored against
// the user's test items. `allowed` (empty: every item) narrows the candidates, as ListSpec::allowed does.
RankingMetrics rank_run(const Model& m, const EvalRun& run, uint32_t n_items, uint32_t k,
                        std::span<const uint8_t> allowed = {});

// Training ratings per item index, over at least n_items items: the tie-break of every evaluated list.
std::vector<uint32_t> rating_counts(std::span<const Rating> ratings, uint32_t n_items);

// One kind of list (rank_run is the plain one; the cold protocol scores several from one model): for each user with
// a rating in `relevant`, the candidates are the items of [0, n_items) that `allowed` admits (empty: every item;
// items past its end: none) and the user has no rating for in `seen`; the top k, in top_k's order with `popularity`
// breaking ties, are scored against the user's items in `relevant` (liked: those rated >= 4 stars).
struct ListSpec {
    std::span<const Rating> seen;
    std::span<const Rating> relevant;
    std::span<const uint8_t> allowed;
    std::span<const uint32_t> popularity;
    std::span<const uint8_t> flagged;  // per item: 1 counts toward RankingMetrics::flagged (empty: not measured)
};
RankingMetrics rank_lists(const Model& m, uint32_t n_items, uint32_t k, const ListSpec& spec);

}  // namespace wl
