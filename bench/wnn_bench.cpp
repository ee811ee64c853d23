// WNN speed: one learn and one predict at the "paper" and "best" presets on ml-latest-small (a synthetic catalogue
// of the same size when the data is absent), and the whole per-user 80/20 protocol (load, split, fit, predict).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "weightless/data/movielens.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/rng.hpp"

namespace {

using namespace wl;

const std::string kMlSmall = std::string(WL_SHARED_DATA) + "/ml-latest-small";

// Same shape as ml-latest-small: 9742 items, 20 genres, 610 users, 100836 ratings.
Dataset synthetic_catalogue() {
    Dataset ds;
    ds.name = "synthetic";
    for (int g = 0; g < 20; ++g) {
        std::string name(1, 'G');  // built in steps: g++ 12 warns falsely (-Wrestrict) on "G" + to_string
        name += std::to_string(g);
        ds.genre_names.push_back(name);
    }
    Rng rng(99);
    for (uint32_t i = 0; i < 9742; ++i)
        ds.items.push_back(Item{i + 1, "", static_cast<int16_t>(1920 + rng.below(99)), static_cast<uint32_t>(rng.below(1u << 20))});
    for (uint32_t u = 0; u < 610; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < 100836; ++k) {
        // Skewed item popularity, like real catalogues.
        const auto item = static_cast<uint32_t>(rng.below(1 + rng.below(9742)));
        ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(610)), item, static_cast<uint8_t>(1 + rng.below(10)), 0});
    }
    return ds;
}

const Dataset& catalogue() {
    static const Dataset ds = std::filesystem::exists(kMlSmall + "/ratings.csv") ? load_ml_latest(kMlSmall) : synthetic_catalogue();
    return ds;
}

// Per-user random 80/20 split with wl::Rng (each user's ratings shuffled, the first fifth held out).
void split(const Dataset& ds, uint64_t seed, std::vector<Rating>& train, std::vector<Rating>& test) {
    std::vector<std::vector<Rating>> by(ds.num_users());
    for (const Rating& r : ds.ratings) by[r.user].push_back(r);
    Rng rng(seed);
    train.clear();
    test.clear();
    for (auto& v : by) {
        rng.shuffle(std::span<Rating>(v));
        const size_t nt = v.size() / 5;
        for (size_t i = 0; i < v.size(); ++i) (i < nt ? test : train).push_back(v[i]);
    }
}

struct Fitted {
    std::vector<Rating> train, test;
    WnnModel model;
};

Fitted fitted(const char* preset) {
    const Dataset& ds = catalogue();
    Fitted f{{}, {}, WnnModel(wnn_preset(preset))};
    split(ds, 7, f.train, f.test);
    f.model.fit(TrainData{ds, f.train});
    return f;
}

void BM_WnnLearn(benchmark::State& state, const char* preset) {
    Fitted f = fitted(preset);
    size_t i = 0;
    for (auto _ : state) {
        f.model.learn(f.test[i]);
        if (++i == f.test.size()) {
            state.PauseTiming();
            for (const Rating& r : f.test) f.model.forget(r);
            i = 0;
            state.ResumeTiming();
        }
    }
    state.SetLabel(catalogue().name + ", " + std::to_string(f.model.memory_bytes() >> 10) + " KiB");
}

void BM_WnnForget(benchmark::State& state, const char* preset) {
    Fitted f = fitted(preset);
    size_t i = 0;
    for (auto _ : state) {
        f.model.forget(f.train[i]);
        if (++i == f.train.size()) {
            state.PauseTiming();
            for (const Rating& r : f.train) f.model.learn(r);
            i = 0;
            state.ResumeTiming();
        }
    }
}

void BM_WnnPredict(benchmark::State& state, const char* preset) {
    Fitted f = fitted(preset);
    size_t i = 0;
    double sink = 0;
    for (auto _ : state) {
        sink += f.model.predict(f.test[i].user, f.test[i].item);
        if (++i == f.test.size()) i = 0;
    }
    benchmark::DoNotOptimize(sink);
}

