// The recency window (recent_window.hpp): what a windowed WNN predicts, worked out by hand; the window by count and
// by days; exact undo when ratings arrive out of time order; "off" is today's model bit for bit; and the stream
// protocol's validation and test halves of the users. (Save/load, refusals and learn/forget on every windowed spec
// come from model_contract_test's variants.)
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "test_util.hpp"
#include "weightless/eval/protocol.hpp"
#include "weightless/model/recent_window.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_blend.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/params.hpp"

namespace wl {
namespace {

constexpr int64_t kDay = 86400;
// One member, no prior, plain ratings: every cell an item addresses holds the count and sum of the user's ratings of
// that item, so a user who rated only item 0 is predicted the mean of those ratings for it.
const char* kPlainWnn = "wnn-best:offset=none prior=0 ensemble=1 tuple_size=4";

std::unique_ptr<Model> fitted(const std::string& spec, const Dataset& ds) {
    auto m = make_model(spec);
    m->fit(TrainData{ds, {}});
    return m;
}

TEST(RecentWindow, TheWindowedWnnPredictsTheMeanOfTheLatestRatingsByHand) {
    const Dataset ds = test::blank_catalogue(1, 4);
    auto all = fitted(kPlainWnn, ds);
    auto last2 = fitted(std::string(kPlainWnn) + " recent=2", ds);
    // Learned out of time order: 5 stars on day 3, 1 star on day 1, 3 stars on day 2.
    const Rating five{0, 0, 10, 3 * kDay}, one{0, 0, 2, 1 * kDay}, three{0, 0, 6, 2 * kDay};
    for (const Rating& r : {five, one, three}) {
        all->learn(r);
        last2->learn(r);
    }
    EXPECT_DOUBLE_EQ(all->predict(0, 0), 3.0);    // (1 + 3 + 5) / 3
    EXPECT_DOUBLE_EQ(last2->predict(0, 0), 4.0);  // the latest two by date: (3 + 5) / 2
    // Forgetting the 3 stars makes room: the 1 star comes back, (1 + 5) / 2.
    last2->forget(three);
    EXPECT_DOUBLE_EQ(last2->predict(0, 0), 3.0);
    const auto& w = dynamic_cast<const RecentWindowModel&>(*last2);
    EXPECT_EQ(w.history(0).size(), 2u);
    EXPECT_EQ(w.dropped(0), 0u);
    // A rating older than the whole window is held but not learned.
    last2->learn(Rating{0, 0, 2, 0});
    EXPECT_DOUBLE_EQ(last2->predict(0, 0), 3.0);
    EXPECT_EQ(w.dropped(0), 1u);
}

TEST(RecentWindow, DaysCountBackFromThePersonsLatestRating) {
    const Dataset ds = test::blank_catalogue(1, 4);
    auto m = fitted(std::string(kPlainWnn) + " recent_days=10", ds);
    m->learn(Rating{0, 0, 2, 0});            // 1 star, day 0
    m->learn(Rating{0, 0, 10, 5 * kDay});    // 5 stars, day 5: both within 10 days
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 3.0);
    m->learn(Rating{0, 0, 8, 12 * kDay});    // 4 stars, day 12: day 0 is now 12 days back
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 4.5);  // (5 + 4) / 2
    m->learn(Rating{0, 0, 6, 10 * kDay});    // 3 stars, day 10: within 10 days of day 12
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 4.0);  // (5 + 4 + 3) / 3
    m->forget(Rating{0, 0, 8, 12 * kDay});   // the latest goes: day 10 is the latest, day 0 is exactly 10 days back
    EXPECT_DOUBLE_EQ(m->predict(0, 0), 3.0);  // (1 + 5 + 3) / 3
}

TEST(RecentWindow, TheWindowedTablesAreThoseOfTheLatestRatingsAlone) {
    const Dataset ds = test::random_catalogue(60, 12, 900, 5);
    auto windowed = make_model("wnn-best:recent=7");
    windowed->fit(TrainData{ds, ds.ratings});
    // The same network fitted on each user's latest 7 ratings only (random_catalogue's timestamps are in order).
    std::vector<Rating> latest;
    std::vector<uint32_t> seen(ds.num_users(), 0);
    for (size_t k = ds.ratings.size(); k-- > 0;)
        if (seen[ds.ratings[k].user]++ < 7) latest.push_back(ds.ratings[k]);
    std::reverse(latest.begin(), latest.end());
    // Public statistics (item baselines, encoder) come from every training rating in both.
    auto reference = make_model("wnn-best");
    reference->fit(TrainData{ds, ds.ratings});
    for (const Rating& r : ds.ratings) reference->forget(r);
    for (const Rating& r : latest) reference->learn(r);
    const auto& inner = dynamic_cast<const WnnModel&>(dynamic_cast<const RecentWindowModel&>(*windowed).inner());
    EXPECT_EQ(inner.network().dump_tables(), dynamic_cast<const WnnModel&>(*reference).network().dump_tables());
    for (uint32_t u = 0; u < ds.num_users(); ++u)
        for (uint32_t i = 0; i < 60; i += 7) EXPECT_EQ(windowed->predict(u, i), reference->predict(u, i));
}

