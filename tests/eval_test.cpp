// Evaluator: metrics on a hand-computed example, protocol invariants on synthetic data, the stream replay
// order (with a spy model), the registry's errors, the JSON writer, and the bias baseline on real folds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/eval/job.hpp"
#include "weightless/eval/json.hpp"
#include "weightless/eval/metrics.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/eval/report.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/baselines.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// ---- metrics ------------------------------------------------------------------------------------

TEST(EvalMetrics, ThermometerRules) {
    EXPECT_EQ(thermometer_true(9), 8);  // 4.5 stars: floor(4.5) * 2
    EXPECT_EQ(thermometer_true(10), 10);
    EXPECT_EQ(thermometer_true(1), 0);  // 0.5 stars: no ones
    EXPECT_EQ(thermometer_true(3), 2);
    EXPECT_EQ(thermometer_from_stars(4.5), 9);
    EXPECT_EQ(thermometer_from_stars(3.2), 6);
    EXPECT_EQ(thermometer_from_stars(2.25), 5);  // halves round up
    EXPECT_EQ(thermometer_from_stars(0.1), 0);
    EXPECT_EQ(thermometer_from_stars(7.0), 10);
    EXPECT_TRUE(within_one_star(6, 8));
    EXPECT_FALSE(within_one_star(5, 8));
    EXPECT_TRUE(binary_correct(3.0, 6));
    EXPECT_FALSE(binary_correct(2.99, 6));
    EXPECT_TRUE(binary_correct(2.5, 5));
}

TEST(EvalMetrics, HandComputedExample) {
    // user, true half stars, predicted stars, predicted thermometer
    const std::vector<Prediction> p = {
        {0, 8, 3.5, thermometer_from_stars(3.5)},  // 7 vs 8: within; like/like
        {0, 9, 3.0, thermometer_from_stars(3.0)},  // 4.5 stars -> 8 ones; 6 vs 8: within; like/like
        {0, 4, 3.1, thermometer_from_stars(3.1)},  // 6 vs 4: within; like vs dislike: wrong
        {1, 9, 2.7, thermometer_from_stars(2.7)},  // 5 vs 8: not within; dislike vs like: wrong
        {1, 2, 1.0, thermometer_from_stars(1.0)},  // 2 vs 2: within; dislike/dislike
        {2, 10, 4.5, 7},                           // the model's own thermometer 7 vs 10: not within; like/like
    };
    const Metrics m = compute_metrics(p);
    EXPECT_EQ(m.n, 6u);
    EXPECT_EQ(m.users, 3u);
    // errors -0.5 -1.5 1.1 -1.8 0 -0.5: squares sum to 7.2, absolute values to 5.4
    EXPECT_NEAR(m.rmse, std::sqrt(1.2), 1e-12);
    EXPECT_NEAR(m.mae, 0.9, 1e-12);
    EXPECT_NEAR(m.within1, 4.0 / 6, 1e-12);
    EXPECT_NEAR(m.binary, 4.0 / 6, 1e-12);
    // per user within1: 1, 1/2, 0; binary: 2/3, 1/2, 1
    EXPECT_NEAR(m.within1_mean, 0.5, 1e-12);
    EXPECT_NEAR(m.within1_median, 0.5, 1e-12);
    EXPECT_NEAR(m.binary_mean, 13.0 / 18, 1e-12);
    EXPECT_NEAR(m.binary_median, 2.0 / 3, 1e-12);

    EXPECT_EQ(compute_metrics({}).n, 0u);
    EXPECT_TRUE(std::isnan(compute_metrics({}).rmse));
}

TEST(EvalMetrics, MedianMeanStd) {
    EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
    EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
    EXPECT_TRUE(std::isnan(median({})));
    const std::vector<double> v = {1, 2, 3, 4};
    EXPECT_DOUBLE_EQ(mean(v), 2.5);
    EXPECT_NEAR(stddev(v), std::sqrt(5.0 / 3), 1e-12);
    EXPECT_EQ(stddev(std::vector<double>{7}), 0.0);
}

