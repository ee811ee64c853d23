// wnn-blend: the list the app shows. Three signals about one person, each learned from their ratings alone and
// each forgetting exactly: EASE's public item weights summed over what they rated (what people who watch those
// movies watch), the personal weightless ranker's response over the same public model (wnn-rank), and the personal
// rating WNN's predicted stars (whether they will *like* it); optionally a low-rank model's scores beside them
// (iALS, fitted centrally like EASE: a person's vector is solved from their rated set). The rank score is
//     ease / max_ease + w_rank * rank / max_rank + w_factors * ials / max_ials + w_stars * (stars - 3) / 2,
// the maxima taken over the whole catalogue for that person, so the score of an item never depends on which
// other items are candidates. predict() is the rating WNN's: the stars shown beside the list are an honest rating.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/ials.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/model/wnn_rank.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// EASE as the app ships it (scripts/lib/shipped-item-model.txt, which a test holds to this): the 300 x movies
// largest |w| over the whole matrix, at 8 bits (docs/ITEM_MODEL_CURVE.md), so `wnn-blend` is the app's list.
inline EaseConfig shipped_ease_config() {
    EaseConfig e;
    e.k = 300;
    e.spread = Spread::Global;
    e.bits = WeightBits::I8;
    return e;
}

struct WnnBlendConfig {
    EaseConfig ease = shipped_ease_config();
    WnnRankConfig rank;
    IalsConfig factors;
    std::string stars_preset = "best";  // not a visited field: the rating network is the wnn-<preset> model
    // Chosen on validation data only, scored on both relevance kinds (scripts/tune-ranking.sh, docs/TUNING.md): on
    // validation the predicted stars lift "liked" precision without lowering the plain kind.
    double w_rank = 0.25;
    double w_stars = 0.25;
    double w_factors = 0.0;
    template <class V>
    void visit(V& v) {
        v.group("ease", ease);
        v.group("rank", rank);
        v.group("factors", factors);
        v.field("w_rank", w_rank, 0.0, 100.0, "weight of the weightless ranker's response (relative to EASE)");
        v.field("w_stars", w_stars, 0.0, 100.0, "weight of the rating network's predicted stars");
        v.field("w_factors", w_factors, 0.0, 100.0, "weight of iALS's scores (0: no low-rank part is fitted)");
    }
};

class WnnBlendModel : public Model {
public:
    explicit WnnBlendModel(WnnBlendConfig cfg = {});
    // Over a fixed public list (the app's shipped EASE weights): fit() then reads the community's ratings only for
    // the rating network's item statistics and the codes.
    WnnBlendModel(WnnBlendConfig cfg, ItemNeighbours public_model);

    std::string name() const override { return "wnn-blend"; }
    std::string kind() const override { return "wnn-blend"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const WnnBlendConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    // fit() without learning any user: the public parts only (what a person's tab needs).
    void prepare(const TrainData& data) override;
    // prepare() for the two list parts only: the rating network stays empty until set_stars_model() (the app
    // builds it from the person's own settings, so preparing the default one first would be thrown away).
    void prepare_lists(const TrainData& data);
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    double rank_score(uint32_t user, uint32_t item) const override;
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    // The ranker's cells: the person's movies sharing the most of the recommendation's input bits.
    std::vector<Reason> explain(uint32_t user, uint32_t item, size_t max) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    const ItemNeighboursModel& ease() const { return *ease_; }
    const WnnRankModel& ranker() const { return *rank_; }
    const WnnModel& stars() const { return *stars_; }
    // Replaces the rating network (the app's tuning), which must already hold this model's users' ratings.
    void set_stars_model(std::unique_ptr<WnnModel> m) { stars_ = std::move(m); }
    // The rating network, to change directly (the app's leave-one-out).
    WnnModel& stars_mut() { return *stars_; }
    // learn / forget for the two list parts only (EASE's sets and the ranker), when the rating network is
    // taught on its own (the app rebuilds it from the ratings when it is tuned).
    void learn_lists(const Rating& r);
    void forget_lists(const Rating& r);
    // Every item's blended score for `user` (index = item).
    void score_all(uint32_t user, std::vector<double>& out) const;

private:
    void build(const TrainData& data, bool learn_users, bool with_stars = true);

    WnnBlendConfig cfg_;
    bool fixed_public_ = false;
    ItemNeighbours shipped_;
    std::unique_ptr<ItemNeighboursModel> ease_;
    std::unique_ptr<WnnRankModel> rank_;
    std::unique_ptr<WnnModel> stars_;
    std::unique_ptr<IalsModel> factors_;  // only when w_factors > 0
};

}  // namespace wl
