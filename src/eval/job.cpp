// The protocols as resumable tasks (see job.hpp). Each task keeps its own cursor; the job walks runs x models
// and builds the runs. Timing is summed over the units, so a sliced run reports what a whole one would.
#include "weightless/eval/job.hpp"

#include "weightless/eval/recommend.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace wl {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

constexpr size_t kSlice = 64;       // predictions or replayed ratings per unit: a few hundred microseconds
constexpr double kFitShare = 0.3;   // of a task's progress

double fraction(size_t done, size_t total) {
    return static_cast<double>(done) / static_cast<double>(std::max<size_t>(total, 1));
}

// A model's fit in steps, timed (summed into the given train_s).
class TimedFit {
public:
    // Starts the fit when none runs yet, else continues it; true while steps remain.
    bool step(Model& m, const TrainData& data, double& train_s) {
        const auto t0 = Clock::now();
        if (!job_) job_ = m.fit_in_steps(data);
        const bool more = job_->step();
        train_s += seconds_since(t0);
        if (!more) {
            job_.reset();
            fitted_ = true;
        }
        return more;
    }
    bool fitted() const { return fitted_; }
    void restart() { fitted_ = false; }
    double progress() const { return fitted_ ? 1.0 : job_ ? job_->progress() : 0.0; }

private:
    std::unique_ptr<FitJob> job_;
    bool fitted_ = false;
};

// What the tasks over one EvalRun share: the model, the run, the fit in steps and the result.
class RunBasedTask : public RunTask {
public:
    RunResult result() const override { return res_; }

protected:
    RunBasedTask(Model& m, const Dataset& catalogue, const EvalRun& run) : m_(m), catalogue_(catalogue), run_(run) {
        res_.label = run.label;
        res_.users = run.users;
    }
    // Does one step of the fit while it lasts; false once the model is fitted (the scoring's turn).
    bool fitting() {
        if (fit_.fitted()) return false;
        fit_.step(m_, TrainData{catalogue_, run_.train}, res_.train_s);
        return true;  // the scoring follows, even when there is nothing to score
    }
    const char* doing_or(const char* scoring) const { return fit_.fitted() ? scoring : "fitting"; }

    Model& m_;
    const Dataset& catalogue_;
    const EvalRun& run_;
    TimedFit fit_;
    RunResult res_;
};

// Paper, split, folds: predict each test rating in order.
class RatingTask final : public RunBasedTask {
public:
    RatingTask(Model& m, const Dataset& catalogue, const EvalRun& run) : RunBasedTask(m, catalogue, run) {
        preds_.reserve(run.test.size());
    }
    bool step() override {
        if (fitting()) return true;
        const auto t0 = Clock::now();
        for (size_t n = 0; n < kSlice && pos_ < run_.test.size(); ++n) preds_.push_back(score(m_, run_.test[pos_++]));
        res_.predict_s += seconds_since(t0);
        if (pos_ < run_.test.size()) return true;
        res_.metrics = compute_metrics(preds_);
        res_.memory_bytes = m_.memory_bytes();
        return false;
    }
    double progress() const override {
        return fit_.fitted() ? kFitShare + (1 - kFitShare) * fraction(pos_, run_.test.size())
                             : kFitShare * fit_.progress();
    }
    const char* doing() const override { return doing_or("predicting"); }

private:
    size_t pos_ = 0;
    std::vector<Prediction> preds_;
};

