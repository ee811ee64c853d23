// No model may learn from the ratings it is scored on. Two guards: (1) scrambling every test rating's value in the
// dataset changes no prediction of any registered model; (2) the validation run never contains a test rating.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// The first `users` users of the embedded catalogue, to keep the test quick (and fast under wasm).
Dataset small_embedded(uint32_t users) {
    Dataset ds = load_dataset("embedded");
    std::vector<Rating> kept;
    for (const auto& r : ds.ratings)
        if (r.user < users) kept.push_back(r);
    ds.ratings = std::move(kept);
    ds.user_ids.resize(users);
    ds.index();
    return ds;
}

TEST(Leakage, ScramblingTestRatingsChangesNoPrediction) {
    const Dataset ds = small_embedded(40);
    const EvalRun run = make_split_run(ds, 3);
    ASSERT_GT(run.test.size(), 500u);

    // Same catalogue, same training ratings, but every test rating's value replaced by a random one.
    Dataset scrambled = ds;
    std::set<std::pair<uint32_t, uint32_t>> test_pairs;
    for (const auto& r : run.test) test_pairs.insert({r.user, r.item});
    Rng rng(99);
    size_t changed = 0;
    for (auto& r : scrambled.ratings)
        if (test_pairs.count({r.user, r.item})) {
            const auto before = r.half_stars;
            r.half_stars = static_cast<uint8_t>(1 + rng.below(10));
            changed += before != r.half_stars;
        }
    ASSERT_GT(changed, run.test.size() / 2);

    for (const auto& spec : model_names()) {
        auto a = make_model(spec);
        auto b = make_model(spec);
        a->fit({ds, run.train});
        b->fit({scrambled, run.train});
        for (const auto& r : run.test)
            ASSERT_EQ(a->predict(r.user, r.item), b->predict(r.user, r.item)) << spec << " leaks test ratings";
    }
}

TEST(Leakage, ValidationRunIsCarvedFromTrainingOnly) {
    const Dataset ds = small_embedded(60);
    const EvalRun run = make_split_run(ds, 5);
    const EvalRun val = make_validation_run(run, 5);
    std::set<std::tuple<uint32_t, uint32_t>> test_pairs, train_pairs;
    for (const auto& r : run.test) test_pairs.insert({r.user, r.item});
    for (const auto& r : run.train) train_pairs.insert({r.user, r.item});
    EXPECT_EQ(val.train.size() + val.test.size(), run.train.size());
    EXPECT_GT(val.test.size(), run.train.size() / 6);
    for (const auto& r : val.test) {
        EXPECT_EQ(test_pairs.count({r.user, r.item}), 0u);
        EXPECT_EQ(train_pairs.count({r.user, r.item}), 1u);
    }
    for (const auto& r : val.train) EXPECT_EQ(test_pairs.count({r.user, r.item}), 0u);
    // Deterministic by seed, different across seeds.
    EXPECT_EQ(make_validation_run(run, 5).test.size(), val.test.size());
    EXPECT_EQ(make_validation_run(run, 5).test.front().item, val.test.front().item);
    EXPECT_NE(make_validation_run(run, 6).test.front().item, val.test.front().item);
}

}  // namespace
}  // namespace wl
