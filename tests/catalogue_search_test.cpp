// The catalogue search of the app's Rate page and the JS API: accent- and case-insensitive folding (text_fold),
// display titles, and CatalogueSearch's ranking, filters and refusals over the real embedded catalogue.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_util.hpp"
#include "weightless/data/catalogue_search.hpp"
#include "weightless/data/text_fold.hpp"

namespace wl {
namespace {

using test::embedded_catalogue;
using test::item_of;

bool contains(const std::vector<uint32_t>& v, uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(TextFold, CaseAndAccentsFold) {
    EXPECT_EQ(fold_for_search("Amélie"), "amelie");
    EXPECT_EQ(fold_for_search("AMÉLIE"), "amelie");
    EXPECT_EQ(fold_for_search("amelie"), "amelie");
    EXPECT_EQ(fold_for_search("ÀÁÂÃÄÅ àáâãäå"), "aaaaaa aaaaaa");
    EXPECT_EQ(fold_for_search("Çà et Ñandú"), "ca et nandu");
    EXPECT_EQ(fold_for_search("ÿ"), "y");
}

TEST(TextFold, LigaturesAndSpecialLetters) {
    EXPECT_EQ(fold_for_search("Schuß"), "schuss");
    EXPECT_EQ(fold_for_search("Das weiße Band"), "das weisse band");
    EXPECT_EQ(fold_for_search("Babettes gæstebud"), "babettes gaestebud");
    EXPECT_EQ(fold_for_search("Æon"), "aeon");
    EXPECT_EQ(fold_for_search("kjøkkenet Ø"), "kjokkenet o");
    EXPECT_EQ(fold_for_search("Þór ð"), "thor d");
    // Latin Extended-A, including the two ligatures handled apart from the table.
    EXPECT_EQ(fold_for_search("Łódź"), "lodz");
    EXPECT_EQ(fold_for_search("Œuvre œil"), "oeuvre oeil");
    EXPECT_EQ(fold_for_search("Ĳssel ĳs"), "ijssel ijs");
    EXPECT_EQ(fold_for_search("Čapek Šťastný Žižka"), "capek stastny zizka");
    EXPECT_EQ(fold_for_search("Ő ű Ş ğ ı"), "o u s g i");
    EXPECT_EQ(fold_for_search("Ÿ ſ"), "y s");  // the ends of the Latin Extended-A table
    EXPECT_EQ(fold_for_search("Āā"), "aa");    // its start
}

TEST(TextFold, PunctuationAndApostrophes) {
    // Apostrophes vanish (straight and typographic), other punctuation separates words, runs collapse.
    EXPECT_EQ(fold_for_search("Schindler's List"), "schindlers list");
    EXPECT_EQ(fold_for_search("M. Hulot’s Holiday"), "m hulots holiday");
    EXPECT_EQ(fold_for_search("Star Wars: Episode IV - A New Hope (1977)"), "star wars episode iv a new hope 1977");
    EXPECT_EQ(fold_for_search("  ...Hello,,   world!!  "), "hello world");
    EXPECT_EQ(fold_for_search("a\xC2\xA0" "b"), "a b");           // no-break space (Latin-1 symbol)
    EXPECT_EQ(fold_for_search("2006\xE2\x80\x93" "2007"), "2006 2007");  // en dash (general punctuation)
    EXPECT_EQ(fold_for_search("×÷"), "×÷");                          // the two Latin-1 non-letters stay
    EXPECT_EQ(fold_for_search("東京"), "東京");                        // other scripts pass through
    EXPECT_EQ(fold_for_search(""), "");
}

TEST(TextFold, InvalidUtf8PassesThroughWithoutCrashing) {
    EXPECT_EQ(fold_for_search(std::string("A\xFF" "B")), std::string("a\xFF" "b"));
    EXPECT_EQ(fold_for_search(std::string("x\xC3")), std::string("x\xC3"));        // cut sequence at the end
    EXPECT_EQ(fold_for_search(std::string("\xC3(Z")), std::string("\xC3 z"));      // bad continuation byte
    EXPECT_EQ(fold_for_search(std::string("\xE2\x80")), std::string("\xE2\x80"));
}

TEST(TextFold, SearchWordsAndMatching) {
    EXPECT_EQ(search_words("  AMÉLIE  Poulain! "), (std::vector<std::string>{"amelie", "poulain"}));
    EXPECT_TRUE(search_words(" -- !! ").empty());
    const std::string folded = fold_for_search("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)");
    EXPECT_TRUE(matches_all(folded, search_words("poulain AMÉLIE")));
    EXPECT_TRUE(matches_all(folded, search_words("damelie")));  // "d'Amélie" folds to one word
    EXPECT_TRUE(matches_all(folded, {}));
    EXPECT_FALSE(matches_all(folded, search_words("amelie matrix")));
}

TEST(TextFold, DisplayTitleMovesTrailingArticles) {
    EXPECT_EQ(display_title("Shawshank Redemption, The (1994)"), "The Shawshank Redemption (1994)");
    EXPECT_EQ(display_title("Avventura, L' (1960)"), "L'Avventura (1960)");
    EXPECT_EQ(display_title("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"),
              "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)");  // the article inside the brackets stays
    EXPECT_EQ(display_title("Legend of Rita, The (Stille nach dem Schuß, Die) (1999)"),
              "The Legend of Rita (Stille nach dem Schuß, Die) (1999)");
    EXPECT_EQ(display_title("Good, the Bad and the Ugly, The"), "The Good, the Bad and the Ugly");
    EXPECT_EQ(display_title("Crying Game, Thee (1992)"), "Crying Game, Thee (1992)");  // not an article
    EXPECT_EQ(display_title("Toy Story (1995)"), "Toy Story (1995)");
}

TEST(CatalogueSearch, FindsAmelieHoweverItIsTyped) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    const uint32_t amelie = item_of(ds, 4973);
    for (const char* q : {"amelie", "AMÉLIE", "Amélie", "amélie poulain", "  Amelie!  "}) {
        const auto hits = view.search({q});
        ASSERT_FALSE(hits.empty()) << q;
        EXPECT_EQ(hits.front(), amelie) << q << ": the title starting with the query comes first";
    }
    EXPECT_TRUE(view.search({"amelie zzzzqqq"}).empty());
}

TEST(CatalogueSearch, FindsRealTitlesWithSpecialLetters) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    struct Case {
        const char* query;
        uint32_t id;
    } cases[] = {{"schuss", 4074},     {"SCHUß", 4074},      {"gaestebud", 6791},  {"GÆSTEBUD", 6791},
                 {"kjokkenet", 7297},  {"gronne slagtere", 27716}, {"dod sno", 69275}, {"weisse band", 71108},
                 {"hulots holiday", 7209}, {"hulot's", 7209}, {"hævnen", 81257}};
    for (const auto& c : cases) {
        const auto hits = view.search({c.query});
        EXPECT_TRUE(contains(hits, item_of(ds, c.id))) << c.query << " should find movie " << c.id;
    }
}

TEST(CatalogueSearch, DisplayTitleSearchAndPrefixOrder) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    const uint32_t shawshank = item_of(ds, 318);
    EXPECT_EQ(view.title(shawshank), "The Shawshank Redemption (1994)");
    // "the matrix" starts the display form of "Matrix, The (1999)", so it comes first.
    const auto hits = view.search({"the matrix"});
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front(), item_of(ds, 2571));
    // Prefix matches first, then by votes (most first), then by index.
    const auto all = view.search({"star"});
    ASSERT_GT(all.size(), 10u);
    const std::string prefix = fold_for_search("star");
    size_t k = 0;
    const auto starts = [&](uint32_t i) {
        return fold_for_search(view.title(i)).rfind(prefix, 0) == 0 || fold_for_search(ds.items[i].title).rfind(prefix, 0) == 0;
    };
    while (k < all.size() && starts(all[k])) ++k;
    ASSERT_GT(k, 0u);
    for (size_t j = k; j < all.size(); ++j) EXPECT_FALSE(starts(all[j])) << view.title(all[j]);
    for (size_t j = 1; j < all.size(); ++j) {
        if (j == k) continue;  // the boundary between the two groups
        const uint32_t a = all[j - 1], b = all[j];
        EXPECT_TRUE(view.votes(a) > view.votes(b) || (view.votes(a) == view.votes(b) && a < b))
            << view.title(a) << " before " << view.title(b);
    }
}

