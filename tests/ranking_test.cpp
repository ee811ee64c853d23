// Ranking protocol: metrics on hand-computed lists, the tie-break order, training items never ranked, the
// 75/25 split, the popularity baseline's lists, determinism by seed, and the report fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/eval/ranking.hpp"
#include "weightless/eval/report.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/popularity.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

Rating R(uint32_t u, uint32_t i, uint8_t hs = 8) { return Rating{u, i, hs, 0}; }

// Fixed rank scores per (user, item), 0 elsewhere; records every candidate list it is asked to score.
class TableModel : public Model {
public:
    std::map<std::pair<uint32_t, uint32_t>, double> table;
    mutable std::map<uint32_t, std::vector<uint32_t>> asked;
    std::string name() const override { return "table"; }
    std::string kind() const override { return "table"; }
    void fit(const TrainData&) override {}
    void learn(const Rating&) override {}
    double predict(uint32_t u, uint32_t i) const override {
        const auto it = table.find({u, i});
        return it == table.end() ? 0.0 : it->second;
    }
    void predict_many(uint32_t u, std::span<const uint32_t> items, std::span<double> out) const override {
        asked[u].assign(items.begin(), items.end());
        Model::predict_many(u, items, out);
    }
    void save(ByteWriter&) const override {}
    void load(ByteReader&) override {}
    size_t memory_bytes() const override { return 0; }
};

const double kLog3 = std::log2(3.0);

// The case issue 8 states against Microsoft Recommenders' definitions (natural-log and log2 discounts give the same
// nDCG ratio): |T| = 3, hits at ranks 2 and 4, k = 10.
TEST(Ranking, RecommendersReferenceCase) {
    const std::vector<uint32_t> list = {10, 1, 11, 2, 12, 13, 14, 15, 16, 17}, rel = {1, 2, 3};
    const UserRankMetrics m = user_rank_metrics(list, rel, 10);
    EXPECT_NEAR(m.precision, 0.2, 1e-12);
    EXPECT_NEAR(m.recall, 0.66667, 1e-5);
    EXPECT_NEAR(m.ndcg, 0.49819, 1e-5);
    EXPECT_NEAR(m.map, 0.33333, 1e-5);
}

// "Liked" relevance counts only test items rated >= 4 stars, over the users who have one, on the same lists.
TEST(Ranking, LikedRelevance) {
    TableModel m;
    m.table[{0, 1}] = 3;  // user 0's list: 1, 2, then the rest
    m.table[{0, 2}] = 2;
    m.table[{1, 3}] = 1;
    EvalRun run;
    run.train = {R(0, 0), R(1, 0), R(1, 1)};
    run.test = {R(0, 1, 6), R(0, 2, 8), R(1, 3, 7)};  // user 0 likes item 2 only; user 1 likes nothing
    const RankingMetrics r = rank_run(m, run, 5, 1);
    EXPECT_EQ(r.users, 2u);
    EXPECT_DOUBLE_EQ(r.precision, 1.0);            // both users' first item is a test item
    EXPECT_EQ(r.liked.users, 1u);                  // user 1 has no liked test item
    EXPECT_DOUBLE_EQ(r.liked.precision, 0.0);      // user 0's first item (1) was rated 3 stars
    EXPECT_DOUBLE_EQ(r.liked.recall, 0.0);
    const RankingMetrics r2 = rank_run(m, run, 5, 2);
    EXPECT_DOUBLE_EQ(r2.liked.precision, 0.5);     // item 2 at rank 2
    EXPECT_NEAR(r2.liked.ndcg, 1 / std::log2(3.0), 1e-12);
}

