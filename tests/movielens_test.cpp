// MovieLens loaders: small hand-written files for every kind of bad input, and the real datasets' known numbers.
#include "weightless/data/movielens.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "data_test_util.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {
namespace {

const std::string kMovies =
    "movieId,title,genres\r\n"
    "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n"
    "2,\"American President, The (1995)\",Comedy|Drama|Romance\r\n"
    "3,\"11'09\"\"01 - September 11 (2002)\",Drama\r\n"
    "40,Death Note: Desu n\xC3\xB4to (2006\xE2\x80\x93" "2007),(no genres listed)\r\n"
    "5,Hyena Road,IMAX|Western\r\n";
const std::string kRatings =
    "userId,movieId,rating,timestamp\r\n"
    "7,1,4.0,964982703\r\n"
    "3,2,0.5,964981247\r\n"
    "7,3,5.0,0\r\n"
    "3,40,2.5,1\r\n";

std::string latest_dir(const std::string& name, const std::string& movies = kMovies, const std::string& ratings = kRatings) {
    const std::string dir = test::fresh_dir(name);
    test::write_text(dir + "/movies.csv", movies);
    test::write_text(dir + "/ratings.csv", ratings);
    return dir;
}

// ratings.csv made of the good header and one extra line (line 2).
std::string ratings_with(const std::string& line) { return "userId,movieId,rating,timestamp\r\n" + line; }

TEST(MlLatest, SmallFileParsesEveryField) {
    const Dataset ds = load_ml_latest(latest_dir("mll_small"));
    EXPECT_EQ(ds.name, "mll_small");
    ASSERT_EQ(ds.genre_names.size(), 20u);
    EXPECT_EQ(ds.genre_names.front(), "(no genres listed)");
    EXPECT_TRUE(std::is_sorted(ds.genre_names.begin(), ds.genre_names.end()));
    ASSERT_EQ(ds.items.size(), 5u);
    EXPECT_EQ(ds.items[1].title, "American President, The (1995)");
    EXPECT_EQ(ds.items[2].title, "11'09\"01 - September 11 (2002)");
    EXPECT_EQ(ds.items[2].year, 2002);
    EXPECT_EQ(ds.items[3].id, 40u);
    EXPECT_EQ(ds.items[3].year, 2006);
    EXPECT_EQ(ds.items[3].genres, 1u);  // "(no genres listed)" is label 0
    EXPECT_EQ(ds.items[4].year, 0);
    auto genre = [&](const char* g) {
        return uint32_t{1} << (std::find(ds.genre_names.begin(), ds.genre_names.end(), g) - ds.genre_names.begin());
    };
    EXPECT_EQ(ds.items[4].genres, genre("IMAX") | genre("Western"));
    EXPECT_EQ(ds.user_ids, (std::vector<uint32_t>{3, 7}));  // sorted ascending, not in order of appearance
    ASSERT_EQ(ds.ratings.size(), 4u);
    EXPECT_EQ(ds.ratings[0].user, 1u);
    EXPECT_EQ(ds.ratings[0].item, 0u);
    EXPECT_EQ(ds.ratings[0].half_stars, 8);
    EXPECT_EQ(ds.ratings[0].timestamp, 964982703);
    EXPECT_EQ(ds.ratings[1].user, 0u);
    EXPECT_EQ(ds.ratings[1].half_stars, 1);
    EXPECT_EQ(ds.ratings[3].item, 3u);
    EXPECT_EQ(ds.item_index(40), 3);
    EXPECT_EQ(ds.user_index(7), 1);
}

TEST(MlLatest, CompleteLastLineWithoutNewlineAndLfEndingsAreFine) {
    const std::string ratings = "userId,movieId,rating,timestamp\n7,1,4.0,964982703\n3,2,0.5,964981247";
    const Dataset ds = load_ml_latest(latest_dir("mll_nonl", kMovies, ratings));
    EXPECT_EQ(ds.ratings.size(), 2u);
}

TEST(MlLatest, MissingFiles) {
    const std::string dir = latest_dir("mll_missing");
    std::filesystem::remove(dir + "/ratings.csv");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"ratings.csv", "cannot open"});
    std::filesystem::remove(dir + "/movies.csv");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"movies.csv", "cannot open"});
}

