// The person's saved file ("WLAP", app/person.hpp): exact round trips, and every defect the loader promises to
// name (damage, truncation, another catalogue, unknown movies, ratings outside 0.5..5, duplicates) as FormatError.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/logic/person.hpp"
#include "app_test_util.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::format_error_of;
using test::item_of;

const std::string kWhat = "saved ratings";

PersonState sample_person(const Dataset& ds) {
    PersonState p;
    p.ratings[item_of(ds, 1)] = {10, 1700000000};        // Toy Story, 5 stars
    p.ratings[item_of(ds, 4973)] = {9, 1700000100};      // Amélie, 4.5
    p.ratings[item_of(ds, 2571)] = {1, 0};               // The Matrix, 0.5, at the epoch
    p.ratings[item_of(ds, 318)] = {6, -86400};           // before the epoch survives (svarint)
    p.ratings[item_of(ds, 193609)] = {7, INT64_MAX};     // the largest MovieLens id of the catalogue
    p.unseen = {item_of(ds, 2), item_of(ds, 296), item_of(ds, 356)};
    p.seen = {item_of(ds, 1), item_of(ds, 50)};          // seen and rated, and seen unrated
    p.watchlist = {item_of(ds, 47)};
    p.hidden = {item_of(ds, 260)};
    p.settings.wnn_config = "tuple_size=8 ensemble=2";
    p.settings.rec_source = RecSource::Bias;
    p.settings.min_votes = 50;
    p.settings.welcome_done = true;
    p.settings.recent_list = 10;
    return p;
}

void expect_same(const PersonState& a, const PersonState& b) {
    ASSERT_EQ(a.ratings.size(), b.ratings.size());
    for (const auto& [item, r] : a.ratings) {
        const auto it = b.ratings.find(item);
        ASSERT_NE(it, b.ratings.end()) << "item " << item;
        EXPECT_EQ(it->second.half_stars, r.half_stars) << "item " << item;
        EXPECT_EQ(it->second.timestamp, r.timestamp) << "item " << item;
    }
    EXPECT_EQ(a.unseen, b.unseen);
    EXPECT_EQ(a.seen, b.seen);
    EXPECT_EQ(a.watchlist, b.watchlist);
    EXPECT_EQ(a.seen_aside, b.seen_aside);
    EXPECT_EQ(a.watchlist_aside, b.watchlist_aside);
    EXPECT_EQ(a.hidden, b.hidden);
    EXPECT_EQ(a.hidden_aside, b.hidden_aside);
    EXPECT_EQ(a.settings.wnn_config, b.settings.wnn_config);
    EXPECT_EQ(a.settings.rec_source, b.settings.rec_source);
    EXPECT_EQ(a.settings.min_votes, b.settings.min_votes);
    EXPECT_EQ(a.settings.welcome_done, b.settings.welcome_done);
    EXPECT_EQ(a.settings.recent_list, b.settings.recent_list);
}

// A hand-made WLAP payload (the layout of person.cpp), so each field can be made wrong on its own.
struct Payload {
    std::string catalogue;
    uint64_t items = 0;
    std::string config;
    uint8_t source = 0;
    uint64_t min_votes = 10;
    uint8_t flags = 0;
    struct R {
        uint64_t id;
        uint8_t half_stars;
        int64_t timestamp;
    };
    std::vector<R> ratings;
    std::vector<uint64_t> unseen;
    std::vector<R> aside;               // version 2: set aside
    std::vector<uint64_t> unseen_aside;
    std::vector<uint64_t> seen, watchlist, hidden;  // version 3: by id, those set aside among them
    uint64_t recent_list = 0;                       // version 4
    uint64_t rating_count = UINT64_MAX, unseen_count = UINT64_MAX;  // UINT64_MAX: the true count
    std::vector<uint8_t> trailing;

    explicit Payload(const Dataset& ds) : catalogue(ds.name), items(ds.num_items()) {}

