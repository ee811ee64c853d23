// Public item models as data: the WLIM file both ways, refusal of corrupt, foreign and mismatched files, the CSV
// imports (Spark's itemFactors form included), and EASE and cosine kNN against weights worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "test_util.hpp"
#include "weightless/model/ials.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"

namespace wl {
namespace {

// Catalogue ids 1..n (test::blank_catalogue), here 10, 20, ... so that ids and indices differ.
Dataset catalogue(uint32_t items, uint32_t users = 4) {
    Dataset ds = test::blank_catalogue(users, items);
    for (uint32_t i = 0; i < items; ++i) ds.items[i].id = 10 * (i + 1);
    ds.index();
    return ds;
}

ItemNeighbours small_neighbours() {
    ItemNeighbours g;
    g.source = "hand";
    g.n_items = 4;
    g.offsets = {0, 2, 2, 3, 4};  // item 1 has no row
    g.items = {2, 3, 0, 2};
    g.weights = {0.75f, -0.5f, 1.25f, 3e-7f};
    return g;
}

ItemFactors small_factors() {
    ItemFactors f;
    f.source = "hand";
    f.n_items = 4;
    f.dim = 2;
    f.values = {1.0f, 0.5f, 0.0f, 0.0f, -0.25f, 2.0f, 0.125f, -1.0f};
    f.known = {1, 0, 1, 1};
    return f;
}

void expect_same(const ItemNeighbours& a, const ItemNeighbours& b) {
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.n_items, b.n_items);
    EXPECT_EQ(a.offsets, b.offsets);
    EXPECT_EQ(a.items, b.items);
    EXPECT_EQ(a.weights, b.weights);
}

TEST(ItemModelFile, NeighboursRoundTrip) {
    const Dataset ds = catalogue(4);
    const auto bytes = save_item_neighbours(small_neighbours(), ds);
    EXPECT_EQ(item_model_kind(bytes), ItemModelKind::Neighbours);
    expect_same(load_item_neighbours(bytes, ds), small_neighbours());
    EXPECT_THROW(load_item_factors(bytes, ds), FormatError);  // the other shape
}

TEST(ItemModelFile, FactorsRoundTrip) {
    const Dataset ds = catalogue(4);
    const auto bytes = save_item_factors(small_factors(), ds);
    EXPECT_EQ(item_model_kind(bytes), ItemModelKind::Factors);
    const ItemFactors f = load_item_factors(bytes, ds);
    EXPECT_EQ(f.source, "hand");
    EXPECT_EQ(f.dim, 2u);
    EXPECT_EQ(f.values, small_factors().values);
    EXPECT_EQ(f.known, small_factors().known);
    EXPECT_THROW(load_item_neighbours(bytes, ds), FormatError);
}

TEST(ItemModelFile, CorruptAndForeignFilesRefused) {
    const Dataset ds = catalogue(4);
    for (const auto& bytes : {save_item_neighbours(small_neighbours(), ds), save_item_factors(small_factors(), ds)}) {
        // Every single-byte change and every truncation is caught (checksum, magic, lengths).
        for (size_t at = 0; at < bytes.size(); ++at) {
            auto bad = bytes;
            bad[at] ^= 0x5A;
            EXPECT_THROW(item_model_kind(bad), FormatError) << "byte " << at;
        }
        for (size_t n = 0; n < bytes.size(); ++n) {
            const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
            EXPECT_THROW(load_item_factors(cut, ds), FormatError) << "length " << n;
            EXPECT_THROW(load_item_neighbours(cut, ds), FormatError) << "length " << n;
        }
    }
    // A model file of another container (WLMD) and a dataset-like file are not item models.
    IalsModel m;
    EXPECT_THROW(item_model_kind(save_model(m)), FormatError);
    EXPECT_THROW(item_model_kind(wrap_container("WLDS", 1, std::vector<uint8_t>{1, 2, 3})), FormatError);
    // A WLIM container with an unknown shape byte.
    EXPECT_THROW(item_model_kind(wrap_container("WLIM", 1, std::vector<uint8_t>{7, 0, 0})), FormatError);
}

TEST(ItemModelFile, IdsTheCatalogueLacksRefused) {
    const Dataset big = catalogue(4), small = catalogue(3);  // small lacks movie 40
    try {
        load_item_neighbours(save_item_neighbours(small_neighbours(), big), small);
        ADD_FAILURE() << "loaded a list naming movie 40";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("movie id 40"), std::string::npos) << e.what();
    }
    EXPECT_THROW(load_item_factors(save_item_factors(small_factors(), big), small), FormatError);
}