TEST(Ranking, UserMetricsHandComputed) {
    // A: top 3 = 5, 1, 7; relevant {1, 3, 4, 8}: one hit at rank 2.
    const std::vector<uint32_t> a_list = {5, 1, 7, 3}, a_rel = {1, 3, 4, 8};
    const UserRankMetrics a = user_rank_metrics(a_list, a_rel, 3);  // rank 4 is past k: no hit
    EXPECT_EQ(a.hits, 1u);
    EXPECT_DOUBLE_EQ(a.precision, 1.0 / 3);
    EXPECT_DOUBLE_EQ(a.recall, 0.25);
    EXPECT_NEAR(a.ndcg, (1 / kLog3) / (1 + 1 / kLog3 + 0.5), 1e-15);  // ideal: 3 = min(k, 4) hits
    EXPECT_DOUBLE_EQ(a.map, 0.5 / 4);                                 // precision 1/2 at the hit, / 4 relevant
    EXPECT_DOUBLE_EQ(a.map_norm, 0.5 / 3);                            // / min(3, 4)
    // B: top 3 = 2, 0, 6; relevant {2, 6}: hits at ranks 1 and 3.
    const std::vector<uint32_t> b_list = {2, 0, 6}, b_rel = {2, 6};
    const UserRankMetrics b = user_rank_metrics(b_list, b_rel, 3);
    EXPECT_EQ(b.hits, 2u);
    EXPECT_DOUBLE_EQ(b.precision, 2.0 / 3);
    EXPECT_DOUBLE_EQ(b.recall, 1.0);
    EXPECT_NEAR(b.ndcg, 1.5 / (1 + 1 / kLog3), 1e-15);
    EXPECT_NEAR(b.map, (1 + 2.0 / 3) / 2, 1e-15);
    EXPECT_NEAR(b.map_norm, (1 + 2.0 / 3) / 2, 1e-15);
    // A list shorter than k still divides precision by k.
    const std::vector<uint32_t> c_list = {9}, c_rel = {9};
    const UserRankMetrics c = user_rank_metrics(c_list, c_rel, 3);
    EXPECT_DOUBLE_EQ(c.precision, 1.0 / 3);
    EXPECT_DOUBLE_EQ(c.ndcg, 1.0);
    EXPECT_DOUBLE_EQ(c.map, 1.0);
    EXPECT_THROW(user_rank_metrics(c_list, c_rel, 0), std::invalid_argument);
    EXPECT_THROW(user_rank_metrics(c_list, {}, 3), std::invalid_argument);
}

// Users A (0) and B (1) of the test above, produced by a model through rank_run; user 2 has no test item.
TEST(Ranking, RankRunMeansAndNeverRanksTrainingItems) {
    EvalRun run;
    run.train = {R(0, 0), R(0, 2), R(1, 5), R(2, 1), R(2, 3)};
    run.test = {R(0, 1), R(0, 3), R(0, 4), R(0, 8), R(1, 2), R(1, 6)};
    TableModel m;
    m.table = {{{0, 5}, 0.9}, {{0, 1}, 0.8}, {{0, 7}, 0.7}, {{0, 3}, 0.6},
               {{1, 2}, 0.9}, {{1, 0}, 0.8}, {{1, 6}, 0.7},
               {{0, 0}, 10.0}, {{0, 2}, 10.0}, {{1, 5}, 10.0}};  // training items: would top the lists if ranked
    const RankingMetrics r = rank_run(m, run, 10, 3);
    EXPECT_EQ(r.users, 2u);
    EXPECT_EQ(r.k, 3u);
    EXPECT_EQ(r.candidates, 8u + 9u);
    EXPECT_DOUBLE_EQ(r.precision, 0.5);
    EXPECT_DOUBLE_EQ(r.recall, 0.625);
    EXPECT_NEAR(r.ndcg, ((1 / kLog3) / (1 + 1 / kLog3 + 0.5) + 1.5 / (1 + 1 / kLog3)) / 2, 1e-15);
    EXPECT_NEAR(r.map, (0.125 + 5.0 / 6) / 2, 1e-15);
    EXPECT_NEAR(r.map_norm, (1.0 / 6 + 5.0 / 6) / 2, 1e-15);
    // Candidates: every item of the catalogue but the user's training items, test items included.
    ASSERT_EQ(m.asked.size(), 2u);
    EXPECT_EQ(m.asked[0], (std::vector<uint32_t>{1, 3, 4, 5, 6, 7, 8, 9}));
    EXPECT_EQ(m.asked[1], (std::vector<uint32_t>{0, 1, 2, 3, 4, 6, 7, 8, 9}));
    // The catalogue widens to cover the run's items.
    run.test.push_back(R(1, 12));
    EXPECT_EQ(rank_run(m, run, 10, 3).candidates, 11u + 12u);  // 13 items now
}

TEST(Ranking, TiesGoToThePopularThenToTheLowerIndex) {
    const std::vector<uint32_t> items = {0, 1, 2, 3, 4, 5, 6};
    const std::vector<uint32_t> popularity = {1, 5, 5, 0, 3};  // items 5 and 6: past the end, so 0
    const double nan = std::nan("");
    const std::vector<double> scores = {1, 1, 1, 2, 1, nan, -HUGE_VAL};
    EXPECT_EQ(top_k(items, scores, popularity, 10), (std::vector<uint32_t>{3, 1, 2, 4, 0, 6, 5}));
    EXPECT_EQ(top_k(items, scores, popularity, 3), (std::vector<uint32_t>{3, 1, 2}));
    // The order of the candidates does not matter.
    const std::vector<uint32_t> rev = {6, 5, 4, 3, 2, 1, 0};
    const std::vector<double> rev_scores(scores.rbegin(), scores.rend());
    EXPECT_EQ(top_k(rev, rev_scores, popularity, 4), (std::vector<uint32_t>{3, 1, 2, 4}));
    // NaNs among themselves: popularity, then index.
    const std::vector<double> all_nan(7, nan);
    EXPECT_EQ(top_k(items, all_nan, popularity, 3), (std::vector<uint32_t>{1, 2, 4}));
    EXPECT_THROW(top_k(items, std::vector<double>(3, 0.0), popularity, 3), std::invalid_argument);
    EXPECT_THROW(top_k(items, scores, popularity, 0), std::invalid_argument);
}

