// The one interface every recommender implements (the WNN and every baseline), so the evaluator,
// the CLI and the app treat them alike: fit on training ratings, learn/forget one rating, predict, save/load.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

// What a model may see when it is built: the catalogue (items, genres, user count) and the training ratings.
// Item statistics (popularity, mean rating, biases) must come from `ratings` only, never from dataset.ratings.
struct TrainData {
    const Dataset& catalogue;
    std::span<const Rating> ratings;
};

// A fit cut into bounded pieces, for callers that must keep drawing frames while a model trains (the app's lab).
// When step() has returned false the model is exactly as fit(data) would have left it.
class FitJob {
public:
    virtual ~FitJob() = default;
    // Does one piece of the fit (a few milliseconds at most for models that override fit_in_steps); returns true
    // while work remains.
    virtual bool step() = 0;
    virtual double progress() const = 0;  // 0..1
};

// Why a model put an item on a person's list: one of the person's own rated items and how strongly it counts
// (the model's unit: shared RAM cells for the WNNs, a public weight for EASE and kNN).
struct Reason {
    uint32_t item = 0;
    double strength = 0;
};

class Model {
public:
    virtual ~Model() = default;

    // Display name, e.g. "wnn-best" or "user-mean".
    virtual std::string name() const = 0;
    // Stable tag written into saved files; load() refuses a file of another kind.
    virtual std::string kind() const = 0;
    // The model's parameters as "key=value ..." text (empty when it has none).
    virtual std::string config_text() const { return {}; }

    // Discards all state and trains on `data`.
    virtual void fit(const TrainData& data) = 0;
    // fit(data) as a job of small steps; `data` (catalogue and ratings) must outlive the job, and the model must
    // not be used until the job is done. The default does the whole fit in its first step; models whose fit is a
    // long loop of cheap updates (the WNN) override it.
    virtual std::unique_ptr<FitJob> fit_in_steps(const TrainData& data);
    // Adds one rating after fit(). User indices beyond the catalogue are valid (new users): models grow.
    virtual void learn(const Rating& r) = 0;
    // Whether forget() is supported; when it is, forget(r) exactly undoes a previous learn(r).
    virtual bool can_forget() const { return false; }
    virtual void forget(const Rating& r);

    // Predicted rating in stars (0.5..5.0) for any user/item index; unknown users get a fallback.
    virtual double predict(uint32_t user, uint32_t item) const = 0;
    // Batch form for ranking; override when a model can share work across items.
    virtual void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const;
    // Score for top-N lists (higher first). Defaults to the predicted rating; a model whose ranking is not a
    // rating (popularity) overrides both, so predict() stays an honest rating.
    virtual double rank_score(uint32_t user, uint32_t item) const { return predict(user, item); }
    // Batch form; defaults to predict_many, so models that speed that up rank fast too.
    virtual void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const;
    // The person's rated items that most explain rank_score(user, item), strongest first, at most `max` (empty
    // for a model with no item-level reasons, e.g. the baselines).
    virtual std::vector<Reason> explain(uint32_t /*user*/, uint32_t /*item*/, size_t /*max*/) const { return {}; }
    // Optional direct thermometer output (0..10 ones) for the paper's metric; -1 when the model has none,
    // in which case the evaluator derives it from predict().
    virtual int predict_thermometer(uint32_t /*user*/, uint32_t /*item*/) const { return -1; }

    // Serialises the whole state (config included) so that load() alone restores predictions.
    virtual void save(ByteWriter& w) const = 0;
    // Replaces the state from r. On malformed input throws FormatError and leaves the model unchanged.
    virtual void load(ByteReader& r) = 0;
    // Bytes of model state held in memory (tables, parameters), for the app and the results.
    virtual size_t memory_bytes() const = 0;
};

// A versioned, checksummed file holding one model: container "WLMD" with the kind tag then the payload.
std::vector<uint8_t> save_model(const Model& m);
// Throws FormatError for a corrupt file, a foreign format or a model of another kind; `m` is unchanged then.
void load_model(Model& m, std::span<const uint8_t> bytes);

}  // namespace wl
