// The app's state and its actions (see app_state.hpp).
#include "app_state.hpp"

#include <algorithm>
#include <functional>
#include <chrono>
#include <cstring>
#include <set>
#include <stdexcept>

#include "weightless/eval/recommend.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {

AppState::AppState(Dataset catalogue, PersonState person, ItemNeighbours public_items)
    : ds_(std::make_unique<Dataset>(std::move(catalogue))), person_(std::move(person)) {
    const auto t0 = std::chrono::steady_clock::now();
    view_ = std::make_unique<CatalogueView>(*ds_);
    engine_ = std::make_unique<Engine>(*ds_, std::move(public_items));
    WnnConfig cfg = wnn_preset(kDefaultPreset);
    try {
        apply_params(cfg, person_.settings.wnn_config);
        rebuild_ms_ = engine_->set_wnn_config(cfg, person_.ratings);
    } catch (const std::exception& e) {
        notice_ = std::string("Your saved network settings could not be used (") + e.what() + "); the default preset is in use.";
        rebuild_ms_ = engine_->set_wnn_config(wnn_preset(kDefaultPreset), person_.ratings);
    }
    person_.settings.wnn_config = params_to_text(engine_->wnn_config());
    person_.settings.recent_list = std::min(person_.settings.recent_list, kMaxRecentList);
    engine_->set_recent_list(person_.settings.recent_list);  // before the ratings: the list's parts learn the window
    engine_->learn_baselines(person_.ratings);  // the baseline lists and accuracy need them too
    for (const auto& [item, r] : person_.ratings) {
        (void)r;
        person_.unseen.erase(item);
    }
    off_watchlist_when_watched(person_);
    fit_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::optional<uint8_t> AppState::rating_of(uint32_t item) const {
    const auto it = person_.ratings.find(item);
    if (it == person_.ratings.end()) return std::nullopt;
    return it->second.half_stars;
}

void AppState::rate(uint32_t item, uint8_t half_stars, int64_t now_seconds) {
    if (item >= ds_->num_items()) throw std::invalid_argument("rate: no movie " + std::to_string(item));
    if (!valid_half_stars(half_stars)) throw std::invalid_argument("rate: rating outside 0.5..5 stars");
    const auto t0 = std::chrono::steady_clock::now();
    const auto it = person_.ratings.find(item);
    if (it != person_.ratings.end()) {
        if (it->second.half_stars == half_stars) return;
        engine_->forget(item, it->second);
        person_.ratings.erase(it);
    }
    const PersonRating r{half_stars, now_seconds};
    engine_->learn(item, r);
    person_.ratings.emplace(item, r);
    person_.unseen.erase(item);
    person_.watchlist.erase(item);  // watched: off the watchlist (off_watchlist_when_watched)
    changed();
    refresh();  // the new top list is part of what a rating costs
    rate_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::optional<RatingUndo> AppState::rate_undoable(uint32_t item, uint8_t half_stars, int64_t now_seconds) {
    RatingUndo u;
    u.item = item;
    if (const auto it = person_.ratings.find(item); it != person_.ratings.end()) u.before = it->second;
    u.was_unseen = is_unseen(item);
    u.was_on_watchlist = on_watchlist(item);  // rating takes a film off the watchlist
    const uint64_t rev = revision_;
    rate(item, half_stars, now_seconds);  // validates; throws before changing anything
    if (revision_ == rev) return std::nullopt;
    u.made = person_.ratings.at(item);
    return u;
}

bool AppState::undo_rating(const RatingUndo& u) {
    const auto it = person_.ratings.find(u.item);
    if (it == person_.ratings.end() || !(it->second == u.made)) return false;
    const auto t0 = std::chrono::steady_clock::now();
    engine_->forget(u.item, it->second);
    person_.ratings.erase(it);
    if (u.before) {
        engine_->learn(u.item, *u.before);
        person_.ratings.emplace(u.item, *u.before);
    }
    if (u.was_unseen && !u.before) person_.unseen.insert(u.item);  // a rated film carries no such mark
    if (u.was_on_watchlist && !u.before) person_.watchlist.insert(u.item);  // nor is it on the watchlist
    ++revision_;       // saved like any rating change
    rerank_timed(t0);  // the list gets the film back at once, timed from the first model's forgetting
    return true;
}

void AppState::learn_imported(uint32_t item, const PersonRating& r) {
    if (item >= ds_->num_items()) throw std::invalid_argument("import: no movie " + std::to_string(item));
    if (r.half_stars < 1 || r.half_stars > 10) throw std::invalid_argument("import: rating outside 0.5..5 stars");
    const auto it = person_.ratings.find(item);
    if (it != person_.ratings.end()) {
        if (it->second.half_stars == r.half_stars && it->second.timestamp == r.timestamp) return;
        engine_->forget(item, it->second);
        person_.ratings.erase(it);
    }
    engine_->learn(item, r);
    person_.ratings.emplace(item, r);
    person_.unseen.erase(item);
    person_.watchlist.erase(item);
    changed();
}

void AppState::unrate(uint32_t item) {
    const auto it = person_.ratings.find(item);
    if (it == person_.ratings.end()) return;
    engine_->forget(item, it->second);
    person_.ratings.erase(it);
    changed();
}

void AppState::set_unseen(uint32_t item, bool unseen) {
    if (item >= ds_->num_items()) return;
    if (unseen) {
        unrate(item);
        if (!person_.unseen.insert(item).second) return;
    } else if (!person_.unseen.erase(item)) {
        return;
    }
    changed(false);
}

void AppState::mark_seen(const std::set<uint32_t>& items) {
    const size_t before = person_.seen.size();
    for (uint32_t item : items)
        if (item < ds_->num_items() && person_.seen.insert(item).second) person_.watchlist.erase(item);
    if (person_.seen.size() != before) changed();  // the list loses them (and the watchlist)
}

void AppState::set_hidden(uint32_t item, bool hidden) {
    if (item >= ds_->num_items()) return;
    const bool changed_now = hidden ? person_.hidden.insert(item).second : person_.hidden.erase(item) > 0;
    if (!changed_now) return;
    ++revision_;     // a mark the person saves
    rerank_timed();  // the list loses (or gets back) the film at once, timed like a filter change
}

size_t AppState::add_to_watchlist(const std::set<uint32_t>& items) {
    const size_t before = person_.watchlist.size();
    for (uint32_t item : items)
        if (item < ds_->num_items() && !person_.ratings.count(item) && !person_.seen.count(item)) person_.watchlist.insert(item);
    const size_t added = person_.watchlist.size() - before;
    if (added) watchlist_changed();
    return added;
}

bool AppState::set_on_watchlist(uint32_t item, bool on) {
    if (item >= ds_->num_items()) return false;
    if (on && (person_.ratings.count(item) || person_.seen.count(item))) return false;
    if (!(on ? person_.watchlist.insert(item).second : person_.watchlist.erase(item) > 0)) return false;
    watchlist_changed();
    return true;
}

void AppState::watchlist_changed() {
    ++revision_;  // a mark the person saves
    if (scope_ == ListScope::Watchlist) rerank_timed();  // the watchlist view gains or loses the film at once
}

void AppState::forget_everything() {
    for (const auto& [item, r] : person_.ratings) engine_->forget(item, r);
    person_.ratings.clear();
    person_.unseen.clear();
    person_.aside.clear();
    person_.unseen_aside.clear();
    person_.seen.clear(), person_.seen_aside.clear(), person_.watchlist.clear(), person_.watchlist_aside.clear();
    person_.hidden.clear(), person_.hidden_aside.clear();
    const WnnConfig def = wnn_preset(kDefaultPreset);
    person_.settings = Settings{};
    filter_ = {};
    scope_ = ListScope::ForYou;
    list_length_ = kTopN;
    if (params_to_text(def) != params_to_text(engine_->wnn_config())) rebuild_ms_ = engine_->set_wnn_config(def, {});
    engine_->set_recent_list(0);
    person_.settings.wnn_config = params_to_text(engine_->wnn_config());
    notice_.clear();
    changed();
}

std::string AppState::set_wnn_config(const WnnConfig& cfg) {
    try {
        rebuild_ms_ = engine_->set_wnn_config(cfg, person_.ratings);
    } catch (const std::exception& e) {
        return e.what();
    }
    person_.settings.wnn_config = params_to_text(engine_->wnn_config());
    changed();
    return {};
}

void AppState::set_rec_source(RecSource s) {
    if (s == person_.settings.rec_source) return;
    person_.settings.rec_source = s;
    changed();
}

void AppState::set_recent_list(uint32_t n) {
    n = std::min(n, kMaxRecentList);
    if (n == person_.settings.recent_list) return;
    const auto t0 = std::chrono::steady_clock::now();
    engine_->set_recent_list(n);
    person_.settings.recent_list = n;
    ++revision_;       // saved
    rerank_timed(t0);  // the list follows at once, timed from the list parts' first change
}

void AppState::set_min_votes(uint32_t v) {
    if (v == person_.settings.min_votes) return;
    person_.settings.min_votes = v;
    changed();
}

void AppState::set_welcome_done() {
    if (person_.settings.welcome_done) return;
    person_.settings.welcome_done = true;
    changed(false);
}

const std::vector<LooRow>& AppState::accuracy() {
    if (loo_revision_ != list_revision_) {
        try {
            loo_ = engine_->leave_one_out(person_.ratings);
        } catch (const std::exception& e) {
            loo_.clear();  // a failed measurement must not stop the page
            notice_ = std::string("Accuracy could not be measured: ") + e.what();
        }
        loo_revision_ = list_revision_;
    }
    return loo_;
}

void AppState::replace_person(PersonState p, const Model* check) {
    WnnConfig cfg = wnn_preset(kDefaultPreset);
    try {
        apply_params(cfg, p.settings.wnn_config);
    } catch (const ParamError& e) {
        throw FormatError(std::string("its network settings are not valid: ") + e.what());
    }
    for (const auto& [item, r] : p.ratings) {
        (void)r;
        p.unseen.erase(item);
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto wnn = engine_->build_wnn(cfg, p.ratings);
    if (check) {
        if (check->kind() != wnn->kind()) throw FormatError("its model is not a weightless network");
        const uint32_t u = engine_->person();
        for (uint32_t i = 0; i < ds_->num_items(); ++i) {
            const double a = wnn->predict(u, i), b = check->predict(u, i);
            if (std::memcmp(&a, &b, sizeof a) != 0)
                throw FormatError("its model does not match its ratings and settings (movie " +
                                  std::to_string(ds_->items[i].id) + ")");
        }
    }
    rebuild_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    engine_->replace_person(std::move(wnn), person_.ratings, p.ratings);
    p.settings.recent_list = std::min(p.settings.recent_list, kMaxRecentList);
    engine_->set_recent_list(p.settings.recent_list);
    p.settings.wnn_config = params_to_text(engine_->wnn_config());
    person_ = std::move(p);
    notice_.clear();
    changed();
}

void AppState::adopt(const PersonState& p) {
    bool ratings_changed = false;
    for (auto it = person_.ratings.begin(); it != person_.ratings.end();) {
        const auto there = p.ratings.find(it->first);
        if (there != p.ratings.end() && there->second.half_stars == it->second.half_stars &&
            there->second.timestamp == it->second.timestamp) {
            ++it;
            continue;
        }
        engine_->forget(it->first, it->second);
        it = person_.ratings.erase(it);
        ratings_changed = true;
    }
    for (const auto& [item, r] : p.ratings) {
        if (item >= ds_->num_items() || r.half_stars < 1 || r.half_stars > 10 || person_.ratings.count(item)) continue;
        engine_->learn(item, r);
        person_.ratings.emplace(item, r);
        ratings_changed = true;
    }
    const Settings before = person_.settings;
    if (p.settings.wnn_config != person_.settings.wnn_config) {
        WnnConfig cfg = wnn_preset(kDefaultPreset);
        try {
            apply_params(cfg, p.settings.wnn_config);
            rebuild_ms_ = engine_->set_wnn_config(cfg, person_.ratings);
            person_.settings.wnn_config = params_to_text(engine_->wnn_config());
        } catch (const std::exception&) {
            // Another tab's settings this build cannot use: this tab keeps its own (and writes them back).
        }
    }
    person_.settings.rec_source = p.settings.rec_source;
    person_.settings.min_votes = p.settings.min_votes;
    person_.settings.welcome_done = p.settings.welcome_done;
    person_.settings.recent_list = std::min(p.settings.recent_list, kMaxRecentList);
    engine_->set_recent_list(person_.settings.recent_list);
    std::set<uint32_t> unseen;
    for (uint32_t item : p.unseen)
        if (item < ds_->num_items() && !person_.ratings.count(item)) unseen.insert(item);
    const bool unseen_changed = unseen != person_.unseen || p.unseen_aside != person_.unseen_aside || p.aside != person_.aside;
    person_.unseen = std::move(unseen);
    person_.aside = p.aside;
    person_.unseen_aside = p.unseen_aside;
    const auto in_catalogue = [&](const std::set<uint32_t>& s) {
        std::set<uint32_t> o;
        for (uint32_t item : s)
            if (item < ds_->num_items()) o.insert(item);
        return o;
    };
    std::set<uint32_t> seen = in_catalogue(p.seen), watchlist = in_catalogue(p.watchlist), hidden = in_catalogue(p.hidden);
    const bool seen_changed = seen != person_.seen || hidden != person_.hidden;  // both change the list
    const std::set<uint32_t> watchlist_before = person_.watchlist, watchlist_aside_before = person_.watchlist_aside;
    const bool marks_changed = seen_changed || p.seen_aside != person_.seen_aside || p.hidden_aside != person_.hidden_aside;
    person_.seen = std::move(seen);
    person_.watchlist = std::move(watchlist);
    person_.hidden = std::move(hidden);
    person_.seen_aside = p.seen_aside;
    person_.watchlist_aside = p.watchlist_aside;
    person_.hidden_aside = p.hidden_aside;
    off_watchlist_when_watched(person_);  // a film rated or seen in another tab comes off this one's watchlist too
    const bool watchlist_changed = person_.watchlist != watchlist_before || person_.watchlist_aside != watchlist_aside_before;
    const bool watchlist_view_changed = scope_ == ListScope::Watchlist && person_.watchlist != watchlist_before;
    const bool list_changed = ratings_changed || seen_changed || watchlist_view_changed || before.wnn_config != person_.settings.wnn_config ||
                              before.rec_source != person_.settings.rec_source || before.min_votes != person_.settings.min_votes ||
                              before.recent_list != person_.settings.recent_list;
    if (list_changed || unseen_changed || marks_changed || watchlist_changed || before.welcome_done != person_.settings.welcome_done) changed(list_changed);
}

std::vector<uint32_t> AppState::candidates(ListScope scope, const ListFilter& filter) const {
    std::vector<bool> rated(ds_->num_items(), false);  // one pass over the ratings, not a map lookup per movie
    for (const auto& [item, r] : person_.ratings) rated[item] = true;
    for (uint32_t item : person_.seen) rated[item] = true;  // seen: never offered, rated or not
    ListFilter f = filter;
    if (scope == ListScope::Watchlist) {
        // The person's own films, whatever their community ratings; "not interested" is about what the list finds
        // for them, not about films they put on their watchlist themselves.
        if (person_.watchlist.empty()) return {};  // an empty `only` would mean every movie
        f.only.assign(person_.watchlist.begin(), person_.watchlist.end());
        f.min_votes = 0;
    } else {
        for (uint32_t item : person_.hidden) rated[item] = true;  // "not interested": never offered
        f.min_votes = person_.settings.min_votes;
    }
    return filter_candidates(*ds_, view_->all_votes(), f, rated);
}

void AppState::refresh() {
    if (derived_revision_ == list_revision_) return;
    derived_revision_ = list_revision_;
    const RecSource src = person_.settings.rec_source;
    // Only the candidates are scored: with the 2023 catalogue most movies have no community ratings, and a list that
    // needs some (min_votes >= 1) does not pay for predicting them.
    const std::vector<uint32_t> cand = candidates(scope_, filter_);
    scope_candidates_ = cand.size();
    // The one top-N path (eval/recommend.hpp): the evaluator's ranking protocol and the JS API use it too.
    const size_t reasons = person_.ratings.empty() ? 0 : 3;
    auto list = recommend(engine_->model(src), engine_->person(), cand, view_->all_votes(),
                          static_cast<uint32_t>(list_length_), reasons);
    const bool lifts = (src == RecSource::Wnn || src == RecSource::Blend) && !person_.ratings.empty();
    recs_.clear();
    for (auto& pick : list) {
        Recommendation rec;
        rec.item = pick.item;
        rec.stars = engine_->predict(src, pick.item);
        rec.score = pick.score;
        rec.why = std::move(pick.reasons);
        if (lifts) rec.lifted_by = engine_->lifted_by(pick.item, 3);
        recs_.push_back(std::move(rec));
    }
}

void AppState::set_list_filter(const ListFilter& f) {
    ListFilter g = f;
    g.min_votes = 0;  // the person's setting, applied in refresh()
    g.only.clear();
    if (g == filter_) return;
    filter_ = std::move(g);
    rerank_timed();
}

void AppState::set_list_scope(ListScope s) {
    if (s == scope_) return;
    scope_ = s;
    rerank_timed();
}

size_t AppState::watchlist_filtered_out() {
    if (scope_ != ListScope::Watchlist) return 0;
    refresh();
    return person_.watchlist.size() - std::min(person_.watchlist.size(), scope_candidates_);
}

std::vector<uint32_t> AppState::watchlist_ranked() {
    const std::vector<uint32_t> cand = candidates(ListScope::Watchlist, ListFilter{});
    const RecSource src = person_.settings.rec_source;
    // The one top-N path again, over the whole watchlist (a few hundred films: one click's work, not every frame's).
    return recommend_items(engine_->model(src), engine_->person(), cand, view_->all_votes(), static_cast<uint32_t>(cand.size()));
}

void AppState::show_more() {
    if (list_length_ >= kMaxListLength) return;
    list_length_ = std::min(kMaxListLength, list_length_ + kTopN);
    rerank_timed();
}

void AppState::rerank_timed() { rerank_timed(std::chrono::steady_clock::now()); }

void AppState::rerank_timed(std::chrono::steady_clock::time_point t0) {
    ++list_revision_;  // not revision_: nothing the person saves changed
    refresh();
    list_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Computed when a page asks, not in every rating's path to the list.
const std::vector<Recommendation>& AppState::new_films() {
    if (new_films_revision_ == list_revision_) return new_films_;
    new_films_revision_ = list_revision_;
    new_films_.clear();
    if (person_.ratings.empty()) return new_films_;  // the network knows nothing of the person yet: no order to show
    if (new_candidates_.empty())
        for (uint32_t i = 0; i < ds_->num_items(); ++i)
            if (view_->votes(i) == 0 && ds_->items[i].year >= kNewSinceYear) new_candidates_.push_back(i);
    std::vector<uint32_t> cand;
    cand.reserve(new_candidates_.size());
    for (uint32_t i : new_candidates_)  // "not seen" marks do not take it out, as in the list; seen and the filter do
        if (!person_.ratings.count(i) && !person_.seen.count(i) && !person_.hidden.count(i) && filter_.admits(ds_->items[i], 0))
            cand.push_back(i);
    if (cand.empty()) return new_films_;
    // Ordered by the person's favourite genres (the cold-item protocol's best: docs/RESULTS.md), then by the stars
    // the rating network predicts, then the newest. Many films share a genre mix, so the stars decide among equals:
    // they are predicted for the films that tie with the kNewFilms-th best genre score or beat it, not for all.
    std::vector<double> genre(cand.size());
    engine_->genre_scores(cand, genre);
    std::vector<double> sorted = genre;
    const size_t nth = std::min(kNewFilms, sorted.size()) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(nth), sorted.end(), std::greater<>());
    const double bar = sorted[nth];
    std::vector<uint32_t> top;
    std::vector<double> top_genre;
    for (size_t k = 0; k < cand.size(); ++k)
        if (genre[k] >= bar) top.push_back(cand[k]), top_genre.push_back(genre[k]);
    cand = std::move(top);
    genre = std::move(top_genre);
    std::vector<double> stars(cand.size());
    engine_->predict_many(RecSource::Wnn, cand, stars);  // the rating network's stars
    std::vector<size_t> order(cand.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    const size_t n = std::min(kNewFilms, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(), [&](size_t a, size_t b) {
        if (genre[a] != genre[b]) return genre[a] > genre[b];
        if (stars[a] != stars[b]) return stars[a] > stars[b];
        const int16_t ya = ds_->items[cand[a]].year, yb = ds_->items[cand[b]].year;
        return ya != yb ? ya > yb : cand[a] < cand[b];
    });
    for (size_t k = 0; k < n; ++k) {
        Recommendation rec;
        rec.item = cand[order[k]];
        rec.score = genre[order[k]];
        rec.stars = stars[order[k]];
        new_films_.push_back(std::move(rec));
    }
    return new_films_;
}

void AppState::refresh_predictions() {
    if (preds_revision_ == list_revision_) return;
    preds_revision_ = list_revision_;
    engine_->predict_all(person_.settings.rec_source, preds_);
}

uint64_t AppState::predictions_hash() {
    if (hash_revision_ == list_revision_) return preds_hash_;
    hash_revision_ = list_revision_;
    // Over the movies with community ratings only: the page publishes this every frame for its tests, and predicting
    // the whole 2023 catalogue after each change would cost a frame of its own.
    if (hashed_items_.empty())
        for (uint32_t i = 0; i < ds_->num_items(); ++i)
            if (view_->votes(i) > 0) hashed_items_.push_back(i);
    std::vector<double> p(hashed_items_.size());
    engine_->predict_many(person_.settings.rec_source, hashed_items_, p);
    uint64_t h = 1469598103934665603ull;  // FNV-1a over the bit patterns
    for (double d : p) {
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        for (int k = 0; k < 8; ++k) h = (h ^ ((bits >> (8 * k)) & 0xFF)) * 1099511628211ull;
    }
    preds_hash_ = h;
    return h;
}

const std::vector<Recommendation>& AppState::recommendations() {
    refresh();
    return recs_;
}

const std::vector<double>& AppState::predictions() {
    refresh_predictions();
    return preds_;
}


}  // namespace wl::app
