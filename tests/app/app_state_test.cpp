// The app's models and state (app/engine.hpp, app/app_state.hpp) on the real catalogue: rating then removing a
// rating returns every model to its earlier predictions bit for bit, a reload replays to the same predictions,
// leave-one-out gives a row per model and leaves the models as they were, imports are checked against their model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/engine.hpp"
#include "app/logic/exchange.hpp"
#include "app_test_util.hpp"
#include "weightless/eval/metrics.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::format_error_of;
using test::item_of;

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Index of the first item whose prediction differs in its bits (or -1).
int64_t first_difference(const std::vector<double>& a, const std::vector<double>& b) {
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return static_cast<int64_t>(i);
    return a.size() == b.size() ? -1 : static_cast<int64_t>(std::min(a.size(), b.size()));
}

// Movies a person might rate first (MovieLens ids) and their half stars.
const std::pair<uint32_t, uint8_t> kFirst[] = {{1, 8},     {318, 10}, {2571, 9}, {4973, 7}, {296, 4},
                                               {356, 6},   {260, 10}, {593, 3},  {480, 5},  {110, 8},
                                               {589, 2},   {527, 9}};

PersonState rated(const Dataset& ds, size_t n) {
    PersonState p;
    for (size_t k = 0; k < n; ++k) p.ratings[item_of(ds, kFirst[k].first)] = {kFirst[k].second, 1000 + int64_t(k)};
    return p;
}

const RecSource kSources[] = {RecSource::Wnn, RecSource::UserMean, RecSource::Bias};

TEST(AppState, RatingThenRemovingRestoresEveryModelBitForBit) {
    AppState app(embedded_catalogue(), rated(embedded_catalogue(), 3), embedded_items());
    const Dataset& ds = app.dataset();
    std::vector<std::vector<double>> before;
    std::vector<uint64_t> hashes;
    for (RecSource s : kSources) {
        app.set_rec_source(s);
        before.push_back(app.predictions());
        hashes.push_back(app.predictions_hash());
    }
    // Rate new movies, re-rate one of them and one of the saved ratings, then take back the new ones.
    const uint64_t rev = app.revision();
    app.rate(item_of(ds, 2959), 9, 2000);
    app.rate(item_of(ds, 1196), 3, 2001);
    app.rate(item_of(ds, 2959), 2, 2002);
    EXPECT_GT(app.revision(), rev);
    EXPECT_EQ(app.rating_of(item_of(ds, 2959)), std::optional<uint8_t>(2));
    for (size_t k = 0; k < 3; ++k) {
        app.set_rec_source(kSources[k]);
        EXPECT_NE(app.predictions_hash(), hashes[k]) << "the new ratings must change " << rec_source_label(kSources[k]);
    }
    app.unrate(item_of(ds, 1196));
    app.unrate(item_of(ds, 2959));
    EXPECT_EQ(app.rating_of(item_of(ds, 2959)), std::nullopt);
    for (size_t k = 0; k < 3; ++k) {
        app.set_rec_source(kSources[k]);
        EXPECT_TRUE(same_bits(app.predictions(), before[k]))
            << rec_source_label(kSources[k]) << ": item " << first_difference(app.predictions(), before[k]);
        EXPECT_EQ(app.predictions_hash(), hashes[k]);
    }
    // Re-rating a saved rating and putting the old value back is exact too.
    const uint32_t toy = item_of(ds, 1);
    app.rate(toy, 1, 3000);
    app.rate(toy, 8, 3001);
    for (size_t k = 0; k < 3; ++k) {
        app.set_rec_source(kSources[k]);
        EXPECT_TRUE(same_bits(app.predictions(), before[k])) << rec_source_label(kSources[k]);
    }
}

TEST(AppState, FromNothingAndBackToNothing) {
    AppState app(embedded_catalogue(), {}, embedded_items());
    const Dataset& ds = app.dataset();
    const auto fresh = app.predictions();
    ASSERT_EQ(fresh.size(), ds.num_items());
    for (const auto& [id, hs] : kFirst) app.rate(item_of(ds, id), hs, 5);
    EXPECT_FALSE(same_bits(app.predictions(), fresh));
    for (const auto& [id, hs] : kFirst) {
        (void)hs;
        app.unrate(item_of(ds, id));
    }
    EXPECT_TRUE(same_bits(app.predictions(), fresh)) << "item " << first_difference(app.predictions(), fresh);
    EXPECT_TRUE(app.person().ratings.empty());
}

