// The packed .wlds dataset: exact round trips, determinism, and every corruption refused with a FormatError.
#include "weightless/data/packed.hpp"

#include <optional>
#include <tuple>
#include <utility>

#include "data_test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {
namespace {

Dataset tiny() {
    Dataset ds;
    ds.name = "tiny";
    ds.genre_names = {"Drama", "Comedy", "Sci-Fi"};
    ds.items = {{50, "Z (1990)", 1990, 1}, {3, "Caf\xC3\xA9, Le (2001)", 2001, 6}, {4000000000u, "", 0, 0}, {7, "Neg", -5, 7}};
    ds.user_ids = {9, 2, 4294967295u};
    ds.ratings = {{0, 0, 10, 964982703}, {0, 3, 1, 0}, {2, 1, 7, 1500000000}, {1, 0, 4, 5}, {2, 2, 5, 4}};
    ds.index();
    return ds;
}

TEST(Packed, RoundTripIsExactAndDeterministic) {
    const Dataset ds = tiny();
    const auto bytes = pack_dataset(ds);
    EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "WLDS");
    EXPECT_EQ(pack_dataset(ds), bytes);
    test::expect_same_dataset(ds, unpack_dataset(bytes, "tiny"));

    Dataset empty;
    test::expect_same_dataset(empty, unpack_dataset(pack_dataset(empty), "empty"));
}

TEST(Packed, EveryByteFlipIsAFormatError) {
    const auto bytes = pack_dataset(tiny());
    for (size_t i = 0; i < bytes.size(); ++i) {
        for (uint8_t mask : {0x01, 0x80, 0xFF}) {
            auto bad = bytes;
            bad[i] ^= mask;
            EXPECT_THROW(unpack_dataset(bad, "flipped"), FormatError) << "byte " << i << " mask " << int(mask);
        }
    }
}

TEST(Packed, EveryTruncationAndExtensionIsAFormatError) {
    const auto bytes = pack_dataset(tiny());
    for (size_t n = 0; n < bytes.size(); ++n)
        EXPECT_THROW(unpack_dataset(std::span(bytes).first(n), "cut"), FormatError) << "length " << n;
    auto longer = bytes;
    longer.push_back(0);
    EXPECT_THROW(unpack_dataset(longer, "padded"), FormatError);
}

// A payload in the documented layout, wrapped with a valid checksum so only unpack's own checks can refuse it.
struct Payload {
    std::string name = "p";
    std::vector<std::string> genres = {"A", "B"};
    std::vector<std::tuple<int64_t, std::string, int64_t, uint64_t>> items = {{1, "One", 1999, 1}, {2, "Two", 0, 3}};
    std::vector<int64_t> users = {5, 6};
    std::vector<std::tuple<int64_t, int64_t, uint8_t, int64_t>> ratings = {{0, 0, 8, 100}, {1, 1, 2, 50}, {0, 1, 10, 7}};
    std::vector<uint8_t> trailing;
    // Set: version 3, each item with empty metadata bits, then these (old id, id) pairs.
    std::optional<std::vector<std::pair<int64_t, uint64_t>>> aliases;

    std::vector<uint8_t> bytes() const {
        ByteWriter w;
        w.str(name);
        w.varint(genres.size());
        for (const auto& g : genres) w.str(g);
        w.varint(items.size());
        int64_t prev = 0;
        for (const auto& [id, title, year, g] : items) {
            w.svarint(id - prev);
            prev = id;
            w.str(title);
            w.svarint(year);
            w.varint(g);
            if (aliases) w.varint(0);  // no metadata
        }
        if (aliases) {
            w.varint(aliases->size());
            prev = 0;
            for (const auto& [old_id, id] : *aliases) {
                w.svarint(old_id - prev);
                prev = old_id;
                w.varint(id);
            }
        }
        w.varint(users.size());
        prev = 0;
        for (int64_t id : users) w.svarint(id - prev), prev = id;
        w.varint(ratings.size());
        int64_t pu = 0, pi = 0, pt = 0;
        for (const auto& [u, i, h, t] : ratings) {
            w.svarint(u - pu);
            w.svarint(i - pi);
            w.u8(h);
            w.svarint(t - pt);
            pu = u, pi = i, pt = t;
        }
        w.bytes(trailing);
        return wrap_container("WLDS", aliases ? 3 : 1, w.data());
    }
};