const char* kSparkCsv =
    "id,features\n"
    "10,\"[0.5, -0.25, 1.0]\"\n"
    "30,\"[0.0,2.0,-1.5]\"\n"
    "999,\"[1.0, 1.0, 1.0]\"\n"  // not in the catalogue: skipped, counted
    "20,\"[ 1e-3, 4, 0.125 ]\"\n";

TEST(ItemFactorsCsv, SparkItemFactorsImport) {
    const Dataset ds = catalogue(4);
    CsvImport rep;
    const ItemFactors f = item_factors_from_csv(kSparkCsv, ds, "itemFactors.csv", &rep);
    EXPECT_EQ(rep.rows, 4u);
    EXPECT_EQ(rep.skipped, 1u);
    ASSERT_EQ(f.dim, 3u);
    EXPECT_EQ(f.known, (std::vector<uint8_t>{1, 1, 1, 0}));
    EXPECT_EQ(f.row(0)[1], -0.25f);
    EXPECT_EQ(f.row(1)[0], 1e-3f);
    EXPECT_EQ(f.row(1)[1], 4.0f);
    EXPECT_EQ(f.row(2)[2], -1.5f);
    EXPECT_EQ(f.row(3)[0], 0.0f);
    // The same vectors as plain columns.
    const ItemFactors g = item_factors_from_csv("id,f0,f1,f2\n10,0.5,-0.25,1.0\n", ds, "cols.csv");
    EXPECT_EQ(g.row(0)[0], 0.5f);
    EXPECT_EQ(g.known, (std::vector<uint8_t>{1, 0, 0, 0}));
    // Imported factors survive the WLIM file unchanged.
    const ItemFactors back = load_item_factors(save_item_factors(f, ds), ds);
    EXPECT_EQ(back.values, f.values);
}

TEST(ItemFactorsCsv, MalformedRowsNameTheLine) {
    const Dataset ds = catalogue(4);
    const std::string head = "id,features\n10,\"[1, 2]\"\n";
    struct Case {
        std::string row;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"20,\"1, 2\"", "bracketed"},          {"20,\"[1, x]\"", "bad factor"},
        {"20,\"[1, 2, 3]\"", "3 values"},      {"20,\"[1, nan]\"", "bad factor"},
        {"abc,\"[1, 2]\"", "item id"},         {"10,\"[3, 4]\"", "twice"},
        {"20,\"[1,, 2]\"", "bad factor"},      {"20,\"[1, 2]\",7", "field"},
        {"20,\"[1e999, 2]\"", "bad factor"},   {"20,\"[]\"", "bad factor"},
    };
    for (const auto& c : cases) {
        try {
            item_factors_from_csv(head + c.row + "\n", ds, "f.csv");
            ADD_FAILURE() << "accepted: " << c.row;
        } catch (const DataError& e) {
            EXPECT_EQ(e.line(), 3u) << c.row << ": " << e.what();
            EXPECT_EQ(e.file(), "f.csv");
            EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << c.row << ": " << e.what();
        }
    }
    EXPECT_THROW(item_factors_from_csv("movie,features\n10,\"[1]\"\n", ds, "h.csv"), DataError);
    EXPECT_THROW(item_factors_from_csv("id,features\n", ds, "e.csv"), DataError);
    EXPECT_THROW(item_factors_from_csv("id,features\n999,\"[1]\"\n", ds, "none.csv"), DataError);  // nothing known
}

TEST(ItemNeighboursCsv, ExportImportRoundTrip) {
    const Dataset ds = catalogue(4);
    const std::string csv = item_neighbours_to_csv(small_neighbours(), ds);
    CsvImport rep;
    const ItemNeighbours g = item_neighbours_from_csv(csv + "10,990,1\n", ds, "n.csv", &rep);
    EXPECT_EQ(rep.rows, 5u);
    EXPECT_EQ(rep.skipped, 1u);
    EXPECT_EQ(g.offsets, small_neighbours().offsets);
    EXPECT_EQ(g.items, small_neighbours().items);
    EXPECT_EQ(g.weights, small_neighbours().weights);  // shortest round-trip text: exact
    try {
        item_neighbours_from_csv("item,neighbour,weight\n10,20,1\n10,10,2\n", ds, "self.csv");
        ADD_FAILURE();
    } catch (const DataError& e) {
        EXPECT_EQ(e.line(), 3u);
    }
}