TEST(MlLatest, EveryBadRatingLineNamesFileLineAndValue) {
    struct Case {
        std::string line, expect;
    };
    const std::vector<Case> cases = {
        {"7,1,4.0\r\n", "wrong number of fields"},
        {"7,1,4.0,5,6\r\n", "5 fields, expected 4"},
        {"7,1,abc,5\r\n", "'abc' (not a number"},
        {"7,1,,5\r\n", "'' (not a number"},
        {"7,1,5.5,5\r\n", "'5.5' (out of range"},
        {"7,1,0,5\r\n", "'0' (out of range"},
        {"7,1,-1,5\r\n", "'-1' (out of range"},
        {"7,1,4.25,5\r\n", "'4.25' (not a multiple of 0.5"},
        {"7,999,4.0,5\r\n", "unknown movieId 999"},
        {"x,1,4.0,5\r\n", "bad userId 'x'"},
        {"7,1,4.0,-3\r\n", "bad timestamp '-3' (negative)"},
        {"7,1,4.0,later\r\n", "bad timestamp 'later'"},
        {"\r\n", "empty line"},
        {"7,1,4.", "truncated file"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.line);
        const std::string dir = latest_dir("mll_badline", kMovies, ratings_with(c.line));
        test::expect_data_error([&] { load_ml_latest(dir); }, {"ratings.csv:2", c.expect});
    }
}

TEST(MlLatest, DuplicateRatingNamesBothLines) {
    const std::string dir = latest_dir("mll_dup", kMovies, kRatings + "7,3,1.0,5\r\n");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"ratings.csv:6", "user 7 already rated item 3 at line 4"});
}

TEST(MlLatest, BadHeadersAndEmptyFiles) {
    test::expect_data_error([] { load_ml_latest(latest_dir("mll_hdr", kMovies, "7,1,4.0,964982703\r\n")); },
                            {"ratings.csv:1", "expected the header line 'userId,movieId,rating,timestamp'"});
    test::expect_data_error([] { load_ml_latest(latest_dir("mll_hdr2", "movieId,title\r\n1,A (1999)\r\n")); },
                            {"movies.csv:1", "expected the header line"});
    test::expect_data_error([] { load_ml_latest(latest_dir("mll_empty", kMovies, "")); }, {"ratings.csv", "empty file"});
    test::expect_data_error([] { load_ml_latest(latest_dir("mll_empty2", "")); }, {"movies.csv", "empty file"});
    test::expect_data_error([] { load_ml_latest(latest_dir("mll_hdronly", kMovies, ratings_with(""))); },
                            {"ratings.csv", "no ratings"});
}

TEST(MlLatest, BadMoviesLines) {
    const std::string head = "movieId,title,genres\r\n";
    struct Case {
        std::string movies, expect;
    };
    const std::vector<Case> cases = {
        {head + "1,A (1999),Drama\r\n2,B (2000),Comedy\r\n1,C (2001),Drama\r\n", "movies.csv:4: duplicate movieId 1 (first at line 2)"},
        {head + "1,A (1999),Drama\r\n2,B \xE9t\xE9 (2000),Comedy\r\n", "movies.csv:3: invalid UTF-8"},
        {head + "1,A (1999),Drama|Cartoon\r\n", "movies.csv:2: unknown genre label 'Cartoon'"},
        {head + "1,A (1999),\r\n", "movies.csv:2: empty genre list"},
        {head + "1,A (1999),Drama|Drama\r\n", "movies.csv:2: genre 'Drama' listed twice"},
        {head + "1,A, The (1999),Drama\r\n", "movies.csv:2: wrong number of fields"},
        {head + "1,\"A, The (1999)\",Drama\r\n2,\"B (2000", "movies.csv:3: truncated file"},
        {head + "1,,Drama\r\n", "movies.csv:2: empty title"},
        {head, "movies.csv: no movies"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expect);
        test::expect_data_error([&] { load_ml_latest(latest_dir("mll_movies", c.movies, ratings_with(""))); }, {c.expect});
    }
}