void expect_refused(const Payload& p, const std::string& why) {
    try {
        unpack_dataset(p.bytes(), "hand-built");
        ADD_FAILURE() << "accepted a payload with " << why;
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("hand-built"), std::string::npos) << e.what();
    }
}

TEST(Packed, HandBuiltPayloadWithValidChecksumIsValidated) {
    const Dataset ok = unpack_dataset(Payload{}.bytes(), "hand-built");
    EXPECT_EQ(ok.ratings.size(), 3u);
    EXPECT_EQ(ok.ratings[2].timestamp, 7);
    EXPECT_EQ(ok.user_index(6), 1);

    Payload p;
    std::get<1>(p.ratings[1]) = 2;
    expect_refused(p, "an item index out of range");
    p = {};
    std::get<0>(p.ratings[1]) = 2;
    expect_refused(p, "a user index out of range");
    p = {};
    std::get<1>(p.ratings[0]) = -1;
    expect_refused(p, "a negative item index");
    p = {};
    std::get<2>(p.ratings[1]) = 11;
    expect_refused(p, "half_stars 11");
    p = {};
    std::get<2>(p.ratings[1]) = 0;
    expect_refused(p, "half_stars 0");
    p = {};
    p.ratings.push_back({1, 1, 6, 9});
    expect_refused(p, "a duplicate (user, item) pair");
    p = {};
    std::get<3>(p.ratings[1]) = -1;
    expect_refused(p, "a negative timestamp");
    p = {};
    std::get<3>(p.ratings[1]) = INT64_MAX;
    expect_refused(p, "an absurd timestamp");
    p = {};
    std::get<0>(p.items[1]) = 1;
    expect_refused(p, "a duplicate item id");
    p = {};
    std::get<0>(p.items[1]) = int64_t{1} << 33;
    expect_refused(p, "an item id beyond 32 bits");
    p = {};
    std::get<2>(p.items[1]) = 40000;
    expect_refused(p, "a year beyond int16");
    p = {};
    std::get<3>(p.items[1]) = 4;
    expect_refused(p, "a genre bit beyond the genre names");
    p = {};
    std::get<1>(p.items[1]) = "bad \xFF title";
    expect_refused(p, "invalid UTF-8 in a title");
    p = {};
    p.users = {5, 5};
    expect_refused(p, "a duplicate user id");
    p = {};
    p.users = {5, -1};
    expect_refused(p, "a negative user id");
    p = {};
    p.genres = {"A", "A"};
    expect_refused(p, "a duplicate genre name");
    p = {};
    p.genres.assign(33, "G");
    expect_refused(p, "33 genres");
    p = {};
    p.trailing = {0};
    expect_refused(p, "trailing bytes");
    p = {};
    p.users.clear();
    expect_refused(p, "ratings but no users");
}

// Version 3's id aliases (the app's catalogue): read and resolved, and every broken list refused by name.
TEST(Packed, HandBuiltAliasesAreValidated) {
    Payload p;
    p.aliases = std::vector<std::pair<int64_t, uint64_t>>{{7, 2}, {9, 1}};
    const Dataset ds = unpack_dataset(p.bytes(), "hand-built");
    EXPECT_EQ(ds.item_index(7), ds.item_index(2));
    EXPECT_EQ(ds.item_index(9), ds.item_index(1));
    EXPECT_EQ(ds.item_index(8), -1);
    EXPECT_EQ(pack_dataset(ds), p.bytes()) << "one dataset, one encoding";
    for (const auto& [bad, why] : std::vector<std::pair<std::vector<std::pair<int64_t, uint64_t>>, std::string>>{
             {{}, "version 3 without aliases"},
             {{{9, 1}, {7, 2}}, "aliases out of order"},
             {{{7, 7}}, "an alias pointing to no movie"},
             {{{2, 1}}, "an alias that is a movie's own id"},
             {{{7, uint64_t{1} << 33}}, "an alias target beyond 32 bits"},
             {{{7, 2}, {8, 2}, {9, 2}}, "more aliases than movies"}}) {
        Payload q;
        q.aliases = bad;
        expect_refused(q, why);
    }
}