// 30 users, 60 items: user u rates 1 + (7u mod 40) distinct items.
Dataset synthetic() {
    Dataset ds;
    ds.name = "synthetic";
    ds.items.resize(60);
    for (uint32_t i = 0; i < 60; ++i) ds.items[i].id = 10 + i;
    Rng rng(3);
    for (uint32_t u = 0; u < 30; ++u) {
        ds.user_ids.push_back(500 + u);
        const uint32_t n = 1 + (7 * u) % 40;
        for (uint32_t k = 0; k < n; ++k)
            ds.ratings.push_back(R(u, (5 * u + 11 * k) % 60, static_cast<uint8_t>(1 + rng.below(10))));
    }
    ds.index();
    return ds;
}

TEST(Ranking, SplitIs75To25PerUserAndDisjoint) {
    EXPECT_EQ(ranking_test_count(4), 1u);
    EXPECT_EQ(ranking_test_count(5), 1u);   // round(3.75) = 4 train
    EXPECT_EQ(ranking_test_count(6), 2u);   // round(4.5) = 4 (ties to even)
    EXPECT_EQ(ranking_test_count(7), 2u);   // round(5.25) = 5
    EXPECT_EQ(ranking_test_count(10), 2u);  // round(7.5) = 8 (ties to even)
    EXPECT_EQ(ranking_test_count(20), 5u);
    EXPECT_EQ(ranking_test_count(100), 25u);

    const Dataset ds = synthetic();
    const EvalRun run = make_ranking_run(ds, 11);
    std::map<uint32_t, uint32_t> have, in_test;
    for (const auto& r : ds.ratings) ++have[r.user];
    for (const auto& r : run.test) ++in_test[r.user];
    std::set<std::pair<uint32_t, uint32_t>> tr, te;
    for (const auto& r : run.train) EXPECT_TRUE(tr.insert({r.user, r.item}).second);
    for (const auto& r : run.test) EXPECT_TRUE(te.insert({r.user, r.item}).second);
    for (const auto& k : te) EXPECT_FALSE(tr.count(k)) << "in train and test";
    EXPECT_EQ(run.train.size() + run.test.size(), ds.ratings.size());
    uint32_t users = 0;
    for (auto [u, n] : have) {
        const uint32_t t = in_test.count(u) ? in_test.at(u) : 0;
        EXPECT_EQ(t, n >= 4 ? ranking_test_count(n) : 0u) << "user " << u << " with " << n;
        users += n >= 4;
    }
    EXPECT_EQ(run.users, users);
    EXPECT_LT(users, have.size());  // some users have fewer than 4 ratings

    // Deterministic by seed; another seed draws other test items; not the 80/20 split's draw.
    const auto same = [](const std::vector<Rating>& a, const std::vector<Rating>& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const Rating& x, const Rating& y) {
                   return x.user == y.user && x.item == y.item;
               });
    };
    EXPECT_TRUE(same(make_ranking_run(ds, 11).test, run.test));
    EXPECT_FALSE(same(make_ranking_run(ds, 12).test, run.test));
}

TEST(Ranking, PopularityRanksMostRatedFirst) {
    // Items 0..5 with 5, 4, 3, 2, 1, 0 training ratings from users 10..14; user 0 rated item 1 in training.
    EvalRun run;
    for (uint32_t i = 0; i < 5; ++i)
        for (uint32_t u = 10; u < 15 - i; ++u) run.train.push_back(R(u, i));
    run.train.push_back(R(0, 1));
    run.test = {R(0, 2), R(0, 5)};
    PopularityModel m;
    m.fit(TrainData{without_ratings(Dataset{}), run.train});
    // Popularity now: item 0: 5, item 1: 5, item 2: 3 ... User 0's list: 0, 2, 3 (1 is a training item).
    const RankingMetrics r = rank_run(m, run, 6, 3);
    EXPECT_EQ(r.users, 1u);
    EXPECT_DOUBLE_EQ(r.precision, 1.0 / 3);  // item 2 at rank 2
    EXPECT_DOUBLE_EQ(r.recall, 0.5);
    EXPECT_DOUBLE_EQ(r.map, 0.5 / 2);
    const std::vector<uint32_t> cand = {0, 2, 3, 4, 5};
    std::vector<double> s(cand.size());
    m.rank_scores(0, cand, s);
    std::vector<uint32_t> pop(6, 0);
    for (const auto& x : run.train) ++pop[x.item];
    EXPECT_EQ(top_k(cand, s, pop, 5), (std::vector<uint32_t>{0, 2, 3, 4, 5}));
}

