// The app's view of the catalogue: community statistics, genre text and the start queue (its search is the core's
// CatalogueSearch, tested in tests/catalogue_search_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "app/logic/catalogue_view.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::item_of;

TEST(AppCatalogueView, SearchIsTheCoreSearch) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueView view(ds);
    const CatalogueSearch core(ds);
    for (const char* q : {"amelie", "the matrix", "star", ""}) EXPECT_EQ(view.search({q}), core.search({q})) << q;
    EXPECT_THROW(view.search({std::string(kMaxSearchQueryBytes + 1, 'a')}), std::invalid_argument);
}

TEST(AppCatalogueView, StatisticsAndGenreText) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueView view(ds);
    const uint32_t amelie = item_of(ds, 4973);
    uint32_t n = 0, sum = 0;
    for (const auto& r : ds.ratings)
        if (r.item == amelie) {
            ++n;
            sum += r.half_stars;
        }
    EXPECT_EQ(view.votes(amelie), n);
    EXPECT_DOUBLE_EQ(view.mean_stars(amelie), 0.5 * sum / n);
    EXPECT_EQ(view.genre_text(amelie), "Comedy, Romance");
    EXPECT_EQ(view.genre_text(amelie, 1), "Comedy, …");
    EXPECT_LE(view.min_year(), 1910);
    EXPECT_GE(view.max_year(), 2015);
}

// MovieLens marks a movie without genres with the pseudo-genre "(no genres listed)": a person reads it in words.
TEST(AppCatalogueView, GenreTextSaysInWordsWhenNoGenreIsKnown) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueView view(ds);
    size_t none = 0;
    for (uint32_t i = 0; i < ds.num_items(); ++i) {
        const std::string t = view.genre_text(i, 32);
        EXPECT_EQ(t.find("no genres listed"), std::string::npos) << ds.items[i].id << ": " << t;
        if (genre_labels(ds, i).empty()) {
            ++none;
            EXPECT_EQ(t, "genres unknown") << ds.items[i].id;
        }
    }
    EXPECT_GT(none, 0u);  // the catalogue has such movies
}

// A movie's pages elsewhere, from the catalogue's ids: MovieLens always, IMDb and TMDB when the catalogue knows them.
TEST(AppCatalogueView, LinksOutFromTheCatalogueIds) {
    const Dataset& ds = test::app_catalogue();
    const CatalogueView view(ds);
    const auto toy = view.links(item_of(ds, 1));
    ASSERT_EQ(toy.size(), 3u);
    EXPECT_EQ(toy[0].site, "MovieLens");
    EXPECT_EQ(toy[0].url, "https://movielens.org/movies/1");
    EXPECT_EQ(toy[1].site, "IMDb");
    EXPECT_EQ(toy[1].url, "https://www.imdb.com/title/tt0114709/");  // seven digits, zero-padded
    EXPECT_EQ(toy[2].site, "TMDB");
    EXPECT_EQ(toy[2].url, "https://www.themoviedb.org/movie/862");
    size_t without_imdb = 0;
    for (uint32_t i = 0; i < ds.num_items(); ++i) {
        const auto links = view.links(i);
        ASSERT_FALSE(links.empty());
        EXPECT_EQ(links.front().url, "https://movielens.org/movies/" + std::to_string(ds.items[i].id));
        const bool imdb = std::any_of(links.begin(), links.end(), [](const MovieLink& l) { return l.site == "IMDb"; });
        const bool tmdb = std::any_of(links.begin(), links.end(), [](const MovieLink& l) { return l.site == "TMDB"; });
        EXPECT_EQ(imdb, ds.items[i].imdb_id != 0);
        EXPECT_EQ(tmdb, ds.items[i].tmdb_id != 0);
        without_imdb += !imdb;
    }
    EXPECT_LT(without_imdb, ds.num_items());
}

TEST(AppCatalogueView, StartQueueIsPopularDiverseAndDeterministic) {
    const Dataset& ds = embedded_catalogue();
    const CatalogueView view(ds);
    const auto q = view.start_queue(30);
    ASSERT_EQ(q.size(), 30u);
    EXPECT_EQ(std::set<uint32_t>(q.begin(), q.end()).size(), q.size());
    EXPECT_EQ(q, CatalogueView(ds).start_queue(30));
    EXPECT_EQ(q.front(), item_of(ds, 356));  // nothing picked yet: the most rated movie wins
    const auto by_votes = view.search({});
    for (uint32_t i : q) EXPECT_GE(view.votes(i), view.votes(by_votes[239])) << "drawn from the 240 most rated";
    std::set<int> decades;
    uint32_t genres = 0;
    for (uint32_t i : q) {
        decades.insert(ds.items[i].year / 10);
        genres |= ds.items[i].genres;
    }
    EXPECT_GE(decades.size(), 4u);
    EXPECT_GE(__builtin_popcount(genres), 12);
}

}  // namespace
}  // namespace wl::app
