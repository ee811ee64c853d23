// The lab's resumable job (app/lab.hpp) on the real catalogue: stepped in the smallest slices it runs to Done with
// progress rising to 1, and gives each model exactly the metrics the core's evaluator (run_evaluation, what
// weightless-eval prints) gives on the same protocol and seeds; cancel() stops it for good.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "app/logic/lab.hpp"
#include "app_test_util.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;

// Steps `job` with a zero budget (exactly one unit per step) until it stops; checks progress on the way.
size_t run_to_end(LabJob& job, size_t max_steps = 1000000) {
    double last = job.progress();
    EXPECT_GE(last, 0.0);
    size_t steps = 0;
    while (job.state() == LabJob::State::Running && steps < max_steps) {
        const std::string phase = job.phase();
        EXPECT_FALSE(phase.empty());
        const bool more = job.step(0.0);
        ++steps;
        EXPECT_EQ(more, job.state() == LabJob::State::Running);
        const double p = job.progress();
        EXPECT_GE(p, last) << "progress went back after step " << steps << " (" << phase << ")";
        EXPECT_LE(p, 1.0);
        last = p;
    }
    return steps;
}

// The evaluator's report for the same protocol, seeds and models.
EvalReport reference(const LabConfig& cfg) {
    ProtocolParams params;
    params.users = cfg.users;
    params.reviews = cfg.reviews;
    params.seeds = cfg.seeds;
    params.seed = cfg.seed;
    const auto entries = model_entries(cfg.models);
    return run_evaluation(embedded_catalogue(), "embedded", cfg.protocol, params, entries);
}

void expect_same_metrics(const Metrics& lab, const Metrics& ref, const std::string& what) {
    EXPECT_EQ(lab.n, ref.n) << what;
    EXPECT_EQ(lab.users, ref.users) << what;
    EXPECT_EQ(lab.rmse, ref.rmse) << what;
    EXPECT_EQ(lab.mae, ref.mae) << what;
    EXPECT_EQ(lab.within1, ref.within1) << what;
    EXPECT_EQ(lab.within1_mean, ref.within1_mean) << what;
    EXPECT_EQ(lab.binary_mean, ref.binary_mean) << what;
}

TEST(AppLab, PaperRunMatchesTheEvaluatorForEveryModel) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 20;
    cfg.reviews = 10;
    cfg.seeds = 2;
    cfg.seed = 1;
    cfg.models = default_model_specs();
    LabJob job(embedded_catalogue(), cfg);
    EXPECT_EQ(job.state(), LabJob::State::Running);
    EXPECT_EQ(job.progress(), 0.0);
    const size_t steps = run_to_end(job);
    ASSERT_EQ(job.state(), LabJob::State::Done) << job.error();
    EXPECT_GT(steps, 2 * cfg.models.size()) << "work was cut into units";
    EXPECT_EQ(job.progress(), 1.0);
    EXPECT_EQ(job.runs_done(), 2u);
    EXPECT_STREQ(job.state_name(), "done");
    EXPECT_EQ(job.phase(), "finished");
    EXPECT_FALSE(job.step(10.0)) << "a finished job does no more work";

    const EvalReport ref = reference(cfg);
    EXPECT_EQ(job.qualifying(), ref.qualifying_users);
    ASSERT_EQ(job.results().size(), ref.models.size());
    for (size_t k = 0; k < ref.models.size(); ++k) {
        const LabModelResult& r = job.results()[k];
        const ModelSummary& m = ref.models[k];
        EXPECT_EQ(r.spec, m.spec);
        EXPECT_EQ(r.name, m.name);
        ASSERT_EQ(r.runs.size(), m.runs.size()) << r.spec;
        for (size_t s = 0; s < r.runs.size(); ++s) {
            expect_same_metrics(r.runs[s], m.runs[s].metrics, r.spec + ", run " + std::to_string(s));
            EXPECT_EQ(r.runs[s].n, 20u * 2u) << "20 users x test_count(10) = 2";
            EXPECT_EQ(r.runs[s].users, 20u);
        }
        EXPECT_DOUBLE_EQ(r.rmse(), m.rmse.mean) << r.spec;
        EXPECT_DOUBLE_EQ(r.within1_mean(), m.within1_mean.mean) << r.spec;
        EXPECT_GT(r.rmse(), 0.3) << r.spec;
        EXPECT_LT(r.rmse(), 2.5) << r.spec;
        EXPECT_GT(r.memory_bytes, 0u) << r.spec;
    }
}

