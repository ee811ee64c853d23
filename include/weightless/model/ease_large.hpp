// EASE at MovieLens scale (`ease-large`): the closed form on the `dense` most-watched movies, and co-occurrence
// cosine neighbours for the rest of the movies with >= min_users users. Full EASE on the 2023 catalogue would need
// an 86,537² Gram (60 GB in doubles) and its inverse; the most-watched 20,000 hold nearly every rating, and their
// solve fits in a few GB. With `dense` >= the movies kept it is EASE itself (fit_ease), solved another way.
//
// The solve is EASE's (ease_solve.hpp), in float or double, on `threads` threads (the same result for any number).
// Memory: two n x n matrices of the chosen precision, then the n x n weights in doubles for the sparsifier
// (top_k_rows).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "weightless/model/item_neighbours_model.hpp"

namespace wl {

struct EaseLargeConfig {
    double lambda = 500.0;
    int32_t k = 200;
    int32_t min_users = 10;
    int32_t dense = 15000;
    int32_t tail_k = 100;
    int32_t f64 = 0;
    int32_t threads = 2;
    template <class V>
    void visit(V& v) {
        v.field("lambda", lambda, 1e-3, 1e9, "ridge penalty of the item x item regression");
        v.field("k", k, 1, 100000, "weights kept per item of the EASE solve (top_k_rows' rule)");
        v.field("min_users", min_users, 1, 1000000, "items with fewer training users stay out of the model");
        v.field("dense", dense, 1, 100000, "most-watched items in the EASE solve; the others get cosine neighbours");
        v.field("tail_k", tail_k, 0, 100000, "cosine neighbours kept per item outside the solve (0: none)");
        v.field("f64", f64, 0, 1, "1: the solve in doubles (twice the memory), 0: in floats");
        v.field("threads", threads, 1, 64, "threads for the co-occurrence pass and the inverse (same result for any)");
    }
};

// What a fit did, for the command line's report.
struct EaseLargeStats {
    uint32_t dense_items = 0, tail_items = 0;
    double tail_scale = 0;  // what the cosine weights were multiplied by
    double seconds_index = 0, seconds_gram = 0, seconds_solve = 0, seconds_sparsify = 0, seconds_tail = 0;
};

ItemNeighbours fit_ease_large(const TrainData& data, const EaseLargeConfig& cfg, EaseLargeStats* stats = nullptr);

class EaseLargeModel : public ItemNeighboursModel {
public:
    explicit EaseLargeModel(EaseLargeConfig cfg = {}) : ItemNeighboursModel("ease-large"), cfg_(cfg) {}
    std::string kind() const override { return "ease-large"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const EaseLargeStats& stats() const { return stats_; }

protected:
    ItemNeighbours build(const TrainData& data) override { return fit_ease_large(data, cfg_, &stats_); }
    void save_config(ByteWriter& w) const override { w.str(params_to_text(cfg_)); }
    std::function<void()> read_config(ByteReader& r) override;

private:
    EaseLargeConfig cfg_;
    EaseLargeStats stats_;
};

}  // namespace wl
