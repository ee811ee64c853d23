// The cold-item protocol (films without community ratings): cold films lose every training rating, the test users
// are those who rated one, the price-of-cold fit ranks the same candidates for the same users, the mixed and
// warm-only lists; and the trivial baselines it compares against (random, newest, genre-fav).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "test_util.hpp"
#include "weightless/eval/job.hpp"
#include "weightless/eval/report.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/trivial_rankers.hpp"

namespace wl {
namespace {

constexpr uint32_t kItems = 80, kUsers = 30;

const Dataset& data() {
    static const Dataset ds = test::random_catalogue(kItems, kUsers, 1500, 21);
    return ds;
}

std::set<uint32_t> users_of(std::span<const Rating> v) {
    std::set<uint32_t> s;
    for (const auto& r : v) s.insert(r.user);
    return s;
}

TEST(ColdProtocol, ColdFilmsLoseEveryTrainingRatingAndTheirTestRatingsAreTheTest) {
    const EvalRun base = make_ranking_run(data(), 3);
    const ColdRun run = make_cold_run(base, kItems, 3, 20);
    std::set<uint32_t> rated;
    for (const auto* part : {&base.train, &base.test})
        for (const auto& r : *part) rated.insert(r.item);
    EXPECT_EQ(run.cold_films, (rated.size() * 20 + 50) / 100);
    ASSERT_EQ(run.is_cold.size(), kItems);
    uint32_t cold = 0;
    for (uint32_t i = 0; i < kItems; ++i) {
        cold += run.is_cold[i];
        if (run.is_cold[i]) {
            EXPECT_TRUE(rated.count(i)) << "only films with a rating are made cold";
        }
    }
    EXPECT_EQ(cold, run.cold_films);

    // The warm run is the ranking run unchanged; the cold part withholds exactly the cold films' ratings.
    EXPECT_EQ(run.warm.train.size(), base.train.size());
    EXPECT_EQ(run.warm.test.size(), base.test.size());
    size_t kept = 0, cold_tests = 0;
    for (const auto& r : base.train) kept += !run.is_cold[r.item];
    for (const auto& r : base.test) cold_tests += run.is_cold[r.item];
    EXPECT_EQ(run.cold_train.size(), kept);
    EXPECT_LT(kept, base.train.size());
    for (const auto& r : run.cold_train) EXPECT_FALSE(run.is_cold[r.item]);
    ASSERT_EQ(run.cold_test.size(), cold_tests);
    ASSERT_GT(cold_tests, 0u);
    for (const auto& r : run.cold_test) EXPECT_TRUE(run.is_cold[r.item]);

    // tie_order is a permutation; the run is a function of the seed.
    std::vector<uint32_t> order = run.tie_order;
    std::sort(order.begin(), order.end());
    for (uint32_t i = 0; i < kItems; ++i) ASSERT_EQ(order[i], i);
    const ColdRun again = make_cold_run(base, kItems, 3, 20), other = make_cold_run(base, kItems, 4, 20);
    EXPECT_EQ(again.is_cold, run.is_cold);
    EXPECT_EQ(again.tie_order, run.tie_order);
    EXPECT_NE(other.is_cold, run.is_cold);
    EXPECT_THROW(make_cold_run(base, kItems, 3, 0), std::invalid_argument);
    EXPECT_THROW(make_cold_run(base, kItems, 3, 91), std::invalid_argument);
}

// Scores every film by a fixed table (cold films highest when asked) and logs what it was fitted on and asked.
struct Log {
    std::vector<std::vector<Rating>> fits;  // per model made: its training ratings
    // per model made: per list pass, user -> the candidates scored
    std::vector<std::vector<std::map<uint32_t, std::vector<uint32_t>>>> asked;
};

class LoggingModel : public Model {
public:
    LoggingModel(Log& log, const std::vector<uint8_t>* favour) : log_(log), favour_(favour), id_(log.fits.size()) {
        log_.fits.emplace_back();
        log_.asked.emplace_back();
    }
    std::string name() const override { return "logging"; }
    std::string kind() const override { return "logging"; }
    void fit(const TrainData& d) override { log_.fits[id_].assign(d.ratings.begin(), d.ratings.end()); }
    void learn(const Rating&) override {}
    double predict(uint32_t, uint32_t) const override { return 3.0; }
    void rank_scores(uint32_t u, std::span<const uint32_t> items, std::span<double> out) const override {
        auto& passes = log_.asked[id_];
        if (passes.empty() || passes.back().count(u)) passes.emplace_back();  // a user seen again: the next list kind
        passes.back()[u].assign(items.begin(), items.end());
        for (size_t k = 0; k < items.size(); ++k)
            out[k] = favour_ && items[k] < favour_->size() && (*favour_)[items[k]] ? 1.0 : 0.0;
    }
    void save(ByteWriter&) const override {}
    void load(ByteReader&) override {}
    size_t memory_bytes() const override { return 1; }

private:
    Log& log_;
    const std::vector<uint8_t>* favour_;
    size_t id_;
};

TEST(ColdProtocol, ThePriceOfColdRanksTheSameUsersAndFilmsWithTheirRatingsBack) {
    const ColdRun run = make_cold_run(make_ranking_run(data(), 5), kItems, 5, 25);
    Log log;
    const RunResult res = evaluate_cold([&] { return std::make_unique<LoggingModel>(log, &run.is_cold); },
                                        without_ratings(data()), run, 10);
    ASSERT_EQ(log.fits.size(), 2u) << "one fit without the cold films' ratings, one with them";
    EXPECT_EQ(log.fits[0].size(), run.cold_train.size());
    for (const auto& r : log.fits[0]) ASSERT_FALSE(run.is_cold[r.item]);
    EXPECT_EQ(log.fits[1].size(), run.warm.train.size());

    // Users: those with a test rating of a cold film, in both; the lists of both fits rank the same candidates.
    const auto cold_users = users_of(run.cold_test);
    EXPECT_EQ(res.cold.cold.users, cold_users.size());
    EXPECT_EQ(res.cold.with_ratings.users, cold_users.size());
    EXPECT_EQ(res.users, cold_users.size());
    ASSERT_EQ(log.asked[0].size(), 3u);  // cold-only, mixed, warm-only
    ASSERT_EQ(log.asked[1].size(), 1u);  // cold-only with the ratings kept
    EXPECT_EQ(log.asked[0][0], log.asked[1][0]);
    std::map<uint32_t, std::set<uint32_t>> seen;
    for (const auto& r : run.warm.train) seen[r.user].insert(r.item);
    for (const auto& [u, cands] : log.asked[0][0]) {
        ASSERT_TRUE(cold_users.count(u));
        std::vector<uint32_t> want;
        for (uint32_t i = 0; i < kItems; ++i)
            if (run.is_cold[i] && !seen[u].count(i)) want.push_back(i);
        EXPECT_EQ(cands, want) << "user " << u << ": the cold films they have not rated themselves";
    }

    // Mixed: every film the user has not rated; warm-only: those with training ratings in the cold part. Both
    // are scored on every test rating, over the same users.
    std::set<uint32_t> with_ratings;
    for (const auto& r : run.cold_train) with_ratings.insert(r.item);
    const auto test_users = users_of(run.warm.test);
    EXPECT_EQ(res.cold.mixed.users, test_users.size());
    EXPECT_EQ(res.cold.warm_only.users, test_users.size());
    for (const auto& [u, cands] : log.asked[0][2])
        for (uint32_t i : cands) ASSERT_TRUE(with_ratings.count(i) && !seen[u].count(i));
    for (const auto& [u, cands] : log.asked[0][1]) EXPECT_EQ(cands.size(), kItems - seen[u].size());
    // This model puts cold films first, so the mixed list is (nearly) all films without community ratings.
    EXPECT_GT(res.cold.mixed.flagged, 0.9);
    EXPECT_TRUE(std::isnan(res.cold.warm_only.flagged));
}

TEST(ColdProtocol, RunsAsAnEvalJobAndReports) {
    ProtocolParams pp;
    pp.seeds = 2;
    pp.cold_percent = 20;
    const std::vector<std::string> specs = {"random", "popularity", "genre-fav"};
    const auto entries = model_entries(specs);
    const EvalReport rep = run_evaluation(data(), "synthetic", Protocol::Cold, pp, entries);
    ASSERT_EQ(rep.models.size(), 3u);
    ASSERT_EQ(rep.models[0].runs.size(), 2u);
    EXPECT_GT(rep.users, 0u);
    EXPECT_GT(rep.models[0].cold.users.mean, 0);
    // Popularity knows nothing of a cold film: its cold-only list is the run's tie order, and with the films'
    // ratings back it ranks them by their counts instead.
    EXPECT_NE(rep.models[1].cold.ndcg.mean, rep.models[1].with_ratings.ndcg.mean);
    // Random draws are the same whatever the training: the price of being cold is nil for it.
    EXPECT_EQ(rep.models[0].cold.ndcg.mean, rep.models[0].with_ratings.ndcg.mean);
    const std::string json = report_json(rep);
    EXPECT_NE(json.find("\"protocol\":\"cold\""), std::string::npos);
    EXPECT_NE(json.find("\"cold_percent\":20"), std::string::npos);
    EXPECT_NE(json.find("\"lists\":{\"cold\":{\"precision\":"), std::string::npos);
    EXPECT_NE(json.find("\"cold_share\":"), std::string::npos);
    EXPECT_NE(report_table(rep).find("protocol cold"), std::string::npos);
    pp.cold_percent = 0;
    EXPECT_THROW(run_evaluation(data(), "synthetic", Protocol::Cold, pp, entries), std::invalid_argument);
    EXPECT_EQ(parse_protocol("cold"), Protocol::Cold);
}

// ---- the trivial baselines ----------------------------------------------------------------------

TEST(TrivialRankers, RandomIsFixedPerSeedUserAndItem) {
    auto a = make_model("random"), b = make_model("random"), c = make_model("random:seed=2");
    a->fit(TrainData{data(), data().ratings});
    b->fit(TrainData{data(), {}});
    c->fit(TrainData{data(), data().ratings});
    size_t same_as_c = 0;
    for (uint32_t u : {0u, 3u, 100u})
        for (uint32_t i = 0; i < kItems; ++i) {
            const double s = a->rank_score(u, i);
            ASSERT_TRUE(s >= 0 && s < 1);
            ASSERT_EQ(s, b->rank_score(u, i)) << "the draws do not depend on the ratings";
            same_as_c += s == c->rank_score(u, i);
        }
    EXPECT_EQ(same_as_c, 0u);
    EXPECT_NE(a->rank_score(0, 1), a->rank_score(1, 0));
    auto mean = make_model("global-mean");
    mean->fit(TrainData{data(), data().ratings});
    EXPECT_EQ(a->predict(5, 7), mean->predict(5, 7)) << "its rating is the global mean";
}

TEST(TrivialRankers, NewestRanksByYearAndGenreFavByThePersonsGenres) {
    Dataset ds = test::blank_catalogue(3, 4);
    ds.genre_names = {"Comedy", "Drama", "Horror"};
    ds.items[0].year = 1990, ds.items[0].genres = 0b001;  // comedy
    ds.items[1].year = 2010, ds.items[1].genres = 0b010;  // drama
    ds.items[2].year = 0, ds.items[2].genres = 0b011;     // comedy + drama, year unknown
    ds.items[3].year = 2001, ds.items[3].genres = 0b100;  // horror
    const std::vector<Rating> train = {{0, 0, 10, 0}, {0, 0, 6, 0}, {0, 1, 4, 0}, {1, 3, 2, 0}};

    NewestModel newest;
    newest.fit(TrainData{ds, train});
    EXPECT_EQ(newest.rank_score(0, 1), 2010);
    EXPECT_EQ(newest.rank_score(0, 2), 0) << "an unknown year ranks last";
    EXPECT_GT(newest.rank_score(2, 3), newest.rank_score(2, 0));
    EXPECT_DOUBLE_EQ(newest.predict(0, 0), 22.0 / 4 / 2);  // the global mean: 22 half stars over 4 ratings

    GenreFavModel fav;
    fav.fit(TrainData{ds, train});
    // User 0: comedy 5 + 3 = 8 stars, drama 2 stars.
    EXPECT_DOUBLE_EQ(fav.rank_score(0, 0), 8.0);
    EXPECT_DOUBLE_EQ(fav.rank_score(0, 1), 2.0);
    EXPECT_DOUBLE_EQ(fav.rank_score(0, 2), 10.0) << "a movie's genres add up";
    EXPECT_DOUBLE_EQ(fav.rank_score(0, 3), 0.0);
    EXPECT_DOUBLE_EQ(fav.rank_score(1, 3), 1.0);
    EXPECT_DOUBLE_EQ(fav.rank_score(2, 0), 0.0) << "a user with no ratings";
    fav.learn(Rating{2, 3, 8, 0});
    EXPECT_DOUBLE_EQ(fav.rank_score(2, 3), 4.0);
    fav.forget(Rating{2, 3, 8, 0});
    EXPECT_DOUBLE_EQ(fav.rank_score(2, 3), 0.0);
    EXPECT_THROW(fav.forget(Rating{2, 3, 8, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace wl
