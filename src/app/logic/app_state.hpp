// Everything the app knows, with no UI and no platform code: the catalogue, the person's data, the models and
// the recommendations derived from them. Every change bumps revision(); the shell saves when it moves.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalogue_view.hpp"
#include "engine.hpp"
#include "person.hpp"
#include "weightless/data/dataset.hpp"
#include "weightless/eval/list_filter.hpp"
#include "weightless/model/wnn_config.hpp"

namespace wl::app {

inline constexpr size_t kTopN = 20;        // the list's length at first, and what "show more" adds each time
inline constexpr size_t kMaxListLength = 500;
inline constexpr const char* kDefaultPreset = "best";

struct Recommendation {
    uint32_t item = 0;
    double stars = 0;    // predicted stars: the list's model's, or the rating WNN's for a relevance list
    double score = 0;    // the list model's rank score (what ordered the list)
    // The person's rated movies behind this pick, strongest first (Model::explain of the list's model): shared
    // input bits of the weightless ranker (the default list), shared RAM cells of the rating WNN (stars list),
    // or EASE weights; empty for the baselines.
    std::vector<Reason> why;
    // The features of this movie that lift its prediction most (WnnModel::feature_influence, positive ones, at
    // most 3), WNN list only; empty for a mode whose answer does not split by feature.
    std::vector<WnnModel::FeatureInfluence> lifted_by;
};

// What a rating replaced, to put it back exactly (the list's "Undo" after rating a film there).
struct RatingUndo {
    uint32_t item = 0;
    std::optional<PersonRating> before;  // the rating it replaced (with its date), none when the film had none
    bool was_unseen = false;             // rating a film clears its "haven't seen" mark
    bool was_on_watchlist = false;       // and takes it off the watchlist
    PersonRating made;                   // the rating given: an undo applies only while the film still has it
};
// Which films the list ranks: every film the person has not rated nor seen ("For you"), or only those on their
// watchlist ("From your watchlist": what to watch tonight). The same model, filter and top-N path rank both
// (ListFilter::only).
enum class ListScope : uint8_t { ForYou, Watchlist };

class AppState {
public:
    // Fits every model on the catalogue and replays the person's ratings. `public_items` are the catalogue's
    // shipped EASE weights (assets/*.items.wlim; empty: fitted from the catalogue). A saved WNN config that is no
    // longer valid falls back to the default preset and leaves a notice().
    AppState(Dataset catalogue, PersonState person, ItemNeighbours public_items = {});

    const Dataset& dataset() const { return *ds_; }
    const CatalogueView& view() const { return *view_; }
    const PersonState& person() const { return person_; }
    uint64_t revision() const { return revision_; }
    // Moves whenever the list may have changed (a rating, a mark, a filter, "show more", a setting).
    uint64_t list_revision() const { return list_revision_; }
    const std::string& notice() const { return notice_; }
    void clear_notice() { notice_.clear(); }

    std::optional<uint8_t> rating_of(uint32_t item) const;
    bool is_unseen(uint32_t item) const { return person_.unseen.count(item) != 0; }
    bool is_seen(uint32_t item) const { return person_.seen.count(item) != 0; }

