// Ranking from public item factors: a person's vector is solved from the item factors and the set of movies they
// have rated (any stars), as in implicit ALS (Hu, Koren, Volinsky 2008): each rated movie is a positive with
// confidence 1 + alpha, every other movie a zero with confidence 1, ridge reg. The score of item i is x_u . y_i.
// IalsModel fits the item factors centrally from the training ratings; ItemFactorsModel takes factors trained
// elsewhere (e.g. Spark MLlib's ALS `itemFactors`, item_model.hpp) and only reads which items the users rated.
// The person side is the set alone: x_u is recomputed from the sorted set after every learn/forget, so forget is
// exact, and a browser tab can do it from shipped factors (one f x f solve per rating).
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/implicit_people.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// How a person's vector is solved from item factors: x_u = (Y^T Y + alpha Y_u^T Y_u + r I)^-1 (1 + alpha) Y_u^T 1,
// Y_u the rows of the user's rated items, r = reg (times |Y_u| when scale_reg, as Spark's ALS regularises).
struct FactorSolveConfig {
    double alpha = 10.0;
    double reg = 1.0;
    bool scale_reg = false;
    template <class V>
    void visit(V& v) {
        v.field("alpha", alpha, 0.0, 1e6, "confidence of a rated movie is 1 + alpha");
        v.field("reg", reg, 1e-6, 1e9, "ridge penalty of each user (and item) solve");
        v.flag("scale_reg", scale_reg, "multiply reg by the user's number of rated movies (Spark ALS)");
    }
};

// Defaults chosen on validation data only (scripts/tune-ranking.sh, docs/TUNING.md).
struct IalsConfig {
    int32_t factors = 32;
    double alpha = 30.0;
    double reg = 100.0;
    int32_t iterations = 10;
    int32_t seed = 1;
    template <class V>
    void visit(V& v) {
        v.field("factors", factors, 1, 1024, "latent dimensions f");
        v.field("alpha", alpha, 0.0, 1e6, "confidence of a rated movie is 1 + alpha");
        v.field("reg", reg, 1e-6, 1e9, "ridge penalty of every user and item solve");
        v.field("iterations", iterations, 1, 1000, "alternating sweeps (users then items)");
        v.field("seed", seed, 0, 2147483647, "seed of the item factors' initialisation");
    }
    FactorSolveConfig solve() const { return {alpha, reg, false}; }
};

// The alternating least squares fit: item factors from the training ratings (every rating a positive).
// Items without training ratings get a zero vector and known = 0.
ItemFactors fit_ials(const TrainData& data, const IalsConfig& cfg);

class ItemFactorsModel : public Model {
public:
    // A model over fixed public factors (imported or shipped): fit() only reads which items the training users rated.
    explicit ItemFactorsModel(ItemFactors f, FactorSolveConfig solve = {}, std::string name = "item-factors");

    std::string name() const override { return name_; }
    std::string kind() const override { return "item-factors"; }
    std::string config_text() const override { return params_to_text(solve_); }
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    // The global training mean for everyone: relevance is not a rating (as for popularity and EASE).
    double predict(uint32_t user, uint32_t item) const override;
    // x_u . y_i (0 for a user with no rated movie or an item outside the factors).
    double rank_score(uint32_t user, uint32_t item) const override;
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    const ItemFactors& factors() const { return f_; }
    const InteractionSets& sets() const { return people_.sets(); }
    // The user's solved vector (empty span for a user with no rated movie).
    std::span<const double> user_vector(uint32_t user) const;

protected:
    ItemFactorsModel(std::string name, FactorSolveConfig solve) : solve_(solve), name_(name), people_(std::move(name)) {}
    // Builds the factors from the training ratings; the base keeps the factors it was given.
    virtual ItemFactors build(const TrainData& data) { (void)data; return f_; }
    virtual void save_config(ByteWriter& w) const { w.str(params_to_text(solve_)); }
    // Parses the saved config into `solve`; the returned action commits the subclass's own config.
    virtual std::function<void()> read_config(ByteReader& r, FactorSolveConfig& solve);

    ItemFactors f_;
    FactorSolveConfig solve_;

private:
    // Every derived quantity (Y^T Y and the user vectors) from f_, solve_ and people_.
    void derive();
    void solve_user(uint32_t user);

    std::string name_;
    ImplicitPeople people_;
    std::vector<double> gram_;                // f x f, Y^T Y
    std::vector<std::vector<double>> users_;  // x_u (empty when the user has no rated movie)
};

class IalsModel : public ItemFactorsModel {
public:
    explicit IalsModel(IalsConfig cfg = {}) : ItemFactorsModel("ials", cfg.solve()), cfg_(cfg) {}
    std::string kind() const override { return "ials"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const IalsConfig& config() const { return cfg_; }

protected:
    ItemFactors build(const TrainData& data) override { return fit_ials(data, cfg_); }
    void save_config(ByteWriter& w) const override { w.str(params_to_text(cfg_)); }
    std::function<void()> read_config(ByteReader& r, FactorSolveConfig& solve) override;

private:
    IalsConfig cfg_;
};

}  // namespace wl