TEST(CatalogueSearch, EmptyQueryMatchesEverythingMostVotedFirst) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    const auto all = view.search({});
    ASSERT_EQ(all.size(), ds.num_items());
    EXPECT_EQ(std::set<uint32_t>(all.begin(), all.end()).size(), ds.num_items());
    EXPECT_EQ(all.front(), item_of(ds, 356));  // Forrest Gump: the most rated movie of ml-latest-small
    EXPECT_EQ(view.votes(all.front()), 329u);
    for (size_t j = 1; j < all.size(); ++j) ASSERT_GE(view.votes(all[j - 1]), view.votes(all[j]));
}

TEST(CatalogueSearch, GenreAndYearFilters) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    const auto g = std::find(ds.genre_names.begin(), ds.genre_names.end(), "Romance");
    ASSERT_NE(g, ds.genre_names.end());
    const int32_t romance = static_cast<int32_t>(g - ds.genre_names.begin());
    const auto ac = std::find(ds.genre_names.begin(), ds.genre_names.end(), "Action");
    ASSERT_NE(ac, ds.genre_names.end());
    const int32_t action = static_cast<int32_t>(ac - ds.genre_names.begin());

    SearchFilter f{"amelie"};
    f.genre = romance;
    EXPECT_TRUE(contains(view.search(f), item_of(ds, 4973)));
    f.genre = action;
    EXPECT_FALSE(contains(view.search(f), item_of(ds, 4973)));  // Amélie is Comedy|Romance
    f.genre = -1;
    f.year_from = 2001;
    f.year_to = 2001;
    EXPECT_TRUE(contains(view.search(f), item_of(ds, 4973)));
    f.year_from = 2002;
    f.year_to = 2010;
    EXPECT_FALSE(contains(view.search(f), item_of(ds, 4973)));

    // Every hit of a filtered empty query satisfies the filter, and every movie that does is a hit.
    SearchFilter all;
    all.genre = action;
    all.year_from = 1990;
    all.year_to = 1999;
    const auto hits = view.search(all);
    size_t expected = 0;
    for (const auto& it : ds.items)
        if ((it.genres >> action & 1u) && it.year >= 1990 && it.year <= 1999) ++expected;
    EXPECT_GT(expected, 50u);
    EXPECT_EQ(hits.size(), expected);
    for (uint32_t i : hits) {
        EXPECT_TRUE(ds.items[i].genres >> action & 1u);
        EXPECT_GE(ds.items[i].year, 1990);
        EXPECT_LE(ds.items[i].year, 1999);
    }
}