TEST(Packed, HostileCountsAreRefusedBeforeAllocating) {
    ByteWriter w;
    w.str("x");
    w.varint(0);
    w.varint(uint64_t{1} << 40);  // items
    EXPECT_THROW(unpack_dataset(wrap_container("WLDS", 1, w.data()), "huge"), FormatError);
    EXPECT_THROW(unpack_dataset(wrap_container("WLDS", 2, w.data()), "future"), FormatError);
    EXPECT_THROW(unpack_dataset(wrap_container("WLDX", 1, w.data()), "magic"), FormatError);
}

TEST(Packed, PackRefusesWhatUnpackWouldRefuse) {
    Dataset ds = tiny();
    ds.ratings[0].half_stars = 11;
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
    ds = tiny();
    ds.ratings[0].item = 4;
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
    ds = tiny();
    ds.ratings.push_back(ds.ratings[1]);
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
    ds = tiny();
    ds.items[0].genres = 8;
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
}

TEST(Packed, LoadPackedNamesMissingAndCorruptFiles) {
    test::expect_data_error([] { load_packed(test::tmp_path("absent.wlds")); }, {"absent.wlds", "cannot open"});
    const std::string path = test::tmp_path("corrupt.wlds");
    auto bytes = pack_dataset(tiny());
    bytes[bytes.size() / 2] ^= 0x10;
    write_file_bytes_atomic(path, bytes);
    try {
        load_packed(path);
        ADD_FAILURE() << "corrupt file accepted";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("corrupt.wlds"), std::string::npos) << e.what();
    }
}

TEST(PackedReal, RealDatasetsRoundTripExactly) {
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset ds = load_ml_latest(test::shared_data("ml-latest-small"));
    const auto bytes = pack_dataset(ds);
    EXPECT_LT(bytes.size(), 1000000u);
    test::expect_same_dataset(ds, unpack_dataset(bytes, "ml-latest-small"));
    EXPECT_EQ(pack_dataset(unpack_dataset(bytes, "again")), bytes);
}

TEST(PackedReal, Ml100kRoundTripsExactly) {
    WL_REQUIRE_DATA("ml-100k/u.data");
    const Dataset ds = load_ml100k(test::shared_data("ml-100k"));
    test::expect_same_dataset(ds, unpack_dataset(pack_dataset(ds), "ml-100k"));
}

TEST(PackedReal, EmbeddedAssetLoadsWithoutTheCsvs) {
    // Runs even where the CSVs are absent: the committed asset alone must give the known counts.
    const Dataset ds = load_dataset("embedded");
    EXPECT_EQ(ds.name, "ml-latest-small");
    EXPECT_EQ(ds.ratings.size(), 100836u);
    EXPECT_EQ(ds.num_users(), 610u);
    EXPECT_EQ(ds.num_items(), 9742u);
    EXPECT_EQ(ds.genre_names.size(), 20u);
    // links.csv's ids travel with it (what imports of IMDb and Letterboxd exports match on): every movie has an IMDb
    // id, all but the 8 without one in links.csv a TMDB id.
    size_t imdb = 0, tmdb = 0;
    for (const Item& it : ds.items) imdb += it.imdb_id != 0, tmdb += it.tmdb_id != 0;
    EXPECT_EQ(imdb, 9742u);
    EXPECT_EQ(tmdb, 9742u - 8u);
    EXPECT_EQ(ds.items[static_cast<size_t>(ds.item_index(1))].imdb_id, 114709u);  // Toy Story, tt0114709
    EXPECT_EQ(ds.items[static_cast<size_t>(ds.item_index(1))].tmdb_id, 862u);
}

}  // namespace
}  // namespace wl