TEST(AppState, ForgetEverythingReturnsToAFreshStart) {
    AppState fresh(embedded_catalogue(), {}, embedded_items());
    PersonState p = rated(embedded_catalogue(), 6);
    p.settings.wnn_config = "tuple_size=8";
    p.settings.rec_source = RecSource::Bias;
    p.settings.min_votes = 40;
    p.settings.welcome_done = true;
    AppState app(embedded_catalogue(), p, embedded_items());
    app.set_unseen(item_of(app.dataset(), 2), true);
    app.forget_everything();
    EXPECT_TRUE(app.person().ratings.empty());
    EXPECT_TRUE(app.person().unseen.empty());
    EXPECT_FALSE(app.person().settings.welcome_done);
    EXPECT_EQ(app.person().settings.rec_source, RecSource::Blend);
    EXPECT_EQ(app.person().settings.wnn_config, fresh.person().settings.wnn_config);
    EXPECT_TRUE(same_bits(app.predictions(), fresh.predictions())) << "item " << first_difference(app.predictions(), fresh.predictions());
}

TEST(AppState, ReloadingTheSavedPersonGivesTheSamePredictions) {
    // Rated one at a time in the app, then saved and loaded (replayed in item order at start): the same bits.
    AppState live(embedded_catalogue(), {}, embedded_items());
    const Dataset& ds = live.dataset();
    for (size_t k = std::size(kFirst); k-- > 0;) live.rate(item_of(ds, kFirst[k].first), kFirst[k].second, 100 + int64_t(k));
    live.unrate(item_of(ds, 593));
    const PersonState saved = load_person(save_person(live.person(), ds), ds, "saved ratings");
    AppState reloaded(embedded_catalogue(), saved, embedded_items());
    for (RecSource s : kSources) {
        live.set_rec_source(s);
        reloaded.set_rec_source(s);
        EXPECT_TRUE(same_bits(live.predictions(), reloaded.predictions()))
            << rec_source_label(s) << ": item " << first_difference(live.predictions(), reloaded.predictions());
    }
}

TEST(AppState, LeaveOneOutHasARowForEveryModelAndChangesNothing) {
    AppState app(embedded_catalogue(), rated(embedded_catalogue(), std::size(kFirst)), embedded_items());
    const auto before = app.predictions();
    const auto rows = app.accuracy();
    const char* names[] = {"Your weightless network", "Baseline: mean + your bias + movie bias",
                           "Baseline: your mean rating", "Baseline: your most frequent rating",
                           "Baseline: everyone's mean rating"};
    ASSERT_EQ(rows.size(), std::size(names));
    for (size_t k = 0; k < rows.size(); ++k) {
        EXPECT_EQ(rows[k].model, names[k]);
        EXPECT_EQ(rows[k].n, std::size(kFirst)) << names[k];
        EXPECT_TRUE(std::isfinite(rows[k].rmse) && rows[k].rmse > 0 && rows[k].rmse < 4.5) << names[k] << " " << rows[k].rmse;
        EXPECT_GE(rows[k].within1, 0.0) << names[k];
        EXPECT_LE(rows[k].within1, 1.0) << names[k];
    }
    EXPECT_TRUE(same_bits(app.predictions(), before)) << "leave-one-out must leave the models as they were";
    for (RecSource s : {RecSource::UserMean, RecSource::Bias}) {  // the baselines too
        app.set_rec_source(s);
        const auto b = app.predictions();
        app.accuracy();
        EXPECT_TRUE(same_bits(app.predictions(), b)) << rec_source_label(s);
    }
    EXPECT_TRUE(app.notice().empty()) << app.notice();
}