// Ranking: every test user's top-N list, scored by rank_run (ranking.hpp) in one unit.
class RankingTask final : public RunBasedTask {
public:
    RankingTask(Model& m, const Dataset& catalogue, const EvalRun& run, uint32_t k, const ListFilter& filter)
        : RunBasedTask(m, catalogue, run), k_(k) {
        // The filter's community ratings are the run's training ratings, as the lists' tie-break counts them.
        if (filter.restricts())
            allowed_ = filter_mask(catalogue, rating_counts(run.train, static_cast<uint32_t>(catalogue.num_items())), filter);
    }
    bool step() override {
        if (fitting()) return true;
        const auto t0 = Clock::now();
        res_.ranking = rank_run(m_, run_, static_cast<uint32_t>(catalogue_.num_items()), k_, allowed_);
        res_.predict_s = seconds_since(t0);
        res_.metrics = compute_metrics({});
        res_.metrics.users = res_.ranking.users;
        res_.memory_bytes = m_.memory_bytes();
        ranked_ = true;
        return false;
    }
    double progress() const override { return ranked_ ? 1.0 : kFitShare * fit_.progress(); }
    const char* doing() const override { return doing_or("ranking"); }

private:
    uint32_t k_;
    std::vector<uint8_t> allowed_;  // empty: every movie
    bool ranked_ = false;
};

// Cold: the cold-only, mixed and warm-only lists of a model fitted on the cold training part, then the cold-only lists
// of a fresh model fitted with the cold films' ratings kept. Every list's candidates leave out what the user rated in
// the warm training part (cold films included: a person's own rating is never a community rating, but they have
// seen the film), so the cold-only lists of both fits rank the same candidates for the same users. Equal scores go
// to the film with more training ratings, and among films with none to ColdRun::tie_order (a random order).
class ColdTask final : public RunTask {
public:
    ColdTask(ModelFactory make, const Dataset& catalogue, const ColdRun& run, uint32_t k)
        : make_(std::move(make)), catalogue_(catalogue), run_(run), k_(k),
          n_items_(static_cast<uint32_t>(std::max(catalogue.num_items(), run.is_cold.size()))),
          cold_ties_(tie_keys(run.cold_train)), warm_ties_(tie_keys(run.warm.train)) {
        res_.label = run.warm.label;
        // Warm-only lists hold the films with community ratings (training ratings in the cold part): the films made
        // cold and those whose only ratings are test ratings stay out; the mixed list's `flagged` counts them.
        const auto counts = rating_counts(run.cold_train, n_items_);
        with_ratings_.assign(n_items_, 0);
        without_ratings_.assign(n_items_, 0);
        for (uint32_t i = 0; i < n_items_; ++i) (counts[i] ? with_ratings_ : without_ratings_)[i] = 1;
    }
    bool step() override {
        const bool warm = stage_ == kWithRatings;
        if (!fit_.fitted()) {
            if (!model_) model_ = make_();
            fit_.step(*model_, TrainData{catalogue_, warm ? run_.warm.train : run_.cold_train}, warm ? warm_fit_s_ : res_.train_s);
            return true;
        }
        const auto t0 = Clock::now();
        switch (stage_) {
            case kCold: res_.cold.cold = lists(run_.cold_test, run_.is_cold, cold_ties_); break;
            case kMixed: res_.cold.mixed = lists(run_.warm.test, {}, cold_ties_, without_ratings_); break;
            case kWarmOnly: res_.cold.warm_only = lists(run_.warm.test, with_ratings_, cold_ties_); break;
            default: res_.cold.with_ratings = lists(run_.cold_test, run_.is_cold, warm_ties_); break;
        }
        if (!warm) res_.predict_s += seconds_since(t0);
        ++stage_;
        if (stage_ == kWithRatings) {  // the cold model's part is done: the warm one is fitted from scratch
            res_.memory_bytes = model_->memory_bytes();
            model_.reset();
            fit_.restart();
        }
        if (stage_ <= kWithRatings) return true;
        res_.ranking = res_.cold.cold;
        res_.metrics = compute_metrics({});
        res_.metrics.users = res_.ranking.users;
        res_.users = res_.ranking.users;
        model_.reset();
        return false;
    }
    double progress() const override {
        if (stage_ > kWithRatings) return 1.0;
        // Five parts of about equal weight: the cold fit, its three lists' share, the warm fit, its lists.
        const double fit_part = fit_.fitted() ? 1.0 : fit_.progress();
        const double done = stage_ == kWithRatings ? 3.0 + fit_part : fit_part + stage_;
        return std::min(1.0, done / 5.0);
    }
    const char* doing() const override {
        if (!fit_.fitted()) return stage_ == kWithRatings ? "fitting with the cold films' ratings" : "fitting";
        return "ranking";
    }
    RunResult result() const override { return res_; }

private:
    enum Stage { kCold, kMixed, kWarmOnly, kWithRatings };
    // top_k's tie key: films with training ratings above every film without, by their count; those without by
    // tie_order. (Counts above 2^32 - n_items cannot occur: a run holds fewer ratings than that.)
    std::vector<uint32_t> tie_keys(std::span<const Rating> train) const {
        auto keys = rating_counts(train, n_items_);
        for (uint32_t i = 0; i < n_items_; ++i)
            keys[i] = keys[i] ? n_items_ + keys[i] : i < run_.tie_order.size() ? run_.tie_order[i] : i;
        return keys;
    }
    RankingMetrics lists(std::span<const Rating> relevant, std::span<const uint8_t> allowed,
                         std::span<const uint32_t> popularity, std::span<const uint8_t> flagged = {}) const {
        return rank_lists(*model_, n_items_, k_, ListSpec{run_.warm.train, relevant, allowed, popularity, flagged});
    }