TEST(MlLatest, LinksAreReadAndCheckedWhenPresent) {
    const std::string dir = latest_dir("mll_links");
    EXPECT_FALSE(load_ml_latest(dir).items[0].has_metadata());  // no links.csv: no ids
    const std::string head = "movieId,imdbId,tmdbId\r\n";
    test::write_text(dir + "/links.csv", head + "1,0114709,862\r\n2,0112346,9087\r\n3,0,\r\n40,1,2\r\n5,3,4\r\n");
    const Dataset ds = load_ml_latest(dir);
    ASSERT_EQ(ds.items.size(), 5u);
    EXPECT_EQ(ds.items[ds.item_index(1)].imdb_id, 114709u);
    EXPECT_EQ(ds.items[ds.item_index(1)].tmdb_id, 862u);
    EXPECT_EQ(ds.items[ds.item_index(3)].imdb_id, 0u);  // "0" and "": unknown
    EXPECT_EQ(ds.items[ds.item_index(3)].tmdb_id, 0u);
    EXPECT_EQ(ds.items[ds.item_index(40)].tmdb_id, 2u);
    test::write_text(dir + "/links.csv", head + "1,0114709,862\r\n2,0112346,9087\r\n3,0,\r\n40,1,2\r\n");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"links.csv", "movieId 5 of movies.csv has no row"});
    test::write_text(dir + "/links.csv", head + "1,0114709,862\r\n77,1,2\r\n");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"links.csv:3", "movieId 77 is not in movies.csv"});
    test::write_text(dir + "/links.csv", head + "1,0114709,862\r\n1,0114709,862\r\n");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"links.csv:3", "duplicate movieId 1"});
    test::write_text(dir + "/links.csv", head + "1,tt0114709,862\r\n");
    test::expect_data_error([&] { load_ml_latest(dir); }, {"links.csv:2", "bad imdbId"});
}

// --- ml-100k -------------------------------------------------------------------------------------

std::string item_line(int id, const std::string& title, const std::string& date, int genre) {
    std::string s = std::to_string(id) + "|" + title + "|" + date + "||http://x";
    for (int g = 0; g < 19; ++g) s += g == genre ? "|1" : "|0";
    return s + "\n";
}

const std::string kItems = item_line(1, "Toy Story (1995)", "01-Jan-1995", 3) + item_line(2, "Mis\xE9rables, Les (1995)", "", 8) +
                           item_line(3, "unknown", "", 0) + item_line(4, "Good Morning (1971)", "4-Feb-1971", 5);
const std::string kData = "10\t1\t5\t874724710\n2\t2\t1\t874724711\n10\t3\t3\t874724712\n2\t4\t4\t874724713\n10\t4\t2\t874724714\n";

std::string ml100k_dir(const std::string& name, const std::string& items = kItems, const std::string& data = kData) {
    const std::string dir = test::fresh_dir(name);
    test::write_text(dir + "/u.item", items);
    test::write_text(dir + "/u.data", data);
    return dir;
}

TEST(Ml100k, SmallFilesParseLatin1DatesAndGenres) {
    const Dataset ds = load_ml100k(ml100k_dir("m100_small"));  // no u.genre: the standard 19 names
    ASSERT_EQ(ds.genre_names.size(), 19u);
    EXPECT_EQ(ds.genre_names[0], "unknown");
    EXPECT_EQ(ds.genre_names[4], "Children's");
    ASSERT_EQ(ds.items.size(), 4u);
    EXPECT_EQ(ds.items[1].title, "Mis\xC3\xA9rables, Les (1995)");
    EXPECT_EQ(ds.items[0].year, 1995);
    EXPECT_EQ(ds.items[1].year, 1995);  // no release date: from the title
    EXPECT_EQ(ds.items[2].year, 0);
    EXPECT_EQ(ds.items[3].year, 1971);
    EXPECT_EQ(ds.items[0].genres, 1u << 3);
    EXPECT_EQ(ds.user_ids, (std::vector<uint32_t>{2, 10}));
    ASSERT_EQ(ds.ratings.size(), 5u);
    EXPECT_EQ(ds.ratings[0].half_stars, 10);
    EXPECT_EQ(ds.ratings[1].half_stars, 2);
    EXPECT_EQ(ds.ratings[1].user, 0u);
}