// A person's vector from imported factors, solved by hand (Cramer's rule) and dotted with each item.
TEST(ItemFactorsModel, RanksAsTheHandComputedDotProduct) {
    const Dataset ds = catalogue(4);
    const ItemFactors f = item_factors_from_csv(
        "id,features\n10,\"[1, 0.5]\"\n20,\"[0.5, -1]\"\n30,\"[-0.25, 2]\"\n40,\"[2, 1]\"\n", ds, "y.csv");
    const FactorSolveConfig c{3.0, 0.5, false};
    ItemFactorsModel m(f, c);
    const std::vector<Rating> train = {{0, 0, 8, 0}, {0, 2, 2, 0}, {1, 1, 10, 0}};
    m.fit({ds, train});
    // A = Y^T Y + alpha (y0 y0^T + y2 y2^T) + reg I, b = (1 + alpha)(y0 + y2).
    const double Y[4][2] = {{1, 0.5}, {0.5, -1}, {-0.25, 2}, {2, 1}};
    double a00 = c.reg, a01 = 0, a11 = c.reg;
    for (const auto& y : Y) a00 += y[0] * y[0], a01 += y[0] * y[1], a11 += y[1] * y[1];
    for (int i : {0, 2}) a00 += c.alpha * Y[i][0] * Y[i][0], a01 += c.alpha * Y[i][0] * Y[i][1], a11 += c.alpha * Y[i][1] * Y[i][1];
    const double b0 = (1 + c.alpha) * (Y[0][0] + Y[2][0]), b1 = (1 + c.alpha) * (Y[0][1] + Y[2][1]);
    const double det = a00 * a11 - a01 * a01;
    const double x0 = (b0 * a11 - a01 * b1) / det, x1 = (a00 * b1 - a01 * b0) / det;
    std::vector<uint32_t> items = {0, 1, 2, 3};
    std::vector<double> got(4);
    m.rank_scores(0, items, got);
    for (uint32_t i = 0; i < 4; ++i) {
        EXPECT_NEAR(got[i], x0 * Y[i][0] + x1 * Y[i][1], 1e-9) << "item " << i;
        EXPECT_EQ(got[i], m.rank_score(0, i));
    }
    // Of the unrated items 1 and 3, the hand-computed scores order them: check the model agrees.
    EXPECT_EQ(got[3] > got[1], x0 * 2 + x1 * 1 > x0 * 0.5 - x1) << got[1] << " " << got[3];
    EXPECT_EQ(m.predict(0, 3), (4.0 + 1.0 + 5.0) / 3);  // the global mean, not the relevance
    EXPECT_EQ(m.rank_score(3, 0), 0.0);                  // a user with nothing rated
    // Spark's regularisation (reg times the user's count) changes the solve accordingly.
    ItemFactorsModel s(f, {3.0, 0.5, true});
    s.fit({ds, train});
    EXPECT_NE(s.rank_score(0, 3), m.rank_score(0, 3));
}

// Three items; users {0,1}, {0,1,2}, {1,2}, {0}: G = [[3,2,1],[2,3,2],[1,2,2]]; with lambda 1,
// P = (G + I)^-1 = [[8,-4,0],[-4,11,-6],[0,-6,12]] / 24, B(a,b) = -P(a,b) / P(b,b).
const std::vector<Rating> kToy = {{0, 0, 8, 0}, {0, 1, 6, 0}, {1, 0, 10, 0}, {1, 1, 4, 0},
                                  {1, 2, 8, 0}, {2, 1, 2, 0}, {2, 2, 6, 0}, {3, 0, 9, 0}};

