// The blended list (see wnn_blend.hpp): EASE + the weightless ranker + the rating WNN, each exact to forget.
#include "weightless/model/wnn_blend.hpp"

#include <algorithm>
#include <stdexcept>

namespace wl {

namespace {

double max_of(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m = std::max(m, x);
    return m;
}

// A nested model's saved bytes, length-prefixed so each part is checked on its own.
void put_part(ByteWriter& w, const Model& m) {
    ByteWriter part;
    m.save(part);
    w.varint(part.size());
    w.bytes(part.data());
}

void get_part(ByteReader& r, Model& m) {
    const size_t n = r.count(1);
    ByteReader part(r.bytes(n), "wnn-blend part");
    m.load(part);
}

}  // namespace

WnnBlendModel::WnnBlendModel(WnnBlendConfig cfg) : cfg_(std::move(cfg)) {
    ease_ = std::make_unique<ItemNeighboursModel>(ItemNeighbours{}, "ease");
    rank_ = std::make_unique<WnnRankModel>(cfg_.rank);
    stars_ = std::make_unique<WnnModel>(wnn_preset(cfg_.stars_preset), "wnn-" + cfg_.stars_preset);
    if (cfg_.w_factors > 0) factors_ = std::make_unique<IalsModel>(cfg_.factors);
}

WnnBlendModel::WnnBlendModel(WnnBlendConfig cfg, ItemNeighbours public_model)
    : cfg_(std::move(cfg)), fixed_public_(true), shipped_(std::move(public_model)) {
    ease_ = std::make_unique<ItemNeighboursModel>(shipped_, "ease");
    rank_ = std::make_unique<WnnRankModel>(cfg_.rank, shipped_);
    stars_ = std::make_unique<WnnModel>(wnn_preset(cfg_.stars_preset), "wnn-" + cfg_.stars_preset);
    if (cfg_.w_factors > 0) factors_ = std::make_unique<IalsModel>(cfg_.factors);
}

void WnnBlendModel::build(const TrainData& data, bool learn_users, bool with_stars) {
    // EASE is fitted once; the ranker codes the very same list.
    std::unique_ptr<ItemNeighboursModel> ease;
    if (fixed_public_) {
        ease = std::make_unique<ItemNeighboursModel>(shipped_, "ease");
    } else {
        ease = std::make_unique<ItemNeighboursModel>(fit_ease(data, cfg_.ease), "ease");
    }
    auto rank = std::make_unique<WnnRankModel>(cfg_.rank, ease->neighbours());
    if (learn_users) {
        ease->fit(data);
        rank->fit(data);
    } else {
        ease->prepare(data);
        rank->prepare(data);
    }
    auto stars = std::make_unique<WnnModel>(wnn_preset(cfg_.stars_preset), "wnn-" + cfg_.stars_preset);
    if (learn_users) stars->fit(data);
    else if (with_stars) stars->prepare(data);
    std::unique_ptr<IalsModel> factors;
    if (cfg_.w_factors > 0) {
        factors = std::make_unique<IalsModel>(cfg_.factors);
        if (learn_users) factors->fit(data);
        else factors->prepare(data);
    }
    ease_ = std::move(ease);
    rank_ = std::move(rank);
    stars_ = std::move(stars);
    factors_ = std::move(factors);
}

void WnnBlendModel::fit(const TrainData& data) { build(data, true); }
void WnnBlendModel::prepare(const TrainData& data) { build(data, false); }
void WnnBlendModel::prepare_lists(const TrainData& data) { build(data, false, false); }

void WnnBlendModel::learn(const Rating& r) {
    stars_->learn(r);  // first: it refuses what none of the parts may learn, before any part changed
    learn_lists(r);
}

void WnnBlendModel::forget(const Rating& r) {
    stars_->forget(r);
    forget_lists(r);
}

void WnnBlendModel::learn_lists(const Rating& r) {
    ease_->learn(r);
    rank_->learn(r);
    if (factors_) factors_->learn(r);
}

void WnnBlendModel::forget_lists(const Rating& r) {
    ease_->forget(r);
    rank_->forget(r);
    if (factors_) factors_->forget(r);
}

double WnnBlendModel::predict(uint32_t user, uint32_t item) const { return stars_->predict(user, item); }

void WnnBlendModel::predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    stars_->predict_many(user, items, out);
}

void WnnBlendModel::score_all(uint32_t user, std::vector<double>& out) const {
    std::vector<uint32_t> all(ease_->neighbours().n_items);
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    out.assign(all.size(), 0.0);
    rank_scores(user, all, out);
}