TEST(Ml100k, GenreFileIsReadAndChecked) {
    const std::string dir = ml100k_dir("m100_genre");
    std::string genres;
    for (int g = 0; g < 19; ++g) genres.append("G").append(std::to_string(g)).append("|").append(std::to_string(g)).append("\n");
    test::write_text(dir + "/u.genre", genres + "\n");  // the original ends with an empty line
    EXPECT_EQ(load_ml100k(dir).genre_names[18], "G18");
    test::write_text(dir + "/u.genre", "a|0\nb|2\n");
    test::expect_data_error([&] { load_ml100k(dir); }, {"u.genre:2", "out of order"});
    test::write_text(dir + "/u.genre", "a|0\nb|1\n");
    test::expect_data_error([&] { load_ml100k(dir); }, {"u.genre", "2 genres, expected 19"});
    test::write_text(dir + "/u.genre", "a|0\n\nb|1\n");
    test::expect_data_error([&] { load_ml100k(dir); }, {"u.genre:3", "text after an empty line"});
}

TEST(Ml100k, BadLines) {
    struct Case {
        std::string items, data, expect;
    };
    const std::vector<Case> cases = {
        {kItems, kData + "1\t1\t4.5\t5\n", "u.data:6: bad rating '4.5' (not a whole number"},
        {kItems, kData + "1\t1\t6\t5\n", "u.data:6: bad rating '6' (out of range"},
        {kItems, kData + "1\t1\t0\t5\n", "u.data:6: bad rating '0' (out of range"},
        {kItems, kData + "1\t99\t3\t5\n", "u.data:6: rating for unknown item id 99"},
        {kItems, kData + "1\t1\t3\n", "u.data:6: wrong number of fields"},
        {kItems, kData + "1\t1\t3", "u.data:6: truncated file"},
        {kItems, kData + "2\t4\t1\t9\n", "u.data:6: duplicate rating: user 2 already rated item 4 at line 4"},
        {kItems, "", "u.data: empty file"},
        {kItems + "5|x|01-Jan-1990||u|0|1\n", kData, "u.item:5: wrong number of fields: 7 fields, expected 24"},
        {kItems + item_line(1, "Again (1990)", "", 1), kData, "u.item:5: duplicate item id 1 (first at line 1)"},
        {kItems + item_line(5, "X (1990)", "1990-01-01", 1), kData, "u.item:5: bad release date '1990-01-01'"},
        {kItems + item_line(5, "X (1990)", "01-Foo-1990", 1), kData, "u.item:5: bad release date"},
        {kItems + "5|X (1990)|01-Jan-1990||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|2\n", kData, "u.item:5: genre flag 18 is '2'"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expect);
        test::expect_data_error([&] { load_ml100k(ml100k_dir("m100_bad", c.items, c.data)); }, {c.expect});
    }
    const std::string dir = ml100k_dir("m100_noitem");
    std::filesystem::remove(dir + "/u.item");
    test::expect_data_error([&] { load_ml100k(dir); }, {"u.item", "cannot open"});
}

TEST(Ml100k, FoldsMapToTheDatasetAndAreChecked) {
    const std::string dir = ml100k_dir("m100_fold");
    const Dataset ds = load_ml100k(dir);
    test::write_text(dir + "/u1.base", "10\t1\t5\t874724710\n2\t2\t1\t874724711\n10\t3\t3\t874724712\n");
    test::write_text(dir + "/u1.test", "10\t4\t2\t874724714\n2\t4\t4\t874724713\n");
    const RatingSplit s = load_ml100k_fold(dir, ds, "1");
    ASSERT_EQ(s.train.size(), 3u);
    ASSERT_EQ(s.test.size(), 2u);
    EXPECT_EQ(s.test[0].user, 1u);
    EXPECT_EQ(s.test[0].item, 3u);
    EXPECT_EQ(s.test[0].half_stars, 4);
    EXPECT_EQ(s.test[1].user, 0u);

    EXPECT_THROW(load_ml100k_fold(dir, ds, "6"), std::invalid_argument);
    EXPECT_THROW(load_ml100k_fold(dir, ds, "c"), std::invalid_argument);
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "a"); }, {"ua.base", "cannot open"});
    test::write_text(dir + "/u1.test", "10\t4\t2\t874724714\n10\t1\t5\t874724710\n");
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "1"); }, {"u1.test:2", "also in u1.base line 1"});
    test::write_text(dir + "/u1.test", "10\t2\t2\t874724714\n");
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "1"); }, {"u1.test:1", "rating of user 10 item 2 is not in the dataset"});
    test::write_text(dir + "/u1.test", "99\t2\t2\t874724714\n");
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "1"); }, {"u1.test:1", "user id 99 is not in the dataset"});
    test::write_text(dir + "/u1.test", "10\t4\t3\t874724714\n");
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "1"); }, {"u1.test:1", "differs from the dataset"});
    test::write_text(dir + "/u1.test", "10\t4\t2\t874724714\n10\t4\t2\t874724714\n");
    test::expect_data_error([&] { load_ml100k_fold(dir, ds, "1"); }, {"u1.test:2", "duplicate rating", "first at line 1"});
}