TEST(Ease, HandCheckedWeights) {
    const Dataset ds = catalogue(3);
    EaseConfig cfg;
    cfg.lambda = 1.0;
    cfg.k = 10;
    cfg.min_users = 1;  // every toy item is in the model
    const ItemNeighbours g = fit_ease({ds, kToy}, cfg);
    ASSERT_EQ(g.n_items, 3u);
    // Row 0: B(0,1) = 4/11, B(0,2) = 0 (the solve leaves rounding noise there, which dense EASE keeps, after the
    // real weight). Row 1: B(1,0) = 1/2, B(1,2) = 1/2 (tie: lower item first). Row 2: B(2,1) = 6/11, B(2,0) = 0.
    ASSERT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 4, 6}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 2, 0, 2, 1, 0}));
    const double want[] = {4.0 / 11, 0, 0.5, 0.5, 6.0 / 11, 0};
    for (size_t t = 0; t < 6; ++t) EXPECT_NEAR(g.weights[t], static_cast<float>(want[t]), 1e-9) << t;
    // The person side: someone who rated only item 0 scores item 1 by B(0,1), item 2 by nothing.
    EaseModel m(cfg);
    m.fit({ds, kToy});
    EXPECT_NEAR(m.rank_score(3, 1), 4.0 / 11, 1e-7);
    EXPECT_NEAR(m.rank_score(3, 2), 0.0, 1e-12);
    // k = 1 keeps the strongest weight per row.
    cfg.k = 1;
    EXPECT_EQ(fit_ease({ds, kToy}, cfg).items, (std::vector<uint32_t>{1, 0, 1}));
}

// Users {0,1}, {1,2}, {0}, {2}, {1}: items 0 and 2 are never rated together. G = [[2,1,0],[1,3,1],[0,1,2]]; with
// lambda 1, G + I = [[3,1,0],[1,4,1],[0,1,3]], det 30, P = [[11,-3,1],[-3,9,-3],[1,-3,11]] / 30, so
// B(0,1) = 3/9 = 1/3, B(0,2) = -1/11, B(1,0) = B(1,2) = 3/11, B(2,0) = -1/11, B(2,1) = 1/3.
const std::vector<Rating> kApart = {{0, 0, 8, 0}, {0, 1, 6, 0}, {1, 1, 8, 0}, {1, 2, 4, 0}, {2, 0, 10, 0}, {3, 2, 6, 0}, {4, 1, 8, 0}};

TEST(Ease, NegativeWeightsKeptAsPublished) {
    const Dataset ds = catalogue(3, 5);
    EaseConfig cfg;
    cfg.lambda = 1.0;
    cfg.min_users = 1;
    const ItemNeighbours g = fit_ease({ds, kApart}, cfg);
    // Rows largest weight first: the negative weight closes rows 0 and 2.
    ASSERT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 4, 6}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 2, 0, 2, 1, 0}));
    const double want[] = {1.0 / 3, -1.0 / 11, 3.0 / 11, 3.0 / 11, 1.0 / 3, -1.0 / 11};
    for (size_t t = 0; t < 6; ++t) EXPECT_NEAR(g.weights[t], want[t], 1e-7) << t;
    // The person side sums them, negative included: who rated item 0 scores item 2 by -1/11.
    EaseModel m(cfg);
    m.fit({ds, kApart});
    EXPECT_NEAR(m.rank_score(2, 2), -1.0 / 11, 1e-7);
    EXPECT_NEAR(m.rank_score(2, 1), 1.0 / 3, 1e-7);
    EXPECT_TRUE(m.explain(2, 2, 5).empty());  // a negative weight is no reason to recommend
    // k = 1 keeps the largest |w| per row. Row 1's two weights tie only in exact arithmetic (3/11 each): which one
    // the solve's rounding leaves a bit ahead is not the fit's to promise (the sparsifier's own rule for a real tie,
    // the lower item, is checked on exact weights in Sparsifier.KeepsTheLargestMagnitudes).
    cfg.k = 1;
    const std::vector<uint32_t> one = fit_ease({ds, kApart}, cfg).items;
    ASSERT_EQ(one.size(), 3u);
    EXPECT_EQ(one[0], 1u);
    EXPECT_TRUE(one[1] == 0u || one[1] == 2u) << one[1];
    EXPECT_EQ(one[2], 1u);
    // keep=positive drops the negatives.
    cfg.k = 10;
    cfg.keep = Keep::Positive;
    const ItemNeighbours pos = fit_ease({ds, kApart}, cfg);
    EXPECT_EQ(pos.offsets, (std::vector<uint64_t>{0, 1, 3, 4}));
    EXPECT_EQ(pos.items, (std::vector<uint32_t>{1, 0, 2, 1}));
}

