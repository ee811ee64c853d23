// The WNN's explanations: the per-cell split of a regression prediction and the "mental image" by feature both add
// up to the prediction, and the feature labels follow the item's own bits.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "weightless/model/wnn_model.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

Dataset explain_catalogue() {
    Dataset ds;
    ds.name = "explain-toy";
    ds.genre_names = {"Action", "Comedy", "Drama", "Horror"};
    Rng rng(21);
    for (uint32_t i = 0; i < 120; ++i)
        ds.items.push_back(Item{i + 1, std::to_string(i), static_cast<int16_t>(1950 + rng.below(70)),
                                static_cast<uint32_t>(rng.below(16))});
    for (uint32_t u = 0; u < 15; ++u) ds.user_ids.push_back(u + 1);
    for (uint32_t k = 0; k < 1500; ++k)
        ds.ratings.push_back(Rating{static_cast<uint32_t>(rng.below(15)), static_cast<uint32_t>(rng.below(120)),
                                    static_cast<uint8_t>(1 + rng.below(10)), 0});
    return ds;
}

WnnModel fitted(const std::string& params, const Dataset& ds) {
    WnnConfig c = wnn_preset("best");
    apply_params(c, params);
    WnnModel m(c);
    m.fit(TrainData{ds, ds.ratings});
    return m;
}

TEST(WnnExplain, CellTermsAndFeaturesAddUpToThePrediction) {
    const Dataset ds = explain_catalogue();
    for (const char* params : {"", "aggregate=weighted prior=3", "offset=none aggregate=mean tuple_size=4",
                               "offset=none aggregate=weighted ensemble=3 tuple_size=6"}) {
        SCOPED_TRACE(params);
        const WnnModel m = fitted(params, ds);
        int checked = 0;
        for (uint32_t user : {0u, 3u, 14u, 99u}) {  // 99: nobody, so only the base
            for (uint32_t item = 0; item < ds.num_items(); item += 7) {
                const auto ct = m.network().cell_terms(user, item);
                ASSERT_TRUE(ct.exact);
                double total = ct.base_stars;
                for (const auto& t : ct.terms) total += t.stars;
                const double p = m.predict(user, item);
                if (p > 0.5 && p < 5.0) {  // the split holds before clamping
                    EXPECT_NEAR(total, p, 1e-9) << "user " << user << " item " << item;
                    ++checked;
                }
                double by_feature = ct.base_stars;
                for (const auto& f : m.feature_influence(user, item)) by_feature += f.stars;
                EXPECT_NEAR(by_feature, total, 1e-9);
                if (user == 99) {
                    EXPECT_TRUE(ct.terms.empty());
                }
            }
        }
        EXPECT_GT(checked, 30);
    }
}

TEST(WnnExplain, FeatureLabelsFollowTheItemsOwnBitsAndAreSorted) {
    const Dataset ds = explain_catalogue();
    const WnnModel m = fitted("", ds);
    for (uint32_t item = 0; item < ds.num_items(); item += 5) {
        const auto fi = m.feature_influence(0, item);
        ASSERT_FALSE(fi.empty());
        for (size_t k = 1; k < fi.size(); ++k) EXPECT_GE(fi[k - 1].stars, fi[k].stars);
        for (const auto& f : fi) {
            for (uint32_t g = 0; g < ds.genre_names.size(); ++g) {
                const bool has = (ds.items[item].genres >> g) & 1u;
                if (f.feature == ds.genre_names[g]) {
                    EXPECT_TRUE(has) << f.feature;
                }
                if (f.feature == "not " + ds.genre_names[g]) {
                    EXPECT_FALSE(has) << f.feature;
                }
            }
            EXPECT_NE(f.feature, "other");
        }
    }
}

TEST(WnnExplain, NonLinearModesHaveNoSplit) {
    const Dataset ds = explain_catalogue();
    for (const char* params : {"offset=none mode=classifier", "offset=none mode=thermometer", "aggregate=median"}) {
        SCOPED_TRACE(params);
        const WnnModel m = fitted(params, ds);
        EXPECT_FALSE(m.network().cell_terms(0, 1).exact);
        EXPECT_TRUE(m.feature_influence(0, 1).empty());
    }
}

}  // namespace
}  // namespace wl