    std::vector<uint8_t> file(uint32_t version = 4, const char* magic = "WLAP") const {
        ByteWriter w;
        w.str(catalogue);
        w.varint(items);
        w.str(config);
        w.u8(source);
        w.varint(min_votes);
        w.u8(flags);
        w.varint(rating_count == UINT64_MAX ? ratings.size() : rating_count);
        for (const auto& r : ratings) {
            w.varint(r.id);
            w.u8(r.half_stars);
            w.svarint(r.timestamp);
        }
        w.varint(unseen_count == UINT64_MAX ? unseen.size() : unseen_count);
        for (uint64_t id : unseen) w.varint(id);
        if (version >= 2) {
            w.varint(aside.size());
            for (const auto& r : aside) {
                w.varint(r.id);
                w.u8(r.half_stars);
                w.svarint(r.timestamp);
            }
            w.varint(unseen_aside.size());
            for (uint64_t id : unseen_aside) w.varint(id);
        }
        if (version >= 3) {
            for (const auto* marks : {&seen, &watchlist, &hidden}) {
                w.varint(marks->size());
                for (uint64_t id : *marks) w.varint(id);
            }
        }
        if (version >= 4) w.varint(recent_list);
        w.bytes(trailing);
        return wrap_container(magic, version, w.data());
    }
};

TEST(AppPerson, RoundTripKeepsRatingsUnseenAndSettings) {
    const Dataset& ds = embedded_catalogue();
    const PersonState p = sample_person(ds);
    const auto bytes = save_person(p, ds);
    const PersonState back = load_person(bytes, ds, kWhat);
    expect_same(p, back);
    EXPECT_EQ(save_person(back, ds), bytes) << "saving is deterministic";
}

TEST(AppPerson, RoundTripOfAnEmptyPersonAndEverySource) {
    const Dataset& ds = embedded_catalogue();
    for (int s = 0; s < kRecSources; ++s) {
        PersonState p;
        p.settings.rec_source = static_cast<RecSource>(s);
        p.settings.min_votes = 0;
        expect_same(p, load_person(save_person(p, ds), ds, kWhat));
    }
}

TEST(AppPerson, HandMadePayloadMatchesTheDocumentedLayout) {
    const Dataset& ds = embedded_catalogue();
    Payload pl(ds);
    pl.config = "tuple_size=8 ensemble=2";
    pl.source = 2;
    pl.min_votes = 50;
    pl.flags = 1;
    pl.ratings = {{1, 10, 1700000000}, {318, 6, -86400}, {2571, 1, 0}, {4973, 9, 1700000100}, {193609, 7, INT64_MAX}};
    pl.unseen = {2, 296, 356};
    pl.seen = {1, 50};
    pl.watchlist = {47};
    pl.hidden = {260};
    pl.recent_list = 10;
    EXPECT_EQ(pl.file(), save_person(sample_person(ds), ds));
    expect_same(sample_person(ds), load_person(pl.file(), ds, kWhat));
    // Version 3 (before "Follow my latest ratings") reads the same with the setting off; versions 1 (before anything
    // could be set aside) and 2 (before seen, the watchlist and "not interested") also without those marks.
    PersonState v3 = sample_person(ds);
    v3.settings.recent_list = 0;
    expect_same(v3, load_person(pl.file(3), ds, kWhat));
    PersonState older = v3;
    older.seen.clear();
    older.watchlist.clear();
    older.hidden.clear();
    expect_same(older, load_person(pl.file(1), ds, kWhat));
    expect_same(older, load_person(pl.file(2), ds, kWhat));
    // A mark twice on its own catalogue is damage.
    pl.seen = {50, 50};
    EXPECT_NE(format_error_of([&] { load_person(pl.file(), ds, kWhat); }).find("seen twice"), std::string::npos);
}

TEST(AppPerson, EveryFlippedByteIsAFormatError) {
    const Dataset& ds = embedded_catalogue();
    const auto good = save_person(sample_person(ds), ds);
    for (size_t i = 0; i < good.size(); ++i) {
        auto bad = good;
        bad[i] ^= 0x5A;
        const std::string msg = format_error_of([&] { load_person(bad, ds, kWhat); });
        EXPECT_NE(msg.find(kWhat), std::string::npos) << "byte " << i << ": " << msg;
    }
}

TEST(AppPerson, EveryTruncationIsAFormatError) {
    const Dataset& ds = embedded_catalogue();
    const auto good = save_person(sample_person(ds), ds);
    for (size_t n = 0; n < good.size(); ++n) {
        const std::string msg = format_error_of([&] { load_person(std::span(good).first(n), ds, kWhat); });
        EXPECT_NE(msg.find(kWhat), std::string::npos) << "length " << n << ": " << msg;
    }
    auto longer = good;
    longer.push_back(0);
    EXPECT_NE(format_error_of([&] { load_person(longer, ds, kWhat); }).find("truncated or padded"), std::string::npos);
}

