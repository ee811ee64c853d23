// Kaggle "The Movies Dataset" loader: each malformed-input class on fixtures written here, the join (links vs the
// paper's movieId-as-TMDB-id), the packed round trip of the TMDB fields, and the real partial files.
#include <gtest/gtest.h>

#include "data_test_util.hpp"
#include "weightless/data/kaggle.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {
namespace {

const std::string kMetaHeader =
    "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,original_title,overview,"
    "popularity,poster_path,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,"
    "status,tagline,title,video,vote_average,vote_count\n";

// One metadata row in the real column order; `overview` is written as given (quote it yourself).
std::string meta_row(const std::string& id, const std::string& title, const std::string& genres, const std::string& lang,
                     const std::string& date, const std::string& va, const std::string& vc, const std::string& imdb,
                     const std::string& overview = "plain") {
    return "False,,0,\"" + genres + "\",," + id + "," + imdb + "," + lang + "," + title + "," + overview + ",1.5,/p.jpg,[],[]," +
           date + ",0,90.0,[],Released,," + title + ",False," + va + "," + vc + "\n";
}

const std::string kDrama = "[{'id': 18, 'name': 'Drama'}]";
const std::string kCrime = "[{'id': 53, 'name': 'Thriller'}, {'id': 80, 'name': 'Crime'}]";

// A small data set in the real layout with one instance of every trap the real files hold.
struct Fixture {
    std::string ratings = "userId,movieId,rating,timestamp\r\n"
                          "1,296,5.0,100\r\n"   // Pulp Fiction: links -> tmdb 680
                          "1,1,4.0,101\r\n"     // Toy Story: links -> tmdb 862
                          "2,296,4.5,102\r\n"
                          "2,7,3.0,103\r\n"     // link without tmdbId
                          "3,9,2.0,104\r\n"     // tmdb 999 has no metadata row: user 3 loses every rating
                          "2,862,1.0,105\r\n";  // not in links at all
    std::string links = "movieId,imdbId,tmdbId\r\n1,0114709,862\r\n7,0114319,\r\n9,0000009,999\r\n296,0110912,680\r\n";
    std::string meta = kMetaHeader +
                       meta_row("862", "Toy Story", "[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]", "en",
                                "1995-10-30", "7.7", "5415", "tt0114709",
                                "\"Led by Woody, Andy's toys\nlive \"\"happily\"\"\"") +  // commas, newline, quotes
                       meta_row("680", "Pulp Fiction", kCrime, "en", "1994-09-10", "8.3", "8670", "tt0110912") +
                       meta_row("296", "Terminator 3: Rise of the Machines", "[{'id': 28, 'name': 'Action'}]", "en",
                                "2003-07-02", "5.9", "2177", "tt0181852") +
                       meta_row("680", "Pulp Fiction", kCrime, "en", "1994-09-10", "8.3", "8670", "tt0110912") +  // identical repeat
                       meta_row("680", "Pulp Fiction (other)", kCrime, "en", "1994-09-10", "8.3", "1", "tt0110912") +  // differing
                       // The real file's broken row: an unquoted overview cut by a newline, so the row splits in two and
                       // the second half has a date where the id belongs.
                       "False,,0,[],,4444,tt4444,en,Broken,A story\n - Written by X,0.06,/f.jpg,[],[],1997-08-20,0,104.0,[],Released,,Broken,False,5.0,3\n" +
                       meta_row("1", "Missing values", "[]", "", "", "", "", "");  // every optional field empty
    std::string dir;

