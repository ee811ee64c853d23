// Ranking on VALIDATION data only, for tuning the implicit-feedback models: for each seed, the ranking protocol's
// run (per-user 75/25), then its training part split again per user 80/20 (make_validation_run, as
// `weightless-eval --validation` does for the rating protocols); models are fitted on the 80 and their top-k lists
// scored on the 20. The run's test part is never read. Prints one JSON object per (seed, spec) line.
// Built and run by scripts/tune-ranking.sh against the native core library.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "weightless/data/movielens.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/eval/ranking.hpp"
#include "weightless/model/registry.hpp"

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: rank_validation DATASET SEEDS K SPEC...\n");
        return 2;
    }
    try {
        const wl::Dataset ds = wl::load_dataset(argv[1]);
        const wl::Dataset catalogue = wl::without_ratings(ds);
        const int seeds = std::stoi(argv[2]);
        const auto k = static_cast<uint32_t>(std::stoul(argv[3]));
        for (int s = 1; s <= seeds; ++s) {
            const auto seed = static_cast<uint64_t>(s);
            const wl::EvalRun val = wl::make_validation_run(wl::make_ranking_run(ds, seed), seed);
            for (int a = 4; a < argc; ++a) {
                auto m = wl::make_model(argv[a]);
                const auto t0 = std::chrono::steady_clock::now();
                m->fit({catalogue, val.train});
                const double fit_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                const wl::RankingMetrics r = wl::rank_run(*m, val, static_cast<uint32_t>(ds.num_items()), k);
                std::printf("{\"dataset\":\"%s\",\"seed\":%d,\"spec\":\"%s\",\"k\":%u,\"users\":%u,\"precision\":%.6f,"
                            "\"ndcg\":%.6f,\"fit_s\":%.3f}\n",
                            ds.name.c_str(), s, argv[a], k, r.users, r.precision, r.ndcg, fit_s);
                std::fflush(stdout);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rank_validation: %s\n", e.what());
        return 1;
    }
    return 0;
}
