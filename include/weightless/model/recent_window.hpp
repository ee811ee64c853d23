// "Weigh recent ratings more", as a window: a person's model holds only their latest ratings. Any model that forgets
// exactly (the rating WNN, the weightless ranker, the app's blended list, EASE's person side) is wrapped, and the
// wrapper keeps each person's whole history in time order: a rating that falls out of the window is forgotten by the
// inner model (one exact table decrement in a WNN), and comes back if a later forget makes room. So every rating is
// still one table write (plus at most one un-write), and forget(r) exactly undoes learn(r).
//
// Why a window and not an exponential decay of each write: the WNN's cells are integer counts and sums, which is what
// makes forget exact and native == wasm. A decayed write (weight 2^(k/h) for the k-th rating, renormalised) needs
// cells that grow without bound, then a rescaling of every cell of the person, which is neither one write nor exactly
// undoable. docs/RECENCY.md measures the window on the stream protocol.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "weightless/model/model.hpp"
#include "weightless/model/wnn_blend.hpp"

namespace wl {

struct RecentConfig {
    int32_t ratings = 0;  // keep the person's latest N ratings (0: no limit)
    int32_t days = 0;     // keep the ratings within D days of the person's latest (0: no limit)
    // wnn-blend: 0 windows the list's parts only (EASE's set, the ranker), and its rating network keeps every rating.
    bool stars = true;
    bool active() const { return ratings > 0 || days > 0; }
    template <class V>
    void visit(V& v) {
        v.field("recent", ratings, 0, 1000000, "learn only the person's latest N ratings (0: all)");
        v.field("recent_days", days, 0, 100000, "learn only ratings within D days of the person's latest (0: all)");
        v.flag("recent_stars", stars, "wnn-blend: the window applies to its rating network too (0: the list only)");
    }
};

// Takes the recency keys (recent=, recent_days=) out of a model's parameter text: the config they set and the
// text without them. Throws ParamError for a bad value.
std::pair<RecentConfig, std::string> split_recent_params(std::string_view params);

class RecentWindowModel : public Model {
public:
    // Throws std::invalid_argument when `inner` cannot forget, `cfg` is not active, or recent_stars=0 is asked of a
    // model other than wnn-blend.
    RecentWindowModel(std::unique_ptr<Model> inner, RecentConfig cfg);

    std::string name() const override { return inner_->name(); }
    std::string kind() const override { return "recent"; }
    std::string config_text() const override;
    const RecentConfig& config() const { return cfg_; }
    const Model& inner() const { return *inner_; }

    // The inner model's fit on every training rating (public statistics see them all), then each training user's
    // ratings beyond their window are forgotten (each user's ratings in time order, ties in the given order).
    void fit(const TrainData& data) override;
    void prepare(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    // Undoes learn(r) exactly: r is found by item and stars (its timestamp when several match), and a rating the
    // window had dropped for it comes back. std::invalid_argument when r was never learned.
    void forget(const Rating& r) override;

    double predict(uint32_t user, uint32_t item) const override { return inner_->predict(user, item); }
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override {
        inner_->predict_many(user, items, out);
    }
    double rank_score(uint32_t user, uint32_t item) const override { return inner_->rank_score(user, item); }
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override {
        inner_->rank_scores(user, items, out);
    }
    std::vector<Reason> explain(uint32_t user, uint32_t item, size_t max) const override {
        return inner_->explain(user, item, max);
    }
    int predict_thermometer(uint32_t user, uint32_t item) const override { return inner_->predict_thermometer(user, item); }

    // The window config, the inner model's kind and bytes, then every user's history (item, stars, timestamp in
    // time order); where each window starts follows from the rules. load() checks the inner kind and the histories;
    // that the inner model holds exactly the windows rests on the file (a forget that disagrees throws, never crashes).
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // The user's ratings in time order, and how many of the oldest the window leaves out.
    std::span<const Rating> history(uint32_t user) const;
    size_t dropped(uint32_t user) const { return user < people_.size() ? people_[user].start : 0; }
    // Where the window of `h` (one person's ratings in time order) starts under `cfg`: the rule itself, which the
    // app's list setting applies too (app/logic/engine.hpp).
    static size_t window_start(const RecentConfig& cfg, std::span<const Rating> h);

private:
    struct Person {
        std::vector<Rating> history;  // every learned rating, ascending timestamp (ties in learn order)
        size_t start = 0;             // history[start..] is what the inner model holds
    };
    // Moves the inner model to the window the rules give now (learning or forgetting at its old edge).
    void settle(Person& p);
    // A rating entering / leaving the window: the whole inner model, or (recent_stars=0) the blend's list parts.
    void enter(const Rating& r);
    void leave(const Rating& r);

    std::unique_ptr<Model> inner_;
    WnnBlendModel* lists_only_ = nullptr;  // recent_stars=0: the inner blend, whose stars hold every rating
    RecentConfig cfg_;
    std::vector<Person> people_;
};

}  // namespace wl
