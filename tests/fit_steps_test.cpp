// Other ways through a fit: WnnModel::prepare() + learn() must leave exactly the model fit() leaves, the WNN's and the
// bias baseline's fit_in_steps() take the steps they promise and leave the old model until the last one, and the
// WNN's predict_many() refuses items outside the catalogue. (fit_in_steps ending as fit and predict_many equal to
// predict, for every registered model: model_contract_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// 300 items with random genres and years, ratings skewed toward a few heavy users so both table kinds appear.
Dataset catalogue_with_ratings(uint32_t ratings, uint64_t seed) {
    Dataset ds;
    ds.name = "fit-toy";
    ds.genre_names = {"Action", "Comedy", "Drama", "Horror", "Romance", "Thriller", "War"};
    Rng rng(seed);
    for (uint32_t i = 0; i < 300; ++i)
        ds.items.push_back(Item{i + 1, "movie " + std::to_string(i), static_cast<int16_t>(1940 + rng.below(80)),
                                static_cast<uint32_t>(rng.below(128))});
    for (uint32_t u = 0; u < 40; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < ratings; ++k) {
        const auto user = static_cast<uint32_t>(rng.below(1 + rng.below(40)));
        ds.ratings.push_back(Rating{user, static_cast<uint32_t>(rng.below(300)), static_cast<uint8_t>(1 + rng.below(10)),
                                    static_cast<int64_t>(k)});
    }
    return ds;
}

WnnModel model_of(const std::string& params) {
    WnnConfig c = wnn_preset("best");
    apply_params(c, params);
    return WnnModel(c);
}

// Hashed, dense and adaptive tables in each output mode, with and without the item baseline.
const char* kConfigs[] = {
    "",  // the best preset itself
    "tables=hashed tuple_size=4 mode=regression offset=none aggregate=median",
    "tables=hashed tuple_size=4 mode=classifier offset=none classes=half",
    "tables=hashed tuple_size=5 mode=thermometer offset=none ensemble=3",
    "tables=dense tuple_size=6 mode=regression offset=item aggregate=weighted",
    "tables=auto tuple_size=12 mode=classifier offset=none bleaching=0 ensemble=2",
};

TEST(WnnPrepare, PrepareThenLearningEveryRatingIsFit) {
    const Dataset ds = catalogue_with_ratings(3000, 5);
    for (const char* params : kConfigs) {
        SCOPED_TRACE(params);
        WnnModel a = model_of(params), b = model_of(params);
        a.fit(TrainData{ds, ds.ratings});
        b.prepare(TrainData{ds, ds.ratings});
        for (const Rating& r : ds.ratings) b.learn(r);
        EXPECT_EQ(save_model(a), save_model(b));
    }
}

TEST(WnnPrepare, APreparedNetworkHasLearnedNoUser) {
    const Dataset ds = catalogue_with_ratings(2000, 6);
    WnnModel fitted = model_of(""), prepared = model_of("");
    fitted.fit(TrainData{ds, ds.ratings});
    prepared.prepare(TrainData{ds, ds.ratings});
    ASSERT_TRUE(prepared.fitted());
    EXPECT_EQ(prepared.network().num_users(), 0u);
    EXPECT_LT(prepared.memory_bytes(), fitted.memory_bytes());
    // A new person gets the same answers from both: other users' tables play no part in their predictions.
    const auto person = static_cast<uint32_t>(ds.num_users());
    for (WnnModel* m : {&fitted, &prepared}) {
        m->learn(Rating{person, 3, 9, 0});
        m->learn(Rating{person, 17, 2, 0});
    }
    for (uint32_t i = 0; i < ds.num_items(); ++i) EXPECT_EQ(fitted.predict(person, i), prepared.predict(person, i));
}

TEST(FitInSteps, WnnEndsAsFitAndLeavesTheOldModelUntilTheLastStep) {
    const Dataset ds = catalogue_with_ratings(static_cast<uint32_t>(3 * WnnModel::kFitSlice + 100), 7);
    const Dataset older = catalogue_with_ratings(500, 8);
    for (const char* params : kConfigs) {
        SCOPED_TRACE(params);
        WnnModel reference = model_of(params), stepped = model_of(params);
        reference.fit(TrainData{ds, ds.ratings});
        stepped.fit(TrainData{older, older.ratings});
        const auto before = save_model(stepped);
        auto job = stepped.fit_in_steps(TrainData{ds, ds.ratings});
        int steps = 0;
        double last = -1;
        bool more = true;
        while (more) {
            more = job->step();
            ++steps;
            EXPECT_GE(job->progress(), last);
            EXPECT_LE(job->progress(), 1.0);
            last = job->progress();
            if (more) {
                EXPECT_EQ(save_model(stepped), before);
            }
        }
        EXPECT_EQ(steps, 5);  // prepare, then four slices of kFitSlice ratings
        EXPECT_EQ(last, 1.0);
        EXPECT_EQ(save_model(stepped), save_model(reference));
    }
}

TEST(FitInSteps, BiasTakesOneStepPerEpochAndEndsAsFit) {
    const Dataset ds = catalogue_with_ratings(1500, 9);
    auto a = make_model("bias:epochs=7"), b = make_model("bias:epochs=7");
    a->fit(TrainData{ds, ds.ratings});
    b->fit(TrainData{ds, catalogue_with_ratings(200, 3).ratings});
    const auto before = save_model(*b);
    auto job = b->fit_in_steps(TrainData{ds, ds.ratings});
    int steps = 1;
    while (job->step()) {
        ++steps;
        EXPECT_EQ(save_model(*b), before);
        EXPECT_LT(job->progress(), 1.0);
    }
    EXPECT_EQ(steps, 8);  // the counting pass, then seven epochs (the last one commits)
    EXPECT_EQ(job->progress(), 1.0);
    EXPECT_FALSE(job->step());
    EXPECT_EQ(save_model(*a), save_model(*b));
}

TEST(WnnPredictMany, RefusesItemsOutsideTheCatalogue) {
    const Dataset ds = catalogue_with_ratings(500, 11);
    WnnModel m = model_of("");
    m.fit(TrainData{ds, ds.ratings});
    const std::vector<uint32_t> items{1, 2, 300};
    std::vector<double> out(items.size());
    EXPECT_THROW(m.predict_many(0, items, out), std::invalid_argument);
}

}  // namespace
}  // namespace wl
