// Ranking from a public item -> item weight list: a person's score for item i is the sum of the weights from the
// movies they have rated (whatever the stars) to i. EASE (Steck 2019) and item kNN on the binary interaction matrix
// build the list centrally from the training ratings; a list trained elsewhere loads as data (item_model.hpp).
// The person's side is only their set of rated movies, so learn/forget are exact, and scoring pushes each rated
// movie's row into the candidates' scores (cost: ratings x row length, independent of the catalogue's size).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/implicit_people.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// Where a sparsified EASE's weights go: k per movie, or k x movies over the whole matrix (top_n_global).
enum class Spread : uint8_t { Row, Global };

// EASE as published by default: every weight, negative ones included (k = 100000 keeps a whole row of any data set
// this project fits densely). The app ships a sparser, 8-bit list (scripts/lib/shipped-item-model.txt).
struct EaseConfig {
    double lambda = 500.0;
    double dropout = 0.0;
    int32_t k = 100000;
    int32_t min_users = 10;
    Keep keep = Keep::Magnitude;
    Spread spread = Spread::Row;
    WeightBits bits = WeightBits::F32;
    template <class V>
    void visit(V& v) {
        v.field("lambda", lambda, 1e-3, 1e9, "ridge penalty of the item x item regression");
        v.field("dropout", dropout, 0.0, 0.99, "EDLAE (Steck 2020): adds p/(1-p) x G_ii to item i's penalty (0: plain EASE)");
        v.field("k", k, 1, 100000, "weights kept per item (the largest |w|, or the largest positive ones: keep; 100000: all, dense)");
        v.field("min_users", min_users, 1, 1000000, "items with fewer training users stay out of the model");
        v.choice("keep", keep, {"abs", "positive"}, "which weights a row keeps: the largest |w| (EASE as published) or w > 0 only");
        v.choice("spread", spread, {"row", "global"}, "k weights per movie, or k x movies weights over the whole matrix (the strongest anywhere)");
        v.choice("bits", bits, {"32", "16", "8"}, "weight precision (as a .wlim file stores it): float32, or 16/8-bit levels x a per-row scale");
    }
};

struct ImplicitKnnConfig {
    int32_t k = 100;
    int32_t min_users = 2;
    double shrink = 0.0;
    template <class V>
    void visit(V& v) {
        v.field("k", k, 1, 100000, "neighbours kept per item (highest cosine)");
        v.field("min_users", min_users, 1, 1000000, "items with fewer training users stay out of the model");
        v.field("shrink", shrink, 0.0, 1e6, "cosine shrunk by co-users / (co-users + shrink)");
    }
};

// The binary interaction matrix of training ratings restricted to items with >= min_users distinct users:
// `kept` maps its columns to catalogue items; `gram` is X^T X (n x n, row-major), `users_of` the column counts.
struct ImplicitGram {
    std::vector<uint32_t> kept;
    std::vector<double> gram;
    std::vector<uint32_t> users_of;
};
ImplicitGram implicit_gram(const TrainData& data, uint32_t min_users);

// EASE's closed form on a gram (Steck 2019, ease_solve.hpp), with Lambda = lambda + dropout/(1 - dropout) x G_ii on
// the diagonal (EDLAE's emphasis, Steck 2020; plain EASE at dropout 0); then sparsified (k, keep) and quantised
// (bits) as cfg says. `gram` is the n x n matrix X^T X (row-major; it ends holding B), `item_of_row` maps its rows to
// catalogue items. The solve runs on `threads` threads (0: every core); the result is the same for any number.
ItemNeighbours ease_from_gram(std::vector<double>& gram, std::span<const uint32_t> item_of_row, uint32_t n_items, const EaseConfig& cfg,
                              unsigned threads = 0);
// implicit_gram + ease_from_gram on the training ratings.
ItemNeighbours fit_ease(const TrainData& data, const EaseConfig& cfg, unsigned threads = 0);
// Cosine between the items' user sets; each candidate keeps its k nearest items (rows: what a rated item pushes to).
ItemNeighbours fit_implicit_knn(const TrainData& data, const ImplicitKnnConfig& cfg);

class ItemNeighboursModel : public Model {
public:
    // A model over a fixed public list (imported, or shipped with the app): fit() only reads which items the
    // training users rated.
    explicit ItemNeighboursModel(ItemNeighbours g, std::string name = "item-neighbours");

    std::string name() const override { return name_; }
    std::string kind() const override { return "item-neighbours"; }
    void fit(const TrainData& data) override;
    // The public list (built or given) and the training totals, with no user's set.
    void prepare(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    // The global training mean for everyone: relevance is not a rating (as for popularity).
    double predict(uint32_t user, uint32_t item) const override;
    double rank_score(uint32_t user, uint32_t item) const override;
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    const ItemNeighbours& neighbours() const { return g_; }
    const InteractionSets& sets() const { return people_.sets(); }
    // Scores for every catalogue item (index = item), pushed from the user's rated items.
    void score_all(uint32_t user, std::vector<double>& out) const;
    // The user's rated items that push weight into `item`, strongest first: (rated item, weight).
    std::vector<std::pair<uint32_t, double>> contributions(uint32_t user, uint32_t item) const;
    // The rated items pushing the most (positive) weight into `item`.
    std::vector<Reason> explain(uint32_t user, uint32_t item, size_t max) const override;

protected:
    ItemNeighboursModel(std::string name) : name_(name), people_(std::move(name)) {}
    // Builds the public list from the training ratings; the base keeps the list it was given.
    virtual ItemNeighbours build(const TrainData& data) { (void)data; return g_; }
    virtual void save_config(ByteWriter& w) const { (void)w; }
    // Parses the saved config; the returned action commits it once the whole file has checked out.
    virtual std::function<void()> read_config(ByteReader& r) { (void)r; return [] {}; }

    ItemNeighbours g_;

private:
    std::string name_;
    ImplicitPeople people_;
};

class EaseModel : public ItemNeighboursModel {
public:
    explicit EaseModel(EaseConfig cfg = {}) : ItemNeighboursModel("ease"), cfg_(cfg) {}
    std::string kind() const override { return "ease"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const EaseConfig& config() const { return cfg_; }

protected:
    ItemNeighbours build(const TrainData& data) override { return fit_ease(data, cfg_); }
    void save_config(ByteWriter& w) const override { w.str(params_to_text(cfg_)); }
    std::function<void()> read_config(ByteReader& r) override;

private:
    EaseConfig cfg_;
};

class ImplicitKnnModel : public ItemNeighboursModel {
public:
    explicit ImplicitKnnModel(ImplicitKnnConfig cfg = {}) : ItemNeighboursModel("knn-implicit"), cfg_(cfg) {}
    std::string kind() const override { return "knn-implicit"; }
    std::string config_text() const override { return params_to_text(cfg_); }

protected:
    ItemNeighbours build(const TrainData& data) override { return fit_implicit_knn(data, cfg_); }
    void save_config(ByteWriter& w) const override { w.str(params_to_text(cfg_)); }
    std::function<void()> read_config(ByteReader& r) override;

private:
    ImplicitKnnConfig cfg_;
};

}  // namespace wl
