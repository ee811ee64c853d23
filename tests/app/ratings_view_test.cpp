// The person's ratings as the Rate page lists them (ratings_view.hpp): every sort in both directions with its tie
// order, and the filters by words of the title, a range of stars and a genre, alone and together.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <vector>

#include "app/logic/ratings_view.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::item_of;

struct Fixture {
    const Dataset& ds = embedded_catalogue();
    CatalogueView view{ds};
    std::map<uint32_t, PersonRating> ratings;
    Fixture() {
        // MovieLens id, half stars, date.
        const int64_t rows[][3] = {{1, 8, 300},      // Toy Story (1995)
                                   {2571, 10, 100},  // The Matrix (1999): "Matrix, The" in MovieLens
                                   {4973, 9, 200},   // Amélie (2001)
                                   {296, 10, 400},   // Pulp Fiction (1994)
                                   {1196, 3, 200},   // Star Wars: Episode V (1980)
                                   {6377, 8, 500}};  // Finding Nemo (2003)
        for (const auto& r : rows) ratings[item_of(ds, static_cast<uint32_t>(r[0]))] = {static_cast<uint8_t>(r[1]), r[2]};
    }
    std::vector<uint32_t> ids(const RatingsQuery& q) const {
        std::vector<uint32_t> out;
        for (uint32_t item : ratings_view(ratings, view, q)) out.push_back(ds.items[item].id);
        return out;
    }
};

using Ids = std::vector<uint32_t>;

TEST(RatingsView, SortsByDateStarsAndTitleBothWays) {
    Fixture f;
    RatingsQuery q;
    EXPECT_FALSE(q.restricts());
    // By date; the two of day 200 by title (Amélie before Star Wars).
    EXPECT_EQ(f.ids(q), (Ids{6377, 296, 1, 4973, 1196, 2571}));
    q.sort = RatingsSort::Oldest;
    EXPECT_EQ(f.ids(q), (Ids{2571, 4973, 1196, 1, 296, 6377}));
    // By stars; equal stars newest first.
    q.sort = RatingsSort::StarsHigh;
    EXPECT_EQ(f.ids(q), (Ids{296, 2571, 4973, 6377, 1, 1196}));
    q.sort = RatingsSort::StarsLow;
    EXPECT_EQ(f.ids(q), (Ids{1196, 6377, 1, 4973, 296, 2571}));
    // By title, accents folded and "The" ignored: Amélie, Finding Nemo, Matrix, Pulp Fiction, Star Wars, Toy Story.
    q.sort = RatingsSort::TitleAZ;
    EXPECT_EQ(f.ids(q), (Ids{4973, 6377, 2571, 296, 1196, 1}));
    q.sort = RatingsSort::TitleZA;
    EXPECT_EQ(f.ids(q), (Ids{1, 1196, 296, 2571, 6377, 4973}));
    for (int s = 0; s < kRatingsSorts; ++s) EXPECT_STRNE(ratings_sort_label(static_cast<RatingsSort>(s)), "?");
}

TEST(RatingsView, FiltersByWordsStarsAndGenre) {
    Fixture f;
    RatingsQuery q;
    q.text = "AMELIE";  // accents and case do not matter
    EXPECT_TRUE(q.restricts());
    EXPECT_EQ(f.ids(q), (Ids{4973}));
    q.text = "the matrix";  // the displayed title, though MovieLens spells it "Matrix, The"
    EXPECT_EQ(f.ids(q), (Ids{2571}));
    q.text = "story toy";  // every word, in any order
    EXPECT_EQ(f.ids(q), (Ids{1}));
    q.text = "nothing like this";
    EXPECT_TRUE(f.ids(q).empty());
    q.text.clear();
    q.min_half = q.max_half = 10;  // "5 stars only"
    EXPECT_EQ(f.ids(q), (Ids{296, 2571}));
    q.min_half = 8;  // 4 stars and up, by stars
    q.sort = RatingsSort::StarsHigh;
    EXPECT_EQ(f.ids(q), (Ids{296, 2571, 4973, 6377, 1}));
    q.min_half = 1, q.max_half = 5;  // below 3 stars
    EXPECT_EQ(f.ids(q), (Ids{1196}));
    q = {};
    int32_t animation = -1;
    for (size_t g = 0; g < f.ds.genre_names.size(); ++g)
        if (f.ds.genre_names[g] == "Animation") animation = static_cast<int32_t>(g);
    ASSERT_GE(animation, 0);
    q.genre = animation;
    EXPECT_EQ(f.ids(q), (Ids{6377, 1}));
    q.text = "nemo";
    EXPECT_EQ(f.ids(q), (Ids{6377}));
    q.max_half = 7;  // every filter at once: nothing left
    EXPECT_TRUE(f.ids(q).empty());
}

TEST(RatingsView, RefusesWhatTheSearchRefuses) {
    Fixture f;
    RatingsQuery q;
    q.text = std::string(2000, 'a');
    EXPECT_THROW(ratings_view(f.ratings, f.view, q), std::invalid_argument);
    q.text = "\xff";
    EXPECT_THROW(ratings_view(f.ratings, f.view, q), std::invalid_argument);
    EXPECT_TRUE(ratings_view({}, f.view, RatingsQuery{}).empty());
}

}  // namespace
}  // namespace wl::app