    void write(const std::string& name) {
        dir = test::fresh_dir(name);
        test::write_text(dir + "/ratings_small.csv", ratings);
        test::write_text(dir + "/links_small.csv", links);
        test::write_text(dir + "/movies_metadata.csv", meta);
    }
};

const Item& item_of(const Dataset& ds, uint32_t movie) {
    const int64_t i = ds.item_index(movie);
    EXPECT_GE(i, 0) << "movieId " << movie << " not loaded";
    return ds.items.at(static_cast<size_t>(i < 0 ? 0 : i));
}

TEST(Kaggle, LinksJoinGivesEachRatingItsOwnFilmAndCountsEveryDrop) {
    Fixture f;
    f.write("kg_links");
    const KaggleData k = load_kaggle(f.dir);
    const Dataset& ds = k.dataset;
    const KaggleReport& rep = k.report;
    ASSERT_EQ(ds.num_items(), 2u);  // 1 and 296, ascending movieId
    EXPECT_EQ(ds.items[0].id, 1u);
    const Item& pulp = item_of(ds, 296);
    EXPECT_EQ(pulp.title, "Pulp Fiction (1994)");  // not Terminator 3 (TMDB id 296)
    EXPECT_EQ(pulp.tmdb_id, 680u);
    EXPECT_EQ(pulp.imdb_id, 110912u);
    EXPECT_EQ(pulp.year, 1994);
    EXPECT_EQ(pulp.language, "en");
    EXPECT_EQ(pulp.vote_average, 830);
    EXPECT_EQ(pulp.vote_count, 8670);
    EXPECT_EQ(ds.genre_names, (std::vector<std::string>{"Animation", "Comedy", "Crime", "Thriller"}));
    EXPECT_EQ(pulp.genres, 0b1100u);
    EXPECT_EQ(item_of(ds, 1).genres, 0b0011u);
    EXPECT_EQ(item_of(ds, 1).vote_average, 770);

    EXPECT_EQ(rep.ratings_read, 6u);
    EXPECT_EQ(rep.ratings_kept, 3u);
    EXPECT_EQ(rep.ratings_no_link, 1u);
    EXPECT_EQ(rep.ratings_link_no_tmdb, 1u);
    EXPECT_EQ(rep.ratings_no_metadata, 1u);
    EXPECT_EQ(rep.ratings_dropped() + rep.ratings_kept, rep.ratings_read);
    EXPECT_EQ(rep.links_without_tmdb, 1u);
    EXPECT_EQ(rep.users_read, 3u);
    EXPECT_EQ(rep.users_kept, 2u);  // user 3 had only the movie without metadata
    EXPECT_EQ(ds.user_ids, (std::vector<uint32_t>{1, 2}));
    // Metadata: 8 records (the broken row counts twice), both halves skipped, one id repeated twice.
    EXPECT_EQ(rep.metadata_rows, 8u);
    EXPECT_EQ(rep.metadata_malformed, 2u);
    EXPECT_EQ(rep.first_malformed_line, 8u);  // after the 2-line Toy Story record and four single-line rows
    EXPECT_EQ(rep.metadata_duplicates, 2u);
    EXPECT_EQ(rep.metadata_duplicates_differing, 1u);
    EXPECT_EQ(pulp.vote_count, 8670);  // the first row wins
    // The report states all of it.
    std::string all;
    for (const auto& l : rep.lines()) all += l + "\n";
    EXPECT_NE(all.find("3 of 6"), std::string::npos) << all;
    EXPECT_NE(all.find("2 malformed rows skipped (first at line 8"), std::string::npos) << all;
}

TEST(Kaggle, PaperJoinTakesMovieIdAsTmdbIdAndSoTheWrongFilm) {
    Fixture f;
    f.write("kg_paper");
    const KaggleData k = load_kaggle(f.dir, {KaggleJoin::Paper});
    const Item& wrong = item_of(k.dataset, 296);
    EXPECT_EQ(wrong.title, "Terminator 3: Rise of the Machines (2003)");
    EXPECT_EQ(wrong.tmdb_id, 296u);
    EXPECT_EQ(wrong.imdb_id, 181852u);
    // movieId 1 meets the metadata row with id 1 (all optional values missing) and 862 is rated by user 2: the paper
    // join matches metadata ids, whatever links say.
    const Item& one = item_of(k.dataset, 1);
    EXPECT_EQ(one.title, "Missing values");
    EXPECT_EQ(one.year, 0);
    EXPECT_EQ(one.language, "");
    EXPECT_EQ(one.vote_average, Item::kNoVoteAverage);
    EXPECT_EQ(one.vote_count, Item::kNoVoteCount);
    EXPECT_EQ(one.imdb_id, 0u);
    EXPECT_EQ(item_of(k.dataset, 862).title, "Toy Story (1995)");
    EXPECT_EQ(k.report.ratings_kept, 4u);
    EXPECT_EQ(k.report.ratings_no_metadata, 2u);
}

// common: both joins keep exactly the same ratings (those whose movie has metadata either way); only features differ.
TEST(Kaggle, CommonRatingsMakeTheJoinsDifferOnlyInFeatures) {
    Fixture f;
    f.write("kg_common");
    KaggleOptions o;
    o.common = true;
    const KaggleData links = load_kaggle(f.dir, o);
    o.join = KaggleJoin::Paper;
    const KaggleData paper = load_kaggle(f.dir, o);
    ASSERT_EQ(links.dataset.ratings.size(), 3u);
    ASSERT_EQ(paper.dataset.ratings.size(), 3u);
    EXPECT_EQ(links.dataset.user_ids, paper.dataset.user_ids);
    for (size_t k = 0; k < 3; ++k) {
        const Rating &a = links.dataset.ratings[k], &b = paper.dataset.ratings[k];
        EXPECT_TRUE(a.user == b.user && a.item == b.item && a.half_stars == b.half_stars && a.timestamp == b.timestamp);
    }
    ASSERT_EQ(links.dataset.num_items(), 2u);
    EXPECT_EQ(links.dataset.items[1].title, "Pulp Fiction (1994)");
    EXPECT_EQ(paper.dataset.items[1].title, "Terminator 3: Rise of the Machines (2003)");
    EXPECT_EQ(paper.report.ratings_not_common, 1u);  // movieId 862: Toy Story under the paper join, no link
    EXPECT_EQ(links.report.ratings_dropped() + 3, links.report.ratings_read);
}

TEST(Kaggle, FileNamesAndDetection) {
    Fixture f;
    f.write("kg_names");
    EXPECT_TRUE(is_kaggle_dir(f.dir));
    EXPECT_EQ(load_dataset(f.dir).num_items(), 2u);  // load_dataset recognises the layout (links join)
    // Other names by option; ratings.csv / links.csv are the defaults' second and first choices.
    test::write_text(f.dir + "/r.csv", f.ratings);
    KaggleOptions o;
    o.ratings = "r.csv";
    EXPECT_NE(load_kaggle(f.dir, o).report.ratings_file.find("r.csv"), std::string::npos);
    o.ratings = "absent.csv";
    test::expect_data_error([&] { load_kaggle(f.dir, o); }, {"absent.csv", "cannot open"});
    EXPECT_FALSE(is_kaggle_dir(test::fresh_dir("kg_not")));
}

// Columns are found by name: reordered columns and extra ones load the same.
TEST(Kaggle, ColumnsByHeaderName) {
    Fixture f;
    f.ratings = "timestamp,rating,extra,movieId,userId\n100,5.0,x,296,1\n";
    f.links = "tmdbId,movieId,imdbId\n680,296,0110912\n";
    f.write("kg_columns");
    const KaggleData k = load_kaggle(f.dir);
    ASSERT_EQ(k.dataset.ratings.size(), 1u);
    EXPECT_EQ(k.dataset.ratings[0].half_stars, 10);
    EXPECT_EQ(k.dataset.ratings[0].timestamp, 100);
    EXPECT_EQ(k.dataset.items[0].tmdb_id, 680u);
}

// Strict files (ratings, links) fail with file:line and the problem, as the MovieLens loaders do.
TEST(Kaggle, MalformedRatingsAndLinksAreErrorsNamingFileAndLine) {
    const auto fails = [](const std::string& name, auto edit, std::initializer_list<std::string> parts) {
        Fixture f;
        edit(f);
        f.write(name);
        test::expect_data_error([&] { load_kaggle(f.dir); }, parts);
    };
    fails("kg_e1", [](Fixture& f) { f.ratings += "1,5,six,106\n"; }, {"ratings_small.csv:8", "bad rating"});
    fails("kg_e2", [](Fixture& f) { f.ratings += "x1,5,3.0,106\n"; }, {"ratings_small.csv:8", "bad userId"});
    fails("kg_e3", [](Fixture& f) { f.ratings += "1,5,3.0\n"; }, {"ratings_small.csv:8", "wrong number of fields"});
    fails("kg_e4", [](Fixture& f) { f.ratings += "1,296,3.0,106\n"; }, {"ratings_small.csv:8", "duplicate rating"});
    fails("kg_e5", [](Fixture& f) { f.ratings = "userId,movie,rating,timestamp\n1,1,1.0,1\n"; },
          {"ratings_small.csv:1", "missing column 'movieId'"});
    fails("kg_e6", [](Fixture& f) { f.links += "12,00012,tt12\r\n"; }, {"links_small.csv:6", "bad tmdbId"});
    fails("kg_e7", [](Fixture& f) { f.links += "1,0114709,862\r\n"; }, {"links_small.csv:6", "duplicate movieId 1"});
    fails("kg_e8", [](Fixture& f) { f.links = "movieId,tmdbId\n1,862\n"; }, {"links_small.csv:1", "missing column 'imdbId'"});
    fails("kg_e9", [](Fixture& f) { f.meta = "id,title\n862,Toy Story\n"; }, {"movies_metadata.csv:1", "missing column 'original_title'"});
    // A quoted field never closed: the record's first line is named.
    fails("kg_e10", [](Fixture& f) { f.meta += meta_row("5", "Open", "[]", "en", "", "", "", "", "\"never closed\nat all"); },
          {"movies_metadata.csv:11", "never closed"});
    fails("kg_e11", [](Fixture& f) { f.meta += "False,\xC3\x28,0\n"; }, {"movies_metadata.csv:11", "invalid UTF-8"});
    fails("kg_e12", [](Fixture& f) { f.ratings = "userId,movieId,rating,timestamp\n3,9,2.0,104\n"; }, {"none of the 1 ratings"});
    fails("kg_e13", [](Fixture& f) { f.ratings = "userId,movieId,rating,timestamp\n"; }, {"no ratings"});
}

// Bad values in the metadata columns we use: the row is skipped and counted, never fatal, never silent.
TEST(Kaggle, MalformedMetadataRowsAreSkippedAndCounted) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {meta_row("680", "P", "[{'id': 53, 'name': 'Thriller'", "en", "1994-09-10", "8.3", "1", "tt1"), "genres"},
        {meta_row("680", "P", kCrime, "en", "10/09/1994", "8.3", "1", "tt1"), "release_date"},
        {meta_row("680", "P", kCrime, "en", "1994-09-10", "11.5", "1", "tt1"), "vote_average"},
        {meta_row("680", "P", kCrime, "en", "1994-09-10", "8.3", "many", "tt1"), "vote_count"},
        {meta_row("680", "P", kCrime, "en", "1994-09-10", "8.3", "1", "0110912"), "imdb_id"},
        {meta_row("0680x", "P", kCrime, "en", "1994-09-10", "8.3", "1", "tt1"), "is not a whole number"},
        {"False,,0,\"[]\"x,,680,tt1,en,P,o,1,/p,[],[],1994-09-10,0,9,[],R,,P,False,8.3,1\n", "after a closing quote"},
    };
    for (const auto& [row, why] : bad) {
        Fixture f;
        f.meta = kMetaHeader + row + meta_row("862", "Toy Story", kDrama, "en", "1995-10-30", "7.7", "5415", "tt0114709");
        f.write("kg_badmeta");
        const KaggleData k = load_kaggle(f.dir);
        EXPECT_EQ(k.report.metadata_malformed, 1u) << why;
        EXPECT_EQ(k.report.first_malformed_line, 2u) << why;
        EXPECT_NE(k.report.first_malformed_problem.find(why), std::string::npos) << k.report.first_malformed_problem;
        EXPECT_LT(k.dataset.item_index(296), 0) << why;  // its only metadata row was bad: Pulp Fiction's ratings dropped
        EXPECT_EQ(k.report.ratings_no_metadata, 3u) << why;
    }
}

