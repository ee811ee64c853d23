// The hybrid: a personal WNN whose item input is augmented by a central model. Biased MF is fitted on the training
// ratings; its item factors (and item bias) become public item features, thermometer-encoded, and each user's WNN
// learns on them privately and incrementally. After fit only the WNN changes, so forget() stays exact.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "weightless/model/mf.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/wnn_config.hpp"
#include "weightless/model/wnn_model.hpp"

namespace wl {

// item-mean: the WNN's offset=item baseline is the shrunk training item mean (as wnn-best:offset=item);
// mf: it is the central model's mu + b_i.
enum class HybridBaseline { ItemMean, Mf };

struct HybridConfig {
    MfConfig mf = default_mf();
    WnnConfig wnn = default_wnn();
    bool item_bias = false;
    HybridBaseline baseline = HybridBaseline::Mf;

    // The defaults (chosen on validation data only; see wnn_hybrid.cpp).
    static MfConfig default_mf();
    static WnnConfig default_wnn();

    template <class V>
    void visit(V& v) {
        v.group("mf", mf);
        v.group("wnn", wnn);
        // Not listed by EncoderConfig::visit (a plain WNN has no external features): exposed here.
        v.group("wnn.encoder.external", wnn.encoder.external);
        v.flag("item_bias", item_bias, "add the MF item bias as one more external feature dimension");
        v.choice("baseline", baseline, {"item-mean", "mf"}, "offset=item baseline: shrunk item mean or MF mu + b_i");
    }
};

class WnnHybridModel : public Model {
public:
    // Throws std::invalid_argument for an unusable combination (as WnnModel does).
    explicit WnnHybridModel(HybridConfig cfg = {});

    std::string name() const override { return "wnn-hybrid"; }
    std::string kind() const override { return "wnn-hybrid"; }
    std::string config_text() const override;

    // Fits MF on the training ratings, hands its item factors (+ bias) to the WNN encoder as external features,
    // then fits the WNN on the same ratings. The MF is not kept: its item features are baked into the codes.
    void fit(const TrainData& data) override;
    // learn/forget/predict touch the WNN only; the central features stay as fitted.
    void learn(const Rating& r) override { wnn_.learn(r); }
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override { wnn_.forget(r); }
    double predict(uint32_t user, uint32_t item) const override { return wnn_.predict(user, item); }
    void predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override {
        wnn_.predict_many(user, items, out);
    }
    int predict_thermometer(uint32_t user, uint32_t item) const override { return wnn_.predict_thermometer(user, item); }

    // Config text, then the WNN's saved form (encoder thresholds and codes included): enough to predict, learn and
    // forget. load() is all or nothing and refuses a WNN section whose config differs from the hybrid's.
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override { return sizeof(*this) + wnn_.memory_bytes(); }

    const HybridConfig& config() const { return cfg_; }
    bool fitted() const { return wnn_.fitted(); }
    const WnnModel& wnn() const { return wnn_; }

private:
    HybridConfig cfg_;
    WnnModel wnn_;
};

}  // namespace wl