TEST(AppState, LeaveOneOutOfTheNetworkEqualsRetrainingWithoutEachRating) {
    const Dataset& ds = embedded_catalogue();
    const PersonState p = rated(ds, 8);
    AppState app(ds, p, embedded_items());
    const auto rows = app.accuracy();
    ASSERT_FALSE(rows.empty());
    // The reference: for each rating, a network built from the other ratings only.
    Engine ref(ds, embedded_items());
    std::vector<Prediction> preds;
    for (const auto& [item, r] : p.ratings) {
        auto others = p.ratings;
        others.erase(item);
        const auto net = ref.build_wnn(app.wnn_config(), others);
        Rating x;
        x.user = ref.person();
        x.item = item;
        x.half_stars = r.half_stars;
        x.timestamp = r.timestamp;
        preds.push_back(score(*net, x));
    }
    const Metrics m = compute_metrics(preds);
    EXPECT_EQ(rows[0].model, "Your weightless network");
    EXPECT_EQ(rows[0].n, m.n);
    EXPECT_EQ(rows[0].rmse, m.rmse);
    EXPECT_EQ(rows[0].within1, m.within1);
}

TEST(AppState, LeaveOneOutWithoutRatingsHasEmptyRows) {
    AppState app(embedded_catalogue(), {}, embedded_items());
    const auto rows = app.accuracy();
    ASSERT_EQ(rows.size(), 5u);
    for (const auto& r : rows) {
        EXPECT_EQ(r.n, 0u) << r.model;
        EXPECT_TRUE(std::isnan(r.rmse)) << r.model;
    }
}

TEST(AppState, RecommendationsFollowTheirContract) {
    AppState app(embedded_catalogue(), rated(embedded_catalogue(), std::size(kFirst)), embedded_items());
    const CatalogueView& view = app.view();
    for (RecSource s : kSources) {
        app.set_rec_source(s);
        app.set_min_votes(20);
        const auto recs = app.recommendations();
        ASSERT_EQ(recs.size(), kTopN) << rec_source_label(s);
        const auto& preds = app.predictions();
        size_t with_reasons = 0;
        for (size_t k = 0; k < recs.size(); ++k) {
            const auto& r = recs[k];
            EXPECT_FALSE(app.rating_of(r.item).has_value());
            EXPECT_GE(view.votes(r.item), 20u);
            EXPECT_EQ(r.stars, preds[r.item]);
            if (k > 0) {
                EXPECT_GE(recs[k - 1].stars, r.stars);
            }
            if (s != RecSource::Wnn) {
                EXPECT_TRUE(r.why.empty()) << "reasons are given for the network's list only";
            }
            with_reasons += r.why.empty() ? 0 : 1;
            EXPECT_LE(r.why.size(), 3u);
            for (const auto& [item, cells] : r.why) {
                EXPECT_TRUE(app.rating_of(item).has_value());
                EXPECT_GT(cells, 0u);
                EXPECT_LE(cells, app.cells_per_item());
            }
            // A feature is named only when its lift shows on the page (+0.01 or more once printed), best first.
            EXPECT_LE(r.lifted_by.size(), 3u);
            for (size_t f = 0; f < r.lifted_by.size(); ++f) {
                EXPECT_GE(r.lifted_by[f].stars, Engine::kLeastLift) << r.lifted_by[f].feature;
                if (f > 0) {
                    EXPECT_GE(r.lifted_by[f - 1].stars, r.lifted_by[f].stars);
                }
            }
        }
        if (s == RecSource::Wnn) {
            EXPECT_GT(with_reasons, 0u) << "the network's list explains itself";
        }
        // Nothing better was left out: every other candidate predicts at most the last one's stars.
        std::vector<bool> listed(preds.size(), false);
        for (const auto& r : recs) listed[r.item] = true;
        for (uint32_t i = 0; i < preds.size(); ++i)
            if (!listed[i] && !app.rating_of(i) && view.votes(i) >= 20) {
                EXPECT_LE(preds[i], recs.back().stars);
            }
    }
}