TEST(AppPerson, WrongMagicAndVersionAreNamed) {
    const Dataset& ds = embedded_catalogue();
    const Payload pl(ds);
    EXPECT_NE(format_error_of([&] { load_person(pl.file(1, "WLEX"), ds, kWhat); }).find("wrong magic"), std::string::npos);
    EXPECT_NE(format_error_of([&] { load_person(pl.file(5), ds, kWhat); }).find("version 5"), std::string::npos);
    EXPECT_NE(format_error_of([&] { load_person(pl.file(0), ds, kWhat); }).find("version 0"), std::string::npos);
    EXPECT_NO_THROW(load_person(pl.file(1), ds, kWhat));
    EXPECT_NO_THROW(load_person(pl.file(2), ds, kWhat));
    EXPECT_NO_THROW(load_person(pl.file(3), ds, kWhat));
    EXPECT_NO_THROW(load_person(pl.file(4), ds, kWhat));
}

TEST(AppPerson, RecentWindowOutOfRangeIsNamed) {
    const Dataset& ds = embedded_catalogue();
    Payload pl(ds);
    pl.recent_list = kMaxRecentList;
    EXPECT_EQ(load_person(pl.file(), ds, kWhat).settings.recent_list, kMaxRecentList);
    pl.recent_list = uint64_t{kMaxRecentList} + 1;
    EXPECT_NE(format_error_of([&] { load_person(pl.file(), ds, kWhat); }).find("recent ratings window out of range"),
              std::string::npos);
}

// A file saved on another catalogue (another name or another number of movies) loads every rating: those of movies
// this catalogue has are learned, the others set aside by id, kept through a save, and taken back by a catalogue
// that has them.
TEST(AppPerson, AnotherCataloguesFileKeepsEveryRating) {
    const Dataset& ds = embedded_catalogue();
    ASSERT_LT(ds.item_index(999999), 0);
    for (const char* name : {"ml-latest-small-old", ""}) {
        Payload other(ds);
        if (*name) other.catalogue = name;
        else other.items = ds.num_items() + 1;
        other.ratings = {{1, 8, 5}, {999999, 3, 6}};
        other.unseen = {318, 888888};
        const PersonState p = load_person(other.file(1), ds, kWhat);
        ASSERT_EQ(p.ratings.size(), 1u);
        EXPECT_EQ(p.ratings.at(item_of(ds, 1)).half_stars, 8);
        ASSERT_EQ(p.aside.size(), 1u);
        EXPECT_EQ(p.aside.at(999999).half_stars, 3);
        EXPECT_EQ(p.aside.at(999999).timestamp, 6);
        EXPECT_EQ(p.unseen, std::set<uint32_t>{item_of(ds, 318)});
        EXPECT_EQ(p.unseen_aside, std::set<uint32_t>{888888});
        // Saved on this catalogue, the aside survives, and a catalogue that has the movie takes it back.
        const auto again = save_person(p, ds);
        const PersonState back = load_person(again, ds, kWhat);
        EXPECT_EQ(back.aside.size(), 1u);
        EXPECT_EQ(back.unseen_aside.size(), 1u);
        Dataset bigger = ds;
        bigger.items.push_back(Item{999999, "Later (2030)", 2030, 0});
        bigger.items.push_back(Item{888888, "Later Still (2031)", 2031, 0});
        bigger.index();
        const PersonState taken = load_person(again, bigger, kWhat);
        EXPECT_TRUE(taken.aside.empty());
        EXPECT_TRUE(taken.unseen_aside.empty());
        EXPECT_EQ(taken.ratings.at(static_cast<uint32_t>(bigger.item_index(999999))).half_stars, 3);
        EXPECT_TRUE(taken.unseen.count(static_cast<uint32_t>(bigger.item_index(888888))));
    }
}

