// Export files ("WLEX") and share links ("#r=CODE", app/exchange.hpp): exact round trips, and hostile input
// (garbage, huge counts, wrong versions, cut-short codes, unknown or repeated movies) always a FormatError naming
// the defect, never a crash and never another exception.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "app/logic/engine.hpp"
#include "app/logic/exchange.hpp"
#include "app_test_util.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_config.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::format_error_of;
using test::item_of;

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// base64url without padding, written independently of exchange.cpp.
std::string b64(const std::vector<uint8_t>& b) {
    std::string s;
    for (size_t i = 0; i < b.size(); i += 3) {
        const uint32_t n = (uint32_t{b[i]} << 16) | (i + 1 < b.size() ? uint32_t{b[i + 1]} << 8 : 0) |
                           (i + 2 < b.size() ? uint32_t{b[i + 2]} : 0);
        const size_t chars = i + 2 < b.size() ? 4 : i + 1 < b.size() ? 3 : 2;
        for (size_t k = 0; k < chars; ++k) s += kB64[(n >> (18 - 6 * k)) & 63];
    }
    return s;
}

// A share code from raw fields: version | count | varints, then the crc32 of all that (unless `crc` is given).
std::string code_of(uint8_t version, uint64_t count, const std::vector<uint64_t>& values, const uint32_t* crc = nullptr) {
    ByteWriter w;
    w.u8(version);
    w.varint(count);
    for (uint64_t v : values) w.varint(v);
    w.u32(crc ? *crc : crc32(w.data()));
    return b64(w.data());
}

bool has(const std::string& msg, const std::string& part) { return msg.find(part) != std::string::npos; }

PersonState person_of(const Dataset& ds) {
    PersonState p;
    p.ratings[item_of(ds, 1)] = {10, 1700000000};
    p.ratings[item_of(ds, 4973)] = {9, 1700000100};
    p.ratings[item_of(ds, 2571)] = {1, 3};
    p.ratings[item_of(ds, 318)] = {6, 4};
    p.ratings[item_of(ds, 193609)] = {7, 5};
    p.unseen = {item_of(ds, 2)};
    p.settings.wnn_config = "tuple_size=8";
    p.settings.rec_source = RecSource::UserMean;
    p.settings.min_votes = 3;
    p.settings.welcome_done = true;
    return p;
}

TEST(AppShare, RoundTripKeepsEveryRatingWithTheGivenTime) {
    const Dataset& ds = embedded_catalogue();
    PersonState p = person_of(ds);
    for (uint8_t hs = 1; hs <= 10; ++hs) p.ratings[100u + hs] = {hs, 7};  // every rating value (items 101..110)
    const std::string code = encode_share(p, ds);
    const auto back = decode_share(code, ds, 424242);
    ASSERT_EQ(back.size(), p.ratings.size());
    for (const auto& [item, r] : p.ratings) {
        ASSERT_EQ(back.ratings.count(item), 1u) << ds.items[item].id;
        EXPECT_EQ(back.ratings.at(item).half_stars, r.half_stars) << ds.items[item].id;
        EXPECT_EQ(back.ratings.at(item).timestamp, 424242);
    }
    EXPECT_EQ(code.find_first_not_of(kB64), std::string::npos) << "URL-safe characters only";
}

TEST(AppShare, CodeMatchesTheDocumentedLayout) {
    const Dataset& ds = embedded_catalogue();
    PersonState p;
    p.ratings[item_of(ds, 318)] = {9, 0};
    p.ratings[item_of(ds, 1)] = {10, 0};
    p.ratings[item_of(ds, 2571)] = {1, 0};
    // Increasing ids: 1 (delta 1), 318 (delta 317), 2571 (delta 2253); value = delta * 10 + half_stars - 1.
    EXPECT_EQ(encode_share(p, ds), code_of(1, 3, {1 * 10 + 9, 317 * 10 + 8, 2253 * 10 + 0}));
}

