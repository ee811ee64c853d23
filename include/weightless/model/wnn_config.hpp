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
    }
};

// Named starting points: "paper" (the reference's 26-bit input and thermometer output) and "best".
// Throws ParamError for an unknown name.
WnnConfig wnn_preset(std::string_view name);
std::vector<std::string> wnn_preset_names();

}  // namespace wl