// ---- synthetic data -----------------------------------------------------------------------------

// 40 users, 40 items; user u rates 3 + (13u mod 30) distinct items with pseudo-random values and times
// (many ties in time, to test the file-order tie rule).
Dataset synthetic(uint32_t n_users = 40) {
    Dataset ds;
    ds.name = "synthetic";
    ds.items.resize(40);
    for (uint32_t i = 0; i < 40; ++i) ds.items[i].id = 100 + i;
    Rng rng(99);
    for (uint32_t u = 0; u < n_users; ++u) {
        ds.user_ids.push_back(1000 + u);
        const uint32_t n = 3 + (13 * u) % 30;
        for (uint32_t k = 0; k < n; ++k)
            ds.ratings.push_back(Rating{u, (u + 7 * k) % 40, static_cast<uint8_t>(1 + rng.below(10)),
                                        static_cast<int64_t>(rng.below(8))});
    }
    // Interleave users so that file order is not user order.
    Rng mix(5);
    mix.shuffle(std::span<Rating>(ds.ratings));
    ds.index();
    return ds;
}

using Key = std::pair<uint32_t, uint32_t>;
Key key(const Rating& r) { return {r.user, r.item}; }

std::map<uint32_t, uint32_t> count_by_user(const std::vector<Rating>& v) {
    std::map<uint32_t, uint32_t> c;
    for (const auto& r : v) ++c[r.user];
    return c;
}

std::set<Key> keys(const std::vector<Rating>& v) {
    std::set<Key> s;
    for (const auto& r : v) EXPECT_TRUE(s.insert(key(r)).second) << "duplicate rating " << r.user << "," << r.item;
    return s;
}

bool same_ratings(const std::vector<Rating>& a, const std::vector<Rating>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const Rating& x, const Rating& y) {
               return x.user == y.user && x.item == y.item && x.half_stars == y.half_stars && x.timestamp == y.timestamp;
           });
}

TEST(EvalProtocol, TestCount) {
    EXPECT_EQ(test_count(5), 1u);
    EXPECT_EQ(test_count(7), 1u);
    EXPECT_EQ(test_count(8), 2u);
    EXPECT_EQ(test_count(13), 3u);
    EXPECT_EQ(test_count(50), 10u);
}

TEST(EvalProtocol, PaperSamplesUsersAndRatings) {
    const Dataset ds = synthetic();
    std::map<uint32_t, uint32_t> have = count_by_user(ds.ratings);
    std::set<Key> all = keys(ds.ratings);
    uint32_t qualifying = 0;
    const EvalRun run = make_paper_run(ds, 10, 20, 1, &qualifying);
    uint32_t expect_q = 0;
    for (auto [u, n] : have) expect_q += n >= 20;
    EXPECT_EQ(qualifying, expect_q);
    ASSERT_GE(qualifying, 10u);

    EXPECT_EQ(run.users, 10u);
    EXPECT_EQ(run.train.size(), 10u * 16);
    EXPECT_EQ(run.test.size(), 10u * 4);
    const auto tr = count_by_user(run.train), te = count_by_user(run.test);
    ASSERT_EQ(tr.size(), 10u);
    for (auto [u, n] : tr) {
        EXPECT_EQ(n, 16u);
        EXPECT_EQ(te.at(u), 4u);
        EXPECT_GE(have[u], 20u);
    }
    const auto ktr = keys(run.train), kte = keys(run.test);
    for (const auto& k : kte) EXPECT_FALSE(ktr.count(k)) << "in both train and test";
    for (const auto& k : ktr) EXPECT_TRUE(all.count(k));
    for (const auto& k : kte) EXPECT_TRUE(all.count(k));

    const EvalRun again = make_paper_run(ds, 10, 20, 1);
    EXPECT_TRUE(same_ratings(run.train, again.train));
    EXPECT_TRUE(same_ratings(run.test, again.test));
    const EvalRun other = make_paper_run(ds, 10, 20, 2);
    EXPECT_FALSE(same_ratings(run.train, other.train));

    // Asking for more users than qualify: all of them, and the count says so.
    const EvalRun all_q = make_paper_run(ds, 1000, 20, 1);
    EXPECT_EQ(all_q.users, qualifying);
    EXPECT_EQ(count_by_user(all_q.test).size(), qualifying);
    EXPECT_THROW(make_paper_run(ds, 10, 0, 1), std::invalid_argument);
}

