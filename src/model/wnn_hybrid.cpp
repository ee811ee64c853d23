// WnnHybridModel: MF item features -> WNN encoder's external block; see wnn_hybrid.hpp.
#include "weightless/model/wnn_hybrid.hpp"

#include <stdexcept>
#include <vector>

#include "weightless/util/params.hpp"

namespace wl {

// Defaults chosen on validation data only (80/20 splits of the training parts: weightless-eval --validation on the
// ml-100k folds u1..u5 and on ml-latest-small split with 3 seeds), never on uN.test. What mattered: few factors
// trained longer and harder regularised (5 factors, 80 epochs, reg 0.1: stronger, smoother item features than
// Surprise's 100 x 20 x 0.02, whose many faint factors drown the WNN's other inputs: 0.942 -> 0.916 on ml-100k
// validation), uniform rather than quantile thresholds, 4 bits per factor, and no cell prior (prior 0: 0.911 vs 0.916
// at the "best" preset's prior 2). baseline=mf (MF's mu + b_i; the bias as a feature then adds nothing) and the shrunk
// item mean tied within 0.002 (each better on one dataset); mf won on ml-100k. Tuple 8..12, ensemble 12..16 and 2..6
// bits moved validation RMSE by less than its fold-to-fold spread. The WNN config is pinned here, not taken from the
// "best" preset, so retuning that preset does not silently change the hybrid.
MfConfig HybridConfig::default_mf() {
    MfConfig c;
    c.n_factors = 5;
    c.n_epochs = 80;
    c.reg_all = 0.1;
    return c;
}

WnnConfig HybridConfig::default_wnn() {
    WnnConfig c;  // features layout: genres + year/popularity/mean thermometers
    c.mode = WnnMode::Regression;
    c.tuple_size = 10;
    c.ensemble = 8;
    c.aggregate = WnnAggregate::Mean;
    c.prior = 0.0;
    c.offset = WnnOffset::Item;
    c.offset_prior = 20.0;  // used by baseline=item-mean only
    c.encoder.external.enabled = true;
    c.encoder.external.bits = 4;
    c.encoder.external.kind = ThresholdKind::Uniform;
    return c;
}

namespace {

WnnModel make_wnn(const HybridConfig& cfg) {
    try {
        HybridConfig check;
        apply_params(check, params_to_text(cfg));  // range checks, also for a config built in code
    } catch (const ParamError& e) {
        throw std::invalid_argument(std::string("wnn-hybrid config: ") + e.what());
    }
    if (cfg.baseline == HybridBaseline::Mf && cfg.wnn.offset != WnnOffset::Item)
        throw std::invalid_argument("wnn-hybrid config: baseline=mf needs wnn.offset=item");
    return WnnModel(cfg.wnn, "wnn-hybrid");
}

}  // namespace

WnnHybridModel::WnnHybridModel(HybridConfig cfg) : cfg_(cfg), wnn_(make_wnn(cfg)) {}

std::string WnnHybridModel::config_text() const { return params_to_text(cfg_); }

void WnnHybridModel::fit(const TrainData& data) {
    MfModel mf(cfg_.mf);
    mf.fit(data);
    const size_t items = data.catalogue.items.size();
    const size_t F = mf.factors();
    const size_t dims = F + (cfg_.item_bias ? 1 : 0);
    ExternalFeatures ext;
    ext.dims = static_cast<uint32_t>(dims);
    for (size_t f = 0; f < F; ++f) ext.names.push_back("mf" + std::to_string(f));
    if (cfg_.item_bias) ext.names.push_back("mf_bias");
    // MF sizes its item table to the catalogue (at least), so every catalogue item has a row; items without
    // training ratings have zero factors and bias (the centre of the features, as MF predicts them).
    std::vector<float> values(items * dims, 0.0f);
    std::vector<double> base;
    for (size_t i = 0; i < items; ++i) {
        const auto q = mf.item_factors(static_cast<uint32_t>(i));
        for (size_t f = 0; f < q.size() && f < F; ++f) values[i * dims + f] = q[f];
        if (cfg_.item_bias) values[i * dims + F] = static_cast<float>(mf.item_bias(static_cast<uint32_t>(i)));
    }
    if (cfg_.baseline == HybridBaseline::Mf) {
        base.resize(items);
        for (size_t i = 0; i < items; ++i) base[i] = mf.global_mean() + mf.item_bias(static_cast<uint32_t>(i));
    }
    ext.values = values;
    WnnModel wnn(cfg_.wnn, "wnn-hybrid");
    wnn.fit(data, ext, base);
    wnn_ = std::move(wnn);
}

void WnnHybridModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    w.u8(wnn_.fitted() ? 1 : 0);
    if (wnn_.fitted()) wnn_.save(w);
}

void WnnHybridModel::load(ByteReader& r) {
    HybridConfig cfg;
    WnnModel wnn;
    try {
        apply_params(cfg, r.str(16384));
        wnn = make_wnn(cfg);
    } catch (const ParamError& e) {
        r.fail(std::string("wnn-hybrid config: ") + e.what());
    } catch (const std::invalid_argument& e) {
        r.fail(e.what());
    }
    const uint8_t fitted = r.u8();
    if (fitted > 1) r.fail("wnn-hybrid: bad fitted flag");
    if (fitted) {
        wnn.load(r);  // ends with expect_done
        HybridConfig seen = cfg;
        seen.wnn = wnn.config();
        if (params_to_text(seen) != params_to_text(cfg))
            r.fail("wnn-hybrid: the WNN section's config does not match the hybrid's");
    } else {
        r.expect_done();
    }
    cfg_ = cfg;
    wnn_ = std::move(wnn);
}

}  // namespace wl