// --- load_dataset autodetection -------------------------------------------------------------------

TEST(LoadDataset, DetectsEachKindAndExplainsWhatItExpects) {
    EXPECT_EQ(load_dataset(ml100k_dir("ld_100k")).items.size(), 4u);
    EXPECT_EQ(load_dataset(latest_dir("ld_latest") + "/").name, "ld_latest");
    const Dataset small = load_ml_latest(latest_dir("ld_pack"));
    const std::string wlds = test::tmp_path("ld_pack.wlds");
    write_file_bytes_atomic(wlds, pack_dataset(small));
    test::expect_same_dataset(small, load_dataset(wlds));

    test::expect_data_error([] { load_dataset(test::tmp_path("no_such_thing")); },
                            {"no_such_thing", "no such file", "expected a MovieLens directory", "\"embedded\""});
    test::expect_data_error([] { load_dataset(test::fresh_dir("ld_emptydir")); }, {"neither u.data", "nor ratings.csv"});
    test::expect_data_error([] { load_dataset(test::tmp_path("missing.wlds")); }, {"missing.wlds", "cannot open"});
}

TEST(LoadDataset, EmbeddedFollowsWeightlessAssets) {
    const std::string dir = test::fresh_dir("ld_assets");
    const Dataset small = load_ml_latest(latest_dir("ld_embedded"));
    write_file_bytes_atomic(dir + "/ml-latest-small.wlds", pack_dataset(small));
    setenv("WEIGHTLESS_ASSETS", dir.c_str(), 1);
    EXPECT_EQ(embedded_dataset_path(), dir + "/ml-latest-small.wlds");
    const Dataset back = load_dataset("embedded");
    unsetenv("WEIGHTLESS_ASSETS");
    test::expect_same_dataset(small, back);
    EXPECT_EQ(embedded_dataset_path(), test::assets("ml-latest-small.wlds"));
}

// --- the real datasets ---------------------------------------------------------------------------

std::map<int, int> histogram(const Dataset& ds) {
    std::map<int, int> h;
    for (const Rating& r : ds.ratings) h[r.half_stars]++;
    return h;
}

TEST(MlLatestReal, KnownCountsTitlesGenresAndHistogram) {
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset ds = load_ml_latest(test::shared_data("ml-latest-small"));
    EXPECT_EQ(ds.name, "ml-latest-small");
    EXPECT_EQ(ds.ratings.size(), 100836u);
    EXPECT_EQ(ds.num_users(), 610u);
    EXPECT_EQ(ds.num_items(), 9742u);
    EXPECT_EQ(ds.genre_names.size(), 20u);
    EXPECT_EQ(ds.user_ids.front(), 1u);
    EXPECT_EQ(ds.user_ids.back(), 610u);

    const Item& toy = ds.items.at(ds.item_index(1));
    EXPECT_EQ(toy.title, "Toy Story (1995)");
    EXPECT_EQ(toy.year, 1995);
    std::vector<std::string> toy_genres;
    for (size_t g = 0; g < ds.genre_names.size(); ++g)
        if (toy.genres >> g & 1) toy_genres.push_back(ds.genre_names[g]);
    EXPECT_EQ(toy_genres, (std::vector<std::string>{"Adventure", "Animation", "Children", "Comedy", "Fantasy"}));
    EXPECT_EQ(ds.items.at(ds.item_index(11)).title, "American President, The (1995)");
    EXPECT_EQ(ds.items.at(ds.item_index(7789)).title, "11'09\"01 - September 11 (2002)");
    EXPECT_EQ(ds.items.at(ds.item_index(171749)).year, 2006);
    EXPECT_EQ(ds.items.at(ds.item_index(27008)).year, 1999);  // "(1999) " with a trailing space
    EXPECT_EQ(ds.items.at(ds.item_index(40697)).year, 0);     // "Babylon 5"
    EXPECT_EQ(ds.items.at(ds.item_index(171749)).genres, 1u);

    const Rating& first = ds.ratings.front();
    EXPECT_EQ(ds.user_ids[first.user], 1u);
    EXPECT_EQ(ds.items[first.item].id, 1u);
    EXPECT_EQ(first.half_stars, 8);
    EXPECT_EQ(first.timestamp, 964982703);
    EXPECT_EQ(histogram(ds), (std::map<int, int>{{1, 1370}, {2, 2811}, {3, 1791}, {4, 7551}, {5, 5550},
                                                 {6, 20047}, {7, 13136}, {8, 26818}, {9, 8551}, {10, 13211}}));
    std::set<uint32_t> rated;
    for (const Rating& r : ds.ratings) rated.insert(r.item);
    EXPECT_EQ(rated.size(), 9724u);
}