TEST(AppPerson, UnknownMovieIdsAreNamed) {
    const Dataset& ds = embedded_catalogue();
    ASSERT_LT(ds.item_index(999999), 0);
    Payload rated(ds);
    rated.ratings = {{1, 8, 0}, {999999, 8, 0}};
    EXPECT_NE(format_error_of([&] { load_person(rated.file(), ds, kWhat); }).find("unknown movie id 999999"),
              std::string::npos);
    Payload unseen(ds);
    unseen.unseen = {0};
    EXPECT_NE(format_error_of([&] { load_person(unseen.file(), ds, kWhat); }).find("unknown movie id 0"), std::string::npos);
    Payload huge(ds);
    huge.ratings = {{(uint64_t{1} << 32) + 1, 8, 0}};  // would alias id 1 if it were cut to 32 bits
    EXPECT_NE(format_error_of([&] { load_person(huge.file(), ds, kWhat); }).find("movie id out of range"), std::string::npos);
}

TEST(AppPerson, RatingsOutsideHalfToFiveStarsAreRefused) {
    const Dataset& ds = embedded_catalogue();
    for (uint8_t hs : {uint8_t{0}, uint8_t{11}, uint8_t{255}}) {
        Payload pl(ds);
        pl.ratings = {{1, hs, 0}};
        EXPECT_NE(format_error_of([&] { load_person(pl.file(), ds, kWhat); }).find("rating outside 0.5..5 stars"),
                  std::string::npos)
            << int(hs);
    }
    for (uint8_t hs : {uint8_t{1}, uint8_t{10}}) {
        Payload pl(ds);
        pl.ratings = {{1, hs, 0}};
        EXPECT_EQ(load_person(pl.file(), ds, kWhat).ratings.at(item_of(ds, 1)).half_stars, hs);
    }
}

TEST(AppPerson, DuplicatesAreRefused) {
    const Dataset& ds = embedded_catalogue();
    Payload rated(ds);
    rated.ratings = {{1, 8, 0}, {2, 6, 0}, {1, 4, 5}};
    EXPECT_NE(format_error_of([&] { load_person(rated.file(), ds, kWhat); }).find("movie rated twice"), std::string::npos);
    Payload unseen(ds);
    unseen.unseen = {2, 3, 2};
    EXPECT_NE(format_error_of([&] { load_person(unseen.file(), ds, kWhat); }).find("movie marked unseen twice"),
              std::string::npos);
}

TEST(AppPerson, BadSettingsCountsAndTrailingBytesAreNamed) {
    const Dataset& ds = embedded_catalogue();
    Payload source(ds);
    source.source = 6;  // 0..5 are the known sources
    EXPECT_NE(format_error_of([&] { load_person(source.file(), ds, kWhat); }).find("unknown recommendation source 6"),
              std::string::npos);
    Payload flags(ds);
    flags.flags = 2;
    EXPECT_NE(format_error_of([&] { load_person(flags.file(), ds, kWhat); }).find("unknown flags"), std::string::npos);
    Payload votes(ds);
    votes.min_votes = 1000001;
    EXPECT_NE(format_error_of([&] { load_person(votes.file(), ds, kWhat); }).find("minimum vote count out of range"),
              std::string::npos);
    Payload count(ds);
    count.rating_count = uint64_t{1} << 40;  // a hostile count must not allocate (wasm's 32-bit size_t: "exceeds the limit")
    EXPECT_NE(format_error_of([&] { load_person(count.file(), ds, kWhat); }).find("count 1099511627776"),
              std::string::npos);
    Payload unseen_count(ds);
    unseen_count.unseen = {1};
    unseen_count.unseen_count = 2;
    EXPECT_NE(format_error_of([&] { load_person(unseen_count.file(), ds, kWhat); }).find(kWhat), std::string::npos);
    Payload trailing(ds);
    trailing.trailing = {0, 0};
    EXPECT_NE(format_error_of([&] { load_person(trailing.file(), ds, kWhat); }).find("2 unexpected trailing bytes"),
              std::string::npos);
    Payload config(ds);
    config.config = std::string(64 * 1024 + 1, 'x');
    EXPECT_NE(format_error_of([&] { load_person(config.file(), ds, kWhat); }).find("string length"), std::string::npos);
}

TEST(AppPerson, WnnConfigTextIsKeptAsStored) {
    const Dataset& ds = embedded_catalogue();
    Payload pl(ds);
    pl.config = "no_such_parameter=3";  // the engine validates it, not the loader
    EXPECT_EQ(load_person(pl.file(), ds, kWhat).settings.wnn_config, "no_such_parameter=3");
}

}  // namespace
}  // namespace wl::app