// The list filter narrows the list to what it admits, in the unfiltered list's order; "show more" extends the same
// list; neither is a change the person saves (revision() stays), and forgetting everything clears both.
TEST(AppState, ListFilterAndShowMore) {
    AppState app(embedded_catalogue(), rated(embedded_catalogue(), std::size(kFirst)), embedded_items());
    const Dataset& ds = app.dataset();
    app.set_min_votes(10);
    const auto plain = app.recommendations();
    ASSERT_EQ(plain.size(), kTopN);
    const uint64_t rev = app.revision();
    app.show_more();
    const auto more = app.recommendations();
    ASSERT_EQ(more.size(), 2 * kTopN);
    for (size_t k = 0; k < plain.size(); ++k) EXPECT_EQ(more[k].item, plain[k].item) << "show more keeps the top";
    EXPECT_GE(app.last_list_ms(), 0.0);

    ListFilter f = parse_list_filter("genres=Comedy,Drama;exclude=Romance;years=1990-2005", ds.genre_names);
    app.set_list_filter(f);
    EXPECT_EQ(app.revision(), rev) << "a filter is not saved data";
    const auto filtered = app.recommendations();
    ASSERT_EQ(filtered.size(), 2 * kTopN) << "the length show more reached is kept";
    f.min_votes = 10;
    for (const auto& r : filtered) EXPECT_TRUE(f.admits(ds.items[r.item], app.view().votes(r.item))) << ds.items[r.item].title;
    // The same movies in the same order as the unfiltered list's admitted ones (one ranking, then the filter).
    app.set_list_filter({});
    while (app.list_length() < kMaxListLength) app.show_more();
    std::vector<uint32_t> admitted;
    for (const auto& r : app.recommendations())
        if (f.admits(ds.items[r.item], app.view().votes(r.item)) && admitted.size() < filtered.size()) admitted.push_back(r.item);
    ASSERT_EQ(admitted.size(), filtered.size()) << "the unfiltered list of " << kMaxListLength << " holds them all";
    for (size_t k = 0; k < filtered.size(); ++k) EXPECT_EQ(filtered[k].item, admitted[k]) << k;

    // A filter nothing passes gives an empty list, not an error; the new-films section follows the filter too.
    app.set_list_filter(parse_list_filter("years=1800-1801", ds.genre_names));
    EXPECT_TRUE(app.recommendations().empty());
    EXPECT_TRUE(app.new_films().empty());
    app.forget_everything();
    EXPECT_EQ(app.list_filter(), ListFilter{});
    EXPECT_EQ(app.list_length(), kTopN);
}

TEST(AppState, UnseenMarksAndRevisions) {
    AppState app(embedded_catalogue(), {}, embedded_items());
    const Dataset& ds = app.dataset();
    const uint32_t toy = item_of(ds, 1);
    uint64_t rev = app.revision();
    app.rate(toy, 8, 1);
    EXPECT_GT(app.revision(), rev);
    rev = app.revision();
    app.rate(toy, 8, 2);  // the same rating again: nothing changes
    EXPECT_EQ(app.revision(), rev);
    app.set_unseen(toy, true);  // marking a rated movie unseen drops its rating
    EXPECT_TRUE(app.is_unseen(toy));
    EXPECT_FALSE(app.rating_of(toy).has_value());
    EXPECT_GT(app.revision(), rev);
    rev = app.revision();
    app.set_unseen(toy, true);
    EXPECT_EQ(app.revision(), rev);
    app.rate(toy, 5, 3);  // rating it clears the mark
    EXPECT_FALSE(app.is_unseen(toy));
    app.set_unseen(item_of(ds, 2), true);
    app.set_unseen(item_of(ds, 2), false);
    EXPECT_FALSE(app.is_unseen(item_of(ds, 2)));
    rev = app.revision();
    app.set_unseen(static_cast<uint32_t>(ds.num_items()), true);  // no such movie: ignored
    app.unrate(item_of(ds, 3));                                   // not rated: ignored
    EXPECT_EQ(app.revision(), rev);
    EXPECT_THROW(app.rate(static_cast<uint32_t>(ds.num_items()), 5, 0), std::invalid_argument);
    EXPECT_THROW(app.rate(toy, 0, 0), std::invalid_argument);
    EXPECT_THROW(app.rate(toy, 11, 0), std::invalid_argument);
    EXPECT_EQ(app.rating_of(toy), std::optional<uint8_t>(5));
}

TEST(AppState, SavedRatingsOfUnseenMoviesWinAtStart) {
    PersonState p = rated(embedded_catalogue(), 2);
    p.unseen = {p.ratings.begin()->first, item_of(embedded_catalogue(), 2)};
    AppState app(embedded_catalogue(), p, embedded_items());
    EXPECT_FALSE(app.is_unseen(p.ratings.begin()->first));
    EXPECT_TRUE(app.is_unseen(item_of(app.dataset(), 2)));
}