TEST(EvalProtocol, SplitPutsEveryRatingOnExactlyOneSide) {
    const Dataset ds = synthetic();
    const EvalRun run = make_split_run(ds, 3);
    EXPECT_EQ(run.train.size() + run.test.size(), ds.ratings.size());
    auto ktr = keys(run.train), kte = keys(run.test);
    for (const auto& k : kte) EXPECT_FALSE(ktr.count(k));
    ktr.insert(kte.begin(), kte.end());
    EXPECT_EQ(ktr, keys(ds.ratings));
    const auto have = count_by_user(ds.ratings), te = count_by_user(run.test);
    uint32_t users = 0;
    for (auto [u, n] : have) {
        const uint32_t t = te.count(u) ? te.at(u) : 0;
        EXPECT_EQ(t, n >= 5 ? test_count(n) : 0u) << "user " << u << " with " << n;
        users += n >= 5;
    }
    EXPECT_EQ(run.users, users);
    EXPECT_TRUE(same_ratings(make_split_run(ds, 3).test, run.test));
    EXPECT_FALSE(same_ratings(make_split_run(ds, 4).test, run.test));
}

TEST(EvalProtocol, StreamGroupsPartitionUsers) {
    const Dataset ds = synthetic();
    const auto groups = make_stream_groups(ds, 1);
    ASSERT_EQ(groups.size(), 5u);
    size_t replayed = 0;
    std::set<uint32_t> seen_users;
    for (const auto& g : groups) {
        std::set<uint32_t> mine;
        for (const auto& seq : g.users) {
            ASSERT_FALSE(seq.empty());
            mine.insert(seq[0].user);
            EXPECT_TRUE(seen_users.insert(seq[0].user).second) << "user in two groups";
            for (size_t k = 0; k < seq.size(); ++k) {
                EXPECT_EQ(seq[k].user, seq[0].user);
                if (k) {
                    EXPECT_LE(seq[k - 1].timestamp, seq[k].timestamp);
                }
            }
            replayed += seq.size();
        }
        size_t others = 0;
        for (const auto& r : ds.ratings) others += !mine.count(r.user);
        EXPECT_EQ(g.background.size(), others);
        for (const auto& r : g.background) EXPECT_FALSE(mine.count(r.user));
    }
    EXPECT_EQ(replayed, ds.ratings.size());
    // Ties in time keep file order.
    for (const auto& g : groups)
        for (const auto& seq : g.users) {
            std::vector<size_t> pos;
            for (const auto& r : seq)
                for (size_t i = 0; i < ds.ratings.size(); ++i)
                    if (ds.ratings[i].user == r.user && ds.ratings[i].item == r.item) pos.push_back(i);
            for (size_t k = 1; k < seq.size(); ++k)
                if (seq[k - 1].timestamp == seq[k].timestamp) {
                    EXPECT_LT(pos[k - 1], pos[k]);
                }
        }
}

// Records every call, so the test can check what the model knew when it predicted.
struct SpyLog {
    std::vector<std::tuple<char, uint32_t, uint32_t>> events;  // 'f'it (user = background size), 'p', 'l'
};

