// The lab's adapter over the core's EvalJob (see lab.hpp): each model sees exactly what weightless-eval gives it,
// because it is the same job; only the loop is cut into slices of each frame.
#include "lab.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "weightless/model/registry.hpp"

namespace wl::app {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double mean_of(const std::vector<Metrics>& runs, double Metrics::*field) {
    if (runs.empty()) return std::nan("");
    double s = 0;
    for (const auto& m : runs) s += m.*field;
    return s / static_cast<double>(runs.size());
}

}  // namespace

double LabModelResult::rmse() const { return mean_of(runs, &Metrics::rmse); }
double LabModelResult::within1_mean() const { return mean_of(runs, &Metrics::within1_mean); }
double LabModelResult::within1_pooled() const { return mean_of(runs, &Metrics::within1); }

LabJob::LabJob(const Dataset& ds, LabConfig cfg) : cfg_(std::move(cfg)) {
    if (cfg_.protocol == Protocol::Folds)
        throw std::invalid_argument("the folds protocol needs the ml-100k files, which the app does not ship");
    if (cfg_.protocol == Protocol::Ranking || cfg_.protocol == Protocol::Cold)
        throw std::invalid_argument("the lab does not run the ranking protocols");
    if (cfg_.models.empty()) throw std::invalid_argument("choose at least one model");
    if (cfg_.seeds < 1 || cfg_.seeds > 20) throw std::invalid_argument("seeds must be 1..20");
    if (cfg_.protocol == Protocol::Paper && cfg_.users < 1) throw std::invalid_argument("paper needs at least 1 user");
    if (cfg_.protocol == Protocol::Paper && test_count(cfg_.reviews) == 0) {
        uint32_t least = cfg_.reviews;
        while (test_count(least) == 0) ++least;
        throw std::invalid_argument("paper needs at least " + std::to_string(least) +
                                    " reviews per user, so that one of them is held out for testing");
    }
    if (cfg_.groups < 2 || cfg_.groups > 20) throw std::invalid_argument("stream groups must be 2..20");
    for (const auto& spec : cfg_.models) {
        LabModelResult r;
        r.spec = spec;
        r.name = make_model(spec)->name();  // a bad spec fails here, before any work
        if (cfg_.protocol == Protocol::Stream) r.curve = stream_buckets();
        results_.push_back(std::move(r));
    }
    ProtocolParams params;
    params.users = cfg_.users;
    params.reviews = cfg_.reviews;
    params.seeds = cfg_.seeds;
    params.seed = cfg_.seed;
    params.groups = cfg_.groups;
    job_ = std::make_unique<EvalJob>(ds, "embedded", cfg_.protocol, params, model_entries(cfg_.models));
}

const char* LabJob::state_name() const {
    switch (state_) {
        case State::Running: return "running";
        case State::Done: return "done";
        case State::Cancelled: return "cancelled";
        case State::Failed: return "failed";
    }
    return "?";
}

bool LabJob::step(double budget_ms) {
    if (state_ != State::Running) return false;
    const auto t0 = Clock::now();
    try {
        do {
            const auto u0 = Clock::now();
            const std::string what = job_->phase();
            const uint32_t built = static_cast<uint32_t>(job_->report().run_labels.size());
            const bool more = job_->step();
            const double ms = ms_since(u0);
            if (ms > longest_unit_ms_) {
                longest_unit_ms_ = ms;
                longest_unit_ = what;
            }
            if (cfg_.protocol == Protocol::Paper && built == 0 && job_->report().qualifying_users == 0)
                throw std::runtime_error("no user of the catalogue has " + std::to_string(cfg_.reviews) + " ratings");
            if (!more) state_ = State::Done;
        } while (state_ == State::Running && ms_since(t0) < budget_ms);
        refresh();
    } catch (const std::exception& e) {
        error_ = e.what();
        state_ = State::Failed;
        job_.reset();
    }
    work_ms_ += ms_since(t0);
    return state_ == State::Running;
}

void LabJob::refresh() {
    const auto& runs = job_->results();
    for (size_t i = 0; i < results_.size(); ++i) {
        LabModelResult& r = results_[i];
        if (runs[i].size() == r.runs.size()) continue;
        r.runs.clear();
        r.fit_s = r.predict_s = r.learn_s = 0;
        for (const auto& run : runs[i]) {
            r.runs.push_back(run.metrics);
            r.fit_s += run.train_s;
            r.predict_s += run.predict_s;
            r.learn_s += run.learn_s;
            r.memory_bytes = run.memory_bytes;
        }
        if (cfg_.protocol == Protocol::Stream) r.curve = pooled_curve(runs[i]);
    }
    runs_done_ = job_->runs_done();
    qualifying_ = job_->report().qualifying_users;
    progress_ = job_->progress();
}

void LabJob::cancel() {
    if (state_ != State::Running) return;
    state_ = State::Cancelled;
    job_.reset();  // drops the models and the run being worked on; the finished results stay
}

double LabJob::progress() const { return state_ == State::Done ? 1.0 : job_ ? job_->progress() : progress_; }

std::string LabJob::phase() const {
    switch (state_) {
        case State::Done: return "finished";
        case State::Cancelled: return "cancelled";
        case State::Failed: return "failed: " + error_;
        case State::Running: break;
    }
    return job_->phase();
}

}  // namespace wl::app