TEST(RecentWindow, OffIsTodaysModelBitForBit) {
    const Dataset ds = test::random_catalogue(60, 12, 900, 6);
    for (const char* name : {"wnn-best", "wnn-rank", "wnn-blend"}) {
        auto plain = make_model(name);
        auto off = make_model(std::string(name) + ":recent=0 recent_days=0");
        EXPECT_EQ(off->kind(), plain->kind()) << name;
        EXPECT_EQ(off->config_text(), plain->config_text()) << name;
        plain->fit(TrainData{ds, ds.ratings});
        off->fit(TrainData{ds, ds.ratings});
        plain->learn(Rating{13, 4, 7, 1000});
        off->learn(Rating{13, 4, 7, 1000});
        EXPECT_EQ(save_model(*off), save_model(*plain)) << name;
    }
    // And the key is said in the windowed model's config.
    EXPECT_NE(make_model("wnn-best:recent=50")->config_text().find("recent=50 recent_days=0"), std::string::npos);
}

TEST(RecentWindow, TheListOnlyWindowKeepsEveryRatingInTheStars) {
    const Dataset ds = test::random_catalogue(60, 12, 900, 7);
    auto lists = make_model("wnn-blend:recent=2 recent_stars=0");
    auto all = make_model("wnn-blend");
    auto whole = make_model("wnn-blend:recent=2");
    for (auto* m : {lists.get(), all.get(), whole.get()}) m->fit(TrainData{ds, ds.ratings});
    const uint32_t person = 20;  // beyond the catalogue's users: only these three ratings
    for (const Rating& r : {Rating{person, 3, 10, 100}, Rating{person, 8, 2, 200}, Rating{person, 9, 8, 300}})
        for (auto* m : {lists.get(), all.get(), whole.get()}) m->learn(r);
    const auto& blend = dynamic_cast<const WnnBlendModel&>(dynamic_cast<const RecentWindowModel&>(*lists).inner());
    // The list's parts hold the latest two; the stars hold all three, as the plain blend's do.
    EXPECT_EQ(std::vector<uint32_t>(blend.ranker().rated(person).begin(), blend.ranker().rated(person).end()),
              (std::vector<uint32_t>{8, 9}));
    for (uint32_t i = 0; i < 60; i += 5) {
        EXPECT_EQ(lists->predict(person, i), all->predict(person, i)) << i;
        // The list's score is the windowed blend's with the unwindowed stars in place of the windowed ones.
        EXPECT_NEAR(lists->rank_score(person, i), whole->rank_score(person, i) - 0.25 * (whole->predict(person, i) - 3) / 2 +
                                                      0.25 * (all->predict(person, i) - 3) / 2,
                    1e-12)
            << i;
    }
    // Forgetting the rating outside the list's window takes it from the stars alone.
    lists->forget(Rating{person, 3, 10, 100});
    all->forget(Rating{person, 3, 10, 100});
    EXPECT_EQ(lists->predict(person, 3), all->predict(person, 3));
    EXPECT_EQ(blend.ranker().rated(person).size(), 2u);
}

TEST(RecentWindow, BadSpecsAreRefused) {
    EXPECT_THROW(make_model("wnn-best:recent=5 recent_stars=0"), ParamError);  // the list-only window is the blend's
    EXPECT_THROW(make_model("wnn-best:recent=-1"), ParamError);
    EXPECT_THROW(make_model("wnn-best:recent=many"), ParamError);
    EXPECT_THROW(make_model("mf:recent=5"), ParamError);  // mf cannot forget, so it cannot keep a window
    EXPECT_THROW(make_model("wnn-best:recent=5 tuple_size=99"), ParamError);
    // "recent" inside another parameter's text is no window: refused as that parameter, never a loop (a fuzz finding:
    // the spec went round make_model until the stack ran out).
    EXPECT_THROW(make_model("wnn-best:tuple_size=recent"), ParamError);
    EXPECT_THROW(make_model("wnn-best:x=recent  y"), ParamError);
    EXPECT_THROW(make_model("wnn-blend:source=recent"), ParamError);
}

std::set<uint32_t> replayed(const std::vector<StreamGroup>& groups) {
    std::set<uint32_t> users;
    for (const auto& g : groups)
        for (const auto& seq : g.users) users.insert(seq.front().user);
    return users;
}

TEST(StreamHalves, ValidationAndTestReplayDisjointHalvesWhateverTheSeed) {
    const Dataset ds = test::random_catalogue(50, 40, 2000, 8);
    const auto all = replayed(make_stream_groups(ds, 1));
    const auto val1 = make_stream_groups(ds, 1, 5, StreamUsers::Validation);
    const auto test1 = make_stream_groups(ds, 1, 5, StreamUsers::Test);
    const auto val = replayed(val1), test = replayed(test1);
    EXPECT_EQ(replayed(make_stream_groups(ds, 2, 5, StreamUsers::Validation)), val);  // the cut ignores the seed
    EXPECT_EQ(replayed(make_stream_groups(ds, 2, 5, StreamUsers::Test)), test);
    EXPECT_EQ(val.size(), all.size() / 2);
    std::set<uint32_t> both = val;
    both.insert(test.begin(), test.end());
    EXPECT_EQ(both, all);
    for (uint32_t u : val) EXPECT_FALSE(test.count(u));
    // Validation never sees a test-half rating; a test group's community is every rating but its own users'.
    for (const auto& g : val1)
        for (const Rating& r : g.background) EXPECT_TRUE(val.count(r.user)) << r.user;
    for (const auto& g : test1) {
        std::set<uint32_t> mine;
        for (const auto& seq : g.users) mine.insert(seq.front().user);
        size_t expected = 0;
        for (const Rating& r : ds.ratings) expected += mine.count(r.user) ? 0 : 1;
        EXPECT_EQ(g.background.size(), expected);
    }
}

}  // namespace
}  // namespace wl
