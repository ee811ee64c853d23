// Speed of the weighted comparison models: the per-user MLP at the paper's size (target <= 1 ms per user),
// MF on one ml-100k fold (target <= 0.5 s), KNNBaseline on one fold, NCF on one fold.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "weightless/data/movielens.hpp"
#include "weightless/model/knn_baseline.hpp"
#include "weightless/model/mf.hpp"
#include "weightless/model/mlp_network.hpp"
#include "weightless/model/ncf.hpp"
#include "weightless/util/rng.hpp"

namespace {

const std::string kMl100k = std::string(WL_SHARED_DATA) + "/ml-100k";

// One user's paper-sized problem: 50 ratings, 26 sparse input bits, 10-bit thermometer targets.
void BM_UserMlp25Epochs50Ratings(benchmark::State& state) {
    const size_t n = 50, in = 26, out = 10;
    wl::Rng rng(7);
    std::vector<float> x(n * in, 0.0f), y(n * out, 0.0f);
    for (size_t r = 0; r < n; ++r) {
        for (size_t k = 0; k < in; ++k) x[r * in + k] = rng.below(5) == 0 ? 1.0f : 0.0f;
        const size_t ones = 2 * rng.below(6);
        for (size_t j = 0; j < ones; ++j) y[r * out + j] = 1.0f;
    }
    wl::MlpTrainer trainer;
    wl::MlpTrainConfig cfg;  // 25 epochs, full batch, Adam lr 1e-3
    uint64_t seed = 1;
    for (auto _ : state) {
        wl::MlpNetwork net({26, 32, 16, 10}, wl::MlpOutput::Sigmoid, seed++);
        trainer.train(net, x.data(), y.data(), n, cfg, seed);
        benchmark::DoNotOptimize(net.params().data());
    }
}
BENCHMARK(BM_UserMlp25Epochs50Ratings)->Unit(benchmark::kMicrosecond);

template <class M>
void fit_fold(benchmark::State& state, M& model) {
    if (!std::filesystem::exists(kMl100k + "/u1.base")) {
        state.SkipWithError("ml-100k absent");
        return;
    }
    const wl::Dataset ds = wl::load_dataset(kMl100k);
    const wl::RatingSplit split = wl::load_ml100k_fold(kMl100k, ds, "1");
    for (auto _ : state) {
        model.fit(wl::TrainData{ds, split.train});
        benchmark::DoNotOptimize(model.predict(0, 0));
    }
    state.counters["ratings"] = static_cast<double>(split.train.size());
}

void BM_MfFoldMl100k(benchmark::State& state) {
    wl::MfModel m;  // Surprise SVD defaults: 100 factors, 20 epochs
    fit_fold(state, m);
}
BENCHMARK(BM_MfFoldMl100k)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_KnnBaselineFoldMl100k(benchmark::State& state) {
    wl::KnnBaselineModel m;  // item-based pearson_baseline, k = 40
    fit_fold(state, m);
}
BENCHMARK(BM_KnnBaselineFoldMl100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Prediction of the whole u1 test set (20k ratings) after one fit.
void BM_KnnBaselinePredictFoldMl100k(benchmark::State& state) {
    if (!std::filesystem::exists(kMl100k + "/u1.base")) {
        state.SkipWithError("ml-100k absent");
        return;
    }
    const wl::Dataset ds = wl::load_dataset(kMl100k);
    const wl::RatingSplit split = wl::load_ml100k_fold(kMl100k, ds, "1");
    wl::KnnBaselineModel m;
    m.fit(wl::TrainData{ds, split.train});
    for (auto _ : state) {
        double s = 0;
        for (const auto& r : split.test) s += m.predict(r.user, r.item);
        benchmark::DoNotOptimize(s);
    }
    state.counters["ratings"] = static_cast<double>(split.test.size());
}
BENCHMARK(BM_KnnBaselinePredictFoldMl100k)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_NeuralCfFoldMl100k(benchmark::State& state) {
    wl::NcfModel m;  // the reference's CF: 32-d embeddings + 26 bits -> 64 -> 32 -> 10, 25 epochs
    fit_fold(state, m);
}
BENCHMARK(BM_NeuralCfFoldMl100k)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