// Fuzzable entry point: the same result from strings as from files.
TEST(Kaggle, ParseFromMemoryMatchesTheFiles) {
    Fixture f;
    f.write("kg_mem");
    const KaggleData a = load_kaggle(f.dir);
    const KaggleData b = parse_kaggle(text_from_bytes("r", f.ratings), text_from_bytes("l", f.links),
                                      text_from_bytes("m", f.meta), {}, a.dataset.name);
    test::expect_same_dataset(a.dataset, b.dataset);
    EXPECT_EQ(a.report.ratings_kept, b.report.ratings_kept);
}

void expect_same_metadata(const Dataset& a, const Dataset& b) {
    ASSERT_EQ(a.items.size(), b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) {
        const Item &x = a.items[i], &y = b.items[i];
        ASSERT_TRUE(x.imdb_id == y.imdb_id && x.tmdb_id == y.tmdb_id && x.language == y.language &&
                    x.vote_average == y.vote_average && x.vote_count == y.vote_count)
            << "item " << i;
    }
}

TEST(Kaggle, PackedVersion2CarriesTheTmdbFieldsAndVersion1StaysForPlainData) {
    Fixture f;
    f.write("kg_pack");
    Dataset ds = load_kaggle(f.dir, {KaggleJoin::Paper}).dataset;  // item 1: only its tmdb_id is known
    const auto bytes = pack_dataset(ds);
    EXPECT_EQ(bytes[4], 2);  // version (u32 little-endian after the magic)
    const Dataset back = unpack_dataset(bytes, "kg.wlds");
    test::expect_same_dataset(ds, back);
    expect_same_metadata(ds, back);
    EXPECT_EQ(pack_dataset(back), bytes);

    // No metadata anywhere: version 1, the bytes builds before version 2 wrote.
    for (auto& it : ds.items) it = Item{it.id, it.title, it.year, it.genres};
    EXPECT_EQ(pack_dataset(ds)[4], 1);
    // One field is enough to need version 2.
    ds.items[0].vote_count = 0;
    EXPECT_EQ(pack_dataset(ds)[4], 2);
    EXPECT_EQ(unpack_dataset(pack_dataset(ds), "x").items[0].vote_count, 0);

    // Out-of-range values are refused on both sides.
    ds.items[0].vote_average = 1001;
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
    ds.items[0].vote_average = 5;
    ds.items[0].language = std::string(17, 'x');
    EXPECT_THROW(pack_dataset(ds), std::invalid_argument);
}