TEST(AppShare, EmptyPersonRoundTrips) {
    const Dataset& ds = embedded_catalogue();
    const std::string code = encode_share(PersonState{}, ds);
    EXPECT_EQ(code, code_of(1, 0, {}));
    EXPECT_TRUE(decode_share(code, ds, 1).empty());
}

TEST(AppShare, WholeCatalogueRoundTrips) {
    const Dataset& ds = embedded_catalogue();
    PersonState p;
    for (uint32_t i = 0; i < ds.num_items(); ++i) p.ratings[i] = {static_cast<uint8_t>(1 + i % 10), 0};
    const std::string code = encode_share(p, ds);
    EXPECT_LE(code.size(), kMaxShareChars);
    const auto back = decode_share(code, ds, 0);
    ASSERT_EQ(back.size(), ds.num_items());
    for (uint32_t i = 0; i < ds.num_items(); ++i) EXPECT_EQ(back.ratings.at(i).half_stars, 1 + i % 10);
}

TEST(AppShare, FragmentParsing) {
    EXPECT_EQ(share_code_of_fragment("#r=ABC"), std::optional<std::string>("ABC"));
    EXPECT_EQ(share_code_of_fragment("r=ABC"), std::optional<std::string>("ABC"));
    EXPECT_EQ(share_code_of_fragment("#tab=rate&r=XYZ&x=1"), std::optional<std::string>("XYZ"));
    EXPECT_EQ(share_code_of_fragment("#r="), std::optional<std::string>(""));
    EXPECT_EQ(share_code_of_fragment("#rr=ABC"), std::nullopt);
    EXPECT_EQ(share_code_of_fragment("#tab=rate"), std::nullopt);
    EXPECT_EQ(share_code_of_fragment(""), std::nullopt);
    EXPECT_EQ(share_code_of_fragment("#"), std::nullopt);
    EXPECT_EQ(share_code_of_fragment("&&&"), std::nullopt);
    const std::string huge = "#r=" + std::string(kMaxShareChars + 100, 'A');
    EXPECT_TRUE(has(format_error_of([&] { share_code_of_fragment(huge); }), "too long"));
    // A fragment built from a real code decodes to the same ratings.
    const Dataset& ds = embedded_catalogue();
    const auto code = share_code_of_fragment("#view=recs&r=" + encode_share(person_of(ds), ds));
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(decode_share(*code, ds, 0).size(), person_of(ds).ratings.size());
}

TEST(AppShare, HostileCodesAreNamedFormatErrors) {
    const Dataset& ds = embedded_catalogue();
    const auto err = [&](const std::string& code) { return format_error_of([&] { decode_share(code, ds, 0); }); };
    EXPECT_TRUE(has(err(""), "share link: empty"));
    EXPECT_TRUE(has(err("hello world"), "outside base64url"));
    EXPECT_TRUE(has(err("AAAA+/=="), "outside base64url"));  // classic base64 is not base64url
    EXPECT_TRUE(has(err("A"), "truncated"));                  // 6 bits cannot end a code
    EXPECT_TRUE(has(err("AAB"), "truncated"));                // stray bits after the last byte
    EXPECT_TRUE(has(err("AAAA"), "too short"));
    EXPECT_TRUE(has(err(std::string(kMaxShareChars + 1, 'A')), "too long"));
    EXPECT_TRUE(has(err(code_of(2, 0, {})), "version 2 is not one this app reads"));
    EXPECT_TRUE(has(err(code_of(0, 0, {})), "version 0"));
    const uint32_t wrong = 12345;
    EXPECT_TRUE(has(err(code_of(1, 1, {18}, &wrong)), "checksum mismatch"));
    EXPECT_TRUE(has(err(code_of(1, uint64_t{1} << 40, {18})), "exceeds the limit"));  // huge count
    EXPECT_TRUE(has(err(code_of(1, ds.num_items() + 1, {})), "larger than the data left"));
    EXPECT_TRUE(has(err(code_of(1, 3, {18})), "larger than the data left"));
    EXPECT_TRUE(has(err(code_of(1, 1, {5})), "movie id 0"));
    EXPECT_TRUE(has(err(code_of(1, 2, {18, 4})), "a movie appears twice"));
    EXPECT_TRUE(has(err(code_of(1, 1, {(uint64_t{1} << 32) * 10})), "movie id out of range"));
    EXPECT_TRUE(has(err(code_of(1, 2, {193609 * 10, uint64_t{4294967295} * 10})), "movie id out of range"));
    EXPECT_TRUE(has(err(code_of(1, 1, {18, 18})), "unexpected trailing bytes"));
    EXPECT_TRUE(has(err(code_of(1, 1, {UINT64_MAX})), "movie id out of range"));
}

