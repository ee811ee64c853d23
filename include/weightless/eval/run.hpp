// Results of running models through a protocol (fit and predict timed, scored, aggregated over seeds/folds), and
// run_evaluation, which runs them all (see job.hpp for the resumable form).
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/eval/metrics.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/eval/ranking.hpp"
#include "weightless/model/model.hpp"

namespace wl {

using ModelFactory = std::function<std::unique_ptr<Model>()>;

// Stream learning curve: accuracy by how many of the user's ratings the model had learned before predicting.
struct CurvePoint {
    static constexpr uint32_t kOpen = std::numeric_limits<uint32_t>::max();
    uint32_t seen_lo = 0, seen_hi = 0;  // inclusive; seen_hi == kOpen for the last bucket (100+)
    uint64_t n = 0;
    double rmse = 0, mae = 0, within1 = 0;  // pooled over the bucket's predictions (NaN when n == 0)
    // stream ranking (ProtocolParams::stream_rank): lists scored in the bucket, the share whose top k held the
    // next rated movie, and the mean nDCG of that one relevant movie (NaN when none were ranked).
    uint64_t ranked = 0;
    double hit = 0, ndcg = 0;
};
// The buckets 0, 1-4, 5-9, 10-19, 20-49, 50-99, 100+ (n and values zero).
std::vector<CurvePoint> stream_buckets();
// A bucket's sums before they become a curve point.
struct CurveSums {
    uint64_t n = 0, within = 0;  // predictions, and those within one star
    double se = 0, ae = 0;       // squared and absolute errors in stars
    uint64_t ranked = 0, hits = 0;  // stream ranking: lists, and lists whose top k held the next movie
    double ndcg = 0;                // summed over the lists
};
// The stream buckets with n, rmse, mae and within1 from one CurveSums per bucket.
std::vector<CurvePoint> curve_of(std::span<const CurveSums> sums);

// Cold protocol (ColdRun): the lists of one model fitted on the cold training part, and the price of being cold.
// cold and with_ratings share their users, candidates and relevant items; mixed and warm_only share theirs.
struct ColdLists {
    RankingMetrics cold;          // candidates: the cold films; relevant: the user's test ratings of cold films
    RankingMetrics with_ratings;  // the same lists from a model fitted on the same split with nothing made cold
    RankingMetrics mixed;         // candidates: every film, warm and cold; relevant: every test rating of the user
                                  // (flagged: the share of its top k that is cold films)
    RankingMetrics warm_only;     // candidates: the warm films only; relevant: as mixed
};

struct RunResult {
    std::string label;
    Metrics metrics;
    uint32_t users = 0;          // users taking part in the run (paper: sampled)
    double train_s = 0;          // fit
    double predict_s = 0;        // predict + predict_thermometer calls; ranking: scoring and ordering the lists
    double learn_s = 0;          // stream: learn() calls after each prediction
    uint64_t memory_bytes = 0;   // model state after the run
    std::vector<CurvePoint> curve;  // stream only
    RankingMetrics ranking;         // ranking only (metrics then holds no rating predictions, only users)
    ColdLists cold;                 // cold only (ranking then holds the cold-only lists, as cold.cold)
};

// One run of one model, to the end (the protocols themselves are the tasks of job.hpp).
// Fits m on run.train, then predicts run.test in order.
RunResult evaluate_run(Model& m, const Dataset& ds, const EvalRun& run);
// Fits m on run.train, then ranks every unrated catalogue item for each test user (rank_run) at cut-off k.
RunResult evaluate_ranking_run(Model& m, const Dataset& ds, const EvalRun& run, uint32_t k);
// Stream protocol over all groups of one seed: a fresh model per group, fitted on the background, then
// each user's ratings are predicted then learned, in replay order. Metrics pool every group's predictions.
// Cold protocol over one ColdRun: a model from `make` fitted on the cold training part gives the cold-only, mixed and
// warm-only lists; another fitted on run.warm.train gives the cold-only lists again (the price of being cold).
RunResult evaluate_cold(const ModelFactory& make, const Dataset& ds, const ColdRun& run, uint32_t k);
RunResult evaluate_stream(const ModelFactory& make, const Dataset& ds, std::span<const StreamGroup> groups,
                          const std::string& label);

// Mean and sample standard deviation over runs.
struct Stat {
    double mean = 0, std = 0;
};
Stat stat_of(std::span<const double> v);

// One kind of list over runs (the cold protocol's four).
struct ListStats {
    Stat precision, recall, ndcg, hit, liked_precision, liked_ndcg, liked_hit, users, liked_users;
    Stat flagged;  // mixed: the share of the top k that is cold films
};

struct ModelSummary {
    std::string spec;     // as asked for, e.g. "bias:reg_u=5"
    std::string name;     // Model::name()
    std::string config;   // Model::config_text()
    std::vector<RunResult> runs;
    Stat rmse, mae, within1_mean, within1_median, binary_mean, binary_median, within1_pooled, binary_pooled;
    Stat users, train_s, predict_s, learn_s, memory_bytes;
    Stat precision, recall, ndcg, map, map_norm;  // ranking (NaN otherwise)
    Stat liked_precision, liked_recall, liked_ndcg, liked_map, liked_users;  // ranking, test items >= 4 stars
    std::vector<CurvePoint> curve;  // stream: n summed over runs, rmse/within1 from the pooled buckets
    ListStats cold, with_ratings, mixed, warm_only;  // cold protocol (ColdLists)
};
ModelSummary summarize(std::string spec, const Model& m, std::vector<RunResult> runs);
// The stream curve pooled over runs: n summed, rmse and within1 from the pooled sums (empty when runs have none).
std::vector<CurvePoint> pooled_curve(std::span<const RunResult> runs);

struct ModelEntry {
    std::string spec;
    ModelFactory make;
};
// Entries built with make_model(); throws ParamError for a bad spec.
std::vector<ModelEntry> model_entries(std::span<const std::string> specs);

struct EvalReport {
    std::string dataset;          // Dataset::name
    std::string dataset_path;     // as given ("embedded" or a path)
    Protocol protocol = Protocol::Split;
    ProtocolParams params;
    std::vector<uint64_t> seeds;  // seeds used (empty for folds)
    std::vector<std::string> run_labels;
    uint32_t users = 0;             // users taking part in the first run (paper: sampled, at most params.users)
    uint32_t qualifying_users = 0;  // paper: users with >= reviews ratings
    std::vector<std::string> notes; // e.g. fewer users qualified than asked
    std::vector<ModelSummary> models;
};

using Progress = std::function<void(const std::string&)>;

// Runs every model through the protocol (ranking: at cut-off params.k) by running an
// EvalJob (job.hpp) to the end. Folds need dataset_path to be an ml-100k directory (std::invalid_argument
// otherwise). `progress` gets one line per run and model.
EvalReport run_evaluation(const Dataset& ds, const std::string& dataset_path, Protocol protocol,
                          const ProtocolParams& params, std::span<const ModelEntry> models,
                          const Progress& progress = {});

}  // namespace wl
