// Fitting, teaching and querying the app's models (see engine.hpp).
#include "engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "weightless/eval/metrics.hpp"

#include "weightless/model/recent_window.hpp"
#include "weightless/model/registry.hpp"

namespace wl::app {

Engine::Engine(const Dataset& catalogue, ItemNeighbours public_items)
    : cat_(catalogue), person_(static_cast<uint32_t>(catalogue.num_users())) {
    const TrainData td{cat_, cat_.ratings};
    WnnBlendConfig cfg;
    if (public_items.n_items == 0) public_items = fit_ease(td, cfg.ease);
    // The person's list needs the public weights and the catalogue's item statistics, never other users' cells.
    list_ = std::make_unique<WnnBlendModel>(cfg, std::move(public_items));
    list_->prepare_lists(td);  // the rating network comes with set_wnn_config, from the person's settings
    popularity_ = make_model("popularity");
    popularity_->fit(td);
    user_mean_ = make_model(rec_source_spec(RecSource::UserMean));
    user_mean_->fit(td);
    bias_ = make_model(rec_source_spec(RecSource::Bias));
    bias_->fit(td);
    global_mean_ = make_model("global-mean");
    global_mean_->fit(td);
    user_mode_ = make_model("user-mode");
    user_mode_->fit(td);
    genre_fav_ = make_model("genre-fav");
    genre_fav_->fit(td);
    all_items_.resize(cat_.num_items());
    for (uint32_t i = 0; i < all_items_.size(); ++i) all_items_[i] = i;
}

double Engine::set_wnn_config(const WnnConfig& cfg, const std::map<uint32_t, PersonRating>& ratings) {
    const auto t0 = std::chrono::steady_clock::now();
    list_->set_stars_model(build_wnn(cfg, ratings));
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::unique_ptr<WnnModel> Engine::build_wnn(const WnnConfig& cfg, const std::map<uint32_t, PersonRating>& ratings) const {
    auto fresh = std::make_unique<WnnModel>(cfg, "wnn");
    // The person's network needs the catalogue's item statistics (encoder, fallbacks, item baselines), not the
    // other users' tables: their ratings never reach the person's cells.
    fresh->prepare(TrainData{cat_, cat_.ratings});
    for (const auto& [item, r] : ratings) fresh->learn(rating(item, r));
    return fresh;
}

void Engine::replace_person(std::unique_ptr<WnnModel> wnn, const std::map<uint32_t, PersonRating>& old,
                            const std::map<uint32_t, PersonRating>& fresh) {
    for (Model* m : baselines()) {
        for (const auto& [item, r] : old) m->forget(rating(item, r));
        for (const auto& [item, r] : fresh) m->learn(rating(item, r));
    }
    for (const auto& [item, r] : old) remove_history(rating(item, r));
    for (const auto& [item, r] : fresh) add_history(rating(item, r));
    sync_lists();
    list_->set_stars_model(std::move(wnn));
}

void Engine::learn_baselines(const std::map<uint32_t, PersonRating>& ratings) {
    for (const auto& [item, r] : ratings) {
        for (Model* m : baselines()) m->learn(rating(item, r));
        add_history(rating(item, r));
    }
    sync_lists();
}

namespace {
// The window's order: time, then the film (a deterministic tie-break, so a reload, an import or another tab's merge
// lands on the same window whatever order the ratings were learned in), then the stars.
bool before(const Rating& a, const Rating& b) {
    if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
    if (a.item != b.item) return a.item < b.item;
    return a.half_stars < b.half_stars;
}
}  // namespace

void Engine::add_history(const Rating& r) { history_.insert(std::upper_bound(history_.begin(), history_.end(), r, before), r); }

void Engine::remove_history(const Rating& r) {
    const auto it = std::lower_bound(history_.begin(), history_.end(), r, before);
    if (it == history_.end() || before(r, *it)) throw std::invalid_argument("engine: forgetting a rating it never learned");
    history_.erase(it);
}

void Engine::sync_lists() {
    RecentConfig window;
    window.ratings = static_cast<int32_t>(recent_list_);
    const size_t start = recent_list_ > 0 ? RecentWindowModel::window_start(window, history_) : 0;
    const std::span<const Rating> want(history_.data() + start, history_.size() - start);
    std::vector<Rating> left, entered;
    std::set_difference(in_lists_.begin(), in_lists_.end(), want.begin(), want.end(), std::back_inserter(left), before);
    std::set_difference(want.begin(), want.end(), in_lists_.begin(), in_lists_.end(), std::back_inserter(entered), before);
    for (const Rating& x : left) list_->forget_lists(x);
    for (const Rating& x : entered) list_->learn_lists(x);
    in_lists_.assign(want.begin(), want.end());
}

void Engine::set_recent_list(uint32_t n) {
    if (n == recent_list_) return;
    recent_list_ = n;
    sync_lists();
}

std::vector<LooRow> Engine::leave_one_out(const std::map<uint32_t, PersonRating>& ratings) {
    const std::pair<const char*, Model*> models[] = {{"Your weightless network", &list_->stars_mut()},
                                                     {"Baseline: mean + your bias + movie bias", bias_.get()},
                                                     {"Baseline: your mean rating", user_mean_.get()},
                                                     {"Baseline: your most frequent rating", user_mode_.get()},
                                                     {"Baseline: everyone's mean rating", global_mean_.get()}};
    std::vector<LooRow> out;
    std::vector<Prediction> preds;
    for (const auto& [label, m] : models) {
        if (!m->can_forget()) continue;
        preds.clear();
        for (const auto& [item, r] : ratings) {
            const Rating x = rating(item, r);
            m->forget(x);
            preds.push_back(score(*m, x));
            m->learn(x);
        }
        const Metrics mt = compute_metrics(preds);
        out.push_back(LooRow{label, mt.n, mt.rmse, mt.within1});
    }
    return out;
}

Rating Engine::rating(uint32_t item, const PersonRating& r) const {
    Rating x;
    x.user = person_;
    x.item = item;
    x.half_stars = r.half_stars;
    x.timestamp = r.timestamp;
    return x;
}

// The rating network and the baselines learn every rating; the list's parts follow the window (sync_lists).
void Engine::learn(uint32_t item, const PersonRating& r) {
    const Rating x = rating(item, r);
    list_->stars_mut().learn(x);  // first: it refuses what none of the parts may learn, before any part changed
    for (Model* m : baselines()) m->learn(x);
    add_history(x);
    // Off, the window is every rating: the lists learn this one alone. (sync_lists compares whole histories: once per
    // rating, a 3,000-film import would cost the square of its length.)
    if (recent_list_ == 0) {
        in_lists_.insert(std::upper_bound(in_lists_.begin(), in_lists_.end(), x, before), x);
        list_->learn_lists(x);
    } else sync_lists();
}

void Engine::forget(uint32_t item, const PersonRating& r) {
    const Rating x = rating(item, r);
    list_->stars_mut().forget(x);
    for (Model* m : baselines()) m->forget(x);
    remove_history(x);
    if (recent_list_ == 0) {
        in_lists_.erase(std::lower_bound(in_lists_.begin(), in_lists_.end(), x, before));  // there: history_ had it
        list_->forget_lists(x);
    } else sync_lists();
}

const Model& Engine::model(RecSource src) const {
    switch (src) {
        case RecSource::UserMean: return *user_mean_;
        case RecSource::Bias: return *bias_;
        case RecSource::Blend: return *list_;
        case RecSource::Ease: return list_->ease();
        case RecSource::Popularity: return *popularity_;
        case RecSource::Wnn: break;
    }
    return list_->stars();
}

const Model& Engine::stars_model(RecSource src) const { return rec_source_is_rating(src) ? model(src) : list_->stars(); }

void Engine::predict_all(RecSource src, std::vector<double>& out) const {
    out.assign(all_items_.size(), 0.0);
    predict_many(src, all_items_, out);
}

void Engine::predict_many(RecSource src, std::span<const uint32_t> items, std::span<double> out) const {
    stars_model(src).predict_many(person_, items, out);
}

void Engine::genre_scores(std::span<const uint32_t> items, std::span<double> out) const {
    genre_fav_->rank_scores(person_, items, out);
}

double Engine::predict(RecSource src, uint32_t item) const { return stars_model(src).predict(person_, item); }

uint32_t Engine::ranker_bits(uint32_t item) const {
    const auto& c = list_->ranker().codes();
    if (item >= c.n_items) return 0;
    uint32_t n = 0;
    for (uint8_t l : c.levels_of(item)) n += l;
    return n;
}

std::vector<WnnModel::FeatureInfluence> Engine::lifted_by(uint32_t item, size_t max) const {
    auto all = wnn().feature_influence(person_, item);
    std::vector<WnnModel::FeatureInfluence> out;
    for (auto& f : all) {
        if (out.size() == max || f.stars < kLeastLift) break;  // sorted, most positive first
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace wl::app