    // Rates (or re-rates) `item` in half stars 1..10: models forget the old rating and learn the new one at once.
    void rate(uint32_t item, uint8_t half_stars, int64_t now_seconds);
    // rate(), remembering what it replaced for undo_rating() (nullopt when nothing changed: the same stars again).
    std::optional<RatingUndo> rate_undoable(uint32_t item, uint8_t half_stars, int64_t now_seconds);
    // Puts back exactly what the rating `u` replaced: no rating (every model forgets it exactly, as unrate()) or the
    // old rating with its date, and a "haven't seen" mark it cleared. Saved like any rating change; re-ranks at once,
    // timed like a filter change (last_list_ms()). Does nothing and returns false when the film no longer has the
    // rating `u` made (changed since, here or in another tab): the later change wins.
    bool undo_rating(const RatingUndo& u);
    // Learns one rating of an imported history (replacing the person's rating of that movie, if any) without
    // re-ranking the list: an import learns many in slices (ImportJob), and the list follows once per frame.
    void learn_imported(uint32_t item, const PersonRating& r);
    // Removes the rating: every model forgets it exactly.
    void unrate(uint32_t item);
    void set_unseen(uint32_t item, bool unseen);
    // "Not interested": the film leaves the list and the new-films section (false: it comes back). Saved.
    void set_hidden(uint32_t item, bool hidden);
    bool is_hidden(uint32_t item) const { return person_.hidden.count(item) != 0; }
    // Marks films seen (they leave the list and the new-films section, rated or not) or adds them to the
    // watchlist: what an imported watched.csv or watchlist confirms. Movies outside the catalogue are skipped.
    void mark_seen(const std::set<uint32_t>& items);
    // Films rated or seen are not put on the watchlist (off_watchlist_when_watched): returns how many were added.
    size_t add_to_watchlist(const std::set<uint32_t>& items);
    // One film on or off the watchlist (search, the list, the watchlist view). Saved; re-ranks the watchlist view at
    // once (timed like a filter change). Returns false when nothing changed (a rated or seen film is not added).
    bool set_on_watchlist(uint32_t item, bool on);
    bool on_watchlist(uint32_t item) const { return person_.watchlist.count(item) != 0; }
    // Drops every rating, every unseen mark and every setting (the welcome shows again).
    void forget_everything();

    // Rebuilds the WNN with `cfg` from the person's ratings. Returns "" or the reason it was refused (the old
    // model stays then).
    std::string set_wnn_config(const WnnConfig& cfg);
    const WnnConfig& wnn_config() const { return engine_->wnn_config(); }
    const WnnModel& wnn() const { return engine_->wnn(); }
    size_t wnn_memory_bytes() const { return engine_->wnn_memory_bytes(); }
    double last_rebuild_ms() const { return rebuild_ms_; }
    uint32_t cells_per_item() const { return engine_->cells_per_item(); }
    uint32_t ranker_bits(uint32_t item) const { return engine_->ranker_bits(item); }
    size_t list_memory_bytes() const { return engine_->list_memory_bytes(); }
    double fit_ms() const { return fit_ms_; }

    void set_rec_source(RecSource s);
    // "Follow my latest ratings" (Settings::recent_list, Engine::set_recent_list): 0 off, else the list's parts hold
    // only the latest n ratings. Saved; re-ranks at once, timed like a filter change (last_list_ms()).
    void set_recent_list(uint32_t n);
    void set_min_votes(uint32_t v);
    // What the list may hold beyond "not rated": genres in and out, a year range (eval/list_filter.hpp, the one
    // filter of the app, the JS API and the evaluator). Its min_votes is the person's setting (set_min_votes), and
    // `only` is not used here. Kept for the session, not saved: a list that opens filtered without saying so on the
    // next visit would look like a broken recommender. Re-ranks at once (last_list_ms()).
    const ListFilter& list_filter() const { return filter_; }
    void set_list_filter(const ListFilter& f);
    // For you, or the watchlist ranked (ListScope). Kept for the session like the filter; re-ranks at once. In the
    // watchlist the genre and year filter applies but not the minimum of community ratings: the person chose those
    // films, and many are newer than the community's ratings (their place comes from the network's stars then).
    ListScope list_scope() const { return scope_; }
    void set_list_scope(ListScope s);
    // The watchlist's films the filter leaves out (0 outside the watchlist view), so the page can say so.
    size_t watchlist_filtered_out();
    // The whole watchlist best first by the list's model, whatever the filter and the list's length (the export).
    std::vector<uint32_t> watchlist_ranked();
    // How many the list holds: kTopN, and kTopN more per "show more" (up to kMaxListLength); a change of the
    // ratings or of the filter keeps it. Re-ranks at once.
    size_t list_length() const { return list_length_; }
    void show_more();
    // Milliseconds the last filter change, "show more", "not interested" (or its undo) or a rating's undo took to the
    // re-ranked list.
    double last_list_ms() const { return list_ms_; }
    void set_welcome_done();