double WnnBlendModel::rank_score(uint32_t user, uint32_t item) const {
    double s = 0;
    rank_scores(user, std::span<const uint32_t>(&item, 1), std::span<double>(&s, 1));
    return s;
}

// The two list parts are scored over the whole catalogue (pushed from the person's own movies, so cheap) for their
// maxima; the rating network, the costly part, predicts the requested items only: a list over the movies with
// community ratings does not pay for the catalogue's tens of thousands without.
void WnnBlendModel::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument("wnn-blend: rank_scores output shorter than the item list");
    std::vector<double> e, k, f;
    ease_->score_all(user, e);
    rank_->score_all(user, k);
    if (factors_) {
        std::vector<uint32_t> all(e.size());
        for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
        f.assign(all.size(), 0.0);
        factors_->rank_scores(user, all, f);
    }
    const double me = max_of(e), mk = max_of(k), mf = max_of(f);
    std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(items.size()), 0.0);
    // Nothing rated, so no relevance anywhere: every score stays 0 and the list is the top-N path's tie order (the
    // most rated first). The rating network's prior alone would order a newcomer's list by its guesses, which ranks
    // far worse than popularity (stream ranking at 0 ratings, docs/RANKING.md).
    if (me <= 0 && mk <= 0) return;
    const double se = me > 0 ? me : 1.0, sk = mk > 0 ? mk : 1.0;
    // Items outside the catalogue score 0 (as every list part does); the network predicts the others.
    std::vector<uint32_t> known;
    std::vector<size_t> at;
    known.reserve(items.size());
    at.reserve(items.size());
    for (size_t j = 0; j < items.size(); ++j)
        if (items[j] < e.size()) {
            known.push_back(items[j]);
            at.push_back(j);
        }
    std::vector<double> stars(known.size(), 3.0);
    if (cfg_.w_stars > 0) stars_->predict_many(user, known, stars);
    for (size_t t = 0; t < known.size(); ++t) {
        const uint32_t i = known[t];
        double s = e[i] / se + cfg_.w_rank * (k[i] / sk);
        if (mf > 0) s += cfg_.w_factors * f[i] / mf;
        if (cfg_.w_stars > 0) s += cfg_.w_stars * (stars[t] - 3.0) / 2.0;
        out[at[t]] = s;
    }
}

std::vector<Reason> WnnBlendModel::explain(uint32_t user, uint32_t item, size_t max) const { return rank_->explain(user, item, max); }

// Payload: config text | the three parts (EASE list + sets, ranker, rating network), each length-prefixed | the
// iALS part, only when the config's w_factors > 0 (so files saved before it existed load as they are).
void WnnBlendModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    w.u8(fixed_public_ ? 1 : 0);
    put_part(w, *ease_);
    put_part(w, *rank_);
    put_part(w, *stars_);
    if (cfg_.w_factors > 0) {
        if (!factors_) throw std::logic_error("wnn-blend: saved before it was fitted");
        put_part(w, *factors_);
    }
}

void WnnBlendModel::load(ByteReader& r) {
    WnnBlendConfig cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(std::string("wnn-blend: bad saved config: ") + e.what());
    }
    const uint8_t fixed = r.u8();
    if (fixed > 1) r.fail("wnn-blend: bad flag");
    auto ease = std::make_unique<ItemNeighboursModel>(ItemNeighbours{}, "ease");
    auto rank = std::make_unique<WnnRankModel>(cfg.rank);
    auto stars = std::make_unique<WnnModel>(wnn_preset(cfg.stars_preset), "wnn-" + cfg.stars_preset);
    get_part(r, *ease);
    get_part(r, *rank);
    get_part(r, *stars);
    std::unique_ptr<IalsModel> factors;
    if (cfg.w_factors > 0) {
        factors = std::make_unique<IalsModel>(cfg.factors);
        get_part(r, *factors);
    }
    r.expect_done();
    cfg_ = cfg;
    fixed_public_ = fixed != 0;
    if (fixed_public_) shipped_ = ease->neighbours();
    ease_ = std::move(ease);
    rank_ = std::move(rank);
    stars_ = std::move(stars);
    factors_ = std::move(factors);
}

size_t WnnBlendModel::memory_bytes() const {
    return sizeof(*this) + ease_->memory_bytes() + rank_->memory_bytes() + stars_->memory_bytes() +
           (factors_ ? factors_->memory_bytes() : 0);
}

}  // namespace wl
