// What a person waits for in the app between a tap on a star and the new list: AppState::rate (every model of
// the person learns the rating, the whole catalogue is scored, the top 20 are taken with their reasons and
// lifts). Natively, on the app's catalogue (MovieLens 2023) and the shipped item model as the app loads them; the browser's
// figure for the same path is in docs/APP_METRICS.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/history_import.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/util/bytes.hpp"

namespace {

using namespace wl;
using namespace wl::app;

const std::string kAssets = WL_ASSETS;

const Dataset& embedded() {
    static const Dataset ds = unpack_dataset(read_file_bytes(kAssets + "/ml-latest-2023.wlds"), "the app's catalogue");
    return ds;
}

// Five well-known films rated, as list.spec.js and app.spec.js do before they time a rating.
AppState five_rated(RecSource src) {
    const Dataset& ds = embedded();
    AppState app(ds, PersonState{}, load_item_neighbours(read_file_bytes(kAssets + "/ml-latest-small.items.wlim"), ds));
    app.set_rec_source(src);
    const uint32_t ids[] = {1, 260, 296, 318, 2571};  // Toy Story, Star Wars, Pulp Fiction, Shawshank, The Matrix
    const uint8_t stars[] = {9, 7, 10, 8, 6};
    for (size_t k = 0; k < std::size(ids); ++k) app.rate(static_cast<uint32_t>(ds.item_index(ids[k])), stars[k], 0);
    return app;
}

// One rating of `target` to its new list; the removal that restores the state between iterations is not timed.
void time_rating(benchmark::State& state, AppState& app, uint32_t target) {
    for (auto _ : state) {
        app.rate(target, 8, 0);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.PauseTiming();
        app.unrate(target);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.ResumeTiming();
    }
}

void rating_to_list(benchmark::State& state, RecSource src) {
    AppState app = five_rated(src);
    time_rating(state, app, static_cast<uint32_t>(embedded().item_index(356)));  // Forrest Gump
    state.SetLabel(std::to_string(embedded().num_items()) + " movies, " +
                   (src == RecSource::Blend ? "the default list (wnn-blend)" : "the predicted-stars list (wnn-best)"));
}

void BM_AppRatingToList(benchmark::State& state) { rating_to_list(state, RecSource::Blend); }
BENCHMARK(BM_AppRatingToList)->Unit(benchmark::kMillisecond);

void BM_AppRatingToStarsList(benchmark::State& state) { rating_to_list(state, RecSource::Wnn); }
BENCHMARK(BM_AppRatingToStarsList)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {
// The rating network's stars for every movie of the catalogue (what a list over the movies without community ratings
// costs: most of the 2023 catalogue's 86,812).
void BM_AppPredictWholeCatalogue(benchmark::State& state) {
    AppState app = five_rated(RecSource::Blend);
    const auto target = static_cast<uint32_t>(embedded().item_index(356));
    for (auto _ : state) {
        app.rate(target, 8, 0);
        benchmark::DoNotOptimize(app.predictions().data());
        state.PauseTiming();
        app.unrate(target);
        state.ResumeTiming();
    }
    state.SetLabel(std::to_string(embedded().num_items()) + " movies");
}
BENCHMARK(BM_AppPredictWholeCatalogue)->Unit(benchmark::kMillisecond);
}  // namespace

namespace {
// One keystroke of the Rate page's search: every title of the 2023 catalogue matched against the query typed so far
// (a whole query typed letter by letter, each prefix one search; the figure is per keystroke).
void BM_AppSearchKeystroke(benchmark::State& state) {
    const Dataset& ds = embedded();
    const CatalogueView view(ds);
    const std::string query = "everything everywhere";
    std::vector<SearchFilter> typed;
    for (size_t n = 1; n <= query.size(); ++n) typed.push_back(SearchFilter{query.substr(0, n), -1, view.min_year(), view.max_year()});
    size_t found = 0, k = 0;
    for (auto _ : state) found += view.search(typed[k++ % typed.size()]).size();  // one iteration = one keystroke
    benchmark::DoNotOptimize(found);
    state.SetLabel(std::to_string(ds.num_items()) + " titles, \"" + query + "\" typed");
}
BENCHMARK(BM_AppSearchKeystroke)->Unit(benchmark::kMillisecond);
}  // namespace

namespace {
// What importing a long history costs beyond learning it: the title index over every movie (built at the first
// import), and the list after 3,000 ratings (the largest shared export's size).
void BM_AppHistoryIndex(benchmark::State& state) {
    for (auto _ : state) {
        HistoryIndex index(embedded());
        benchmark::DoNotOptimize(&index);
    }
    state.SetLabel(std::to_string(embedded().num_items()) + " titles");
}
BENCHMARK(BM_AppHistoryIndex)->Unit(benchmark::kMillisecond);

void BM_AppRatingToListAfter3000(benchmark::State& state) {
    const Dataset& ds = embedded();
    AppState app(ds, PersonState{}, load_item_neighbours(read_file_bytes(kAssets + "/ml-latest-small.items.wlim"), ds));
    std::vector<uint32_t> rated;
    for (uint32_t i : app.view().search(SearchFilter{"", -1, 0, 9999})) {  // the most rated first
        if (rated.size() == 3000) break;
        app.learn_imported(i, PersonRating{static_cast<uint8_t>(1 + i % 10), 0});
        rated.push_back(i);
    }
    benchmark::DoNotOptimize(app.recommendations().data());
    app.unrate(rated.back());
    time_rating(state, app, rated.back());
    state.SetLabel("3,000 ratings, " + std::to_string(ds.num_items()) + " movies");
}
BENCHMARK(BM_AppRatingToListAfter3000)->Unit(benchmark::kMillisecond);

// "Follow my latest ratings" with 1,000 ratings (a day apart): turning it on forgets 990 ratings in the list's parts
// (EASE's set and the ranker) and re-ranks; off learns them back. And a rating while it is on (one rating enters the
// window, the oldest leaves). The browser's list_ms bound is 16 ms median, 33 ms max (docs/APP_METRICS.md).
AppState thousand_rated() {
    const Dataset& ds = embedded();
    AppState app(ds, PersonState{}, load_item_neighbours(read_file_bytes(kAssets + "/ml-latest-small.items.wlim"), ds));
    int64_t t = 1'600'000'000;
    for (uint32_t i : app.view().search(SearchFilter{"", -1, 0, 9999})) {  // the most rated first
        if (app.person().ratings.size() == 1000) break;
        app.learn_imported(i, PersonRating{static_cast<uint8_t>(1 + i % 10), t += 86400});
    }
    benchmark::DoNotOptimize(app.recommendations().data());
    return app;
}

void BM_AppRecentListOnAfter1000(benchmark::State& state) {
    AppState app = thousand_rated();
    for (auto _ : state) {
        app.set_recent_list(kRecentList);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.PauseTiming();
        app.set_recent_list(0);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.ResumeTiming();
    }
    state.SetLabel("1,000 ratings: the list's parts forget 990, re-ranked");
}
BENCHMARK(BM_AppRecentListOnAfter1000)->Unit(benchmark::kMillisecond);

void BM_AppRecentListOffAfter1000(benchmark::State& state) {
    AppState app = thousand_rated();
    for (auto _ : state) {
        state.PauseTiming();
        app.set_recent_list(kRecentList);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.ResumeTiming();
        app.set_recent_list(0);
        benchmark::DoNotOptimize(app.recommendations().data());
    }
    state.SetLabel("1,000 ratings: the list's parts learn 990 back, re-ranked");
}
BENCHMARK(BM_AppRecentListOffAfter1000)->Unit(benchmark::kMillisecond);

void BM_AppRatingToListRecentAfter1000(benchmark::State& state) {
    AppState app = thousand_rated();
    app.set_recent_list(kRecentList);
    std::vector<uint32_t> unrated;
    for (uint32_t i : app.view().search(SearchFilter{"", -1, 0, 9999}))
        if (!app.person().ratings.count(i)) {
            unrated.push_back(i);
            break;
        }
    // A rating newer than all: it enters the window and the oldest of the window leaves.
    for (auto _ : state) {
        app.rate(unrated.front(), 8, 2'000'000'000);
        benchmark::DoNotOptimize(app.recommendations().data());
        state.PauseTiming();
        app.unrate(unrated.front());
        benchmark::DoNotOptimize(app.recommendations().data());
        state.ResumeTiming();
    }
    state.SetLabel("1,000 ratings, the latest 10 on the list");
}
BENCHMARK(BM_AppRatingToListRecentAfter1000)->Unit(benchmark::kMillisecond);
}  // namespace

namespace {
// What the page does while it says "Preparing the catalogue and your network…" (load() in src/app/main.cpp): the
// catalogue unpacked, the public item model read, a new person's models built, the title index for imports. The
// counters split the wait by step (milliseconds, last iteration).
void BM_AppStart(benchmark::State& state) {
    using clock = std::chrono::steady_clock;
    const auto ms = [](clock::time_point a, clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    const std::vector<uint8_t> catalogue = read_file_bytes(kAssets + "/ml-latest-2023.wlds");
    const std::vector<uint8_t> items = read_file_bytes(kAssets + "/ml-latest-small.items.wlim");
    for (auto _ : state) {
        const auto t0 = clock::now();
        const Dataset ds = unpack_dataset(catalogue, "the app's catalogue");
        const auto t1 = clock::now();
        ItemNeighbours public_items = load_item_neighbours(items, ds);
        const auto t2 = clock::now();
        AppState app(ds, PersonState{}, std::move(public_items));
        benchmark::DoNotOptimize(app.recommendations().data());
        const auto t3 = clock::now();
        HistoryIndex index(app.dataset());
        benchmark::DoNotOptimize(&index);
        const auto t4 = clock::now();
        state.counters["unpack_ms"] = ms(t0, t1);
        state.counters["items_ms"] = ms(t1, t2);
        state.counters["models_ms"] = ms(t2, t3);
        state.counters["index_ms"] = ms(t3, t4);
    }
    state.SetLabel(std::to_string(embedded().num_items()) + " movies");
}
BENCHMARK(BM_AppStart)->Unit(benchmark::kMillisecond);
}  // namespace