// A link made on another catalogue: a movie this one lacks is set aside by id (and shared on again), the rest loads.
TEST(AppShare, MoviesTheCatalogueLacksAreSetAsideNotRefused) {
    const Dataset& ds = embedded_catalogue();
    const auto back = decode_share(code_of(1, 2, {1 * 10 + 7, (999999 - 1) * 10 + 5}), ds, 3);
    ASSERT_EQ(back.ratings.size(), 1u);
    EXPECT_EQ(back.ratings.at(item_of(ds, 1)).half_stars, 8);
    ASSERT_EQ(back.aside.size(), 1u);
    EXPECT_EQ(back.aside.at(999999).half_stars, 6);
    PersonState p;
    p.ratings = back.ratings;
    p.aside = back.aside;
    EXPECT_EQ(decode_share(encode_share(p, ds), ds, 3).aside.size(), 1u);
}

TEST(AppShare, EveryCutOrChangedCharacterIsAFormatError) {
    const Dataset& ds = embedded_catalogue();
    const std::string good = encode_share(person_of(ds), ds);
    for (size_t n = 0; n < good.size(); ++n)
        EXPECT_TRUE(has(format_error_of([&] { decode_share(good.substr(0, n), ds, 0); }), "share link")) << n;
    for (size_t i = 0; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = bad[i] == 'Q' ? 'R' : 'Q';  // in the last character this may touch only unused bits: "truncated"
        EXPECT_TRUE(has(format_error_of([&] { decode_share(bad, ds, 0); }), "share link")) << i;
    }
}

TEST(AppShare, RandomGarbageNeverCrashes) {
    const Dataset& ds = embedded_catalogue();
    Rng rng(20240611);
    size_t decoded = 0;
    for (int round = 0; round < 3000; ++round) {
        // Half the time random bytes with a valid checksum (so the body parser is reached), else random text.
        std::string code;
        if (round % 2 == 0) {
            std::vector<uint8_t> body(1 + rng.below(24));
            for (auto& b : body) b = static_cast<uint8_t>(rng.below(256));
            body[0] = 1;
            ByteWriter w;
            w.bytes(body);
            w.u32(crc32(body));
            code = b64(w.data());
        } else {
            const size_t n = rng.below(40);
            for (size_t k = 0; k < n; ++k) code += static_cast<char>(rng.below(256));
        }
        try {
            const auto out = decode_share(code, ds, 0);
            ++decoded;
            for (const auto& [id, r] : out.aside) ASSERT_LT(ds.item_index(id), 0);
            for (const auto& [item, r] : out.ratings) {
                ASSERT_LT(item, ds.num_items());
                ASSERT_GE(r.half_stars, 1);
                ASSERT_LE(r.half_stars, 10);
            }
        } catch (const FormatError& e) {
            ASSERT_TRUE(has(e.what(), "share link")) << e.what();
        }
    }
    EXPECT_LT(decoded, 300u) << "random bytes should mostly be refused";
}

// --- export files ---

struct ExportFixture : ::testing::Test {
    const Dataset& ds = embedded_catalogue();
    PersonState p = person_of(ds);
    Engine engine{ds, embedded_items()};
    std::vector<uint8_t> file;

