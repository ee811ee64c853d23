// The WNN recommender behind the one Model interface: item encoder + per-user n-tuple networks, learn/forget,
// three prediction modes, save/load and an explanation hook for the app.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "weightless/encode/encoder.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/wnn_network.hpp"
#include "weightless/model/wnn_config.hpp"

namespace wl {

class WnnModel : public Model {
public:
    // Throws std::invalid_argument for out-of-range parameters or a combination that would need absurd memory.
    explicit WnnModel(WnnConfig cfg = {}, std::string name = "wnn");

    std::string name() const override { return name_; }
    std::string kind() const override { return "wnn"; }
    std::string config_text() const override;

    // Fits the encoder on the training ratings, precomputes item addresses, then learns every training rating.
    void fit(const TrainData& data) override;
    // fit() for models that augment a central one (the hybrid): `external` feeds the encoder's external block
    // (used when config().encoder.external.enabled), and a non-empty `item_base` (offset=item only; one value per
    // catalogue item, in stars, clamped to [0.5, 5]) replaces the shrunk item means as the residual baseline.
    // Throws std::invalid_argument for features or baselines that do not fit the catalogue.
    void fit(const TrainData& data, const ExternalFeatures& external, std::span<const double> item_base = {});
    // Everything of fit() but learning the ratings: the encoder, the training totals behind the fallbacks and
    // (offset=item) the item baselines, with no user learned yet. fit(data) is exactly prepare(data) followed by
    // learn() of every training rating in order. The app gives one person a network over the catalogue's item
    // statistics this way, without holding every other user's tables.
    void prepare(const TrainData& data, const ExternalFeatures& external = {}, std::span<const double> item_base = {});
    // prepare() in the first step, then the training ratings in slices of kFitSlice.
    std::unique_ptr<FitJob> fit_in_steps(const TrainData& data) override;
    static constexpr size_t kFitSlice = 1024;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    // Exactly undoes learn(r) (timestamp ignored); std::invalid_argument when r was never learned.
    void forget(const Rating& r) override;

    double predict(uint32_t user, uint32_t item) const override;
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    int predict_thermometer(uint32_t user, uint32_t item) const override;  // -1 unless mode=thermometer

    // Saves config text, encoder (thresholds + codes), training totals, (offset=item) the item baselines, and every
    // user's learned ratings, plus a checksum of the RAM tables; load() relearns the ratings and verifies the tables
    // against that checksum. The offset keys are saved only when offset=item: offset=none files are unchanged, and
    // builds that predate the option refuse offset=item files (unknown parameter) rather than misread them.
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    const WnnConfig& config() const { return cfg_; }
    bool fitted() const { return fitted_; }
    const Encoder& encoder() const { return enc_; }
    const WnnNetwork& network() const { return net_; }
    // WiSARD's "mental image" of one prediction, by feature: each written cell's term (WnnNetwork::cell_terms)
    // shared equally among the input bits its RAM reads, summed per feature of the item: a genre bit as the genre
    // ("Comedy", or "not Comedy" when the movie lacks it), a thermometer as its feature ("year", "popularity",
    // "mean", ...). Sorted by stars, most positive first; the values sum to the prediction minus base_stars.
    // Empty when the mode does not split into terms (see cell_terms).
    struct FeatureInfluence {
        std::string feature;
        double stars = 0;
    };
    std::vector<FeatureInfluence> feature_influence(uint32_t user, uint32_t item) const;
    // See WnnNetwork::confidence.
    double confidence(uint32_t user, uint32_t item) const;
    // For each rated item: how many of `item`'s addressed cells (over all members x RAMs) it shares, sorted
    // descending. The mappings are shared by all users, so `user` only selects whose explanation this is.
    std::vector<std::pair<uint32_t, uint32_t>> shared_cells(uint32_t user, uint32_t item,
                                                            std::span<const uint32_t> rated_items) const;
    // The user's rated items sharing the most cells with `item` (shared_cells over the user's history, count > 0).
    std::vector<Reason> explain(uint32_t user, uint32_t item, size_t max) const override;

private:
    struct Prepared {
        Encoder enc;
        WnnNetwork net;
    };
    Prepared prepared(const TrainData& data, const ExternalFeatures& external, std::span<const double> item_base) const;
    void commit(Prepared p);
    void require_fitted(const char* what) const;

    WnnConfig cfg_;
    std::string name_;
    bool fitted_ = false;
    Encoder enc_;
    WnnNetwork net_;
};

}  // namespace wl
