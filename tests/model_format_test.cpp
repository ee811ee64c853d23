// Model files written before format 2 (configs as text, names aligned): mf, knn-baseline and bias files that hold
// their config field by field still load to the same model, the old kind tags still load, and what cannot be read
// is refused with a message that says why.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/registry.hpp"

namespace wl {
namespace {

const Dataset& data() {
    static const Dataset ds = test::random_catalogue(60, 20, 800, 5);
    return ds;
}

// A format-2 file's payload: the kind tag, the config text, then the model's state.
struct Parts {
    std::string kind, config;
    std::vector<uint8_t> state;
};
Parts split(const std::vector<uint8_t>& file) {
    ByteReader r(unwrap_container(file, "WLMD", 2, nullptr, "test"));
    Parts p;
    p.kind = r.str();
    p.config = r.str();
    const auto rest = r.bytes(r.remaining());
    p.state.assign(rest.begin(), rest.end());
    return p;
}

std::vector<uint8_t> format1(const std::string& kind, const ByteWriter& config, const std::vector<uint8_t>& state) {
    ByteWriter w;
    w.str(kind);
    w.bytes(config.data());
    w.bytes(state);
    return wrap_container("WLMD", 1, w.data());
}

std::unique_ptr<Model> fitted(const std::string& spec) {
    auto m = make_model(spec);
    m->fit(TrainData{data(), data().ratings});
    return m;
}

// Loading `file` into m throws a FormatError whose message holds `says`.
void expect_refused(Model& m, const std::vector<uint8_t>& file, const std::string& says) {
    try {
        load_model(m, file);
        ADD_FAILURE() << "accepted a file that should say: " << says;
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
}

void expect_same(const Model& a, const Model& b) {
    EXPECT_EQ(a.config_text(), b.config_text());
    EXPECT_EQ(save_model(a), save_model(b));
    for (uint32_t u = 0; u < 22; ++u)
        for (uint32_t i = 0; i < 60; ++i) ASSERT_EQ(a.predict(u, i), b.predict(u, i)) << u << "," << i;
}

TEST(ModelFormat1, MfWithItsConfigFieldByFieldLoads) {
    const auto m = fitted("mf:n_factors=5 n_epochs=3 lr_all=0.0123 biased=false seed=9");
    const Parts p = split(save_model(*m));
    EXPECT_EQ(p.kind, "mf");
    ByteWriter c;
    c.i32(5), c.i32(3), c.f64(0.0123), c.f64(0.02), c.f64(0.0), c.f64(0.1), c.u8(0), c.i32(9), c.i32(10);
    auto loaded = make_model("mf");
    load_model(*loaded, format1("mf", c, p.state));
    expect_same(*loaded, *m);

    ByteWriter bad;
    bad.i32(5), bad.i32(3), bad.f64(0.0123), bad.f64(0.02), bad.f64(0.0), bad.f64(0.1), bad.u8(7), bad.i32(9), bad.i32(10);
    expect_refused(*loaded, format1("mf", bad, p.state), "mf: bad 'biased' flag");
    expect_same(*loaded, *m);
}

TEST(ModelFormat1, KnnBaselineUnderItsOldKindTagLoads) {
    const auto m = fitted("knn-baseline:k=7 user_based=true similarity=msd shrinkage=50");
    const Parts p = split(save_model(*m));
    EXPECT_EQ(p.kind, "knn-baseline");
    ByteWriter c;
    c.i32(7), c.i32(1), c.u8(1), c.u8(1), c.f64(50), c.i32(1), c.f64(15), c.f64(10), c.i32(10);
    auto loaded = make_model("knn-baseline");
    load_model(*loaded, format1("item-knn", c, p.state));
    expect_same(*loaded, *m);

    ByteWriter out_of_range;  // k = 0 is below the parameter's range
    out_of_range.i32(0), out_of_range.i32(1), out_of_range.u8(1), out_of_range.u8(1), out_of_range.f64(50),
        out_of_range.i32(1), out_of_range.f64(15), out_of_range.f64(10), out_of_range.i32(10);
    expect_refused(*loaded, format1("item-knn", out_of_range, p.state), "knn: bad config");
    expect_same(*loaded, *m);
}

TEST(ModelFormat1, BiasWithItsThreeFieldsLoads) {
    const auto m = fitted("bias:reg_u=3.5 epochs=4");
    const Parts p = split(save_model(*m));
    ByteWriter c;
    c.f64(3.5), c.f64(10), c.i32(4);
    auto loaded = make_model("bias");
    load_model(*loaded, format1("bias", c, p.state));
    expect_same(*loaded, *m);
}

TEST(ModelFormat1, OldKindTagsOfModelsWhosePayloadDidNotChangeLoad) {
    for (const auto& [spec, old_kind] : {std::pair{"mlp:epochs=3", "user-mlp"}, std::pair{"ncf:epochs=2", "neural-cf"}}) {
        SCOPED_TRACE(spec);
        const auto m = fitted(spec);
        const auto file = save_model(*m);
        ByteReader r(unwrap_container(file, "WLMD", 2, nullptr, "test"));
        r.str();  // the kind tag; the rest (config text and state) was written the same way in format 1
        const auto rest = r.bytes(r.remaining());
        ByteWriter w;
        w.str(old_kind);
        w.bytes(rest);
        auto loaded = make_model(spec);
        load_model(*loaded, wrap_container("WLMD", 1, w.data()));
        expect_same(*loaded, *m);
    }
}

TEST(ModelFormat1, FilesOfANewerFormatAreRefusedSayingSo) {
    const auto m = fitted("bias");
    const auto good = save_model(*m);
    ByteReader r(unwrap_container(good, "WLMD", 2, nullptr, "test"));
    expect_refused(*m, wrap_container("WLMD", 3, r.bytes(r.remaining())), "format version 3 is not supported");
    EXPECT_EQ(save_model(*m), good);
}

}  // namespace
}  // namespace wl
