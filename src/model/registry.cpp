// Model names -> constructors, with the config presets of each name and parameter overrides on top.
#include "weightless/model/registry.hpp"

#include <stdexcept>
#include <tuple>

#include "weightless/model/baselines.hpp"
#include "weightless/model/ease_large.hpp"
#include "weightless/model/ials.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/knn_baseline.hpp"
#include "weightless/model/mf.hpp"
#include "weightless/model/wnn_hybrid.hpp"
#include "weightless/model/ncf.hpp"
#include "weightless/model/popularity.hpp"
#include "weightless/model/recent_window.hpp"
#include "weightless/model/trivial_rankers.hpp"
#include "weightless/model/mlp_model.hpp"
#include "weightless/model/wnn_config.hpp"
#include "weightless/model/wnn_lookup.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/model/wnn_blend.hpp"
#include "weightless/model/wnn_rank.hpp"
#include "weightless/util/params.hpp"

namespace wl {

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\n,;") == std::string_view::npos; }

std::string known_list() {
    std::string s;
    for (const auto& n : model_names()) {
        if (!s.empty()) s += ", ";
        s += n;
    }
    return s;
}

template <class M, class Config>
std::unique_ptr<Model> configured(std::string_view params) {
    Config cfg;
    apply_params(cfg, params);
    return std::make_unique<M>(cfg);
}

// recent=N / recent_days=D on any spec wrap the model in a recency window (recent_window.hpp); without them (or at
// 0) the model is built exactly as before. Returns nullptr when the spec has no active window.
template <class Make>
std::unique_ptr<Model> windowed(std::string_view spec, Make make) {
    const size_t colon = spec.find(':');
    if (colon == std::string_view::npos || spec.find("recent", colon) == std::string_view::npos) return nullptr;
    RecentConfig cfg;
    std::string rest;
    try {
        std::tie(cfg, rest) = split_recent_params(spec.substr(colon + 1));
    } catch (const ParamError& e) {
        throw ParamError("model '" + std::string(spec) + "': " + e.what());
    }
    const std::string inner = std::string(spec.substr(0, colon)) + (rest.empty() ? "" : ":" + rest);
    // "recent" only inside another parameter's text: no window, and the spec goes the usual way. Each call below is on
    // a strictly shorter spec, so a spec can never send make_model round in circles.
    if (inner.size() >= spec.size()) return nullptr;
    if (!cfg.active()) return make(inner);
    try {
        return std::make_unique<RecentWindowModel>(make(inner), cfg);
    } catch (const std::invalid_argument& e) {
        throw ParamError("model '" + std::string(spec) + "': " + e.what());
    }
}

}  // namespace

std::vector<std::string> model_names() {
    return {"global-mean", "user-mean", "user-mode",    "bias", "wnn-paper", "wnn-best",
            "wnn-hybrid",  "mf",        "knn-baseline", "mlp",  "ncf",       "popularity",
            "ease",        "ease-large", "knn-implicit", "ials", "wnn-rank", "wnn-blend", "wnn-lookup",
            "random",      "newest",    "genre-fav"};
}

// The engine's own models; the central comparison systems (mf, knn-baseline, mlp, ncf) are asked for by name.
std::vector<std::string> default_model_specs() {
    return {"global-mean", "user-mean", "user-mode", "bias", "wnn-paper", "wnn-best"};
}

std::unique_ptr<Model> make_model(std::string_view spec, const ItemNeighbours& public_items) {
    if (auto m = windowed(spec, [&](const std::string& inner) { return make_model(inner, public_items); })) return m;
    const size_t colon = spec.find(':');
    const std::string name(spec.substr(0, colon));
    const std::string_view params = colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);
    try {
        if (name == "ease") {
            if (!blank(params)) throw ParamError("its weights are given, so it takes no parameters (got '" + std::string(params) + "')");
            return std::make_unique<ItemNeighboursModel>(public_items, "ease");
        }
        if (name == "wnn-rank") {
            WnnRankConfig cfg;
            apply_params(cfg, params);
            return std::make_unique<WnnRankModel>(cfg, public_items);
        }
        if (name == "wnn-blend") {
            WnnBlendConfig cfg;
            apply_params(cfg, params);
            return std::make_unique<WnnBlendModel>(cfg, public_items);
        }
    } catch (const ParamError& e) {
        throw ParamError("model '" + std::string(spec) + "': " + e.what());
    }
    return make_model(spec);
}

std::unique_ptr<Model> make_model(std::string_view spec) {
    if (auto m = windowed(spec, [](const std::string& inner) { return make_model(inner); })) return m;
    const size_t colon = spec.find(':');
    const std::string name(spec.substr(0, colon));
    const std::string_view params = colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);

    const auto no_params = [&](std::unique_ptr<Model> m) {
        if (!blank(params)) throw ParamError("model '" + name + "' has no parameters (got '" + std::string(params) + "')");
        return m;
    };
    try {
        if (name == "global-mean") return no_params(std::make_unique<GlobalMeanModel>());
        if (name == "user-mean") return no_params(std::make_unique<UserMeanModel>());
        if (name == "user-mode") return no_params(std::make_unique<UserModeModel>());
        if (name == "popularity") return no_params(std::make_unique<PopularityModel>());
        if (name == "newest") return no_params(std::make_unique<NewestModel>());
        if (name == "genre-fav") return no_params(std::make_unique<GenreFavModel>());
        if (name == "random") return configured<RandomRankModel, RandomRankConfig>(params);
        if (name == "bias") {
            BiasConfig cfg;
            apply_params(cfg, params);
            return std::make_unique<BiasBaselineModel>(cfg);
        }
        if (name == "ease") return configured<EaseModel, EaseConfig>(params);
        if (name == "ease-large") return configured<EaseLargeModel, EaseLargeConfig>(params);
        if (name == "wnn-blend") return configured<WnnBlendModel, WnnBlendConfig>(params);
        if (name == "wnn-rank") return configured<WnnRankModel, WnnRankConfig>(params);
        if (name == "knn-implicit") return configured<ImplicitKnnModel, ImplicitKnnConfig>(params);
        if (name == "ials") return configured<IalsModel, IalsConfig>(params);
        if (name == "mf") return configured<MfModel, MfConfig>(params);
        if (name == "knn-baseline") return configured<KnnBaselineModel, KnnBaselineConfig>(params);
        if (name == "mlp") return configured<MlpModel, MlpConfig>(params);
        if (name == "ncf") return configured<NcfModel, NcfConfig>(params);
        if (name == "wnn-lookup") return configured<WnnLookupModel, WnnLookupConfig>(params);
        if (name == "wnn-hybrid") {
            HybridConfig cfg;
            apply_params(cfg, params);
            try {
                return std::make_unique<WnnHybridModel>(cfg);
            } catch (const std::invalid_argument& e) {
                throw ParamError(e.what());
            }
        }
        if (name == "wnn-paper" || name == "wnn-best") {
            WnnConfig cfg = wnn_preset(name.substr(4));
            apply_params(cfg, params);
            try {
                return std::make_unique<WnnModel>(cfg, name);
            } catch (const std::invalid_argument& e) {  // a combination of valid values that cannot work
                throw ParamError(e.what());
            }
        }
    } catch (const ParamError& e) {
        throw ParamError("model '" + std::string(spec) + "': " + e.what());
    }
    throw ParamError("unknown model '" + name + "' (known: " + known_list() + ")");
}

}  // namespace wl
