// Fitting, teaching and querying the app's models (see engine.hpp).
#include "engine.hpp"

#include <chrono>

#include "weightless/model/registry.hpp"

namespace wl::app {

Engine::Engine(const Dataset& catalogue) : cat_(catalogue), person_(static_cast<uint32_t>(catalogue.num_users())) {
    const TrainData td{cat_, cat_.ratings};
    user_mean_ = make_model(rec_source_spec(RecSource::UserMean));
    user_mean_->fit(td);
    bias_ = make_model(rec_source_spec(RecSource::Bias));
    bias_->fit(td);
    all_items_.resize(cat_.num_items());
    for (uint32_t i = 0; i < all_items_.size(); ++i) all_items_[i] = i;
}

double Engine::set_wnn_config(const WnnConfig& cfg, const std::map<uint32_t, PersonRating>& ratings) {
    const auto t0 = std::chrono::steady_clock::now();
    auto fresh = std::make_unique<WnnModel>(cfg, "wnn");
    fresh->fit(TrainData{cat_, cat_.ratings});
    for (const auto& [item, r] : ratings) fresh->learn(rating(item, r));
    wnn_ = std::move(fresh);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Rating Engine::rating(uint32_t item, const PersonRating& r) const {
    Rating x;
    x.user = person_;
    x.item = item;
    x.half_stars = r.half_stars;
    x.timestamp = r.timestamp;
    return x;
}

void Engine::learn(uint32_t item, const PersonRating& r) {
    const Rating x = rating(item, r);
    wnn_->learn(x);
    user_mean_->learn(x);
    bias_->learn(x);
}

void Engine::forget(uint32_t item, const PersonRating& r) {
    const Rating x = rating(item, r);
    wnn_->forget(x);
    user_mean_->forget(x);
    bias_->forget(x);
}

const Model& Engine::model(RecSource src) const {
    switch (src) {
        case RecSource::UserMean: return *user_mean_;
        case RecSource::Bias: return *bias_;
        case RecSource::Wnn: break;
    }
    return *wnn_;
}

void Engine::predict_all(RecSource src, std::vector<double>& out) const {
    out.assign(all_items_.size(), 0.0);
    model(src).predict_many(person_, all_items_, out);
}

std::vector<std::pair<uint32_t, uint32_t>> Engine::why(uint32_t item, std::span<const uint32_t> rated, size_t max) const {
    auto all = wnn_->shared_cells(person_, item, rated);
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (const auto& p : all) {
        if (out.size() == max || p.second == 0) break;
        out.push_back(p);
    }
    return out;
}

}  // namespace wl::app