class SpyModel : public Model {
public:
    explicit SpyModel(std::shared_ptr<SpyLog> log) : log_(std::move(log)) {}
    std::string name() const override { return "spy"; }
    std::string kind() const override { return "spy"; }
    void fit(const TrainData& d) override {
        log_->events.emplace_back('f', static_cast<uint32_t>(d.ratings.size()), 0);
        learned_.clear();
        for (const auto& r : d.ratings) learned_.insert(key(r));
    }
    void learn(const Rating& r) override {
        log_->events.emplace_back('l', r.user, r.item);
        learned_.insert(key(r));
    }
    double predict(uint32_t u, uint32_t i) const override {
        log_->events.emplace_back('p', u, i);
        EXPECT_FALSE(learned_.count({u, i})) << "predicted a rating the model had already learned";
        return 3.0;
    }
    void save(ByteWriter&) const override {}
    void load(ByteReader&) override {}
    size_t memory_bytes() const override { return 0; }

private:
    std::shared_ptr<SpyLog> log_;
    std::set<Key> learned_;
};

TEST(EvalStream, PredictsEachRatingBeforeLearningIt) {
    const Dataset ds = synthetic();
    const auto groups = make_stream_groups(ds, 7);
    auto log = std::make_shared<SpyLog>();
    const RunResult res = evaluate_stream([&] { return std::make_unique<SpyModel>(log); }, ds, groups, "seed 7");

    EXPECT_EQ(res.metrics.n, ds.ratings.size());
    uint64_t total = 0;
    for (const auto& p : res.curve) total += p.n;
    EXPECT_EQ(total, res.metrics.n);
    ASSERT_EQ(res.curve.size(), 7u);
    EXPECT_EQ(res.curve[0].n, res.users);  // every user's first rating is predicted with nothing learned

    // The log: per group one fit, then strictly alternating predict(x) learn(x).
    size_t fits = 0, g = 0;
    std::map<uint32_t, uint32_t> learned_per_user;
    for (size_t k = 0; k < log->events.size(); ++k) {
        auto [what, a, b] = log->events[k];
        if (what == 'f') {
            EXPECT_EQ(a, groups[g++].background.size());
            ++fits;
            continue;
        }
        ASSERT_EQ(what, 'p');
        ASSERT_LT(k + 1, log->events.size());
        EXPECT_EQ(log->events[k + 1], std::make_tuple('l', a, b));
        ++k;
        ++learned_per_user[a];
    }
    EXPECT_EQ(fits, 5u);
    EXPECT_EQ(learned_per_user, count_by_user(ds.ratings));
}

TEST(EvalStream, BucketsAreTheLearningCurve) {
    const auto b = stream_buckets();
    ASSERT_EQ(b.size(), 7u);
    EXPECT_EQ(b[0].seen_lo, 0u);
    EXPECT_EQ(b[0].seen_hi, 0u);
    EXPECT_EQ(b[1].seen_lo, 1u);
    EXPECT_EQ(b[1].seen_hi, 4u);
    EXPECT_EQ(b[6].seen_lo, 100u);
    EXPECT_EQ(b[6].seen_hi, CurvePoint::kOpen);
    // A user with 25 ratings fills buckets 0, 1-4, 5-9, 10-19, 20-49 with 1, 4, 5, 10, 5 predictions.
    Dataset ds;
    ds.name = "one";
    ds.items.resize(30);
    ds.user_ids = {1, 2};
    for (uint32_t k = 0; k < 25; ++k) ds.ratings.push_back(Rating{0, k, 8, k});
    ds.ratings.push_back(Rating{1, 0, 6, 0});
    ds.index();
    const auto groups = make_stream_groups(ds, 1, 2);
    const RunResult res =
        evaluate_stream([] { return std::make_unique<UserMeanModel>(); }, ds, groups, "s");
    const std::vector<uint64_t> n = {2, 4, 5, 10, 5, 0, 0};
    for (size_t k = 0; k < 7; ++k) EXPECT_EQ(res.curve[k].n, n[k]) << k;
    // After its first rating the user-mean model predicts this constant user exactly.
    EXPECT_NEAR(res.curve[2].rmse, 0.0, 1e-12);
    EXPECT_NEAR(res.curve[2].mae, 0.0, 1e-12);
    EXPECT_TRUE(std::isnan(res.curve[6].rmse));
    EXPECT_TRUE(std::isnan(res.curve[6].mae));
    // Bucket 0: each user's first rating against the other's mean, one star off both ways (4 vs 3 stars).
    EXPECT_NEAR(res.curve[0].mae, 1.0, 1e-12);
    EXPECT_NEAR(res.curve[0].rmse, 1.0, 1e-12);
}

