// Shared parts of the model interface: default batch prediction and ranking, and the saved-model container.
#include "weightless/model/model.hpp"

namespace wl {

namespace {
constexpr const char* kMagic = "WLMD";
constexpr uint32_t kVersion = 1;
}  // namespace

namespace {
// The default job: the whole fit in one step.
class WholeFit : public FitJob {
public:
    WholeFit(Model& m, const TrainData& d) : m_(m), d_(d) {}
    bool step() override {
        if (!done_) m_.fit(d_);
        done_ = true;
        return false;
    }
    double progress() const override { return done_ ? 1.0 : 0.0; }

private:
    Model& m_;
    TrainData d_;
    bool done_ = false;
};
}  // namespace

std::unique_ptr<FitJob> Model::fit_in_steps(const TrainData& data) { return std::make_unique<WholeFit>(*this, data); }

void Model::forget(const Rating&) { throw std::logic_error(name() + " cannot forget a rating"); }

void Model::predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    for (size_t i = 0; i < items.size(); ++i) out[i] = predict(user, items[i]);
}

void Model::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    predict_many(user, items, out);
}

namespace {

// Kind tags written before the models' names were aligned with their spec names; files saved then still load.
std::string current_kind(std::string kind) {
    if (kind == "item-knn") return "knn-baseline";
    if (kind == "user-mlp") return "mlp";
    if (kind == "neural-cf") return "ncf";
    return kind;
}

}  // namespace

std::vector<uint8_t> save_model(const Model& m) {
    ByteWriter w;
    w.str(m.kind());
    m.save(w);
    return wrap_container(kMagic, kVersion, w.data());
}

void load_model(Model& m, std::span<const uint8_t> bytes) {
    auto payload = unwrap_container(bytes, kMagic, kVersion, nullptr, "model file");
    ByteReader r(payload, "model file");
    const std::string kind = current_kind(r.str(64));
    if (kind != m.kind()) throw FormatError("model file: holds a '" + kind + "' model, not '" + m.kind() + "'");
    m.load(r);  // models parse into temporaries and commit only on success
}

}  // namespace wl