TEST(Ranking, EvaluationIsDeterministicAndReportsRankingFields) {
    const Dataset ds = synthetic();
    const std::vector<std::string> specs = {"popularity", "global-mean", "bias"};
    const auto entries = model_entries(specs);
    ProtocolParams pp;
    pp.seeds = 2;
    pp.seed = 7;
    pp.k = 5;
    const EvalReport a = run_evaluation(ds, "synthetic", Protocol::Ranking, pp, entries);
    const EvalReport b = run_evaluation(ds, "synthetic", Protocol::Ranking, pp, entries);
    ASSERT_EQ(a.models.size(), 3u);
    for (size_t i = 0; i < 3; ++i)
        for (size_t k = 0; k < 2; ++k) {
            const auto& x = a.models[i].runs[k].ranking;
            const auto& y = b.models[i].runs[k].ranking;
            EXPECT_EQ(x.precision, y.precision);
            EXPECT_EQ(x.ndcg, y.ndcg);
            EXPECT_EQ(x.map, y.map);
            EXPECT_EQ(x.k, 5u);
            EXPECT_GT(x.users, 0u);
        }
    // A constant rating ranks by the tie-break alone, i.e. by popularity.
    EXPECT_EQ(a.models[1].runs[0].ranking.precision, a.models[0].runs[0].ranking.precision);
    EXPECT_EQ(a.models[1].runs[0].ranking.ndcg, a.models[0].runs[0].ranking.ndcg);
    EXPECT_NE(a.models[0].runs[0].ranking.map, a.models[0].runs[1].ranking.map);  // seeds differ
    EXPECT_EQ(a.users, make_ranking_run(ds, 7).users);

    const std::string json = report_json(a);
    EXPECT_NE(json.find("\"protocol\":\"ranking\""), std::string::npos);
    EXPECT_NE(json.find("\"validation\":false,\"k\":5}"), std::string::npos);
    EXPECT_NE(json.find("\"name\":\"popularity\",\"model\":\"popularity\",\"config\":\"\",\"k\":5,\"precision\":"),
              std::string::npos)
        << json.substr(0, 600);
    for (const char* f : {"\"recall\":", "\"ndcg_std\":", "\"map\":", "\"map_norm\":", "\"predict_s\":"})
        EXPECT_NE(json.find(f), std::string::npos) << f;
    EXPECT_EQ(json.find("\"rmse\""), std::string::npos);
    const std::string table = report_table(a);
    EXPECT_NE(table.find("P@5"), std::string::npos) << table;
    EXPECT_NE(table.find("nDCG@5"), std::string::npos);
    EXPECT_EQ(table.find("RMSE"), std::string::npos);

    pp.validation = true;  // ranking on a split of the training part only: what tuning may look at
    const EvalReport v = run_evaluation(ds, "synthetic", Protocol::Ranking, pp, entries);
    ASSERT_EQ(v.run_labels.size(), 2u);
    EXPECT_NE(v.run_labels[0].find("(validation)"), std::string::npos) << v.run_labels[0];
    EXPECT_GT(v.models[0].runs[0].ranking.users, 0u);
    pp.validation = false;
    pp.k = 0;
    EXPECT_THROW(run_evaluation(ds, "synthetic", Protocol::Ranking, pp, entries), std::invalid_argument);
}

// The embedded ml-latest-small: popularity is a real baseline; the per-user mean ranks exactly like it.
TEST(RankingRealData, PopularityOnEmbedded) {
    const Dataset ds = load_dataset("embedded");
    const EvalRun run = make_ranking_run(ds, 1);
    const Dataset catalogue = without_ratings(ds);
    PopularityModel pop;
    const RunResult p = evaluate_ranking_run(pop, catalogue, run, 10);
    EXPECT_EQ(p.ranking.users, 610u);
    EXPECT_GT(p.ranking.precision, 0.05);
    EXPECT_LT(p.ranking.precision, 0.5);
    EXPECT_GT(p.ranking.ndcg, p.ranking.precision * 0.5);
    auto um = make_model("user-mean");
    const RunResult u = evaluate_ranking_run(*um, catalogue, run, 10);
    EXPECT_EQ(u.ranking.precision, p.ranking.precision);
    EXPECT_EQ(u.ranking.map, p.ranking.map);
}

}  // namespace
}  // namespace wl
