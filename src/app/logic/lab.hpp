// The lab: the evaluator's protocols (paper, split, stream) run inside the app in time-boxed slices, so the page
// keeps drawing frames (no threads: static hosts send no COOP/COEP headers). The work is the core's EvalJob
// (weightless/eval/job.hpp), the very code weightless-eval runs; this adapter adds the app's limits, a time
// budget per frame, cancel, and the per-model summary the page draws.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/eval/job.hpp"
#include "weightless/eval/metrics.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/model.hpp"

namespace wl::app {

struct LabConfig {
    Protocol protocol = Protocol::Split;  // Paper, Split or Stream (folds need ml-100k, which the app lacks)
    uint32_t seeds = 1;                   // runs, seeds seed, seed+1, ... as in weightless-eval
    uint64_t seed = 1;
    uint32_t users = 100, reviews = 50;   // paper
    uint32_t groups = 5;                  // stream
    std::vector<std::string> models;      // registry specs
};

struct LabModelResult {
    std::string spec, name;
    std::vector<Metrics> runs;            // one per finished run
    double fit_s = 0, predict_s = 0, learn_s = 0;  // summed over runs
    uint64_t memory_bytes = 0;            // after the last run (stream: its groups' mean)
    std::vector<CurvePoint> curve;        // stream: pooled over runs
    // Means over the finished runs (NaN when none).
    double rmse() const;
    double within1_mean() const;
    double within1_pooled() const;
};

class LabJob {
public:
    // Checks the config (std::invalid_argument for folds, no model, a bad spec); the work starts with step().
    LabJob(const Dataset& ds, LabConfig cfg);

    enum class State { Running, Done, Cancelled, Failed };
    // Works until `budget_ms` has passed (always at least one unit of the EvalJob: building a run, one step of a
    // model's fit (see Model::fit_in_steps), or a slice of predictions). Returns true while work remains.
    bool step(double budget_ms);
    void cancel();

    State state() const { return state_; }
    const char* state_name() const;
    double progress() const;              // 0..1
    std::string phase() const;            // what is being done now
    const LabConfig& config() const { return cfg_; }
    const std::vector<LabModelResult>& results() const { return results_; }
    const std::string& error() const { return error_; }
    double work_ms() const { return work_ms_; }  // time spent inside step()
    // The longest single unit of work so far and what it was (the floor under the UI's frame time).
    double longest_unit_ms() const { return longest_unit_ms_; }
    const std::string& longest_unit() const { return longest_unit_; }
    uint32_t runs_done() const { return runs_done_; }
    uint32_t qualifying() const { return qualifying_; }  // paper: users with enough ratings

private:
    void refresh();  // results_ from the job's finished runs

    LabConfig cfg_;
    std::unique_ptr<EvalJob> job_;
    State state_ = State::Running;
    std::string error_;
    std::vector<LabModelResult> results_;
    double work_ms_ = 0, longest_unit_ms_ = 0;
    std::string longest_unit_;
    uint32_t runs_done_ = 0, qualifying_ = 0;
    double progress_ = 0;   // kept when a cancel drops the job
};

}  // namespace wl::app