TEST(AppLab, SplitRunProgressesThroughTheFitAndThePredictions) {
    // The split run's training part is large enough for the network's fit to take many steps, then the
    // predictions many slices: progress must rise through both without stepping back.
    LabConfig cfg;
    cfg.protocol = Protocol::Split;
    cfg.seed = 1;
    cfg.models = {"wnn-best", "bias"};
    LabJob job(embedded_catalogue(), cfg);
    std::vector<double> seen;
    std::vector<std::string> phases;
    while (job.state() == LabJob::State::Running) {
        phases.push_back(job.phase());
        job.step(0.0);
        seen.push_back(job.progress());
    }
    ASSERT_EQ(job.state(), LabJob::State::Done) << job.error();
    ASSERT_GT(seen.size(), 100u);
    for (size_t k = 1; k < seen.size(); ++k) ASSERT_GE(seen[k], seen[k - 1]) << "step " << k << " (" << phases[k] << ")";
    EXPECT_EQ(seen.back(), 1.0);
    // Within the first model (half of the work): the fit climbs towards 30 % of it, the predictions the rest.
    size_t in_fit = 0, in_predict = 0;
    for (size_t k = 0; k < seen.size(); ++k) {
        if (phases[k].find("wnn-best fitting") != std::string::npos && seen[k] > 0.02 && seen[k] < 0.15) ++in_fit;
        if (phases[k].find("wnn-best predicting") != std::string::npos && seen[k] > 0.15 && seen[k] < 0.5) ++in_predict;
    }
    EXPECT_GT(in_fit, 10u);
    EXPECT_GT(in_predict, 100u);
    EXPECT_NE(std::find(phases.begin(), phases.end(), "seed 1: building the run"), phases.end());

    const EvalReport ref = reference(cfg);
    for (size_t k = 0; k < cfg.models.size(); ++k) {
        ASSERT_EQ(job.results()[k].runs.size(), 1u);
        expect_same_metrics(job.results()[k].runs[0], ref.models[k].runs.at(0).metrics, cfg.models[k]);
        EXPECT_EQ(job.results()[k].rmse(), ref.models[k].rmse.mean) << cfg.models[k];
    }
}

TEST(AppLab, LargerBudgetsGiveTheSameResults) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 20;
    cfg.reviews = 10;
    cfg.seed = 5;
    cfg.models = {"bias", "wnn-best"};
    LabJob small(embedded_catalogue(), cfg), large(embedded_catalogue(), cfg);
    run_to_end(small);
    while (large.step(1e9)) {
    }
    ASSERT_EQ(small.state(), LabJob::State::Done);
    ASSERT_EQ(large.state(), LabJob::State::Done);
    for (size_t k = 0; k < cfg.models.size(); ++k)
        expect_same_metrics(small.results()[k].runs.at(0), large.results()[k].runs.at(0), cfg.models[k]);
}

TEST(AppLab, StreamRunMatchesTheEvaluatorCurve) {
    LabConfig cfg;
    cfg.protocol = Protocol::Stream;
    cfg.seeds = 1;
    cfg.seed = 2;
    cfg.models = {"user-mean", "bias"};
    LabJob job(embedded_catalogue(), cfg);
    double last = 0;
    while (job.step(5.0)) {  // a few milliseconds per step, as the app does per frame
        EXPECT_GE(job.progress(), last);
        last = job.progress();
    }
    ASSERT_EQ(job.state(), LabJob::State::Done) << job.error();
    const EvalReport ref = reference(cfg);
    ASSERT_EQ(job.results().size(), 2u);
    for (size_t k = 0; k < 2; ++k) {
        const LabModelResult& r = job.results()[k];
        const RunResult& m = ref.models[k].runs.at(0);
        ASSERT_EQ(r.runs.size(), 1u);
        expect_same_metrics(r.runs[0], m.metrics, r.spec);
        ASSERT_EQ(r.curve.size(), m.curve.size());
        for (size_t b = 0; b < m.curve.size(); ++b) {
            EXPECT_EQ(r.curve[b].n, m.curve[b].n) << r.spec << " bucket " << b;
            if (m.curve[b].n == 0) continue;
            EXPECT_DOUBLE_EQ(r.curve[b].rmse, m.curve[b].rmse) << r.spec << " bucket " << b;
            EXPECT_DOUBLE_EQ(r.curve[b].within1, m.curve[b].within1) << r.spec << " bucket " << b;
        }
    }
}

