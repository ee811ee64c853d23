// Results over runs: the stream buckets, summaries over seeds or folds, and run_evaluation, which runs an EvalJob
// (job.hpp: the protocols themselves, timed with steady_clock) to the end. Timing lives there, never in tests.
#include "weightless/eval/run.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "weightless/eval/job.hpp"
#include "weightless/model/registry.hpp"

namespace wl {

namespace {

RunResult run_to_end(RunTask& task) {
    while (task.step()) {
    }
    return task.result();
}

}  // namespace

std::vector<CurvePoint> stream_buckets() {
    const uint32_t open = CurvePoint::kOpen;
    const uint32_t edges[][2] = {{0, 0}, {1, 4}, {5, 9}, {10, 19}, {20, 49}, {50, 99}, {100, open}};
    std::vector<CurvePoint> out;
    for (const auto& e : edges) {
        CurvePoint p;
        p.seen_lo = e[0];
        p.seen_hi = e[1];
        out.push_back(p);
    }
    return out;
}

std::vector<CurvePoint> curve_of(std::span<const CurveSums> sums) {
    auto curve = stream_buckets();
    for (size_t b = 0; b < curve.size() && b < sums.size(); ++b) {
        curve[b].n = sums[b].n;
        const double n = static_cast<double>(sums[b].n);
        curve[b].rmse = sums[b].n ? std::sqrt(sums[b].se / n) : std::nan("");
        curve[b].mae = sums[b].n ? sums[b].ae / n : std::nan("");
        curve[b].within1 = sums[b].n ? static_cast<double>(sums[b].within) / n : std::nan("");
        curve[b].ranked = sums[b].ranked;
        const double nr = static_cast<double>(sums[b].ranked);
        curve[b].hit = sums[b].ranked ? static_cast<double>(sums[b].hits) / nr : std::nan("");
        curve[b].ndcg = sums[b].ranked ? sums[b].ndcg / nr : std::nan("");
    }
    return curve;
}

RunResult evaluate_run(Model& m, const Dataset& ds, const EvalRun& run) {
    return run_to_end(*rating_task(m, ds, run));
}

RunResult evaluate_ranking_run(Model& m, const Dataset& ds, const EvalRun& run, uint32_t k) {
    return run_to_end(*ranking_task(m, ds, run, k));
}

RunResult evaluate_cold(const ModelFactory& make, const Dataset& ds, const ColdRun& run, uint32_t k) {
    return run_to_end(*cold_task(make, ds, run, k));
}

RunResult evaluate_stream(const ModelFactory& make, const Dataset& ds, std::span<const StreamGroup> groups,
                          const std::string& label) {
    return run_to_end(*stream_task(make, ds, groups, label));
}

Stat stat_of(std::span<const double> v) { return {mean(v), stddev(v)}; }

std::vector<CurvePoint> pooled_curve(std::span<const RunResult> runs) {
    if (runs.empty() || runs[0].curve.empty()) return {};
    std::vector<CurveSums> acc(runs[0].curve.size());
    for (const auto& r : runs)
        for (size_t b = 0; b < r.curve.size() && b < acc.size(); ++b) {
            const auto& p = r.curve[b];
            if (p.ranked > 0) {
                acc[b].ranked += p.ranked;
                acc[b].hits += static_cast<uint64_t>(std::llround(p.hit * static_cast<double>(p.ranked)));
                acc[b].ndcg += p.ndcg * static_cast<double>(p.ranked);
            }
            if (p.n == 0) continue;
            acc[b].n += p.n;
            acc[b].se += p.rmse * p.rmse * static_cast<double>(p.n);
            acc[b].ae += p.mae * static_cast<double>(p.n);
            acc[b].within += static_cast<uint64_t>(std::llround(p.within1 * static_cast<double>(p.n)));
        }
    return curve_of(acc);
}

ModelSummary summarize(std::string spec, const Model& m, std::vector<RunResult> runs) {
    ModelSummary s;
    s.spec = std::move(spec);
    s.name = m.name();
    s.config = m.config_text();
    const auto over = [&](auto get) {
        std::vector<double> v;
        for (const auto& r : runs) v.push_back(static_cast<double>(get(r)));
        return stat_of(v);
    };
    s.rmse = over([](const RunResult& r) { return r.metrics.rmse; });
    s.mae = over([](const RunResult& r) { return r.metrics.mae; });
    s.within1_mean = over([](const RunResult& r) { return r.metrics.within1_mean; });
    s.within1_median = over([](const RunResult& r) { return r.metrics.within1_median; });
    s.binary_mean = over([](const RunResult& r) { return r.metrics.binary_mean; });
    s.binary_median = over([](const RunResult& r) { return r.metrics.binary_median; });
    s.within1_pooled = over([](const RunResult& r) { return r.metrics.within1; });
    s.binary_pooled = over([](const RunResult& r) { return r.metrics.binary; });
    s.users = over([](const RunResult& r) { return r.metrics.users; });
    s.train_s = over([](const RunResult& r) { return r.train_s; });
    s.predict_s = over([](const RunResult& r) { return r.predict_s; });
    s.learn_s = over([](const RunResult& r) { return r.learn_s; });
    s.memory_bytes = over([](const RunResult& r) { return r.memory_bytes; });
    s.precision = over([](const RunResult& r) { return r.ranking.precision; });
    s.recall = over([](const RunResult& r) { return r.ranking.recall; });
    s.ndcg = over([](const RunResult& r) { return r.ranking.ndcg; });
    s.map = over([](const RunResult& r) { return r.ranking.map; });
    s.map_norm = over([](const RunResult& r) { return r.ranking.map_norm; });
    s.liked_precision = over([](const RunResult& r) { return r.ranking.liked.precision; });
    s.liked_recall = over([](const RunResult& r) { return r.ranking.liked.recall; });
    s.liked_ndcg = over([](const RunResult& r) { return r.ranking.liked.ndcg; });
    s.liked_map = over([](const RunResult& r) { return r.ranking.liked.map; });
    s.liked_users = over([](const RunResult& r) { return r.ranking.liked.users; });

    const auto lists = [&](RankingMetrics ColdLists::*which) {
        const auto get = [&](auto field) { return over([&](const RunResult& r) { return field(r.cold.*which); }); };
        ListStats l;
        l.precision = get([](const RankingMetrics& m) { return m.precision; });
        l.recall = get([](const RankingMetrics& m) { return m.recall; });
        l.ndcg = get([](const RankingMetrics& m) { return m.ndcg; });
        l.hit = get([](const RankingMetrics& m) { return m.hit; });
        l.liked_precision = get([](const RankingMetrics& m) { return m.liked.precision; });
        l.liked_ndcg = get([](const RankingMetrics& m) { return m.liked.ndcg; });
        l.liked_hit = get([](const RankingMetrics& m) { return m.liked.hit; });
        l.users = get([](const RankingMetrics& m) { return m.users; });
        l.liked_users = get([](const RankingMetrics& m) { return m.liked.users; });
        l.flagged = get([](const RankingMetrics& m) { return m.flagged; });
        return l;
    };
    s.cold = lists(&ColdLists::cold);
    s.with_ratings = lists(&ColdLists::with_ratings);
    s.mixed = lists(&ColdLists::mixed);
    s.warm_only = lists(&ColdLists::warm_only);

    s.curve = pooled_curve(runs);
    s.runs = std::move(runs);
    return s;
}

std::vector<ModelEntry> model_entries(std::span<const std::string> specs) {
    std::vector<ModelEntry> out;
    for (const auto& spec : specs) {
        make_model(spec);  // validates now, so a typo fails before any work
        out.push_back({spec, [spec] { return make_model(spec); }});
    }
    return out;
}

EvalReport run_evaluation(const Dataset& ds, const std::string& dataset_path, Protocol protocol,
                          const ProtocolParams& params, std::span<const ModelEntry> models, const Progress& progress) {
    EvalJob job(ds, dataset_path, protocol, params, {models.begin(), models.end()}, progress);
    while (job.step()) {
    }
    return job.report();
}

}  // namespace wl