// EDLAE: dropout 0.5 adds 0.5/0.5 x G_ii, so G + Lambda = [[5,1,0],[1,7,1],[0,1,5]], det 165,
// P = [[34,-5,1],[-5,25,-5],[1,-5,34]] / 165: B(0,1) = 5/25, B(0,2) = -1/34, B(1,0) = B(1,2) = 5/34.
TEST(Ease, EdlaeEmphasisOnTheDiagonal) {
    const Dataset ds = catalogue(3, 5);
    EaseConfig cfg;
    cfg.lambda = 1.0;
    cfg.dropout = 0.5;
    cfg.min_users = 1;
    const ItemNeighbours g = fit_ease({ds, kApart}, cfg);
    ASSERT_EQ(g.items, (std::vector<uint32_t>{1, 2, 0, 2, 1, 0}));
    const double want[] = {0.2, -1.0 / 34, 5.0 / 34, 5.0 / 34, 0.2, -1.0 / 34};
    for (size_t t = 0; t < 6; ++t) EXPECT_NEAR(g.weights[t], want[t], 1e-7) << t;
}

TEST(Sparsifier, KeepsTheLargestMagnitudes) {
    // One 5 x 5 matrix; row 0 = [self, 0.5, -0.7, 0.2, -0.5], the others empty but for one weight each.
    std::vector<double> d(25, 0.0);
    const double row0[] = {9.0, 0.5, -0.7, 0.2, -0.5};
    for (int b = 0; b < 5; ++b) d[static_cast<size_t>(b)] = row0[b];
    d[5 + 2] = -0.1;   // row 1: one negative weight
    d[10 + 0] = 0.0;   // row 2: nothing but zeros
    const std::vector<uint32_t> map = {0, 1, 2, 3, 4};
    // k = 2 by |w|: -0.7, then the tie 0.5 / -0.5 goes to the lower item (1); the diagonal is never a weight.
    ItemNeighbours g = top_k_rows(d, 5, map, 5, 2, "t");
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 3, 3, 3, 3}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 2, 2}));  // stored largest weight first: 0.5, -0.7
    EXPECT_EQ(g.weights, (std::vector<float>{0.5f, -0.7f, -0.1f}));
    // k = 3: the other half of the tie joins, after 0.5; k = 10: every non-zero weight.
    g = top_k_rows(d, 5, map, 5, 3, "t");
    EXPECT_EQ(std::vector<uint32_t>(g.items.begin(), g.items.begin() + 3), (std::vector<uint32_t>{1, 4, 2}));
    g = top_k_rows(d, 5, map, 5, 10, "t");
    EXPECT_EQ(std::vector<uint32_t>(g.items.begin(), g.items.begin() + 4), (std::vector<uint32_t>{1, 3, 4, 2}));
    // Positive: the largest w > 0 only (row 1 has none).
    g = top_k_rows(d, 5, map, 5, 10, "t", Keep::Positive);
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 2, 2, 2, 2}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 3}));
    // Over the whole matrix: the 2 largest |w| anywhere are -0.7 and one of the two 0.5s (the first in row order,
    // item 1); 3 takes both; 5 reaches row 1's -0.1.
    g = top_n_global(d, 5, map, 5, 2, "t");
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 2, 2, 2, 2}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 2}));
    g = top_n_global(d, 5, map, 5, 3, "t");
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 4, 2}));
    g = top_n_global(d, 5, map, 5, 5, "t");
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 4, 5, 5, 5, 5}));
    EXPECT_EQ(g.weights.back(), -0.1f);
    EXPECT_EQ(top_n_global(d, 5, map, 5, 100, "t").nnz(), 5u);
    EXPECT_EQ(top_n_global(d, 5, map, 5, 100, "t", Keep::Positive).nnz(), 2u);
    // Rows go to the catalogue items `map` names.
    g = top_k_rows(d, 5, std::vector<uint32_t>{1, 3, 4, 6, 7}, 8, 1, "t");
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 0, 1, 1, 2, 2, 2, 2, 2}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{4, 4}));
}