    void SetUp() override {
        engine.set_wnn_config(wnn_preset("best"), p.ratings);
        file = export_file(p, ds, engine.wnn());
    }
};

using AppExport = ExportFixture;

TEST_F(AppExport, RoundTripKeepsThePersonAndTheNetwork) {
    const Imported im = import_file(file, ds);
    ASSERT_TRUE(im.model);
    EXPECT_EQ(im.model->kind(), engine.wnn().kind());
    EXPECT_EQ(im.person.ratings.size(), p.ratings.size());
    for (const auto& [item, r] : p.ratings) {
        EXPECT_EQ(im.person.ratings.at(item).half_stars, r.half_stars);
        EXPECT_EQ(im.person.ratings.at(item).timestamp, r.timestamp);
    }
    EXPECT_EQ(im.person.unseen, p.unseen);
    EXPECT_EQ(im.person.settings.wnn_config, p.settings.wnn_config);
    EXPECT_EQ(im.person.settings.rec_source, p.settings.rec_source);
    EXPECT_EQ(im.person.settings.min_votes, p.settings.min_votes);
    EXPECT_TRUE(im.person.settings.welcome_done);
    const uint32_t u = engine.person();
    for (uint32_t i = 0; i < ds.num_items(); i += 7) {
        const double a = engine.wnn().predict(u, i), b = im.model->predict(u, i);
        ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "item " << i << ": " << a << " vs " << b;
    }
    EXPECT_EQ(export_file(im.person, ds, *im.model), file) << "re-export is byte-identical";
}