    ModelFactory make_;
    const Dataset& catalogue_;
    const ColdRun& run_;
    uint32_t k_, n_items_;
    std::vector<uint32_t> cold_ties_, warm_ties_;
    std::vector<uint8_t> with_ratings_, without_ratings_;
    std::unique_ptr<Model> model_;
    TimedFit fit_;
    int stage_ = kCold;
    double warm_fit_s_ = 0;
    RunResult res_;
};

size_t bucket_of(const std::vector<CurvePoint>& buckets, uint64_t seen) {
    for (size_t b = 0; b < buckets.size(); ++b)
        if (seen >= buckets[b].seen_lo && seen <= buckets[b].seen_hi) return b;
    return buckets.size() - 1;
}

// Stream: per group a fresh model fitted on the background, then each user replayed: predict, then learn.
class StreamTask final : public RunTask {
public:
    StreamTask(ModelFactory make, const Dataset& catalogue, std::span<const StreamGroup> groups, std::string label,
               uint32_t rank_first, uint32_t k)
        : make_(std::move(make)), catalogue_(catalogue), groups_(groups), buckets_(stream_buckets()),
          acc_(buckets_.size()), rank_first_(rank_first), k_(std::max<uint32_t>(k, 1)) {
        res_.label = std::move(label);
    }
    bool step() override {
        if (g_ == groups_.size()) return finish();
        const StreamGroup& grp = groups_[g_];
        if (!fit_.fitted()) {
            if (!model_) model_ = make_();
            fit_.step(*model_, TrainData{catalogue_, grp.background}, res_.train_s);
            if (fit_.fitted() && rank_first_ > 0) {  // the community's counts break ties, as in the ranking protocol
                popularity_.assign(catalogue_.num_items(), 0);
                for (const Rating& r : grp.background)
                    if (r.item < popularity_.size()) ++popularity_[r.item];
                mine_.assign(catalogue_.num_items(), 0);
            }
            return true;
        }
        for (size_t n = 0; n < kSlice && u_ < grp.users.size();) {
            const auto& seq = grp.users[u_];
            if (seen_ == 0 && !seq.empty()) ++res_.users;
            if (seen_ >= seq.size()) {
                if (rank_first_ > 0)
                    for (const Rating& r : seq) mine_[r.item] = 0;
                ++u_;
                seen_ = 0;
                continue;
            }
            replay(seq[seen_]);
            ++seen_;
            ++n;
        }
        if (u_ < grp.users.size()) return true;
        memory_ += model_->memory_bytes();
        model_.reset();
        fit_.restart();
        u_ = seen_ = 0;
        ++g_;
        return g_ < groups_.size() || finish();
    }
    double progress() const override {
        if (groups_.empty() || g_ == groups_.size()) return 1.0;
        const double in_group = fit_.fitted()
                                    ? kFitShare + (1 - kFitShare) * fraction(u_, groups_[g_].users.size())
                                    : kFitShare * fit_.progress();
        return (static_cast<double>(g_) + in_group) / static_cast<double>(groups_.size());
    }
    const char* doing() const override { return fit_.fitted() ? "replaying" : "fitting"; }
    std::string where() const override {
        return "group " + std::to_string(std::min(g_ + 1, groups_.size())) + "/" + std::to_string(groups_.size());
    }
    RunResult result() const override { return res_; }

private:
    // One rating of the replay: the user's seen_ earlier ratings are learned, this one is predicted, then learned.
    // Predict and learn interleave, so each call is timed alone (the clock adds ~50 ns per call).
    void replay(const Rating& r) {
        if (seen_ < rank_first_ && r.item < mine_.size()) rank_next(r);
        auto t0 = Clock::now();
        const Prediction p = score(*model_, r);
        res_.predict_s += seconds_since(t0);
        t0 = Clock::now();
        model_->learn(r);
        res_.learn_s += seconds_since(t0);

        preds_.push_back(p);
        CurveSums& a = acc_[bucket_of(buckets_, seen_)];
        const double err = p.stars - r.stars();
        ++a.n;
        a.se += err * err;
        a.ae += std::abs(err);
        a.within += within_one_star(p.thermometer, thermometer_true(r.half_stars));
    }
    // The list the model would show the user now, over every movie not rated yet in this replay, against the movie
    // they rate next: the one relevant item (hit at rank p: nDCG 1 / log2(p + 1)).
    void rank_next(const Rating& r) {
        const auto t0 = Clock::now();
        cand_.clear();
        for (uint32_t i = 0; i < mine_.size(); ++i)
            if (!mine_[i]) cand_.push_back(i);
        const auto list = recommend_items(*model_, r.user, cand_, popularity_, k_);
        res_.predict_s += seconds_since(t0);
        CurveSums& a = acc_[bucket_of(buckets_, seen_)];
        ++a.ranked;
        for (size_t p = 0; p < list.size(); ++p)
            if (list[p] == r.item) {
                ++a.hits;
                a.ndcg += 1.0 / std::log2(static_cast<double>(p) + 2.0);
                break;
            }
        mine_[r.item] = 1;
    }
    bool finish() {
        res_.metrics = compute_metrics(preds_);
        res_.curve = curve_of(acc_);
        res_.memory_bytes = groups_.empty() ? 0 : memory_ / groups_.size();
        return false;
    }