TEST(AppLab, CancelStopsTheJob) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 20;
    cfg.reviews = 10;
    cfg.seeds = 3;
    cfg.models = {"global-mean", "bias", "wnn-best"};
    LabJob job(embedded_catalogue(), cfg);
    for (int k = 0; k < 5; ++k) ASSERT_TRUE(job.step(0.0));
    const double p = job.progress();
    EXPECT_GT(p, 0.0);
    EXPECT_LT(p, 1.0);
    job.cancel();
    EXPECT_EQ(job.state(), LabJob::State::Cancelled);
    EXPECT_STREQ(job.state_name(), "cancelled");
    EXPECT_EQ(job.phase(), "cancelled");
    EXPECT_FALSE(job.step(100.0));
    EXPECT_EQ(job.state(), LabJob::State::Cancelled);
    EXPECT_LT(job.progress(), 1.0);
    EXPECT_EQ(job.runs_done(), 0u);
    size_t finished = 0;
    for (const auto& r : job.results()) finished += r.runs.size();
    EXPECT_LT(finished, cfg.models.size() * cfg.seeds);
    job.cancel();  // twice is harmless
    EXPECT_EQ(job.state(), LabJob::State::Cancelled);
}

TEST(AppLab, CancelAfterDoneKeepsTheResults) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 5;
    cfg.reviews = 5;
    cfg.models = {"user-mean"};
    LabJob job(embedded_catalogue(), cfg);
    run_to_end(job);
    ASSERT_EQ(job.state(), LabJob::State::Done);
    job.cancel();
    EXPECT_EQ(job.state(), LabJob::State::Done);
    EXPECT_EQ(job.results()[0].runs.size(), 1u);
    EXPECT_EQ(job.progress(), 1.0);
}

TEST(AppLab, BadConfigsAreRefusedUpFront) {
    const Dataset& ds = embedded_catalogue();
    const auto make = [&](auto edit) {
        LabConfig cfg;
        cfg.protocol = Protocol::Paper;
        cfg.models = {"bias"};
        edit(cfg);
        LabJob job(ds, cfg);
    };
    EXPECT_THROW(make([](LabConfig& c) { c.protocol = Protocol::Folds; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.protocol = Protocol::Ranking; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.models.clear(); }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.seeds = 0; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.seeds = 21; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.reviews = 1; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.users = 0; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.groups = 1; }), std::invalid_argument);
    EXPECT_THROW(make([](LabConfig& c) { c.models = {"bias", "no-such-model"}; }), ParamError);
    EXPECT_THROW(make([](LabConfig& c) { c.models = {"wnn-best:tuple_size=banana"}; }), ParamError);
    EXPECT_NO_THROW(make([](LabConfig&) {}));
}

TEST(AppLab, FewerQualifyingUsersThanAskedRunsWithAllOfThem) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 100000;  // more than the catalogue has
    cfg.reviews = 1000;  // only a few users rated this many movies
    cfg.models = {"user-mean"};
    LabJob job(embedded_catalogue(), cfg);
    run_to_end(job);
    ASSERT_EQ(job.state(), LabJob::State::Done) << job.error();
    const EvalReport ref = reference(cfg);
    EXPECT_EQ(job.qualifying(), ref.qualifying_users);
    EXPECT_GT(job.qualifying(), 0u);
    EXPECT_LT(job.qualifying(), 100u);
    expect_same_metrics(job.results()[0].runs.at(0), ref.models[0].runs.at(0).metrics, "user-mean");
}

// Each paper user's sampled ratings split into train and test_count(reviews) test ratings: the lab refuses a
// review count that holds none out (it would end with no predictions and an RMSE of NaN), naming the least that
// works, and a review count no user reaches fails with a message instead of finishing with NaN.
TEST(AppLab, PaperRefusesReviewCountsWithNoTestRatingOrNoUser) {
    LabConfig cfg;
    cfg.protocol = Protocol::Paper;
    cfg.users = 10;
    cfg.reviews = 2;
    cfg.models = {"user-mean"};
    ASSERT_EQ(test_count(2), 0u);
    try {
        LabJob job(embedded_catalogue(), cfg);
        ADD_FAILURE() << "2 reviews accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("at least 3 reviews"), std::string::npos) << e.what();
    }
    cfg.reviews = 3;
    LabJob ok(embedded_catalogue(), cfg);
    run_to_end(ok);
    ASSERT_EQ(ok.state(), LabJob::State::Done) << ok.error();
    EXPECT_GT(ok.results()[0].runs.at(0).n, 0u);
    EXPECT_TRUE(std::isfinite(ok.results()[0].rmse()));
    cfg.reviews = 100000;
    LabJob none(embedded_catalogue(), cfg);
    run_to_end(none);
    EXPECT_EQ(none.state(), LabJob::State::Failed);
    EXPECT_NE(none.error().find("no user of the catalogue has 100000 ratings"), std::string::npos) << none.error();
}

}  // namespace
}  // namespace wl::app