// Stream ranking: before each of a user's first stream_rank ratings, the next movie is ranked among every movie the
// user has not rated yet. User 0 rates items 0..9 in order; user 1 (user 0's background) rated item k k + 1 times,
// so popularity ranks 9, 8, 7, ... first: user 0's next movie is item `seen`, at rank 10 - seen among the unrated
// (a hit in the top 3 from seen = 7 on).
TEST(EvalStream, RanksTheNextMovieBeforeLearningIt) {
    Dataset ds;
    ds.name = "rank";
    ds.items.resize(12);
    ds.user_ids = {1, 2};
    for (uint32_t k = 0; k < 10; ++k) ds.ratings.push_back(Rating{0, k, 8, k});
    for (uint32_t k = 0; k < 10; ++k)
        for (uint32_t c = 0; c <= k; ++c) ds.ratings.push_back(Rating{1, k, 8, c});  // item k: k + 1 ratings
    ds.index();
    const auto groups = make_stream_groups(ds, 1, 2);
    const auto pop = [] { return make_model("popularity"); };
    const RunResult off = evaluate_stream(pop, ds, groups, "s");
    for (const auto& c : off.curve) EXPECT_EQ(c.ranked, 0u);
    const auto task = stream_task(pop, ds, groups, "s", 10, 3);
    while (task->step()) {}
    const RunResult on = task->result();
    uint64_t ranked = 0, hits = 0;
    for (const auto& c : on.curve) {
        ranked += c.ranked;
        if (c.ranked) hits += static_cast<uint64_t>(std::llround(c.hit * static_cast<double>(c.ranked)));
    }
    EXPECT_EQ(ranked, 20u);  // both users' first 10 ratings (user 1 has 55, ranked for its first 10 only)
    EXPECT_GE(hits, 3u);     // user 0's items 7, 8 and 9 at least
    EXPECT_EQ(on.metrics.n, off.metrics.n);  // the rating predictions are the same either way
    EXPECT_EQ(on.metrics.rmse, off.metrics.rmse);
}

// ---- runs and reports ---------------------------------------------------------------------------

TEST(EvalRun, GlobalMeanOnAKnownSplit) {
    Dataset ds = synthetic(2);
    EvalRun run;
    run.label = "hand";
    run.train = {Rating{0, 0, 8, 0}, Rating{0, 1, 4, 0}};  // mean 3.0 stars
    run.test = {Rating{0, 2, 10, 0}, Rating{1, 3, 2, 0}};  // errors 2.0 and -2.0
    run.users = 2;
    GlobalMeanModel m;
    const RunResult r = evaluate_run(m, ds, run);
    EXPECT_DOUBLE_EQ(r.metrics.rmse, 2.0);
    EXPECT_DOUBLE_EQ(r.metrics.mae, 2.0);
    EXPECT_DOUBLE_EQ(r.metrics.within1_mean, 0.0);  // 6 vs 10, 6 vs 2
    EXPECT_DOUBLE_EQ(r.metrics.binary_mean, 0.5);   // 3.0 is a like: right for 5 stars, wrong for 1
    EXPECT_GE(r.train_s, 0.0);
    EXPECT_GT(r.memory_bytes, 0u);
}

