// The one implementation of every protocol, cut into bounded units of work so that it can be resumed:
// weightless-eval runs it to the end in a loop (run_evaluation), the app's lab gives it a time budget per frame.
// A unit is building a run, one step of a model's fit (Model::fit_in_steps), or one slice of the protocol's
// scoring (a few dozen predictions, a few dozen replayed ratings, one run's top-N lists).
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/eval/list_filter.hpp"
#include "weightless/eval/run.hpp"

namespace wl {

// One model through one run of a protocol: fit (timed), then the protocol's scoring (timed), in units. The
// scoring's unit of work per user or rating is one place in job.cpp: RatingTask::step (a slice of test ratings),
// RankingTask::step (rank_run over the run's users) and StreamTask::replay (one rating: predict, then learn).
class RunTask {
public:
    virtual ~RunTask() = default;
    // Does one unit; returns true while work remains. After it returned false, result() is final.
    virtual bool step() = 0;
    virtual double progress() const = 0;   // 0..1: the fit is the first 30 %, the scoring the rest
    virtual const char* doing() const = 0; // "fitting", "predicting", "replaying", "ranking"
    virtual std::string where() const { return {}; }  // the part being worked on, e.g. "group 2/5"
    virtual RunResult result() const = 0;
};

// Paper, split, folds (and their validation runs): fit m on run.train, then predict run.test in order.
// `m`, `catalogue` and `run` must outlive the task.
std::unique_ptr<RunTask> rating_task(Model& m, const Dataset& catalogue, const EvalRun& run);
// Ranking: fit m on run.train, then rank_run at cut-off k over the movies `filter` admits.
std::unique_ptr<RunTask> ranking_task(Model& m, const Dataset& catalogue, const EvalRun& run, uint32_t k,
                                      const ListFilter& filter = {});
// Cold: a model from `make` fitted on run.cold_train scores the cold-only, mixed and warm-only lists (one unit
// each); then a fresh one fitted on run.warm.train scores the cold-only lists again (ColdLists). `run` must outlive it.
std::unique_ptr<RunTask> cold_task(ModelFactory make, const Dataset& catalogue, const ColdRun& run, uint32_t k);
// Stream: for each group a fresh model from `make`, fitted on the background, then each group user's ratings
// predicted then learned in replay order. Metrics pool every group's predictions; memory is the groups' mean.
// rank_first > 0: also ranks the next movie for each user's first rank_first ratings (ProtocolParams::stream_rank).
std::unique_ptr<RunTask> stream_task(ModelFactory make, const Dataset& catalogue, std::span<const StreamGroup> groups,
                                     std::string label, uint32_t rank_first = 0, uint32_t k = 10);

// Every model through every run of a protocol (seeds params.seed.., or the five folds), in units.
class EvalJob {
public:
    // Checks the request (std::invalid_argument: folds without an ml-100k directory at dataset_path, no seed,
    // validation on stream, k == 0); `progress` gets one line per finished run and model, and notes.
    EvalJob(const Dataset& ds, std::string dataset_path, Protocol protocol, ProtocolParams params,
            std::vector<ModelEntry> models, Progress progress = {});
    ~EvalJob();

    // Does one unit; returns true while work remains.
    bool step();
    bool done() const { return done_; }
    double progress() const;   // 0..1
    std::string phase() const; // what the next unit works on, e.g. "seed 1: wnn-best fitting"

    uint32_t runs() const { return n_runs_; }
    uint32_t runs_done() const { return run_; }
    // Finished runs of each model, in the order of the models given.
    const std::vector<std::vector<RunResult>>& results() const { return results_; }
    // The report: the run description fills in as runs are built, `models` once the job is done.
    const EvalReport& report() const { return report_; }
    const std::vector<ModelEntry>& models() const { return models_; }

private:
    void build_run();
    void start_task();
    bool next_run();  // after the run's last model: the next run, or the summaries when none is left
    void say(const std::string& s) const;

    const Dataset& ds_;
    const Dataset catalogue_;  // ds without its ratings: models learn only from a run's training ratings
    Protocol protocol_;
    ProtocolParams params_;
    ListFilter filter_;        // params_.filter, read against ds's genres
    std::vector<ModelEntry> models_;
    Progress progress_;
    EvalReport report_;
    std::vector<std::vector<RunResult>> results_;
    uint32_t n_runs_ = 0;

    // Cursor: run run_, model model_; the run's data while it is built.
    uint32_t run_ = 0;
    size_t model_ = 0;
    bool built_ = false, done_ = false;
    EvalRun eval_run_;
    ColdRun cold_run_;
    std::vector<StreamGroup> groups_;
    std::unique_ptr<Model> current_;
    std::unique_ptr<RunTask> task_;
};

}  // namespace wl
