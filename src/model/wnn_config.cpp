// WNN presets. "best" is the configuration with the lowest validation RMSE in scripts/tune.sh (validation splits
// carved from the training parts of ml-latest-small only; see docs/TUNING.md). Change it only by rerunning that script.
#include "weightless/model/wnn_config.hpp"

#include "weightless/util/params.hpp"

namespace wl {

WnnConfig wnn_preset(std::string_view name) {
    WnnConfig c;
    if (name == "paper") {
        c.encoder.layout = EncoderLayout::Paper;
        c.mode = WnnMode::Thermometer;
        c.tuple_size = 4;
        c.ensemble = 1;
        c.bleaching = true;
        return c;
    }
    if (name == "best") {
        c.encoder.layout = EncoderLayout::Features;
        c.mode = WnnMode::Regression;
        c.tuple_size = 10;
        c.ensemble = 8;
        c.aggregate = WnnAggregate::Mean;
        c.prior = 2.0;
        c.offset = WnnOffset::Item;
        c.offset_prior = 25.0;
        return c;
    }
    std::string all;
    for (const auto& n : wnn_preset_names()) all += (all.empty() ? "" : ", ") + n;
    throw ParamError("unknown WNN preset '" + std::string(name) + "' (known: " + all + ")");
}

std::vector<std::string> wnn_preset_names() { return {"paper", "best"}; }

}  // namespace wl
