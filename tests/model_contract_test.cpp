// The model contract (model.hpp), checked on every registered model: each name of model_names(), plus a few
// presets that take other code paths. A model gets all of it by being registered; nothing here names a model.
// Small synthetic data, so that the whole suite runs in seconds natively and under wasm.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/registry.hpp"

namespace wl {
namespace {

// Presets whose code paths the defaults do not take: the WNN's output modes, aggregates, table kinds (dense,
// hashed, auto; tuple_size=20 is hashed), bleaching and item offsets, and the comparison models' options.
const char* kVariants[] = {
    "wnn-best:offset=none mode=regression aggregate=median prior=0 ensemble=3 tables=hashed tuple_size=4",
    "wnn-best:offset=none mode=regression tuple_size=20 ensemble=2",
    "wnn-best:offset=none mode=classifier classes=half ensemble=2 tables=hashed tuple_size=4",
    "wnn-best:offset=none mode=classifier classes=whole bleaching=0 tables=auto tuple_size=12",
    "wnn-best:offset=none mode=classifier tuple_size=20",
    "wnn-best:offset=none mode=thermometer monotone=1 ensemble=2",
    "wnn-best:offset=none mode=thermometer tuple_size=20",
    "wnn-best:offset=item mode=regression tables=dense tuple_size=6 aggregate=weighted",
    "wnn-best:offset=item mode=regression aggregate=weighted tuple_size=20 user_prior=0",
    "wnn-best:offset=item mode=regression aggregate=median tables=hashed prior=2",
    "wnn-paper:ensemble=3",
    "wnn-hybrid:baseline=item-mean item_bias=1",
    "wnn-hybrid:wnn.offset=none baseline=item-mean",
    "wnn-hybrid:item_bias=1 wnn.encoder.external.bits=5 wnn.encoder.external.kind=quantile",
    "mf:biased=false",
    "mlp:target=regression",
    "knn-baseline:user_based=true similarity=msd",
    "ease-large:dense=20 min_users=2 tail_k=10 k=30",
    "ease:k=3 keep=positive",
    "ease:k=2 spread=global bits=8 dropout=0.3",
    "wnn-blend:w_factors=0.5 factors.factors=4 factors.iterations=2",
    // The recency window (recent_window.hpp) around the rating WNN, the ranker and the blended list.
    "wnn-best:recent=5",
    "wnn-rank:recent=3",
    "wnn-blend:recent=4 recent_days=30",
    "wnn-blend:recent=3 recent_stars=0",
};

std::vector<std::string> contract_specs() {
    std::vector<std::string> specs = model_names();
    specs.insert(specs.end(), std::begin(kVariants), std::end(kVariants));
    return specs;
}

constexpr uint32_t kUsers = 30, kItems = 80;

const Dataset& data() {
    static const Dataset ds = test::random_catalogue(kItems, kUsers, 1500, 11);
    return ds;
}
// Other ratings over the same catalogue: a fit that the contract's fit must replace entirely.
const Dataset& other_data() {
    static const Dataset ds = test::random_catalogue(kItems, kUsers, 400, 12);
    return ds;
}

std::vector<uint32_t> all_items() {
    std::vector<uint32_t> items(kItems);
    for (uint32_t i = 0; i < kItems; ++i) items[i] = i;
    return items;
}

// Known users, a user without ratings and users beyond the catalogue: one that learned a rating after fit, one
// that learned two and forgot one (where models forget), one never seen.
const uint32_t kNewUser = kUsers + 2, kForgetful = kUsers + 3;
std::vector<uint32_t> probe_users() { return {0, 1, 7, kUsers - 1, kUsers, kNewUser, kForgetful, kUsers + 9}; }

std::vector<Rating> extra_ratings() {
    return {Rating{3, 5, 9, 0}, Rating{kNewUser, 2, 4, 0}, Rating{0, 77, 1, 0}, Rating{kNewUser, 40, 10, 0},
            Rating{3, 6, 6, 0}};
}

// One fitted file of each registered model, made once: the foreign files every model must refuse.
const std::vector<std::pair<std::string, std::vector<uint8_t>>>& registered_files() {
    static const auto files = [] {
        std::vector<std::pair<std::string, std::vector<uint8_t>>> out;
        for (const auto& name : model_names()) {
            auto m = make_model(name);
            m->fit(TrainData{other_data(), other_data().ratings});
            out.emplace_back(m->kind(), save_model(*m));
        }
        return out;
    }();
    return files;
}

class ModelContract : public ::testing::TestWithParam<std::string> {
protected:
    std::unique_ptr<Model> make() const { return make_model(GetParam()); }
    std::unique_ptr<Model> fitted() const {
        auto m = make();
        m->fit(TrainData{data(), data().ratings});
        m->learn(Rating{kNewUser, 11, 7, 0});  // a user the fit never saw
        if (m->can_forget()) {
            m->learn(Rating{kForgetful, 12, 8, 0});
            m->learn(Rating{kForgetful, 13, 3, 0});
            m->forget(Rating{kForgetful, 12, 8, 0});
        }
        return m;
    }
};

// Every prediction, rank score and thermometer the contract talks about, for comparing two models bit for bit.
struct Outputs {
    std::vector<double> stars, rank;
    std::vector<int> thermo;
    bool operator==(const Outputs&) const = default;
};
Outputs outputs(const Model& m) {
    Outputs o;
    for (uint32_t u : probe_users())
        for (uint32_t i = 0; i < kItems; ++i) {
            o.stars.push_back(m.predict(u, i));
            o.rank.push_back(m.rank_score(u, i));
            o.thermo.push_back(m.predict_thermometer(u, i));
        }
    return o;
}

TEST_P(ModelContract, PredictionsAreRatingsForEveryUser) {
    const auto m = fitted();
    for (uint32_t u : probe_users())
        for (uint32_t i = 0; i < kItems; ++i) {
            const double p = m->predict(u, i);
            ASSERT_TRUE(p >= 0.5 && p <= 5.0) << "user " << u << " item " << i << ": " << p;
            const int t = m->predict_thermometer(u, i);
            ASSERT_TRUE(t >= -1 && t <= 10) << "user " << u << " item " << i << ": " << t;
        }
    EXPECT_GT(m->memory_bytes(), 0u);
    EXPECT_EQ(m->name(), GetParam().substr(0, GetParam().find(':')));
}

TEST_P(ModelContract, SaveLoadGivesIdenticalPredictions) {
    const auto a = fitted();
    const auto bytes = save_model(*a);
    auto b = make();
    load_model(*b, bytes);
    EXPECT_TRUE(outputs(*b) == outputs(*a));
    EXPECT_EQ(save_model(*b), bytes);
    EXPECT_EQ(b->config_text(), a->config_text());
    // A model of another config (a preset's name without its parameters; a windowed spec keeps a window, of another
    // size, as only a windowed model reads a windowed file) loads the file's config with it.
    const std::string bare = GetParam().substr(0, GetParam().find(':'));
    auto c = make_model(GetParam().find("recent") != std::string::npos ? bare + ":recent=1" : bare);
    {
        load_model(*c, bytes);
        EXPECT_EQ(c->config_text(), a->config_text());
        EXPECT_TRUE(outputs(*c) == outputs(*a));
    }
    // The loaded model goes on learning exactly as the original.
    for (const auto& r : extra_ratings()) {
        a->learn(r);
        b->learn(r);
    }
    EXPECT_EQ(save_model(*b), save_model(*a));
}


TEST_P(ModelContract, AnUnfittedModelSavesAndLoads) {
    const auto a = make();
    const auto bytes = save_model(*a);
    auto b = fitted();
    load_model(*b, bytes);
    EXPECT_EQ(save_model(*b), bytes);
    EXPECT_EQ(b->config_text(), a->config_text());
}

TEST_P(ModelContract, CorruptOrForeignFilesAreRefusedAndChangeNothing) {
    const auto m = fitted();
    const auto good = save_model(*m);
    const Outputs before = outputs(*m);
    auto other = make();
    other->fit(TrainData{other_data(), other_data().ratings});
    const auto other_bytes = save_model(*other);
    const auto expect_refused = [&](std::span<const uint8_t> file, const std::string& what) {
        EXPECT_THROW(load_model(*m, file), FormatError) << what;
        ASSERT_EQ(save_model(*m), good) << what;
    };
    expect_refused({}, "empty file");
    for (size_t cut : {size_t{1}, size_t{8}, other_bytes.size() / 2, other_bytes.size() - 1})
        expect_refused(std::span<const uint8_t>(other_bytes).subspan(0, cut), "truncated file");
    auto flipped = other_bytes;
    flipped[flipped.size() / 2] ^= 0x5A;
    expect_refused(flipped, "flipped byte");
    // Valid containers with a damaged payload reach the model's own load().
    uint32_t version = 0;
    const auto payload = unwrap_container(other_bytes, "WLMD", 1000, &version, "test");
    const auto rewrap = [&](std::span<const uint8_t> p) { return wrap_container("WLMD", version, p); };
    const size_t tag = 1 + m->kind().size();  // the kind tag: its length (one varint byte), then its characters
    for (size_t cut : {tag, tag + 1, tag + (payload.size() - tag) / 3, tag + (payload.size() - tag) / 2, payload.size() - 1})
        if (cut < payload.size()) expect_refused(rewrap(payload.subspan(0, cut)), "payload cut at " + std::to_string(cut));
    std::vector<uint8_t> longer(payload.begin(), payload.end());
    longer.push_back(0);
    expect_refused(rewrap(longer), "trailing byte");
    // Another format, another version, and every other registered model's file.
    expect_refused(wrap_container("WLXX", 1, payload), "another format");
    expect_refused(wrap_container("WLMD", 99, payload), "a newer version");
    for (const auto& [kind, file] : registered_files())
        if (kind != m->kind()) expect_refused(file, "a " + kind + " file");
    EXPECT_TRUE(outputs(*m) == before);
}

TEST_P(ModelContract, SameSeedSamePredictions) {
    const auto a = fitted(), b = fitted();
    EXPECT_EQ(save_model(*a), save_model(*b));
    EXPECT_TRUE(outputs(*a) == outputs(*b));
}

TEST_P(ModelContract, FitReplacesEverythingAndFitInStepsEndsAsFit) {
    auto a = make();
    a->fit(TrainData{data(), data().ratings});
    // Fitted before on other ratings and grown by a new user: fit_in_steps must leave exactly what fit leaves.
    auto b = make();
    b->fit(TrainData{other_data(), other_data().ratings});
    b->learn(Rating{kUsers + 20, 3, 5, 0});
    auto job = b->fit_in_steps(TrainData{data(), data().ratings});
    double last = job->progress();
    EXPECT_GE(last, 0.0);
    size_t steps = 0;
    while (job->step()) {
        ASSERT_LT(++steps, 100000u);
        EXPECT_GE(job->progress(), last);
        EXPECT_LE(job->progress(), 1.0);
        last = job->progress();
    }
    EXPECT_EQ(job->progress(), 1.0);
    EXPECT_FALSE(job->step()) << "a finished job does nothing";
    EXPECT_EQ(save_model(*b), save_model(*a));
    EXPECT_TRUE(outputs(*b) == outputs(*a));
}

TEST_P(ModelContract, PredictManyEqualsPredictAndRankScoresEqualRankScore) {
    const auto m = fitted();
    const auto items = all_items();
    std::vector<uint32_t> shuffled(items.rbegin(), items.rend());  // any order, repeats allowed
    shuffled.push_back(4);
    shuffled.push_back(4);
    std::vector<double> out;
    for (uint32_t u : probe_users())
        for (const std::vector<uint32_t>* list : {&items, static_cast<const std::vector<uint32_t>*>(&shuffled)}) {
            out.assign(list->size(), -1.0);
            m->predict_many(u, *list, out);
            for (size_t k = 0; k < list->size(); ++k)
                ASSERT_EQ(out[k], m->predict(u, (*list)[k])) << "predict_many, user " << u << " item " << (*list)[k];
            out.assign(list->size(), -1.0);
            m->rank_scores(u, *list, out);
            for (size_t k = 0; k < list->size(); ++k)
                ASSERT_EQ(out[k], m->rank_score(u, (*list)[k])) << "rank_scores, user " << u << " item " << (*list)[k];
        }
    m->predict_many(0, {}, {});  // an empty batch is a batch
}

TEST_P(ModelContract, LearnThenForgetRestoresTheSavedBytes) {
    const auto m = fitted();
    const auto before = save_model(*m);
    auto extra = extra_ratings();
    extra.push_back(data().ratings[0]);  // a rating the model already holds, learned a second time
    if (!m->can_forget()) {
        EXPECT_THROW(m->forget(extra[0]), std::logic_error);
        EXPECT_EQ(save_model(*m), before);
        return;
    }
    for (const auto& r : extra) m->learn(r);
    EXPECT_NE(save_model(*m), before);
    for (size_t k = extra.size(); k-- > 0;) m->forget(extra[k]);
    EXPECT_EQ(save_model(*m), before);
    // A training rating too: forgotten then learned again, to the same state.
    m->forget(data().ratings[17]);
    m->learn(data().ratings[17]);
    EXPECT_EQ(save_model(*m), before);
}

TEST_P(ModelContract, RatingsOffTheScaleAreRefusedAndChangeNothing) {
    const auto m = fitted();
    const auto before = save_model(*m);
    for (uint8_t hs : {uint8_t{0}, uint8_t{11}, uint8_t{255}}) {
        EXPECT_THROW(m->learn(Rating{2, 3, hs, 0}), std::invalid_argument) << int(hs);
        if (m->can_forget()) {
            EXPECT_THROW(m->forget(Rating{2, 3, hs, 0}), std::invalid_argument) << int(hs);
        }
        EXPECT_EQ(save_model(*m), before) << int(hs);
    }
    auto fresh = make();
    std::vector<Rating> bad = data().ratings;
    bad[5].half_stars = 0;
    EXPECT_THROW(fresh->fit(TrainData{data(), bad}), std::invalid_argument);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string s = std::to_string(info.index) + "_";
    for (char c : info.param) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return s;
}

INSTANTIATE_TEST_SUITE_P(Registered, ModelContract, ::testing::ValuesIn(contract_specs()), test_name);

}  // namespace
}  // namespace wl
