// The list's "Undo" after a rating (AppState::rate_undoable / undo_rating): it puts back exactly what the rating
// replaced (no rating, or the old rating with its date, and a "haven't seen" mark), so every model predicts bit for
// bit what it did and the list is the one the person saw; a later change wins over a stale undo.
#include <gtest/gtest.h>

#include <vector>

#include "app/logic/app_state.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::item_of;

PersonState three_rated(const Dataset& ds) {
    PersonState p;
    p.ratings[item_of(ds, 1)] = {8, 1000};
    p.ratings[item_of(ds, 318)] = {10, 1001};
    p.ratings[item_of(ds, 2571)] = {9, 1002};
    return p;
}

std::vector<uint32_t> items_of(const std::vector<Recommendation>& recs) {
    std::vector<uint32_t> v;
    for (const auto& r : recs) v.push_back(r.item);
    return v;
}

TEST(RatingUndo, UndoingANewRatingRestoresTheListAndEveryModelExactly) {
    AppState app(embedded_catalogue(), three_rated(embedded_catalogue()), embedded_items());
    const auto list = items_of(app.recommendations());
    const uint64_t hash = app.predictions_hash();
    ASSERT_GE(list.size(), 3u);
    const uint32_t third = list[2];
    uint64_t rev = app.revision();
    const auto u = app.rate_undoable(third, 8, 5000);
    ASSERT_TRUE(u.has_value());
    EXPECT_FALSE(u->before.has_value());
    EXPECT_EQ(u->made, (PersonRating{8, 5000}));
    EXPECT_GT(app.revision(), rev);
    const auto rated = items_of(app.recommendations());
    EXPECT_EQ(std::count(rated.begin(), rated.end(), third), 0) << "a rated film leaves the list";
    EXPECT_NE(app.predictions_hash(), hash);
    rev = app.revision();
    EXPECT_TRUE(app.undo_rating(*u));
    EXPECT_GT(app.revision(), rev) << "an undo is saved like any rating change";
    EXPECT_FALSE(app.rating_of(third).has_value());
    EXPECT_EQ(items_of(app.recommendations()), list) << "the film is back at its place, the list as it was";
    EXPECT_EQ(app.predictions_hash(), hash) << "the models unlearned the rating exactly";
    EXPECT_GE(app.last_list_ms(), 0.0);
    EXPECT_FALSE(app.undo_rating(*u)) << "a second undo has nothing to undo";
}

TEST(RatingUndo, UndoingAReRatingPutsBackTheOldRatingAndItsDate) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, three_rated(ds), embedded_items());
    const uint32_t toy = item_of(ds, 1);
    const uint64_t hash = app.predictions_hash();
    const auto u = app.rate_undoable(toy, 3, 7000);
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->before, (PersonRating{8, 1000}));
    EXPECT_TRUE(app.undo_rating(*u));
    EXPECT_EQ(app.person().ratings.at(toy), (PersonRating{8, 1000})) << "the old stars and the old date";
    EXPECT_EQ(app.predictions_hash(), hash);
    EXPECT_FALSE(app.rate_undoable(toy, 8, 8000).has_value()) << "the same stars again change nothing";
}

TEST(RatingUndo, UndoBringsBackAHaventSeenMark) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, three_rated(ds), embedded_items());
    const uint32_t film = item_of(ds, 356);
    app.set_unseen(film, true);
    const auto u = app.rate_undoable(film, 6, 9000);
    ASSERT_TRUE(u.has_value());
    EXPECT_TRUE(u->was_unseen);
    EXPECT_FALSE(app.is_unseen(film));
    EXPECT_TRUE(app.undo_rating(*u));
    EXPECT_TRUE(app.is_unseen(film));
    EXPECT_FALSE(app.rating_of(film).has_value());
}

// Rated from the watchlist view, the film leaves the watchlist (a watched film is off it); the undo puts it back
// there, at its place in that view.
TEST(RatingUndo, UndoPutsAFilmBackOnTheWatchlist) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, three_rated(ds), embedded_items());
    for (const uint32_t id : {356u, 593u, 260u}) ASSERT_TRUE(app.set_on_watchlist(item_of(ds, id), true));
    app.set_list_scope(ListScope::Watchlist);
    const auto before = items_of(app.recommendations());
    ASSERT_EQ(before.size(), 3u);
    const uint32_t film = before[1];
    const auto u = app.rate_undoable(film, 9, 9000);
    ASSERT_TRUE(u.has_value());
    EXPECT_FALSE(app.on_watchlist(film));
    EXPECT_EQ(app.recommendations().size(), 2u);
    EXPECT_TRUE(app.undo_rating(*u));
    EXPECT_TRUE(app.on_watchlist(film));
    EXPECT_EQ(items_of(app.recommendations()), before);
}

TEST(RatingUndo, ALaterChangeWins) {
    const Dataset& ds = embedded_catalogue();
    AppState app(ds, three_rated(ds), embedded_items());
    const uint32_t film = item_of(ds, 356);
    const auto u = app.rate_undoable(film, 6, 9000);
    ASSERT_TRUE(u.has_value());
    app.rate(film, 9, 9001);  // re-rated since (elsewhere, or another tab)
    const uint64_t rev = app.revision();
    EXPECT_FALSE(app.undo_rating(*u));
    EXPECT_EQ(app.rating_of(film), std::optional<uint8_t>(9));
    EXPECT_EQ(app.revision(), rev);
    app.unrate(film);  // removed since: nothing to undo either
    EXPECT_FALSE(app.undo_rating(*u));
    EXPECT_FALSE(app.rating_of(film).has_value());
    EXPECT_THROW(app.rate_undoable(film, 11, 0), std::invalid_argument);
}

}  // namespace
}  // namespace wl::app
