// The evaluation loop: fits and predicts each model on each run with steady_clock timing, scores the
// predictions and aggregates over runs. Timing lives here, never in tests.
#include "weightless/eval/run.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "weightless/model/registry.hpp"

namespace wl {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

size_t bucket_of(const std::vector<CurvePoint>& buckets, uint64_t seen) {
    for (size_t b = 0; b < buckets.size(); ++b)
        if (seen >= buckets[b].seen_lo && seen <= buckets[b].seen_hi) return b;
    return buckets.size() - 1;
}

// Bucket sums before they become a curve.
struct BucketAcc {
    uint64_t n = 0, within = 0;
    double se = 0;
};

std::vector<CurvePoint> curve_from(const std::vector<BucketAcc>& acc) {
    auto curve = stream_buckets();
    for (size_t b = 0; b < curve.size(); ++b) {
        curve[b].n = acc[b].n;
        const double n = static_cast<double>(acc[b].n);
        curve[b].rmse = acc[b].n ? std::sqrt(acc[b].se / n) : std::nan("");
        curve[b].within1 = acc[b].n ? acc[b].within / n : std::nan("");
    }
    return curve;
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::string progress_line(const std::string& label, const std::string& spec, const RunResult& r) {
    if (r.ranking.k > 0) {
        std::string at = "@";  // built in steps: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string
        at += std::to_string(r.ranking.k);
        at += ' ';
        return "[" + label + "] " + spec + ": P" + at + fmt("%.4f", r.ranking.precision) + ", nDCG" + at +
               fmt("%.4f", r.ranking.ndcg) + ", fit " + fmt("%.3f", r.train_s) + " s, rank " +
               fmt("%.3f", r.predict_s) + " s";
    }
    return "[" + label + "] " + spec + ": rmse " + fmt("%.4f", r.metrics.rmse) + ", within1 " +
           fmt("%.4f", r.metrics.within1_mean) + ", fit " + fmt("%.3f", r.train_s) + " s, predict " +
           fmt("%.3f", r.predict_s) + " s";
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

RunResult evaluate_run(Model& m, const Dataset& ds, const EvalRun& run) {
    RunResult res;
    res.label = run.label;
    res.users = run.users;
    auto t0 = Clock::now();
    m.fit(TrainData{ds, run.train});
    res.train_s = seconds_since(t0);

    std::vector<Prediction> preds;
    preds.reserve(run.test.size());
    t0 = Clock::now();
    for (const auto& r : run.test) preds.push_back(score(m, r));
    res.predict_s = seconds_since(t0);
    res.metrics = compute_metrics(preds);
    res.memory_bytes = m.memory_bytes();
    return res;
}

RunResult evaluate_ranking_run(Model& m, const Dataset& ds, const EvalRun& run, uint32_t k) {
    RunResult res;
    res.label = run.label;
    res.users = run.users;
    auto t0 = Clock::now();
    m.fit(TrainData{ds, run.train});
    res.train_s = seconds_since(t0);
    t0 = Clock::now();
    res.ranking = rank_run(m, run, static_cast<uint32_t>(ds.num_items()), k);
    res.predict_s = seconds_since(t0);
    res.metrics = compute_metrics({});
    res.metrics.users = res.ranking.users;
    res.memory_bytes = m.memory_bytes();
    return res;
}

RunResult evaluate_stream(const ModelFactory& make, const Dataset& ds, std::span<const StreamGroup> groups,
                          const std::string& label) {
    RunResult res;
    res.label = label;
    std::vector<Prediction> preds;
    const auto buckets = stream_buckets();
    std::vector<BucketAcc> acc(buckets.size());
    uint64_t memory = 0;
    for (const auto& g : groups) {
        auto m = make();
        auto t0 = Clock::now();
        m->fit(TrainData{ds, g.background});
        res.train_s += seconds_since(t0);
        for (const auto& seq : g.users) {
            if (!seq.empty()) ++res.users;
            for (size_t seen = 0; seen < seq.size(); ++seen) {
                const Rating& r = seq[seen];
                // Predict and learn interleave, so each call is timed alone (the clock adds ~50 ns per call).
                t0 = Clock::now();
                const Prediction p = score(*m, r);
                res.predict_s += seconds_since(t0);
                t0 = Clock::now();
                m->learn(r);
                res.learn_s += seconds_since(t0);

                preds.push_back(p);
                BucketAcc& a = acc[bucket_of(buckets, seen)];
                const double err = p.stars - r.stars();
                ++a.n;
                a.se += err * err;
                a.within += within_one_star(p.thermometer, thermometer_true(r.half_stars));
            }
        }
        memory += m->memory_bytes();
    }
    res.metrics = compute_metrics(preds);
    res.curve = curve_from(acc);
    res.memory_bytes = groups.empty() ? 0 : memory / groups.size();
    return res;
}

Stat stat_of(std::span<const double> v) { return {mean(v), stddev(v)}; }

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

    if (!runs.empty() && !runs[0].curve.empty()) {
        std::vector<BucketAcc> acc(runs[0].curve.size());
        for (const auto& r : runs)
            for (size_t b = 0; b < r.curve.size() && b < acc.size(); ++b) {
                const auto& p = r.curve[b];
                if (p.n == 0) continue;
                acc[b].n += p.n;
                acc[b].se += p.rmse * p.rmse * static_cast<double>(p.n);
                acc[b].within += static_cast<uint64_t>(std::llround(p.within1 * static_cast<double>(p.n)));
            }
        s.curve = curve_from(acc);
    }
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
    EvalReport rep;
    rep.dataset = ds.name;
    rep.dataset_path = dataset_path;
    rep.protocol = protocol;
    rep.params = params;
    if (protocol == Protocol::Folds && !is_ml100k_dir(dataset_path))
        throw std::invalid_argument("protocol folds needs an ml-100k directory with u1..u5 files, not '" +
                                    dataset_path + "'");
    if (protocol != Protocol::Folds && params.seeds == 0) throw std::invalid_argument("seeds must be at least 1");
    if (params.validation && protocol == Protocol::Stream)
        throw std::invalid_argument("--validation applies to the paper, split, folds and ranking protocols, not " +
                                    std::string(protocol_name(protocol)));
    if (protocol == Protocol::Ranking && params.k == 0) throw std::invalid_argument("ranking: k must be at least 1");
    // Models see the catalogue without its ratings: whatever they learn must come from the run's training ratings.
    const Dataset catalogue = without_ratings(ds);

    std::vector<std::vector<RunResult>> results(models.size());
    const auto say = [&](const std::string& s) {
        if (progress) progress(s);
    };
    const uint32_t n_runs = protocol == Protocol::Folds ? 5 : params.seeds;
    for (uint32_t k = 0; k < n_runs; ++k) {
        const uint64_t seed = params.seed + k;
        if (protocol != Protocol::Folds) rep.seeds.push_back(seed);
        if (protocol == Protocol::Stream) {
            const auto groups = make_stream_groups(ds, seed);
            const std::string label = "seed " + std::to_string(seed);
            rep.run_labels.push_back(label);
            if (k == 0)
                for (const auto& g : groups) rep.users += static_cast<uint32_t>(g.users.size());
            for (size_t i = 0; i < models.size(); ++i) {
                results[i].push_back(evaluate_stream(models[i].make, catalogue, groups, label));
                say(progress_line(label, models[i].spec, results[i].back()));
            }
            continue;
        }
        EvalRun run;
        if (protocol == Protocol::Folds) {
            run = make_fold_run(dataset_path, ds, std::to_string(k + 1));
        } else if (protocol == Protocol::Split) {
            run = make_split_run(ds, seed);
        } else if (protocol == Protocol::Ranking) {
            run = make_ranking_run(ds, seed);
        } else {
            uint32_t qualifying = 0;
            run = make_paper_run(ds, params.users, params.reviews, seed, &qualifying);
            if (k == 0) {
                rep.qualifying_users = qualifying;
                if (qualifying < params.users)
                    rep.notes.push_back("only " + std::to_string(qualifying) + " users have at least " +
                                        std::to_string(params.reviews) + " ratings; using all of them instead of " +
                                        std::to_string(params.users));
                if (!rep.notes.empty()) say("note: " + rep.notes.back());
            }
        }
        if (params.validation) run = make_validation_run(run, seed);
        rep.run_labels.push_back(run.label);
        if (k == 0) rep.users = run.users;
        for (size_t i = 0; i < models.size(); ++i) {
            auto m = models[i].make();
            results[i].push_back(protocol == Protocol::Ranking ? evaluate_ranking_run(*m, catalogue, run, params.k)
                                                               : evaluate_run(*m, catalogue, run));
            say(progress_line(run.label, models[i].spec, results[i].back()));
        }
    }
    for (size_t i = 0; i < models.size(); ++i) {
        auto m = models[i].make();
        rep.models.push_back(summarize(models[i].spec, *m, std::move(results[i])));
    }
    return rep;
}

}  // namespace wl