TEST(EvalRun, EndToEndReport) {
    const Dataset ds = synthetic();
    const std::vector<std::string> specs = {"global-mean", "bias:reg_u=5"};
    const auto entries = model_entries(specs);
    ProtocolParams pp;
    pp.seeds = 2;
    pp.seed = 4;
    std::vector<std::string> lines;
    const EvalReport rep = run_evaluation(ds, "synthetic", Protocol::Split, pp, entries,
                                          [&](const std::string& s) { lines.push_back(s); });
    EXPECT_EQ(lines.size(), 4u);  // one per run and model
    EXPECT_EQ(rep.seeds, (std::vector<uint64_t>{4, 5}));
    ASSERT_EQ(rep.models.size(), 2u);
    EXPECT_EQ(rep.models[1].spec, "bias:reg_u=5");
    EXPECT_EQ(rep.models[1].name, "bias");
    ASSERT_EQ(rep.models[0].runs.size(), 2u);
    const double r0 = rep.models[0].runs[0].metrics.rmse, r1 = rep.models[0].runs[1].metrics.rmse;
    EXPECT_NEAR(rep.models[0].rmse.mean, (r0 + r1) / 2, 1e-12);
    EXPECT_NEAR(rep.models[0].rmse.std, std::fabs(r0 - r1) / std::sqrt(2.0), 1e-12);

    const std::string json = report_json(rep);
    EXPECT_EQ(json.find("{\"dataset\":\"synthetic\""), 0u) << json.substr(0, 80);
    EXPECT_NE(json.find("\"protocol\":\"split\""), std::string::npos);
    EXPECT_NE(json.find("\"seeds\":[4,5]"), std::string::npos);
    EXPECT_NE(json.find("\"name\":\"bias:reg_u=5\""), std::string::npos);
    EXPECT_NE(json.find("\"protocol_params\":{\"users\":100,\"reviews\":50,\"seeds\":2,\"seed\":4,\"validation\":false}"), std::string::npos);
    EXPECT_EQ(json.find("nan"), std::string::npos);
    const std::string table = report_table(rep);
    EXPECT_NE(table.find("protocol split, seeds 4,5"), std::string::npos) << table;
    EXPECT_NE(table.find("bias:reg_u=5"), std::string::npos);

    // Stream adds a curve; paper notes when too few users qualify.
    pp.seeds = 1;
    const EvalReport st = run_evaluation(ds, "synthetic", Protocol::Stream, pp, entries);
    ASSERT_EQ(st.models[0].curve.size(), 7u);
    EXPECT_NE(report_json(st).find("\"curve\":[{\"seen\":0,\"seen_max\":0,"), std::string::npos);
    pp.users = 1000;
    pp.reviews = 20;
    const EvalReport pa = run_evaluation(ds, "synthetic", Protocol::Paper, pp, entries);
    ASSERT_EQ(pa.notes.size(), 1u);
    EXPECT_LT(pa.qualifying_users, 1000u);
    EXPECT_NEAR(pa.models[0].users.mean, pa.qualifying_users, 1e-12);
    EXPECT_EQ(pa.users, pa.qualifying_users);
    EXPECT_NE(report_json(pa).find("\"users\":" + std::to_string(pa.qualifying_users) + ",\"qualifying_users\":"),
              std::string::npos);

    EXPECT_THROW(run_evaluation(ds, "synthetic", Protocol::Folds, pp, entries), std::invalid_argument);
}

// ---- registry -----------------------------------------------------------------------------------

