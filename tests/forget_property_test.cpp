// Exact forget under random use, for every registered model that can_forget(): random sequences of learn,
// forget, relearn, tune (rebuild under another config) and reload (save, then load into a fresh model), checked
// after every few steps against a model built from scratch with the same fit and only the surviving ratings
// learned, in canonical order. The contract (Model::forget) is that forget exactly undoes learn, so the two must
// save to the same bytes and predict bit for bit alike. A model registered later gets this test by being
// registered (the loop is over model_names()).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {
namespace {

// The first 80 movies of the embedded catalogue and its first 40 raters' ratings of them: the fit set.
const Dataset& slice() {
    static const Dataset ds = [] {
        const Dataset all = load_packed(test::assets("ml-latest-small.wlds"));
        Dataset s = without_ratings(all);
        s.items.resize(80);
        s.index();
        for (const Rating& r : all.ratings)
            if (r.item < 80 && r.user < 40) s.ratings.push_back(r);
        return s;
    }();
    return ds;
}

std::string spec_of(const std::string& name, const std::string& params);

// Other configs "tune" may switch to: those of these the model accepts (a name with none is rebuilt under its own
// config), so a model registered later is tuned by whichever of its parameters these name.
std::vector<std::string> tunings(const std::string& name) {
    std::vector<std::string> out;
    for (const char* t : {"tuple_size=6", "ensemble=3 seed=9", "prior=0", "wnn.tuple_size=6", "wnn.ensemble=3 wnn.seed=9",
                          "reg_u=3", "reg_i=40 epochs=2"}) {
        try {
            make_model(spec_of(name, t));
            out.push_back(t);
        } catch (const ParamError&) {
        }
    }
    return out;
}

std::string spec_of(const std::string& name, const std::string& params) {
    return params.empty() ? name : name + ":" + params;
}

// Rating identity for the multiset of learned ratings (timestamps are not part of the contract).
using Key = std::tuple<uint32_t, uint32_t, uint8_t>;
Key key(const Rating& r) { return {r.user, r.item, r.half_stars}; }

struct Fixture {
    std::string spec;
    std::vector<Rating> forgotten_fit;  // fit ratings forgotten so far (each once at most)
    std::vector<Rating> learned;        // ratings learned after the fit and not forgotten, in learn order
};

// From scratch: make, fit on the fit set, forget the forgotten fit ratings, learn the survivors sorted.
std::unique_ptr<Model> scratch(const Fixture& f) {
    auto m = make_model(f.spec);
    m->fit(TrainData{slice(), slice().ratings});
    for (const Rating& r : f.forgotten_fit) m->forget(r);
    std::vector<Rating> sorted = f.learned;
    std::sort(sorted.begin(), sorted.end(), [](const Rating& a, const Rating& b) { return key(a) < key(b); });
    for (const Rating& r : sorted) m->learn(r);
    return m;
}

void expect_same(const Model& a, const Model& b, const std::string& where) {
    ASSERT_EQ(save_model(a), save_model(b)) << where;
    for (uint32_t u = 0; u < 44; u += 3)
        for (uint32_t i = 0; i < 80; i += 5) ASSERT_EQ(a.predict(u, i), b.predict(u, i)) << where << " user " << u << " item " << i;
}

TEST(ForgetProperty, RandomLearnForgetRelearnTuneReloadMatchesScratch) {
    const Dataset& ds = slice();
    ASSERT_GT(ds.ratings.size(), 100u);
    int tested = 0;
    for (const std::string& name : model_names()) {
        if (!make_model(name)->can_forget()) continue;
        ++tested;
        for (uint64_t seed = 1; seed <= 3; ++seed) {
            Rng rng(derive_seed(seed, tested));
            Fixture f{name, {}, {}};
            auto m = make_model(f.spec);
            m->fit(TrainData{ds, ds.ratings});
            std::vector<Rating> fit_left = ds.ratings;  // fit ratings not yet forgotten
            std::vector<Rating> dropped;                // forgotten after learning: candidates to relearn
            std::string log;
            for (int step = 0; step < 160; ++step) {
                const uint64_t op = rng.below(100);
                if (op < 40) {  // learn a new rating (users beyond the catalogue too; the same rating twice may happen)
                    const Rating r{static_cast<uint32_t>(rng.below(46)), static_cast<uint32_t>(rng.below(80)),
                                   static_cast<uint8_t>(1 + rng.below(10)), static_cast<int64_t>(step)};
                    m->learn(r);
                    f.learned.push_back(r);
                    log += "L";
                } else if (op < 60 && !f.learned.empty()) {  // forget a learned rating
                    const size_t k = rng.below(f.learned.size());
                    m->forget(f.learned[k]);
                    dropped.push_back(f.learned[k]);
                    f.learned.erase(f.learned.begin() + static_cast<std::ptrdiff_t>(k));
                    log += "F";
                } else if (op < 70 && !fit_left.empty()) {  // forget a rating of the fit
                    const size_t k = rng.below(fit_left.size());
                    m->forget(fit_left[k]);
                    f.forgotten_fit.push_back(fit_left[k]);
                    fit_left.erase(fit_left.begin() + static_cast<std::ptrdiff_t>(k));
                    log += "f";
                } else if (op < 80 && !dropped.empty()) {  // relearn a forgotten one
                    const size_t k = rng.below(dropped.size());
                    m->learn(dropped[k]);
                    f.learned.push_back(dropped[k]);
                    dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(k));
                    log += "R";
                } else if (op < 85) {  // tune: another config, rebuilt from the ratings in their learn order
                    const auto t = tunings(name);
                    f.spec = spec_of(name, t.empty() ? "" : t[rng.below(t.size())]);
                    m = make_model(f.spec);
                    m->fit(TrainData{ds, ds.ratings});
                    for (const Rating& r : f.forgotten_fit) m->forget(r);
                    for (const Rating& r : f.learned) m->learn(r);
                    log += "T";
                } else if (op < 92) {  // reload
                    auto fresh = make_model(f.spec);
                    load_model(*fresh, save_model(*m));
                    m = std::move(fresh);
                    log += "S";
                } else {
                    log += ".";
                }
                if (step % 20 == 19) expect_same(*m, *scratch(f), name + " seed " + std::to_string(seed) + " ops " + log);
                if (::testing::Test::HasFatalFailure()) return;
            }
            expect_same(*m, *scratch(f), name + " at the end, ops " + log);
            if (::testing::Test::HasFatalFailure()) return;
        }
    }
    EXPECT_GE(tested, 5) << "models that can forget";
}

