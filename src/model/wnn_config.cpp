// WNN presets. "best" is a first choice from a quick study on a validation split carved from the training part of
// a per-user 80/20 split of ml-latest-small (RMSE 0.843 there, vs 0.879 for a damped bias baseline and 0.942 for
// the per-user mean); the lead's tuning script makes the final pick.
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
        c.tuple_size = 8;
        c.ensemble = 8;
        c.aggregate = WnnAggregate::Mean;
        c.prior = 0.0;
        return c;
    }
    std::string all;
    for (const auto& n : wnn_preset_names()) all += (all.empty() ? "" : ", ") + n;
    throw ParamError("unknown WNN preset '" + std::string(name) + "' (known: " + all + ")");
}

std::vector<std::string> wnn_preset_names() { return {"paper", "best"}; }

}  // namespace wl