TEST(CatalogueSearch, UnknownYearsOnlyWithoutAYearFilter) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    std::vector<uint32_t> unknown;
    for (uint32_t i = 0; i < ds.num_items(); ++i)
        if (ds.items[i].year == 0) unknown.push_back(i);
    ASSERT_FALSE(unknown.empty()) << "ml-latest-small has a few titles without a year";
    SearchFilter f;
    f.year_from = view.min_year();
    f.year_to = view.max_year();
    const auto unfiltered = view.search(f);
    for (uint32_t i : unknown) EXPECT_TRUE(contains(unfiltered, i));
    f.year_to = view.max_year() - 1;
    const auto filtered = view.search(f);
    for (uint32_t i : unknown) EXPECT_FALSE(contains(filtered, i));
}

TEST(CatalogueSearch, RefusesQueriesTooLongOrNotUtf8) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueSearch view(ds);
    size_t longest = 0;
    for (const auto& it : ds.items) longest = std::max(longest, it.title.size());
    EXPECT_LT(longest, 200u) << "the cap's comment says titles stay far below it";
    const std::string at_cap(kMaxSearchQueryBytes, 'a');
    EXPECT_TRUE(view.search({at_cap}).empty());  // the longest query searched: no title holds it
    try {
        view.search({at_cap + "a"});
        ADD_FAILURE() << "a query over the cap was searched";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "search text is 1001 bytes long; at most 1000 are searched");
    }
    try {
        view.search({std::string("am\xC3lie")});
        ADD_FAILURE() << "invalid UTF-8 was searched";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "search text is not valid UTF-8 (byte 2)");
    }
    EXPECT_THROW(check_search_query("\xED\xA0\x80"), std::invalid_argument);  // a UTF-16 surrogate
    EXPECT_NO_THROW(check_search_query("Amélie 東京"));
}

TEST(CatalogueSearch, GenreLabelsLeaveOutTheNoGenresMarker) {
    const Dataset& ds = embedded_catalogue();
    EXPECT_EQ(genre_labels(ds, item_of(ds, 4973)), (std::vector<std::string>{"Comedy", "Romance"}));
    ASSERT_EQ(ds.genre_names.front(), "(no genres listed)");
    size_t marked = 0;
    for (uint32_t i = 0; i < ds.num_items(); ++i) {
        if (!(ds.items[i].genres & 1u)) continue;
        ++marked;
        EXPECT_TRUE(genre_labels(ds, i).empty()) << ds.items[i].title;
    }
    EXPECT_GT(marked, 0u) << "ml-latest-small has movies without genres";
}

}  // namespace
}  // namespace wl