void BM_WnnFit(benchmark::State& state, const char* preset) {
    const Dataset& ds = catalogue();
    std::vector<Rating> train, test;
    split(ds, 7, train, test);
    for (auto _ : state) {
        WnnModel m(wnn_preset(preset));
        m.fit(TrainData{ds, train});
        benchmark::DoNotOptimize(m.memory_bytes());
        state.counters["model_kib"] = static_cast<double>(m.memory_bytes() >> 10);  // every training user's tables
    }
    state.counters["ratings/s"] = benchmark::Counter(static_cast<double>(train.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// The whole protocol, load included: load ml-latest-small, split per user 80/20, fit "best", predict every test
// rating. Reports the RMSE so a speed-up that breaks the model shows.
void BM_WnnSplitProtocol(benchmark::State& state) {
    if (!std::filesystem::exists(kMlSmall + "/ratings.csv")) {
        state.SkipWithError(("ml-latest-small absent: " + kMlSmall).c_str());
        return;
    }
    double rmse = 0, load_ms = 0, fit_ms = 0, predict_ms = 0;
    for (auto _ : state) {
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        const Dataset ds = load_ml_latest(kMlSmall);
        const auto t1 = clock::now();
        std::vector<Rating> train, test;
        split(ds, 7, train, test);
        WnnModel m(wnn_preset("best"));
        m.fit(TrainData{ds, train});
        const auto t2 = clock::now();
        double se = 0;
        for (const Rating& r : test) {
            const double e = m.predict(r.user, r.item) - r.stars();
            se += e * e;
        }
        const auto t3 = clock::now();
        rmse = std::sqrt(se / static_cast<double>(test.size()));
        load_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
        fit_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
        predict_ms = std::chrono::duration<double, std::milli>(t3 - t2).count();
    }
    state.counters["rmse"] = rmse;
    state.counters["load_ms"] = load_ms;
    state.counters["split_fit_ms"] = fit_ms;
    state.counters["predict_ms"] = predict_ms;
}

// The app's hot path: a new person with `ratings` ratings (a real user's first ones) on a network prepared over the
// whole catalogue's item statistics, then a predicted rating for every catalogue item (the input to the top-20).
void BM_WnnPredictCatalogue(benchmark::State& state, const char* preset) {
    const Dataset& ds = catalogue();
    WnnModel m(wnn_preset(preset));
    m.prepare(TrainData{ds, ds.ratings});
    const auto person = static_cast<uint32_t>(ds.num_users());
    size_t learned = 0;
    for (const Rating& r : ds.ratings)
        if (r.user == 0 && learned < static_cast<size_t>(state.range(0))) {
            m.learn(Rating{person, r.item, r.half_stars, r.timestamp});
            ++learned;
        }
    std::vector<uint32_t> items(ds.num_items());
    for (uint32_t i = 0; i < items.size(); ++i) items[i] = i;
    std::vector<double> out(items.size());
    for (auto _ : state) {
        m.predict_many(person, items, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetLabel(std::to_string(learned) + " ratings, " + std::to_string(items.size()) + " items");
    state.counters["model_kib"] = static_cast<double>(m.memory_bytes() >> 10);  // prepared: no other user's tables
}

}  // namespace

BENCHMARK_CAPTURE(BM_WnnPredictCatalogue, best, "best")->Arg(5)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_WnnPredictCatalogue, paper, "paper")->Arg(5)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_WnnLearn, paper, "paper");
BENCHMARK_CAPTURE(BM_WnnLearn, best, "best");
BENCHMARK_CAPTURE(BM_WnnForget, paper, "paper");
BENCHMARK_CAPTURE(BM_WnnForget, best, "best");
BENCHMARK_CAPTURE(BM_WnnPredict, paper, "paper");
BENCHMARK_CAPTURE(BM_WnnPredict, best, "best");
BENCHMARK_CAPTURE(BM_WnnFit, paper, "paper")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_WnnFit, best, "best")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WnnSplitProtocol)->Unit(benchmark::kMillisecond)->Iterations(3);
