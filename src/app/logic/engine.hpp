// The models behind the app: the person's list model (wnn-blend over the shipped public EASE weights: the
// weightless ranker, EASE and the person's rating WNN) and the baselines, fitted once on the catalogue's ratings,
// then taught and untaught the person's ratings one at a time. The person is user index catalogue.num_users().
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "person.hpp"
#include "weightless/data/dataset.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/model.hpp"
#include "weightless/model/wnn_blend.hpp"
#include "weightless/model/wnn_model.hpp"

namespace wl::app {

// Leave-one-out accuracy of one model on the person's own ratings.
struct LooRow {
    std::string model;   // display name
    uint64_t n = 0;      // ratings scored
    double rmse = 0;     // NaN when n == 0
    double within1 = 0;  // fraction within one star (the engine's thermometer rule), NaN when n == 0
};

class Engine {
public:
    // Fits the baselines on the catalogue's ratings and prepares the list model over `public_items` (the shipped
    // EASE weights of the catalogue; empty: fitted here from the catalogue, for small test catalogues). The rating
    // WNN waits for set_wnn_config.
    Engine(const Dataset& catalogue, ItemNeighbours public_items);

    // Builds a new WNN over the catalogue's item statistics (WnnModel::prepare), then teaches it `ratings`. Throws std::invalid_argument or ParamError for a
    // config the WNN refuses; the previous WNN is kept then. Returns the milliseconds spent.
    double set_wnn_config(const WnnConfig& cfg, const std::map<uint32_t, PersonRating>& ratings);
    const WnnConfig& wnn_config() const { return wnn().config(); }
    size_t wnn_memory_bytes() const { return wnn().memory_bytes(); }
    // The whole list model (ranker tables, EASE's list, the rating WNN).
    size_t list_memory_bytes() const { return list_->memory_bytes(); }

    uint32_t person() const { return person_; }
    // "Follow my latest ratings" (Settings::recent_list): with n > 0 the list's parts (EASE's set and the weightless
    // ranker) hold only the person's latest n ratings, by timestamp then item (RecentWindowModel's rule, the form
    // docs/RECENCY.md measured: wnn-blend:recent=10 recent_stars=0); the rating network and the baselines keep every
    // rating. 0: every rating, today's list bit for bit. Exact both ways (forget undoes learn).
    void set_recent_list(uint32_t n);
    uint32_t recent_list() const { return recent_list_; }
    // Every model learns / forgets the person's rating of `item` (forget exactly undoes learn).
    void learn(uint32_t item, const PersonRating& r);
    void forget(uint32_t item, const PersonRating& r);

    // The baselines learn the person's saved ratings (at start; set_wnn_config teaches the network).
    void learn_baselines(const std::map<uint32_t, PersonRating>& ratings);
    // For every model: each of the person's ratings is forgotten, predicted and learned back (exact, so the models
    // end as they began). O(ratings x model cost); the WNN first.
    std::vector<LooRow> leave_one_out(const std::map<uint32_t, PersonRating>& ratings);

    // Replaces the WNN by `wnn` (fitted on the catalogue, already holding `fresh`), and moves the baselines from
    // the person's `old` ratings to `fresh` ones.
    void replace_person(std::unique_ptr<WnnModel> wnn, const std::map<uint32_t, PersonRating>& old,
                        const std::map<uint32_t, PersonRating>& fresh);
    // A new WNN with `cfg` prepared on the catalogue holding `ratings` (nothing of the engine changes).
    std::unique_ptr<WnnModel> build_wnn(const WnnConfig& cfg, const std::map<uint32_t, PersonRating>& ratings) const;
    const WnnModel& wnn() const { return list_->stars(); }
    const WnnBlendModel& list_model() const { return *list_; }
    // The model that ranks the list for `src` (its rank_scores and explain are what the list shows).
    const Model& model(RecSource src) const;

    // The person's predicted stars for every catalogue item: `src`'s own when it predicts a rating, else the
    // rating WNN's (the stars shown beside a relevance list).
    void predict_all(RecSource src, std::vector<double>& out) const;
    // The same for one item, and for `items` (into `out`, as long).
    double predict(RecSource src, uint32_t item) const;
    void predict_many(RecSource src, std::span<const uint32_t> items, std::span<double> out) const;
    // How well `items` match the person's favourite genres (genre-fav: the best measured ranker of films without
    // community ratings, docs/RESULTS.md), into `out`, as long.
    void genre_scores(std::span<const uint32_t> items, std::span<double> out) const;
    // Up to `max` features of `item` that lift the person's WNN prediction most, each by at least kLeastLift.
    std::vector<WnnModel::FeatureInfluence> lifted_by(uint32_t item, size_t max) const;
    // The page prints lifts to two decimals: a smaller one would read "+0.00", which explains nothing.
    static constexpr double kLeastLift = 0.005;
    // How many RAM cells one movie addresses (ensemble members x RAMs): the most two movies can share.
    uint32_t cells_per_item() const { return wnn().network().members() * wnn().network().rams(); }
    // Input bits one movie sets in the weightless ranker (the most two movies can share there).
    uint32_t ranker_bits(uint32_t item) const;

private:
    Rating rating(uint32_t item, const PersonRating& r) const;
    // The person's ratings in (timestamp, item) order, and moves the list's parts to the window of them: those that
    // left it are forgotten, those that entered it learned (a rating is one write, a move at most two more).
    void add_history(const Rating& r);
    void remove_history(const Rating& r);
    void sync_lists();
    // The model whose stars `src` shows: its own when it predicts a rating, else the rating WNN.
    const Model& stars_model(RecSource src) const;

    const Dataset& cat_;
    uint32_t person_;
    std::unique_ptr<WnnBlendModel> list_;
    std::unique_ptr<Model> popularity_;
    std::unique_ptr<Model> user_mean_, bias_, global_mean_, user_mode_;  // the last two: accuracy only
    std::unique_ptr<Model> genre_fav_;  // the person's favourite genres: what ranks films without community ratings
    std::vector<Model*> baselines() const {
        return {user_mean_.get(), bias_.get(), global_mean_.get(), user_mode_.get(), genre_fav_.get()};
    }
    std::vector<uint32_t> all_items_;
    uint32_t recent_list_ = 0;
    std::vector<Rating> history_;   // every rating of the person, by (timestamp, item)
    std::vector<Rating> in_lists_;  // what EASE's set and the ranker hold now: history_'s window, same order
};

}  // namespace wl::app