    // Leave-one-out accuracy of every model on the person's ratings (recomputed after a change, when asked).
    const std::vector<LooRow>& accuracy();
    // Milliseconds the last rating took from learning it to the re-ranked top kTopN over the whole catalogue.
    double last_rate_ms() const { return rate_ms_; }

    // Replaces the person's ratings and settings by `p` (an import or a shared link) and retrains from them.
    // When `check` is given (an imported model), the retrained network must predict exactly what it predicts
    // for the person, or FormatError is thrown. Any failure leaves everything as it was.
    void replace_person(PersonState p, const Model* check);
    // Makes the person's data `p` (a merge with another tab's saved state): the models forget and learn only the
    // difference, exactly, and a changed network config rebuilds the network (this tab keeps its own config when
    // it cannot use the other's). Ratings of movies outside the catalogue are skipped. Bumps revision() on change.
    void adopt(const PersonState& p);

    // The top list_length() movies neither rated nor seen with at least min_votes community ratings that the list
    // filter admits, best first (recomputed on change). Fewer when the filter admits fewer.
    const std::vector<Recommendation>& recommendations();
    // Films released since the community's ratings end (kNewSinceYear on) that have none: no list model can place
    // them. The kNewFilms that best match the person's favourite genres (genre-fav, which ranked such films best in
    // the cold-item protocol, ahead of the rating network), then by the network's stars (shown), then newest; unrated
    // ("not seen" marks leave it as they leave the list). Their own labelled section: mixed in, none reached the list's top 10 (docs/RESULTS.md, "Films
    // without community ratings"). Computed when asked (cached per change), not in a rating's path to the list.
    const std::vector<Recommendation>& new_films();
    static constexpr int16_t kNewSinceYear = 2018;
    static constexpr size_t kNewFilms = 5;
    // The current list model's prediction for every item (computed when asked: the list itself predicts its
    // candidates only), and a hash of the exact bits of those of the movies with community ratings.
    const std::vector<double>& predictions();
    uint64_t predictions_hash();

private:
    // Every change is saved; only some change the predictions or the list.
    void changed(bool affects_list = true) {
        ++revision_;
        if (affects_list) ++list_revision_;
    }
    void refresh();
    void refresh_predictions();

    std::unique_ptr<Dataset> ds_;   // stable address: the view and the engine keep references
    std::unique_ptr<CatalogueView> view_;
    std::unique_ptr<Engine> engine_;
    PersonState person_;
    uint64_t revision_ = 1, list_revision_ = 1;
    uint64_t derived_revision_ = 0, preds_revision_ = 0, hash_revision_ = 0, new_films_revision_ = 0;
    std::vector<uint32_t> hashed_items_;
    std::vector<double> preds_;
    std::vector<Recommendation> recs_, new_films_;
    std::vector<uint32_t> new_candidates_;  // the films of kNewSinceYear on without community ratings
    uint64_t preds_hash_ = 0;
    double rebuild_ms_ = 0, fit_ms_ = 0, rate_ms_ = -1, list_ms_ = -1;
    ListFilter filter_;
    ListScope scope_ = ListScope::ForYou;
    size_t scope_candidates_ = 0;  // the candidates the last refresh ranked
    size_t list_length_ = kTopN;
    // The filter and the films left out for the list of scope `scope` (the one place both views are gathered).
    std::vector<uint32_t> candidates(ListScope scope, const ListFilter& filter) const;
    // A watchlist change: saved, and the watchlist view re-ranks.
    void watchlist_changed();
    // Re-ranks now and times it (list_ms_): a filter change or "show more" answers within a frame.
    void rerank_timed();
    void rerank_timed(std::chrono::steady_clock::time_point t0);  // timed from t0 (the change began before)
    std::vector<LooRow> loo_;
    uint64_t loo_revision_ = 0;
    std::string notice_;
};

}  // namespace wl::app