TEST(AppState, AnInvalidSavedNetworkConfigFallsBackWithANotice) {
    PersonState p = rated(embedded_catalogue(), 3);
    p.settings.wnn_config = "no_such_parameter=3";
    AppState app(embedded_catalogue(), p, embedded_items());
    EXPECT_NE(app.notice().find("could not be used"), std::string::npos) << app.notice();
    EXPECT_EQ(params_to_text(app.wnn_config()), params_to_text(wnn_preset(kDefaultPreset)));
    EXPECT_EQ(app.person().settings.wnn_config, params_to_text(wnn_preset(kDefaultPreset)));
    EXPECT_EQ(app.person().ratings.size(), 3u);
    AppState plain(embedded_catalogue(), rated(embedded_catalogue(), 3), embedded_items());
    EXPECT_TRUE(plain.notice().empty());
    EXPECT_TRUE(same_bits(app.predictions(), plain.predictions()));
}

TEST(AppState, ImportReplacesThePersonWhenItsModelMatches) {
    const Dataset& ds = embedded_catalogue();
    PersonState p = rated(ds, 7);
    p.settings.rec_source = RecSource::Bias;
    AppState source(ds, p, embedded_items());
    const auto file = export_file(source.person(), source.dataset(), source.wnn());

    AppState target(ds, rated(ds, 2), embedded_items());
    const Imported im = import_file(file, ds);
    target.replace_person(im.person, im.model.get());
    EXPECT_EQ(target.person().ratings.size(), 7u);
    EXPECT_EQ(target.person().settings.rec_source, RecSource::Bias);
    for (RecSource s : kSources) {
        source.set_rec_source(s);
        target.set_rec_source(s);
        EXPECT_TRUE(same_bits(source.predictions(), target.predictions()))
            << rec_source_label(s) << ": item " << first_difference(source.predictions(), target.predictions());
    }
}

TEST(AppState, ImportWithAForeignModelChangesNothing) {
    const Dataset& ds = embedded_catalogue();
    AppState a(ds, rated(ds, 5), embedded_items());
    AppState b(ds, rated(ds, 6), embedded_items());
    // a's ratings with b's network: the model does not match the ratings.
    const Imported good = import_file(export_file(a.person(), ds, a.wnn()), ds);
    const Imported other = import_file(export_file(b.person(), ds, b.wnn()), ds);

    AppState target(ds, rated(ds, 2), embedded_items());
    const auto preds = target.predictions();
    const uint64_t rev = target.revision();
    const std::string msg = format_error_of([&] { target.replace_person(good.person, other.model.get()); });
    EXPECT_NE(msg.find("does not match"), std::string::npos) << msg;
    PersonState bad_config = good.person;
    bad_config.settings.wnn_config = "tuple_size=banana";
    const std::string msg2 = format_error_of([&] { target.replace_person(bad_config, good.model.get()); });
    EXPECT_NE(msg2.find("network settings are not valid"), std::string::npos) << msg2;
    EXPECT_EQ(target.revision(), rev);
    EXPECT_EQ(target.person().ratings.size(), 2u);
    EXPECT_TRUE(same_bits(target.predictions(), preds));
    // A shared link has no model to check: replacing by its ratings works.
    PersonState shared;
    shared.ratings = decode_share(encode_share(a.person(), ds), ds, 77).ratings;
    target.replace_person(shared, nullptr);
    EXPECT_TRUE(same_bits(target.predictions(), a.predictions()));
}

TEST(AppEngine, ForgetUndoesLearnForEveryModel) {
    const Dataset& ds = embedded_catalogue();
    Engine eng(ds, embedded_items());
    eng.set_wnn_config(wnn_preset(kDefaultPreset), {});
    std::vector<std::vector<double>> before(3);
    for (size_t k = 0; k < 3; ++k) eng.predict_all(kSources[k], before[k]);
    const PersonRating r{9, 12};
    eng.learn(item_of(ds, 4973), r);
    std::vector<double> now;
    for (size_t k = 0; k < 3; ++k) {
        eng.predict_all(kSources[k], now);
        EXPECT_FALSE(same_bits(now, before[k])) << rec_source_label(kSources[k]);
    }
    eng.forget(item_of(ds, 4973), r);
    for (size_t k = 0; k < 3; ++k) {
        eng.predict_all(kSources[k], now);
        EXPECT_TRUE(same_bits(now, before[k])) << rec_source_label(kSources[k]) << ": item " << first_difference(now, before[k]);
    }
    EXPECT_EQ(eng.person(), ds.num_users());
}


