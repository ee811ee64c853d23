// A newer catalogue with an older dataset's ratings (the app's MovieLens 2023 catalogue): a hand-checked example of
// every rule, the catalogue-only loader, .wlds version 3 (id aliases), and the real files' known counts.
#include "weightless/data/catalogue_merge.hpp"

#include "data_test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {
namespace {

Item item(uint32_t id, const char* title, uint32_t imdb, uint32_t tmdb) {
    Item it;
    it.id = id;
    it.title = title;
    it.imdb_id = imdb;
    it.tmdb_id = tmdb;
    return it;
}

// Old: 1 (in the new catalogue as is), 2 (merged: the new 7 has its IMDb id), 3 (merged: the new 8 has its TMDB id),
// 4 (nowhere), 5 (its IMDb id is on two new films: ambiguous, so kept).
Dataset old_rated() {
    Dataset ds;
    ds.name = "old";
    ds.genre_names = {"Drama"};
    ds.items = {item(1, "One (1990)", 11, 0), item(2, "Two (1991)", 20, 0), item(3, "Three (1992)", 0, 30),
                item(4, "Four (1993)", 40, 41), item(5, "Five (1994)", 50, 0)};
    ds.user_ids = {100, 200};
    ds.ratings = {{0, 0, 8, 10}, {0, 1, 6, 20}, {1, 1, 4, 5}, {1, 2, 10, 30}, {1, 3, 2, 40}, {0, 4, 7, 50}};
    ds.index();
    return ds;
}

Dataset newer() {
    Dataset ds;
    ds.name = "new";
    ds.genre_names = {"Drama"};
    ds.items = {item(1, "One (1990)", 11, 0), item(7, "Two: Director's Cut (1991)", 20, 99), item(8, "Three (1992)", 31, 30),
                item(9, "Five A (1994)", 50, 0), item(10, "Five B (1994)", 50, 0), item(12, "Twelve (2022)", 12, 0)};
    ds.index();
    return ds;
}

TEST(CatalogueMerge, EveryRuleOnAHandCheckedExample) {
    CatalogueMerge m;
    const Dataset ds = merge_into_catalogue(old_rated(), newer(), "merged", &m);
    EXPECT_EQ(ds.name, "merged");
    std::vector<uint32_t> ids;
    for (const Item& it : ds.items) ids.push_back(it.id);
    EXPECT_EQ(ids, (std::vector<uint32_t>{1, 4, 5, 7, 8, 9, 10, 12}));  // the new list, plus 4 and 5, by id
    EXPECT_EQ(ds.id_aliases, (std::vector<std::pair<uint32_t, uint32_t>>{{2, 7}, {3, 8}}));
    EXPECT_EQ(ds.item_index(2), ds.item_index(7));
    EXPECT_EQ(ds.item_index(3), ds.item_index(8));
    EXPECT_EQ(ds.item_index(6), -1);
    EXPECT_EQ(ds.items[static_cast<size_t>(ds.item_index(4))].title, "Four (1993)");  // kept with its own title and ids
    EXPECT_EQ(ds.items[static_cast<size_t>(ds.item_index(4))].tmdb_id, 41u);
    EXPECT_EQ(ds.user_ids, (std::vector<uint32_t>{100, 200}));
    ASSERT_EQ(ds.ratings.size(), 6u);
    const auto id_of = [&](const Rating& r) { return ds.items[r.item].id; };
    EXPECT_EQ(id_of(ds.ratings[1]), 7u);
    EXPECT_EQ(ds.ratings[1].half_stars, 6);
    EXPECT_EQ(id_of(ds.ratings[3]), 8u);
    EXPECT_EQ(id_of(ds.ratings[5]), 5u);
    EXPECT_EQ(m.catalogue_items, 6u);
    EXPECT_EQ(m.same_id, 1u);
    EXPECT_EQ(m.aliased, 2u);
    EXPECT_EQ(m.kept, 2u);
    EXPECT_EQ(m.ratings_moved, 3u);
    EXPECT_EQ(m.duplicates, 0u);
    // It packs as version 3 and reads back alias for alias.
    const auto bytes = pack_dataset(ds);
    test::expect_same_dataset(ds, unpack_dataset(bytes, "merged"));
}

TEST(CatalogueMerge, BothIdsOfAMergedFilmRatedKeepsTheLaterRating) {
    Dataset old = old_rated();
    old.items.push_back(item(7, "Two: Director's Cut (1991)", 20, 99));  // the old data had the new id too
    old.ratings.push_back({1, 5, 9, 100});                             // user 200: 2 at time 5, 7 at time 100
    old.ratings.push_back({0, 5, 1, 1});                               // user 100: 2 at time 20, 7 at time 1
    old.index();
    CatalogueMerge m;
    const Dataset ds = merge_into_catalogue(old, newer(), "merged", &m);
    EXPECT_EQ(m.duplicates, 2u);
    ASSERT_EQ(ds.ratings.size(), 6u);
    const int64_t seven = ds.item_index(7);
    for (const Rating& r : ds.ratings) {
        if (r.item != seven) continue;
        EXPECT_EQ(r.half_stars, r.user == 0 ? 6 : 9);  // the later of the two, whichever id it was under
    }
}

TEST(CatalogueMerge, DifferentGenreLabelsAreRefused) {
    Dataset other = newer();
    other.genre_names = {"Comedy"};
    EXPECT_THROW(merge_into_catalogue(old_rated(), other, "x"), DataError);
}

TEST(CatalogueMerge, PackRefusesBrokenAliasesAndUnpackChecksThem) {
    Dataset ds = merge_into_catalogue(old_rated(), newer(), "merged");
    Dataset bad = ds;
    bad.id_aliases = {{3, 8}, {2, 7}};  // not ascending
    EXPECT_THROW(pack_dataset(bad), std::invalid_argument);
    bad.id_aliases = {{4, 7}};  // an item's own id
    EXPECT_THROW(pack_dataset(bad), std::invalid_argument);
    bad.id_aliases = {{2, 6}};  // points nowhere
    EXPECT_THROW(pack_dataset(bad), std::invalid_argument);
    // Without aliases the same dataset packs as version 2, as before version 3 existed.
    bad.id_aliases.clear();
    const auto v2 = pack_dataset(bad);
    uint32_t version = 0;
    unwrap_container(v2, "WLDS", 3, &version, "v2");
    EXPECT_EQ(version, 2u);
    unwrap_container(pack_dataset(ds), "WLDS", 3, &version, "v3");
    EXPECT_EQ(version, 3u);
}

TEST(CatalogueMerge, CatalogueLoaderNeedsNoRatings) {
    const std::string dir = test::fresh_dir("catalogue-only");
    test::write_text(dir + "/movies.csv", "movieId,title,genres\r\n1,Toy Story (1995),Animation\r\n9,\"Batman, The (2022)\",Action\r\n");
    test::write_text(dir + "/links.csv", "movieId,imdbId,tmdbId\r\n1,0114709,862\r\n9,1877830,\r\n");
    const Dataset ds = load_ml_latest_catalogue(dir);
    ASSERT_EQ(ds.num_items(), 2u);
    EXPECT_EQ(ds.items[1].year, 2022);
    EXPECT_EQ(ds.items[1].imdb_id, 1877830u);
    EXPECT_EQ(ds.items[1].tmdb_id, 0u);
    EXPECT_TRUE(ds.ratings.empty());
    EXPECT_EQ(ds.num_users(), 0u);
    test::expect_data_error([&] { load_ml_latest(dir); }, {"ratings.csv"});  // the rated loader still needs them
}

// The app's catalogue as scripts/make-embedded.sh builds it from the real files.
TEST(CatalogueMergeReal, Movielens2023WithTheSmallRatings) {
    WL_REQUIRE_DATA("ml-latest-2023/movies.csv");
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset cat = load_ml_latest_catalogue(test::shared_data("ml-latest-2023"));
    EXPECT_EQ(cat.num_items(), 86537u);
    const Dataset small = load_ml_latest(test::shared_data("ml-latest-small"));
    CatalogueMerge m;
    const Dataset ds = merge_into_catalogue(small, cat, "ml-latest-2023", &m);
    EXPECT_EQ(m.aliased, 13u);
    EXPECT_EQ(m.kept, 275u);
    EXPECT_EQ(ds.num_items(), 86812u);
    EXPECT_EQ(ds.ratings.size(), small.ratings.size());  // no person rated both ids of a merged film
    // Every rating of the small set is still there, on the same film (IMDb id), for the same person.
    for (size_t k = 0; k < ds.ratings.size(); ++k) {
        const Rating &a = small.ratings[k], &b = ds.ratings[k];
        ASSERT_EQ(a.user, b.user);
        ASSERT_EQ(a.half_stars, b.half_stars);
        const Item &x = small.items[a.item], &y = ds.items[b.item];
        ASSERT_TRUE(x.imdb_id == y.imdb_id || x.tmdb_id == y.tmdb_id) << x.title << " -> " << y.title;
    }
    // The committed asset is this dataset (check-embedded.sh compares the bytes; here the meaning).
    test::expect_same_dataset(ds, load_packed(test::assets("ml-latest-2023.wlds")));
}

TEST(CatalogueMergeReal, CommittedAppCatalogueHasTheRecentFilms) {
    // Runs without the CSVs: the asset alone.
    const Dataset ds = load_packed(test::assets("ml-latest-2023.wlds"));
    EXPECT_EQ(ds.name, "ml-latest-2023");
    EXPECT_EQ(ds.num_items(), 86812u);
    EXPECT_EQ(ds.ratings.size(), 100836u);
    EXPECT_EQ(ds.id_aliases.size(), 13u);
    EXPECT_EQ(ds.item_index(150548), ds.item_index(205303));  // Sherlock: The Abominable Bride, merged in 2023
    for (const char* title : {"Parasite (2019)", "Oppenheimer (2023)", "Barbie (2023)", "Past Lives (2023)", "Joker (2019)"}) {
        bool found = false;
        for (const Item& it : ds.items) found = found || it.title == title;
        EXPECT_TRUE(found) << title;
    }
}

}  // namespace
}  // namespace wl