TEST(Kaggle, PackedVersion2RejectsBadMetadata) {
    Dataset ds;
    ds.name = "t";
    ds.genre_names = {"Drama"};
    ds.items.push_back(Item{1, "a", 2000, 1});
    ds.items[0].tmdb_id = 7;
    ds.user_ids = {1};
    ds.ratings.push_back({0, 0, 8, 1});
    ds.index();
    const auto good = pack_dataset(ds);
    // Rebuild the payload by hand with a bad metadata bit set (32: unknown) and with a set bit holding 0.
    const auto payload_with = [&](uint64_t bits, uint64_t value) {
        ByteWriter w;
        w.str("t");
        w.varint(1);
        w.str("Drama");
        w.varint(1);
        w.svarint(1);
        w.str("a");
        w.svarint(2000);
        w.varint(1);
        w.varint(bits);
        w.varint(value);
        w.varint(1);
        w.svarint(1);
        w.varint(1);
        w.svarint(0);
        w.svarint(0);
        w.u8(8);
        w.svarint(1);
        return wrap_container("WLDS", 2, w.data());
    };
    EXPECT_EQ(payload_with(2, 7), good);  // the hand-built form is the real one
    EXPECT_THROW(unpack_dataset(payload_with(32, 7), "x"), FormatError);
    EXPECT_THROW(unpack_dataset(payload_with(2, 0), "x"), FormatError);
    EXPECT_THROW(unpack_dataset(wrap_container("WLDS", 3, std::vector<uint8_t>{}), "x"), FormatError);
}