// Issue 8's new-user check: five animated films at 5 stars move the default list toward animation, where the
// popularity chart (and, before the ranker, the stars list) stays the community's all-time top.
TEST(AppState, FiveAnimatedFilmsMakeTheListAnimated) {
    const Dataset& ds = embedded_catalogue();
    PersonState p;
    for (uint32_t id : {1u, 6377u, 68954u, 5618u, 4306u})  // Toy Story, Finding Nemo, Up, Spirited Away, Shrek
        p.ratings[item_of(ds, id)] = PersonRating{10, 0};
    AppState app(ds, p, embedded_items());
    uint32_t animation = 0;
    for (uint32_t g = 0; g < ds.genre_names.size(); ++g)
        if (ds.genre_names[g] == "Animation") animation = uint32_t{1} << g;
    ASSERT_NE(animation, 0u);
    const auto animated = [&] {
        uint32_t n = 0;
        for (const auto& r : app.recommendations()) n += (ds.items[r.item].genres & animation) != 0;
        return n;
    };
    ASSERT_EQ(app.person().settings.rec_source, RecSource::Blend);
    const uint32_t mine = animated();
    const auto& recs = app.recommendations();
    ASSERT_EQ(recs.size(), kTopN);
    for (const auto& r : recs) {
        EXPECT_FALSE(r.why.empty()) << ds.items[r.item].title;  // every pick names the rated movies behind it
        EXPECT_GE(r.stars, 0.5);
        EXPECT_LE(r.stars, 5.0);
    }
    app.set_rec_source(RecSource::Popularity);
    const uint32_t chart = animated();
    EXPECT_GE(mine, 5u) << "animated films in the top " << kTopN;  // 6 when written (the chart: 0)
    EXPECT_GE(mine, chart + 5);
}

}  // namespace
}  // namespace wl::app

namespace wl::app {
namespace {

// On the app's 2023 catalogue: the list stays among movies with community ratings; the films since 2018 without any
// are their own section, ranked by the person's favourite genres, and leave it once rated.
TEST(AppNewFilms, RankedByFavouriteGenresAndLeftOnceRated) {
    const Dataset& ds = test::app_catalogue();
    AppState app(ds, PersonState{}, test::app_items());
    EXPECT_TRUE(app.new_films().empty()) << "nothing rated: no order to show";
    for (const uint32_t id : {1u, 260u, 296u, 318u, 2571u}) app.rate(static_cast<uint32_t>(ds.item_index(id)), 9, 0);
    const auto films = app.new_films();
    ASSERT_EQ(films.size(), AppState::kNewFilms);
    for (size_t k = 0; k < films.size(); ++k) {
        EXPECT_EQ(app.view().votes(films[k].item), 0u);
        EXPECT_GE(ds.items[films[k].item].year, AppState::kNewSinceYear);
        EXPECT_EQ(films[k].stars, app.wnn().predict(app.dataset().num_users(), films[k].item));
        if (k) EXPECT_GE(films[k - 1].score, films[k].score);
    }
    for (const auto& r : app.recommendations()) EXPECT_GE(app.view().votes(r.item), app.person().settings.min_votes);
    // The top one, rated, leaves the section.
    app.rate(films[0].item, 8, 1);
    for (const auto& r : app.new_films()) EXPECT_NE(r.item, films[0].item);
    // Nothing better placed than the last one shown is left out: every other candidate matches the genres no better.
    const auto& now = app.new_films();
    auto genre_fav = make_model("genre-fav");
    genre_fav->fit(TrainData{ds, ds.ratings});
    const uint32_t person = static_cast<uint32_t>(ds.num_users());
    for (const auto& [item, r] : app.person().ratings) genre_fav->learn(Rating{person, item, r.half_stars, r.timestamp});
    for (uint32_t i = 0; i < ds.num_items(); ++i) {
        if (app.view().votes(i) || ds.items[i].year < AppState::kNewSinceYear || app.rating_of(i)) continue;
        const bool shown = std::any_of(now.begin(), now.end(), [&](const Recommendation& r) { return r.item == i; });
        if (!shown) ASSERT_LE(genre_fav->rank_score(person, i), now.back().score) << ds.items[i].title;
    }
}

}  // namespace
}  // namespace wl::app
