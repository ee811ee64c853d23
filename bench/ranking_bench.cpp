// Speed of the ranked list (issue 8): EASE's central fit on the ml-latest-small training part, and the person's
// side in the tab: learn one movie, then score the whole catalogue and take the top 20, with the weightless
// ranker and with the app's blended list; the same on a synthetic catalogue of 100,000 movies (the full MovieLens
// catalogue has about 86,000), beside the rating WNN's predicted stars for every movie there.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "weightless/data/movielens.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/eval/recommend.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/wnn_blend.hpp"
#include "weightless/model/wnn_config.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/model/wnn_rank.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/rng.hpp"

namespace {

using namespace wl;

const Dataset& embedded() {
    static const Dataset ds = load_dataset("embedded");
    return ds;
}

const ItemNeighbours& shipped() {
    static const ItemNeighbours g =
        load_item_neighbours(read_file_bytes(std::string(WL_ASSETS_DIR) + "/ml-latest-small.items.wlim"), embedded());
    return g;
}

// EASE's solve runs on every core (fit_ease's default): the CPU time counted is the whole process's.
void BM_EaseFitMlLatestSmall(benchmark::State& state) {
    const Dataset& ds = embedded();
    const Dataset cat = without_ratings(ds);
    const EvalRun run = make_ranking_run(ds, 1);
    size_t weights = 0;
    for (auto _ : state) {
        const ItemNeighbours g = fit_ease(TrainData{cat, run.train}, EaseConfig{});
        weights = g.nnz();
        benchmark::DoNotOptimize(g.items.data());
    }
    state.SetLabel("ease defaults, " + std::to_string(run.train.size()) + " training ratings");
    state.counters["weights"] = static_cast<double>(weights);
}
BENCHMARK(BM_EaseFitMlLatestSmall)->Unit(benchmark::kMillisecond)->Iterations(1)->MeasureProcessCPUTime();

// The shipped public item model's fit (scripts/make-embedded.sh: its config on every rating) on 1 or 2 threads.
void BM_EaseFitShippedItemModel(benchmark::State& state) {
    const Dataset& ds = embedded();
    const TrainData data{without_ratings(ds), ds.ratings};
    const auto threads = static_cast<unsigned>(state.range(0));
    size_t weights = 0;
    for (auto _ : state) {
        const ItemNeighbours g = fit_ease(data, shipped_ease_config(), threads);
        weights = g.nnz();
        benchmark::DoNotOptimize(g.items.data());
    }
    state.counters["weights"] = static_cast<double>(weights);
}
BENCHMARK(BM_EaseFitShippedItemModel)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->MeasureProcessCPUTime();

std::vector<uint32_t> all_items(size_t n) {
    std::vector<uint32_t> v(n);
    for (uint32_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

// What one rating costs the app's list: learn it, rank every movie, take the top 20, forget it again (so every
// iteration starts from the same `ratings` ratings of a real user).
template <class M>
void learn_and_rank(benchmark::State& state, M& m, const Dataset& ds, uint32_t person) {
    size_t learned = 0;
    std::vector<uint32_t> mine;
    for (const Rating& r : ds.ratings)
        if (r.user == 0 && learned < static_cast<size_t>(state.range(0))) {
            m.learn(Rating{person, r.item, r.half_stars, 0});
            mine.push_back(r.item);
            ++learned;
        }
    uint32_t extra = 0;
    while (std::find(mine.begin(), mine.end(), extra) != mine.end()) ++extra;
    const Rating one{person, extra, 10, 0};
    const auto cand = all_items(ds.num_items());
    std::vector<uint32_t> votes(ds.num_items(), 0);
    for (const Rating& r : ds.ratings) ++votes[r.item];
    for (auto _ : state) {
        m.learn(one);
        const auto top = recommend_items(m, person, cand, votes, 20);
        benchmark::DoNotOptimize(top.data());
        m.forget(one);
    }
    state.SetLabel(std::to_string(learned) + " ratings, " + std::to_string(ds.num_items()) + " movies");
    state.counters["model_kib"] = static_cast<double>(m.memory_bytes() >> 10);
}

void BM_WnnRankLearnAndRank(benchmark::State& state) {
    const Dataset& ds = embedded();
    WnnRankModel m(WnnRankConfig{}, shipped());
    m.prepare(TrainData{ds, ds.ratings});
    learn_and_rank(state, m, ds, static_cast<uint32_t>(ds.num_users()));
}
BENCHMARK(BM_WnnRankLearnAndRank)->Arg(5)->Arg(50)->Unit(benchmark::kMillisecond);

void BM_BlendLearnAndRank(benchmark::State& state) {
    const Dataset& ds = embedded();
    WnnBlendModel m(WnnBlendConfig{}, shipped());
    m.prepare(TrainData{ds, ds.ratings});
    learn_and_rank(state, m, ds, static_cast<uint32_t>(ds.num_users()));
}
BENCHMARK(BM_BlendLearnAndRank)->Arg(5)->Arg(50)->Unit(benchmark::kMillisecond);

// 100,000 movies with random genres and years, 300,000 ratings by 3,000 users with a popularity skew, and a public
// list of 64 neighbours per movie (drawn at random, weights decreasing): the sizes of a full catalogue.
struct Synthetic {
    Dataset ds;
    ItemNeighbours g;
};
const Synthetic& synthetic() {
    static const Synthetic s = [] {
        Synthetic out;
        Dataset& ds = out.ds;
        const uint32_t n = 100000;
        Rng rng(11);
        ds.name = "synthetic-100k";
        for (int g = 0; g < 20; ++g) ds.genre_names.push_back("g" + std::to_string(g));
        ds.items.resize(n);
        for (uint32_t i = 0; i < n; ++i) {
            ds.items[i].id = i + 1;
            ds.items[i].title = "Movie " + std::to_string(i + 1);
            ds.items[i].year = static_cast<int16_t>(1930 + rng.below(90));
            ds.items[i].genres = (uint32_t{1} << rng.below(20)) | (uint32_t{1} << rng.below(20));
        }
        for (uint32_t u = 0; u < 3000; ++u) ds.user_ids.push_back(u + 1);
        for (uint32_t k = 0; k < 300000; ++k) {
            const uint32_t pop = static_cast<uint32_t>(rng.below(n));
            const uint32_t item = static_cast<uint32_t>(rng.below(pop + 1));  // skewed toward low indices
            ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(3000)), item, static_cast<uint8_t>(1 + rng.below(10)), 0});
        }
        ds.index();
        ItemNeighbours& g = out.g;
        g.n_items = n;
        g.offsets.assign(size_t{n} + 1, 0);
        for (uint32_t j = 0; j < n; ++j) {
            for (int t = 0; t < 64; ++t) {
                uint32_t i = static_cast<uint32_t>(rng.below(n));
                if (i == j) i = (i + 1) % n;
                g.items.push_back(i);
                g.weights.push_back(0.1f / static_cast<float>(t + 1));
            }
            g.offsets[j + 1] = g.items.size();
        }
        return out;
    }();
    return s;
}