// The byte-exact part of the real data set in ../shared/data.
TEST(KaggleReal, PartialFiles) {
    WL_REQUIRE_DATA("the-movies-dataset-partial/movies_metadata.csv");
    const std::string dir = test::shared_data("the-movies-dataset-partial");
    const KaggleData k = load_kaggle(dir);
    const KaggleReport& rep = k.report;
    EXPECT_EQ(rep.metadata_rows, 5000u);
    EXPECT_EQ(rep.metadata_malformed, 0u);
    EXPECT_EQ(rep.metadata_duplicates, 1u);  // 105045, identical rows
    EXPECT_EQ(rep.metadata_duplicates_differing, 0u);
    EXPECT_EQ(rep.link_rows, 9125u);
    EXPECT_EQ(rep.links_without_tmdb, 13u);
    EXPECT_EQ(rep.ratings_read, 46206u);
    EXPECT_EQ(rep.ratings_kept, 34116u);  // about three quarters find their metadata (independently counted in Python)
    EXPECT_EQ(rep.ratings_dropped(), 46206u - 34116u);
    EXPECT_EQ(rep.users_kept, 335u);
    const Item& pulp = item_of(k.dataset, 296);
    EXPECT_EQ(pulp.title, "Pulp Fiction (1994)");
    EXPECT_EQ(pulp.tmdb_id, 680u);
    EXPECT_EQ(pulp.vote_average, 830);
    EXPECT_EQ(pulp.vote_count, 8670);
    EXPECT_EQ(item_of(k.dataset, 1).title, "Toy Story (1995)");

    // The paper's join: movieId 296 looks for TMDB id 296, which is not among these 5,000 rows (Terminator 3 is
    // further down the full file), so its ratings find no metadata at all.
    const KaggleData p = load_kaggle(dir, {KaggleJoin::Paper});
    EXPECT_LT(p.dataset.item_index(296), 0);
    EXPECT_EQ(p.report.ratings_kept, 9034u);
    // Where the wrong id does exist, the rating gets another film: movieId 318 is The Shawshank Redemption.
    EXPECT_EQ(item_of(k.dataset, 318).title.rfind("The Shawshank Redemption (", 0), 0u);
    EXPECT_EQ(item_of(p.dataset, 318).title.rfind("The Million Dollar Hotel (", 0), 0u);

    // Packs and unpacks with every field.
    const auto bytes = pack_dataset(k.dataset);
    const Dataset back = unpack_dataset(bytes, "partial.wlds");
    test::expect_same_dataset(k.dataset, back);
    expect_same_metadata(k.dataset, back);
}

}  // namespace
}  // namespace wl
