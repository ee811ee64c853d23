// The lab's resumable job (see lab.hpp). Each model sees exactly what weightless-eval gives it: the same runs from
// the same seeds, fit on the run's training ratings, then the test ratings predicted in order (stream: predicted
// then learned, oldest first), scored by the same metrics; only the loop is cut into slices.
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

constexpr size_t kSlice = 64;  // predictions per unit: a few hundred microseconds at most

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

LabJob::LabJob(const Dataset& ds, LabConfig cfg) : ds_(ds), cfg_(std::move(cfg)) {
    if (cfg_.protocol == Protocol::Folds)
        throw std::invalid_argument("the folds protocol needs the ml-100k files, which the app does not ship");
    if (cfg_.protocol == Protocol::Ranking) throw std::invalid_argument("the lab does not run the ranking protocol");
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
    buckets_.assign(results_.size() * stream_buckets().size(), Bucket{});
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
            const std::string what = phase();
            unit();
            const double ms = ms_since(u0);
            if (ms > longest_unit_ms_) {
                longest_unit_ms_ = ms;
                longest_unit_ = what;
            }
        } while (state_ == State::Running && ms_since(t0) < budget_ms);
    } catch (const std::exception& e) {
        error_ = e.what();
        state_ = State::Failed;
        fit_.reset();
        model_.reset();
    }
    work_ms_ += ms_since(t0);
    return state_ == State::Running;
}

void LabJob::cancel() {
    if (state_ != State::Running) return;
    state_ = State::Cancelled;
    fit_.reset();
    model_.reset();
    groups_.clear();
    run_ = EvalRun{};
}

double LabJob::progress() const {
    if (state_ == State::Done) return 1.0;
    const double tasks = static_cast<double>(cfg_.seeds) * static_cast<double>(results_.size());
    // Of the current (seed, model) or stream group: the fit is the first 30 %, predicting or replaying the rest.
    const double fitted = fit_ ? 0.3 * fit_->progress() : 0.0;
    double frac = 0;
    if (run_ready_ && cfg_.protocol == Protocol::Stream && !groups_.empty()) {
        double in_group = fitted;
        if (model_ && !fit_) {
            const auto& users = groups_[g_].users;
            in_group = 0.3 + 0.7 * static_cast<double>(u_) / static_cast<double>(std::max<size_t>(users.size(), 1));
        }
        frac = (static_cast<double>(g_) + in_group) / static_cast<double>(groups_.size());
    } else if (run_ready_) {
        frac = model_ && !fit_ ? 0.3 + 0.7 * static_cast<double>(pos_) / static_cast<double>(std::max<size_t>(run_.test.size(), 1))
                               : fitted;
    }
    const double done = static_cast<double>(s_) * static_cast<double>(results_.size()) + m_ + frac;
    return std::min(1.0, done / tasks);
}

std::string LabJob::phase() const {
    switch (state_) {
        case State::Done: return "finished";
        case State::Cancelled: return "cancelled";
        case State::Failed: return "failed: " + error_;
        case State::Running: break;
    }
    const std::string seed = "seed " + std::to_string(cfg_.seed + s_);
    if (!run_ready_) return seed + ": building the run";
    const std::string& name = results_[m_].spec;
    if (cfg_.protocol == Protocol::Stream)
        return seed + ", group " + std::to_string(g_ + 1) + "/" + std::to_string(groups_.size()) + ": " + name +
               (model_ && !fit_ ? " replaying" : " fitting");
    return seed + ": " + name + (model_ && !fit_ ? " predicting" : " fitting");
}

void LabJob::begin_run() {
    const uint64_t seed = cfg_.seed + s_;
    switch (cfg_.protocol) {
        case Protocol::Paper:
            run_ = make_paper_run(ds_, cfg_.users, cfg_.reviews, seed, &qualifying_);
            if (qualifying_ == 0)
                throw std::runtime_error("no user of the catalogue has " + std::to_string(cfg_.reviews) + " ratings");
            break;
        case Protocol::Split: run_ = make_split_run(ds_, seed); break;
        case Protocol::Stream: groups_ = make_stream_groups(ds_, seed, cfg_.groups); break;
        default: throw std::invalid_argument("unsupported protocol");
    }
    run_ready_ = true;
    m_ = 0;
    g_ = u_ = k_ = pos_ = 0;
    preds_.clear();
}

void LabJob::unit() {
    if (!run_ready_) {
        begin_run();
        return;
    }
    LabModelResult& res = results_[m_];
    if (cfg_.protocol != Protocol::Stream) {
        if (!model_ || fit_) {
            if (fit_step(res, run_.train)) return;
            pos_ = 0;
            preds_.clear();
            preds_.reserve(run_.test.size());
            return;
        }
        const auto t0 = Clock::now();
        for (size_t n = 0; n < kSlice && pos_ < run_.test.size(); ++n) preds_.push_back(score(*model_, run_.test[pos_++]));
        res.predict_s += ms_since(t0) / 1000.0;
        if (pos_ == run_.test.size()) finish_model();
        return;
    }
    // Stream: a fresh model per group, fitted on the other users, then each group user replayed oldest first.
    StreamGroup& grp = groups_[g_];
    if (!model_ || fit_) {
        if (!model_ && g_ == 0) preds_.clear();
        if (fit_step(res, grp.background)) return;
        u_ = k_ = 0;
        return;
    }
    const size_t nb = stream_buckets().size();
    const auto t0 = Clock::now();
    for (size_t n = 0; n < kSlice && u_ < grp.users.size();) {
        const auto& seq = grp.users[u_];
        if (k_ >= seq.size()) {
            ++u_;
            k_ = 0;
            continue;
        }
        const Rating& r = seq[k_];
        const Prediction p = score(*model_, r);
        model_->learn(r);
        preds_.push_back(p);
        size_t b = 0;
        while (b + 1 < nb && !(k_ >= res.curve[b].seen_lo && k_ <= res.curve[b].seen_hi)) ++b;
        Bucket& acc = buckets_[m_ * nb + b];
        const double err = p.stars - r.stars();
        ++acc.n;
        acc.se += err * err;
        acc.within += within_one_star(p.thermometer, thermometer_true(r.half_stars)) ? 1 : 0;
        ++k_;
        ++n;
    }
    res.predict_s += ms_since(t0) / 1000.0;
    if (u_ < grp.users.size()) return;
    res.memory_bytes = model_->memory_bytes();
    model_.reset();
    if (++g_ == groups_.size()) finish_model();
}

bool LabJob::fit_step(LabModelResult& res, std::span<const Rating> train) {
    const auto t0 = Clock::now();
    if (!model_) {
        model_ = make_model(res.spec);
        fit_ = model_->fit_in_steps(TrainData{ds_, train});
    }
    const bool more = fit_->step();
    res.fit_s += ms_since(t0) / 1000.0;
    if (!more) fit_.reset();
    return more;
}

void LabJob::finish_model() {
    LabModelResult& res = results_[m_];
    Metrics mt = compute_metrics(preds_);
    if (cfg_.protocol != Protocol::Stream) {
        mt.users = run_.users;
        res.memory_bytes = model_->memory_bytes();
    } else {
        const size_t nb = res.curve.size();
        for (size_t b = 0; b < nb; ++b) {
            const Bucket& acc = buckets_[m_ * nb + b];
            const double n = static_cast<double>(acc.n);
            res.curve[b].n = acc.n;
            res.curve[b].rmse = acc.n ? std::sqrt(acc.se / n) : std::nan("");
            res.curve[b].within1 = acc.n ? static_cast<double>(acc.within) / n : std::nan("");
        }
    }
    res.runs.push_back(mt);
    model_.reset();
    preds_.clear();
    g_ = u_ = k_ = pos_ = 0;
    if (++m_ < results_.size()) return;
    ++runs_done_;
    run_ready_ = false;
    run_ = EvalRun{};
    groups_.clear();
    m_ = 0;
    if (++s_ == cfg_.seeds) state_ = State::Done;
}

}  // namespace wl::app
