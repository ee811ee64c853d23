// Neighbourhood collaborative filtering as Surprise's KNNBaseline: baseline mu + b_u + b_i (ALS) plus a
// similarity-weighted mean of the k nearest neighbours' deviations from their baselines. Item-based with the
// shrunk pearson_baseline similarity by default; user-based and MSD are options (Surprise's own defaults).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "weightless/model/model.hpp"
#include "weightless/model/rating_lists.hpp"
#include "weightless/util/params.hpp"

namespace wl {

enum class KnnSimilarity { PearsonBaseline, Msd };

struct KnnBaselineConfig {
    int32_t k = 40;
    int32_t min_k = 1;
    bool user_based = false;
    KnnSimilarity similarity = KnnSimilarity::PearsonBaseline;
    double shrinkage = 100.0;
    int32_t min_support = 1;
    double reg_u = 15.0;
    double reg_i = 10.0;
    int32_t bsl_epochs = 10;
    template <class V>
    void visit(V& v) {
        v.field("k", k, 1, 100000, "most similar neighbours averaged");
        v.field("min_k", min_k, 0, 100000, "fewer positive neighbours than this: baseline only");
        v.flag("user_based", user_based, "similarities between users instead of items");
        v.choice("similarity", similarity, {"pearson_baseline", "msd"}, "shrunk baseline-centred Pearson or 1/(1+MSD)");
        v.field("shrinkage", shrinkage, 0.0, 1e6, "pearson_baseline: shrinks similarities with few co-raters");
        v.field("min_support", min_support, 1, 1000000, "co-raters needed for a non-zero similarity");
        v.field("reg_u", reg_u, 0.0, 1e6, "baseline: user bias shrinkage (ALS)");
        v.field("reg_i", reg_i, 0.0, 1e6, "baseline: item bias shrinkage (ALS)");
        v.field("bsl_epochs", bsl_epochs, 0, 1000, "baseline: ALS sweeps (items, then users)");
    }
};

// Similarities are stored sparse, per row, positive values only: Surprise averages only neighbours with sim > 0
// among the k largest, which are exactly the (at most k) largest positive ones, so nothing else is needed.
// learn(r) after fit: r joins the user's ratings (a new neighbour for item-based predictions, a new rater for
// user-based ones) and the user's bias is recomputed by one ALS user step against the frozen item biases (what
// fit's last sweep computed, so existing users are unchanged until they rate). Similarities and item biases stay
// as fitted; a new user starts from the baseline mu + b_i. can_forget: no.
class KnnBaselineModel : public Model {
public:
    explicit KnnBaselineModel(KnnBaselineConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "knn-baseline"; }
    std::string kind() const override { return "knn-baseline"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const KnnBaselineConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    double global_mean() const { return mu_; }
    double user_bias(uint32_t user) const { return user < bu_.size() ? bu_[user] : 0.0; }
    double item_bias(uint32_t item) const { return item < bi_.size() ? bi_[item] : 0.0; }
    // Similarity between two items (users when user_based) as stored: 0 when absent or not positive, 1 for a == b.
    double similarity(uint32_t a, uint32_t b) const;
    size_t num_similarities() const { return sim_col_.size(); }

private:
    struct Rater {
        uint32_t user;
        uint8_t half_stars;
    };
    void rebuild_item_lists();
    void recompute_user_bias(uint32_t user);

    KnnBaselineConfig cfg_;
    double mu_ = 3.0;
    std::vector<double> bu_, bi_;
    UserRatings ur_;                      // each user's ratings, training order then learned ones
    std::vector<std::vector<Rater>> ir_;  // each item's raters, sorted by user (rebuilt from ur_ on load)
    // Positive similarities of pairs a < b (items, or users when user_based): row a, columns b ascending.
    std::vector<uint64_t> sim_row_;  // n_rows + 1 offsets
    std::vector<uint32_t> sim_col_;
    std::vector<float> sim_val_;
};

}  // namespace wl