// The WNN's stronger promise: fit(data) is prepare(data) then learn of each rating, so a network after any
// sequence is exactly one prepared from the fit set with only the surviving ratings learned, with no forget.
TEST(ForgetProperty, WnnAfterRandomUseIsPreparedPlusSurvivorsWithNoForget) {
    const Dataset& ds = slice();
    for (const char* name : {"wnn-best", "wnn-paper"}) {
        Rng rng(derive_seed(77, name[4]));
        auto m = make_model(name);
        m->fit(TrainData{ds, ds.ratings});
        std::multimap<Key, Rating> alive;
        for (const Rating& r : ds.ratings) alive.emplace(key(r), r);
        for (int step = 0; step < 300; ++step) {
            if (rng.below(3) == 0 && !alive.empty()) {
                auto it = alive.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(rng.below(alive.size())));
                m->forget(it->second);
                alive.erase(it);
            } else {
                const Rating r{static_cast<uint32_t>(rng.below(46)), static_cast<uint32_t>(rng.below(80)),
                               static_cast<uint8_t>(1 + rng.below(10)), 0};
                m->learn(r);
                alive.emplace(key(r), r);
            }
        }
        auto p = make_model(name);
        auto& w = dynamic_cast<WnnModel&>(*p);
        w.prepare(TrainData{ds, ds.ratings});
        for (const auto& [k, r] : alive) w.learn(r);
        expect_same(*m, w, name);
    }
}

}  // namespace
}  // namespace wl