TEST(MlLatestReal, CommittedEmbeddedAssetIsCurrent) {
    WL_REQUIRE_DATA("ml-latest-small/ratings.csv");
    const Dataset csv = load_ml_latest(test::shared_data("ml-latest-small"));
    test::expect_same_dataset(csv, load_packed(test::assets("ml-latest-small.wlds")));
    // Byte for byte too: packing is deterministic, on every platform (this test also runs as wasm).
    EXPECT_TRUE(pack_dataset(csv) == read_file_bytes(test::assets("ml-latest-small.wlds")))
        << "assets/ml-latest-small.wlds is stale: run scripts/make-embedded.sh";
}

TEST(Ml100kReal, KnownCountsLatin1AndItem267) {
    WL_REQUIRE_DATA("ml-100k/u.data");
    const Dataset ds = load_ml100k(test::shared_data("ml-100k"));
    EXPECT_EQ(ds.name, "ml-100k");
    EXPECT_EQ(ds.ratings.size(), 100000u);
    EXPECT_EQ(ds.num_users(), 943u);
    EXPECT_EQ(ds.num_items(), 1682u);
    ASSERT_EQ(ds.genre_names.size(), 19u);
    EXPECT_EQ(ds.genre_names.front(), "unknown");
    EXPECT_EQ(ds.genre_names.back(), "Western");
    EXPECT_EQ(ds.items.at(ds.item_index(543)).title, "Mis\xC3\xA9rables, Les (1995)");
    EXPECT_EQ(ds.items.at(ds.item_index(1633)).title, "\xC3\x81 k\xC3\xB6ldum klaka (Cold Fever) (1994)");
    const Item& unknown = ds.items.at(ds.item_index(267));
    EXPECT_EQ(unknown.title, "unknown");
    EXPECT_EQ(unknown.year, 0);
    EXPECT_EQ(unknown.genres, 1u);
    EXPECT_EQ(ds.items.at(ds.item_index(1373)).year, 1971);
    EXPECT_EQ(ds.items.at(ds.item_index(1)).year, 1995);
    EXPECT_EQ(histogram(ds), (std::map<int, int>{{2, 6110}, {4, 11370}, {6, 27145}, {8, 34174}, {10, 21201}}));
}

TEST(Ml100kReal, OfficialFoldsAreA5FoldPartition) {
    WL_REQUIRE_DATA("ml-100k/u1.base");
    const std::string dir = test::shared_data("ml-100k");
    const Dataset ds = load_ml100k(dir);
    std::vector<int> times_in_test(ds.ratings.size(), 0);
    std::unordered_map<uint64_t, size_t> index;
    for (size_t i = 0; i < ds.ratings.size(); ++i) index[uint64_t{ds.ratings[i].user} << 32 | ds.ratings[i].item] = i;
    for (const char* fold : {"1", "2", "3", "4", "5"}) {
        const RatingSplit s = load_ml100k_fold(dir, ds, fold);
        EXPECT_EQ(s.train.size(), 80000u) << fold;
        EXPECT_EQ(s.test.size(), 20000u) << fold;
        for (const Rating& r : s.test) times_in_test[index.at(uint64_t{r.user} << 32 | r.item)]++;
    }
    EXPECT_EQ(std::count(times_in_test.begin(), times_in_test.end(), 1), 100000);  // disjoint, and cover everything
    for (const char* fold : {"a", "b"}) {
        const RatingSplit s = load_ml100k_fold(dir, ds, fold);
        EXPECT_EQ(s.train.size(), 90570u) << fold;
        EXPECT_EQ(s.test.size(), 9430u) << fold;
    }
}

}  // namespace
}  // namespace wl
