// Builds any model from a text spec such as "bias", "wnn-best:tuple_size=8 ensemble=2" or "bias:reg_u=5",
// so the CLI, the evaluator and the app name models the same way.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/model/model.hpp"

namespace wl {

// spec = name [":" params], params as in apply_params ("k=v k=v"). Unknown name, a bad parameter, or
// parameters given to a model that has none: ParamError (the message lists the known names).
std::unique_ptr<Model> make_model(std::string_view spec);

struct ItemNeighbours;
// The same, where the models that rank from public item weights (ease, wnn-rank, wnn-blend) take `public_items`
// (fitted centrally, e.g. the app's shipped EASE list) instead of fitting EASE themselves; every other spec as above.
// `ease` then takes no parameters (its list is given).
std::unique_ptr<Model> make_model(std::string_view spec, const ItemNeighbours& public_items);

// Every known model name, in the order results are listed.
std::vector<std::string> model_names();

// What the evaluator runs when no model is named: the project's own models (trivial baselines, bias, both WNN
// presets). The central comparison systems (mf, knn-baseline, mlp, ncf) are run when named; the popularity
// baseline is for top-N lists (weightless-eval adds it for --protocol ranking).
std::vector<std::string> default_model_specs();

}  // namespace wl