    ModelFactory make_;
    const Dataset& catalogue_;
    std::span<const StreamGroup> groups_;
    std::vector<CurvePoint> buckets_;
    std::vector<CurveSums> acc_;
    size_t g_ = 0, u_ = 0, seen_ = 0;
    std::unique_ptr<Model> model_;
    TimedFit fit_;
    std::vector<Prediction> preds_;
    uint64_t memory_ = 0;
    RunResult res_;
    uint32_t rank_first_ = 0, k_ = 10;
    std::vector<uint32_t> popularity_, cand_;
    std::vector<uint8_t> mine_;  // items the current user has rated so far in the replay
};

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::string progress_line(const std::string& label, const std::string& spec, const RunResult& r) {
    if (r.cold.cold.k > 0) {
        std::string at = "@";
        at += std::to_string(r.cold.cold.k);
        at += ' ';
        return "[" + label + "] " + spec + ": cold films: nDCG" + at + fmt("%.4f", r.cold.cold.ndcg) + " (with their ratings " +
               fmt("%.4f", r.cold.with_ratings.ndcg) + "), mixed list nDCG" + at + fmt("%.4f", r.cold.mixed.ndcg) +
               " vs warm only " + fmt("%.4f", r.cold.warm_only.ndcg) + ", fit " + fmt("%.3f", r.train_s) + " s";
    }
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

std::unique_ptr<RunTask> rating_task(Model& m, const Dataset& catalogue, const EvalRun& run) {
    return std::make_unique<RatingTask>(m, catalogue, run);
}

std::unique_ptr<RunTask> ranking_task(Model& m, const Dataset& catalogue, const EvalRun& run, uint32_t k,
                                      const ListFilter& filter) {
    return std::make_unique<RankingTask>(m, catalogue, run, k, filter);
}

std::unique_ptr<RunTask> cold_task(ModelFactory make, const Dataset& catalogue, const ColdRun& run, uint32_t k) {
    return std::make_unique<ColdTask>(std::move(make), catalogue, run, k);
}

std::unique_ptr<RunTask> stream_task(ModelFactory make, const Dataset& catalogue, std::span<const StreamGroup> groups,
                                     std::string label, uint32_t rank_first, uint32_t k) {
    return std::make_unique<StreamTask>(std::move(make), catalogue, groups, std::move(label), rank_first, k);
}

EvalJob::EvalJob(const Dataset& ds, std::string dataset_path, Protocol protocol, ProtocolParams params,
                 std::vector<ModelEntry> models, Progress progress)
    : ds_(ds), catalogue_(without_ratings(ds)), protocol_(protocol), params_(params), models_(std::move(models)),
      progress_(std::move(progress)), results_(models_.size()) {
    if (protocol == Protocol::Folds && !is_ml100k_dir(dataset_path))
        throw std::invalid_argument("protocol folds needs an ml-100k directory with u1..u5 files, not '" +
                                    dataset_path + "'");
    if (protocol != Protocol::Folds && params.seeds == 0) throw std::invalid_argument("seeds must be at least 1");
    if (params.stream_test && (protocol != Protocol::Stream || params.validation))
        throw std::invalid_argument("stream_test replays the stream's test half: stream protocol only, without validation");
    if ((protocol == Protocol::Ranking || protocol == Protocol::Cold) && params.k == 0)
        throw std::invalid_argument("ranking: k must be at least 1");
    if (protocol == Protocol::Cold && (params.cold_percent < 1 || params.cold_percent > 90))
        throw std::invalid_argument("cold: the cold share must be 1..90 %");
    if (!params.filter.empty() && protocol != Protocol::Ranking)
        throw std::invalid_argument("a list filter applies to the ranking protocol, not " + std::string(protocol_name(protocol)));
    filter_ = parse_list_filter(params.filter, ds.genre_names);  // std::invalid_argument names a bad part
    if (filter_.restricts()) report_.notes.push_back("lists hold only: " + describe_list_filter(filter_, ds.genre_names));
    report_.dataset = ds.name;
    report_.dataset_path = std::move(dataset_path);
    report_.protocol = protocol;
    report_.params = params;
    n_runs_ = protocol == Protocol::Folds ? 5 : params.seeds;
}

EvalJob::~EvalJob() = default;

void EvalJob::say(const std::string& s) const {
    if (progress_) progress_(s);
}

void EvalJob::build_run() {
    const uint64_t seed = params_.seed + run_;
    const bool first = run_ == 0;
    if (protocol_ != Protocol::Folds) report_.seeds.push_back(seed);
    if (protocol_ == Protocol::Stream) {
        groups_ = make_stream_groups(ds_, seed, params_.groups,
                                     params_.validation    ? StreamUsers::Validation
                                     : params_.stream_test ? StreamUsers::Test
                                                           : StreamUsers::All);
        report_.run_labels.push_back("seed " + std::to_string(seed));
        if (first)
            for (const auto& g : groups_) report_.users += static_cast<uint32_t>(g.users.size());
        built_ = true;
        return;
    }
    switch (protocol_) {
        case Protocol::Folds: eval_run_ = make_fold_run(report_.dataset_path, ds_, std::to_string(run_ + 1)); break;
        case Protocol::Split: eval_run_ = make_split_run(ds_, seed); break;
        case Protocol::Ranking:
        case Protocol::Cold: eval_run_ = make_ranking_run(ds_, seed); break;
        default: {
            uint32_t qualifying = 0;
            eval_run_ = make_paper_run(ds_, params_.users, params_.reviews, seed, &qualifying);
            if (first) {
                report_.qualifying_users = qualifying;
                if (qualifying < params_.users)
                    report_.notes.push_back("only " + std::to_string(qualifying) + " users have at least " +
                                            std::to_string(params_.reviews) + " ratings; using all of them instead of " +
                                            std::to_string(params_.users));
                if (!report_.notes.empty()) say("note: " + report_.notes.back());
            }
        }
    }
    if (params_.validation) eval_run_ = make_validation_run(eval_run_, seed);
    report_.run_labels.push_back(eval_run_.label);
    if (first) report_.users = eval_run_.users;
    if (protocol_ == Protocol::Cold) {
        cold_run_ = make_cold_run(std::move(eval_run_), static_cast<uint32_t>(ds_.num_items()), seed, params_.cold_percent);
        eval_run_ = EvalRun{};
        if (first) {
            std::vector<uint8_t> has(ds_.num_users() + 1, 0);
            uint32_t users = 0;
            for (const auto& r : cold_run_.cold_test) {
                if (r.user >= has.size()) has.resize(size_t{r.user} + 1, 0);
                users += !has[r.user];
                has[r.user] = 1;
            }
            report_.users = users;
            report_.notes.push_back(std::to_string(cold_run_.cold_films) + " cold films (" +
                                    std::to_string(params_.cold_percent) + " % of the rated), " +
                                    std::to_string(cold_run_.cold_test.size()) + " test ratings of them, " +
                                    std::to_string(users) + " users with one (first run)");
            say("note: " + report_.notes.back());
        }
    }
    built_ = true;
}

void EvalJob::start_task() {
    const ModelEntry& entry = models_[model_];
    if (protocol_ == Protocol::Stream) {
        task_ = stream_task(entry.make, catalogue_, groups_, report_.run_labels.back(), params_.stream_rank, params_.k);
        return;
    }
    if (protocol_ == Protocol::Cold) {
        task_ = cold_task(entry.make, catalogue_, cold_run_, params_.k);
        return;
    }
    current_ = entry.make();
    task_ = protocol_ == Protocol::Ranking ? ranking_task(*current_, catalogue_, eval_run_, params_.k, filter_)
                                           : rating_task(*current_, catalogue_, eval_run_);
}

bool EvalJob::step() {
    if (done_) return false;
    if (!built_) {
        build_run();
        return models_.empty() ? next_run() : true;
    }
    if (!task_) start_task();
    if (task_->step()) return true;
    results_[model_].push_back(task_->result());
    say(progress_line(report_.run_labels.back(), models_[model_].spec, results_[model_].back()));
    task_.reset();
    current_.reset();
    if (++model_ < models_.size()) return true;
    return next_run();
}

bool EvalJob::next_run() {
    model_ = 0;
    built_ = false;
    eval_run_ = EvalRun{};
    cold_run_ = ColdRun{};
    groups_.clear();
    if (++run_ < n_runs_) return true;
    for (size_t i = 0; i < models_.size(); ++i) {
        auto m = models_[i].make();
        report_.models.push_back(summarize(models_[i].spec, *m, results_[i]));
    }
    done_ = true;
    return false;
}

double EvalJob::progress() const {
    if (done_) return 1.0;
    const double tasks = static_cast<double>(n_runs_) * static_cast<double>(models_.size());
    if (tasks == 0) return 0.0;
    const double in_task = task_ ? task_->progress() : 0.0;
    const double finished = static_cast<double>(run_) * static_cast<double>(models_.size()) + static_cast<double>(model_);
    return std::min(1.0, (finished + in_task) / tasks);
}

std::string EvalJob::phase() const {
    if (done_) return "finished";
    const std::string run = protocol_ == Protocol::Folds ? "fold " + std::to_string(run_ + 1)
                                                         : "seed " + std::to_string(params_.seed + run_);
    if (!built_) return run + ": building the run";
    const std::string where = task_ ? task_->where() : protocol_ == Protocol::Stream
                                                          ? "group 1/" + std::to_string(groups_.size())
                                                          : std::string();
    return run + (where.empty() ? "" : ", " + where) + ": " + models_[model_].spec + " " +
           (task_ ? task_->doing() : "fitting");
}

}  // namespace wl