TEST(ItemModelFile, QuantisedWeightsShipAsEvaluated) {
    const Dataset ds = catalogue(4);
    for (const WeightBits bits : {WeightBits::I16, WeightBits::I8}) {
        ItemNeighbours q = small_neighbours();
        quantize_weights(q, bits);
        // Within half a level of the row's scale (row 0's largest |w| is 0.75), and quantising again changes nothing.
        const double level = 0.75 / (bits == WeightBits::I8 ? 127 : 32767);
        EXPECT_NEAR(q.weights[0], 0.75, level * 0.51);
        EXPECT_NEAR(q.weights[1], -0.5, level * 0.51);
        ItemNeighbours again = q;
        quantize_weights(again, bits);
        expect_same(again, q);
        // The file at that precision loads back to exactly the quantised list; saving unquantised weights at that
        // precision gives the same bytes.
        const auto bytes = save_item_neighbours(q, ds, bits);
        expect_same(load_item_neighbours(bytes, ds), q);
        EXPECT_EQ(save_item_neighbours(small_neighbours(), ds, bits), bytes);
    }
}

TEST(ItemModelFile, VersionOneFilesStillLoad) {
    // The version-1 layout, written out by hand: per row its movie id, length, then (id, f32 weight) pairs.
    const Dataset ds = catalogue(4);
    ByteWriter w;
    w.u8(1);  // neighbours
    w.str("hand");
    w.str(ds.name);
    w.varint(2);  // rows
    const auto f32 = [&](float v) {
        uint32_t b;
        std::memcpy(&b, &v, sizeof b);
        w.u32(b);
    };
    w.varint(10);  // movie 10 (index 0): 30 (0.75), 40 (-0.5)
    w.varint(2);
    w.varint(30);
    f32(0.75f);
    w.varint(40);
    f32(-0.5f);
    w.varint(30);  // movie 30 (index 2): 10 (1.25)
    w.varint(1);
    w.varint(10);
    f32(1.25f);
    const ItemNeighbours g = load_item_neighbours(wrap_container("WLIM", 1, w.data()), ds);
    EXPECT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 2, 3, 3}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{2, 3, 0}));
    EXPECT_EQ(g.weights, (std::vector<float>{0.75f, -0.5f, 1.25f}));
    // A row naming its own movie, or one neighbour twice, is refused (it could not be saved back).
    for (const uint64_t bad : {uint64_t{30}, uint64_t{10}}) {
        ByteWriter b;
        b.u8(1);
        b.str("hand");
        b.str(ds.name);
        b.varint(1);
        b.varint(30);  // movie 30: neighbours 10 and `bad`
        b.varint(2);
        for (const uint64_t id : {uint64_t{10}, bad}) {
            b.varint(id);
            b.u32(0x3f800000u);  // 1.0f
        }
        EXPECT_THROW(load_item_neighbours(wrap_container("WLIM", 1, b.data()), ds), FormatError) << bad;
    }
}

TEST(ImplicitKnn, CosineOnTheBinaryMatrix) {
    const Dataset ds = catalogue(3);
    ImplicitKnnConfig cfg;
    cfg.k = 10;
    const ItemNeighbours g = fit_implicit_knn({ds, kToy}, cfg);
    // Users per item 3, 3, 2; co-users (0,1) 2, (0,2) 1, (1,2) 2.
    const double c01 = 2 / 3.0, c02 = 1 / std::sqrt(6.0), c12 = 2 / std::sqrt(6.0);
    ASSERT_EQ(g.offsets, (std::vector<uint64_t>{0, 2, 4, 6}));
    EXPECT_EQ(g.items, (std::vector<uint32_t>{1, 2, 2, 0, 1, 0}));
    const double want[] = {c01, c02, c12, c01, c12, c02};
    for (size_t t = 0; t < 6; ++t) EXPECT_NEAR(g.weights[t], static_cast<float>(want[t]), 1e-9) << t;
    cfg.shrink = 1.0;  // cosine * co / (co + 1)
    const ItemNeighbours s = fit_implicit_knn({ds, kToy}, cfg);
    EXPECT_NEAR(s.weights[0], static_cast<float>(c01 * 2 / 3), 1e-9);
    EXPECT_NEAR(s.weights[1], static_cast<float>(c02 / 2), 1e-9);
    cfg.min_users = 3;  // item 2 (two users) leaves the model
    const ItemNeighbours m = fit_implicit_knn({ds, kToy}, cfg);
    EXPECT_EQ(m.offsets, (std::vector<uint64_t>{0, 1, 2, 2}));
}

}  // namespace
}  // namespace wl