TEST(EvalRegistry, NamesAndErrors) {
    EXPECT_EQ(default_model_specs(),
              (std::vector<std::string>{"global-mean", "user-mean", "user-mode", "bias", "wnn-paper", "wnn-best"}));
    for (const auto& spec : default_model_specs()) {
        auto m = make_model(spec);
        ASSERT_TRUE(m) << spec;
        EXPECT_EQ(m->name().substr(0, 3), spec.substr(0, 3));
    }
    EXPECT_EQ(make_model("wnn-best")->name(), "wnn-best");
    EXPECT_EQ(make_model("user-mode")->name(), "user-mode");
    auto b = make_model("bias:reg_u=5 epochs=3");
    EXPECT_EQ(static_cast<BiasBaselineModel&>(*b).config().reg_u, 5.0);
    EXPECT_EQ(static_cast<BiasBaselineModel&>(*b).config().epochs, 3);
    EXPECT_NO_THROW(make_model("global-mean:"));

    try {
        make_model("svd");
        ADD_FAILURE() << "no ParamError";
    } catch (const ParamError& e) {
        EXPECT_NE(std::string(e.what()).find("global-mean, user-mean, user-mode, bias, wnn-paper, wnn-best"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(make_model(""), ParamError);
    EXPECT_THROW(make_model("bias:nope=1"), ParamError);
    EXPECT_THROW(make_model("bias:reg_u=-1"), ParamError);
    EXPECT_THROW(make_model("bias:reg_u"), ParamError);
    EXPECT_THROW(make_model("user-mean:reg=1"), ParamError);
    EXPECT_THROW(make_model("wnn-best:no_such_param=1"), ParamError);
    EXPECT_THROW(model_entries(std::vector<std::string>{"bias", "bogus"}), ParamError);
}

// ---- JSON ---------------------------------------------------------------------------------------

TEST(EvalJson, EscapesAndNumbers) {
    EXPECT_EQ(json_escape("a\"b\\c\n\t\x01 é"), "\"a\\\"b\\\\c\\n\\t\\u0001 é\"");
    EXPECT_EQ(json_number(10), "10");
    EXPECT_EQ(json_number(0.1), "0.1");
    EXPECT_EQ(json_number(-2.5), "-2.5");
    EXPECT_EQ(json_number(-0.0), "0");
    EXPECT_EQ(json_number(1e300), "1e+300");
    EXPECT_EQ(json_number(0.94599999999999995), "0.946");
    EXPECT_EQ(json_number(1.0 / 3), "0.3333333333333333");
    EXPECT_EQ(json_number(std::nan("")), "null");
    EXPECT_EQ(json_number(HUGE_VAL), "null");

    JsonWriter j;
    j.begin_object().key("a").value(1).key("b").begin_array().value("x").value(2.5).null().value(true);
    j.begin_object().end_object().end_array().key("c").value(std::nan("")).end_object();
    EXPECT_EQ(j.str(), "{\"a\":1,\"b\":[\"x\",2.5,null,true,{}],\"c\":null}");
}

TEST(EvalJson, MisuseIsALogicError) {
    JsonWriter a;
    a.begin_object();
    EXPECT_THROW(a.value(1), std::logic_error);  // value without a key
    EXPECT_THROW(a.str(), std::logic_error);     // unclosed
    EXPECT_THROW(a.end_array(), std::logic_error);
    JsonWriter b;
    b.begin_array();
    EXPECT_THROW(b.key("k"), std::logic_error);
    b.end_array();
    EXPECT_THROW(b.value(1), std::logic_error);  // second top-level value
}

// ---- real data ----------------------------------------------------------------------------------

TEST(EvalRealData, BiasBaselineOnMl100kFoldOne) {
    WL_REQUIRE_DATA("ml-100k/u1.base");
    const std::string dir = test::shared_data("ml-100k");
    const Dataset ds = load_dataset(dir);
    ASSERT_TRUE(is_ml100k_dir(dir));
    const EvalRun run = make_fold_run(dir, ds, "1");
    EXPECT_EQ(run.train.size(), 80000u);
    EXPECT_EQ(run.test.size(), 20000u);
    BiasBaselineModel bias;
    const RunResult r = evaluate_run(bias, ds, run);
    // Surprise's BaselineOnly gives 0.944-0.946 averaged over u1..u5; fold u1 is the hardest (about 0.95).
    EXPECT_GT(r.metrics.rmse, 0.93);
    EXPECT_LT(r.metrics.rmse, 0.96);
    GlobalMeanModel g;
    const RunResult rg = evaluate_run(g, ds, run);
    EXPECT_GT(rg.metrics.rmse, r.metrics.rmse + 0.1);
}

}  // namespace
}  // namespace wl
