// Renders an EvalReport: one JSON object (for scripts) or an aligned text table (for people).
#pragma once
#include <string>

#include "weightless/eval/run.hpp"

namespace wl {

// {"dataset","dataset_path","protocol","seeds","runs","protocol_params",...,"models":[{"name","rmse",...}]}
// "within1"/"binary" are means over users (the paper's figure); *_median, *_pooled and *_std beside them.
// Ranking: "k", "precision", "recall", "ndcg", "map", "map_norm" (+ "_std") instead of the rating metrics.
std::string report_json(const EvalReport& rep);

// A header line (dataset, protocol, seeds) then one aligned row per model; stream adds the learning curve.
std::string report_table(const EvalReport& rep);

}  // namespace wl