TEST_F(AppExport, GarbageAndForeignFilesAreNamed) {
    const auto err = [&](std::span<const uint8_t> b) { return format_error_of([&] { import_file(b, ds); }); };
    const std::vector<uint8_t> garbage = {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '!', 0, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_TRUE(has(err(garbage), "export file: not a WLEX file"));
    EXPECT_TRUE(has(err({}), "export file"));
    // A bare WLAP file (the saved state) is not an export.
    EXPECT_TRUE(has(err(save_person(p, ds)), "not a WLEX file"));
    // A newer version.
    ByteWriter w;
    w.varint(0);
    w.varint(0);
    EXPECT_TRUE(has(err(wrap_container("WLEX", 2, w.data())), "version 2"));
    // Larger than any export: refused before it is read.
    const std::vector<uint8_t> huge(kMaxImportBytes + 1, 0);
    EXPECT_TRUE(has(err(huge), "larger than any export"));
}

TEST_F(AppExport, DamagedOrCutFilesAreNamed) {
    for (size_t n : {size_t{0}, size_t{3}, size_t{10}, size_t{19}, size_t{20}, size_t{40}, file.size() / 2, file.size() - 1})
        EXPECT_TRUE(has(format_error_of([&] { import_file(std::span(file).first(n), ds); }), "export file")) << n;
    Rng rng(7);
    for (int k = 0; k < 40; ++k) {
        auto bad = file;
        bad[rng.below(bad.size())] ^= static_cast<uint8_t>(1 + rng.below(255));
        EXPECT_TRUE(has(format_error_of([&] { import_file(bad, ds); }), "export file")) << k;
    }
}

TEST_F(AppExport, DefectsInsideAValidContainerAreNamed) {
    const auto person = save_person(p, ds);
    const auto model = save_model(engine.wnn());
    const auto wlex = [](const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, uint64_t na, uint64_t nb,
                         std::vector<uint8_t> tail = {}) {
        ByteWriter w;
        w.varint(na);
        w.bytes(a);
        w.varint(nb);
        w.bytes(b);
        w.bytes(tail);
        return wrap_container("WLEX", 1, w.data());
    };
    const auto err = [&](const std::vector<uint8_t>& b) { return format_error_of([&] { import_file(b, ds); }); };
    EXPECT_NO_THROW(import_file(wlex(person, model, person.size(), model.size()), ds));
    // A hostile size (refused as larger than the data left, or beyond wasm's 32-bit size_t).
    EXPECT_TRUE(has(err(wlex(person, model, uint64_t{1} << 50, model.size())), "count 1125899906842624"));
    EXPECT_TRUE(has(err(wlex(person, model, person.size(), model.size() + 1)), "export file"));
    EXPECT_TRUE(has(err(wlex(person, model, person.size(), model.size(), {9})), "trailing bytes"));
    // The ratings part damaged (its own checksum): named as the ratings.
    auto bad_person = person;
    bad_person[bad_person.size() / 2] ^= 1;
    EXPECT_TRUE(has(err(wlex(bad_person, model, bad_person.size(), model.size())), "export file (ratings)"));
    PersonState tiny_person;
    tiny_person.ratings[0] = {5, 0};
    // From another catalogue: the ratings load by id, the network (made for other movies) is left to be retrained.
    const auto foreign = save_person(tiny_person, test::blank_catalogue(2, 3));
    const Imported im = import_file(wlex(foreign, model, foreign.size(), model.size()), ds);
    EXPECT_EQ(im.model, nullptr);
    EXPECT_EQ(im.person.ratings.size() + im.person.aside.size(), 1u);
    // The model part damaged, or another kind of model.
    auto bad_model = model;
    bad_model[bad_model.size() / 2] ^= 1;
    EXPECT_TRUE(has(err(wlex(person, bad_model, person.size(), bad_model.size())), "model file"));
    const auto bias = make_model("bias");
    bias->fit(TrainData{ds, ds.ratings});
    const auto other = save_model(*bias);
    EXPECT_TRUE(has(err(wlex(person, other, person.size(), other.size())), "not 'wnn'"));
}

// A crafted export file of a few KB (as the issue found: 1.5 KB): a network over a small catalogue that declares
// dense tables of tens of MB for hundreds of stored users. Its model part loads with the memory of its ratings
// (before the fix: GBs allocated first), and the import refuses it by name, changing nothing.
TEST(AppExportLimits, CraftedDenseTableExportIsRefusedWithBoundedMemory) {
    const Dataset& full = embedded_catalogue();
    Dataset small = without_ratings(full);
    small.items.resize(20);
    small.index();
    for (uint32_t u = 0; u < 300; ++u) small.ratings.push_back(Rating{u, u % 20, static_cast<uint8_t>(1 + u % 10), 0});
    WnnConfig cfg = wnn_preset("best");
    apply_params(cfg, "tuple_size=20 ensemble=1 tables=hashed");
    WnnModel hashed(cfg);
    hashed.fit(TrainData{small, small.ratings});
    // The same bytes with tables=dense: the table checksum does not depend on the storage.
    const std::vector<uint8_t> saved = save_model(hashed);  // kept: the reader views its bytes
    ByteReader r(unwrap_container(saved, "WLMD", 2, nullptr, "test"));
    ByteWriter w;
    w.str(r.str());
    std::string text = r.str();
    text.replace(text.find("tables=hashed"), 13, "tables=dense");
    w.str(text);
    w.bytes(r.bytes(r.remaining()));
    const auto model = wrap_container("WLMD", 2, w.data());
    const auto person = save_person(person_of(full), full);
    ByteWriter e;
    e.varint(person.size());
    e.bytes(person);
    e.varint(model.size());
    e.bytes(model);
    const auto file = wrap_container("WLEX", 1, e.data());
    ASSERT_LT(file.size(), 8000u) << "a few KB";
    WnnModel loaded;
    load_model(loaded, model);
    const uint64_t dense_user = loaded.network().shape().slots * loaded.network().shape().stride * 4;
    ASSERT_GE(dense_user, uint64_t{16} << 20) << "the file declares big dense tables";
    EXPECT_LT(loaded.memory_bytes(), size_t{8} << 20) << "not 300 users x " << dense_user << " bytes";
    const std::string msg = test::format_error_of([&] { import_file(file, full); });
    EXPECT_TRUE(has(msg, "another catalogue")) << msg;
}

}  // namespace
}  // namespace wl::app