void BM_SyntheticWnnRank(benchmark::State& state) {
    const Synthetic& s = synthetic();
    WnnRankModel m(WnnRankConfig{}, s.g);
    m.prepare(TrainData{s.ds, s.ds.ratings});
    learn_and_rank(state, m, s.ds, static_cast<uint32_t>(s.ds.num_users()));
}
BENCHMARK(BM_SyntheticWnnRank)->Arg(20)->Unit(benchmark::kMillisecond);

void synthetic_blend(benchmark::State& state, WnnBlendConfig cfg) {
    const Synthetic& s = synthetic();
    WnnBlendModel m(cfg, s.g);
    m.prepare(TrainData{s.ds, s.ds.ratings});
    learn_and_rank(state, m, s.ds, static_cast<uint32_t>(s.ds.num_users()));
}

void BM_SyntheticBlend(benchmark::State& state) { synthetic_blend(state, WnnBlendConfig{}); }
BENCHMARK(BM_SyntheticBlend)->Arg(20)->Unit(benchmark::kMillisecond);

// The same list without the predicted stars (w_stars = 0): the two relevance parts alone, pushed from the person's
// cells. The default blend's extra time above is the rating network's prediction for every movie.
void BM_SyntheticBlendNoStars(benchmark::State& state) {
    WnnBlendConfig cfg;
    cfg.w_stars = 0;
    synthetic_blend(state, cfg);
}
BENCHMARK(BM_SyntheticBlendNoStars)->Arg(20)->Unit(benchmark::kMillisecond);

// The rating WNN (wnn-best) on the same catalogue: predicted stars for every movie, what the list used before.
void BM_SyntheticWnnBestStars(benchmark::State& state) {
    const Synthetic& s = synthetic();
    WnnModel m(wnn_preset("best"));
    m.prepare(TrainData{s.ds, s.ds.ratings});
    const auto person = static_cast<uint32_t>(s.ds.num_users());
    for (int k = 0; k < state.range(0); ++k) m.learn(Rating{person, static_cast<uint32_t>(k * 37), 8, 0});
    const auto items = all_items(s.ds.num_items());
    std::vector<double> out(items.size());
    for (auto _ : state) {
        m.predict_many(person, items, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetLabel(std::to_string(state.range(0)) + " ratings, 100000 movies");
}
BENCHMARK(BM_SyntheticWnnBestStars)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace
