// Parameters of the weightless neural network recommender (WiSARD family) and its named presets.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/encode/encoder.hpp"

namespace wl {

// regression: cells keep count and sum of ratings (regression WiSARD); classifier: one discriminator per rating
// class with bleaching; thermometer: one on/off WiSARD per bit of the paper's 10-bit target thermometer.
enum class WnnMode { Regression, Classifier, Thermometer };
enum class WnnAggregate { Mean, Median, Weighted };
enum class WnnClasses { Half, Whole };  // 10 half-star classes or 5 whole-star classes
// auto: dense 2^n tables when they are tiny, else hashed per user until that user's table would outgrow the
// dense array (then dense); dense/hashed force one storage for every user.
enum class WnnTables { Auto, Dense, Hashed };
// none: regression cells learn ratings; item: they learn residuals against a training-set item baseline (the
// shrunk item mean), so users with few ratings fall back to mu + b_i (+ their shrunk mean residual), not a flat mean.
enum class WnnOffset { None, Item };

struct WnnConfig {
    EncoderConfig encoder;
    WnnMode mode = WnnMode::Regression;
    int32_t tuple_size = 4;
    int32_t ensemble = 1;
    int32_t seed = 1;
    WnnAggregate aggregate = WnnAggregate::Mean;
    double prior = 1.0;
    WnnClasses classes = WnnClasses::Half;
    bool bleaching = true;
    bool monotone = false;
    WnnTables tables = WnnTables::Auto;
    // Saved files list these three only when offset=item, so offset=none models save exactly as before they existed.
    WnnOffset offset = WnnOffset::None;
    double offset_prior = 20.0;  // 15..25 did best on validation splits of ml-latest-small
    // Validation splits cannot rank this (their users all keep >= 12 ratings); 5 pseudo-ratings at zero keep one or
    // two ratings from swinging a new user's offset (weight n / (n + 5)), as Surprise's reg_u does.
    double user_prior = 5.0;

    template <class V>
    void visit(V& v) {
        v.group("encoder", encoder);
        v.choice("mode", mode, {"regression", "classifier", "thermometer"}, "what the RAM cells learn and predict");
        v.field("tuple_size", tuple_size, 1, 32, "input bits addressing each RAM (n)");
        v.field("ensemble", ensemble, 1, 64, "independent random input mappings, predictions averaged");
        v.field("seed", seed, 0, 2147483647, "seed of the input mappings");
        v.choice("aggregate", aggregate, {"mean", "median", "weighted"}, "regression: how addressed cells are combined");
        v.field("prior", prior, 0.0, 1000.0, "regression: pseudo-ratings at the user's mean added to every cell");
        v.choice("classes", classes, {"half", "whole"}, "classifier: 10 half-star or 5 whole-star classes");
        v.flag("bleaching", bleaching, "classifier/thermometer: raise the threshold until one answer leads");
        v.flag("monotone", monotone, "thermometer: count only the leading run of ones");
        v.choice("tables", tables, {"auto", "dense", "hashed"}, "RAM storage: auto, dense 2^n tables or hashed cells");
        v.choice("offset", offset, {"none", "item"}, "regression: learn ratings, or residuals against the item baseline");
        v.field("offset_prior", offset_prior, 0.0, 1000.0, "offset=item: pseudo-ratings at the global mean in each item mean");
        v.field("user_prior", user_prior, 0.0, 1000.0, "offset=item: pseudo-ratings at zero in the user's mean residual");
    }
};

// Named starting points: "paper" (the reference's 26-bit input and thermometer output) and "best".
// Throws ParamError for an unknown name.
WnnConfig wnn_preset(std::string_view name);
std::vector<std::string> wnn_preset_names();

}  // namespace wl
