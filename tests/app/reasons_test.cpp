// Reasons in words: a film the person rated low never supports a pick, the sentence names the liked films
// strongest first, and a list without films behind it says so.
#include <gtest/gtest.h>

#include "app/logic/reasons.hpp"
#include "app_test_util.hpp"

namespace wl::app {
namespace {

using test::embedded_catalogue;
using test::embedded_items;
using test::item_of;

TEST(PlainReason, StarsText) {
    EXPECT_EQ(stars_text(8), "4\xE2\x98\x85");
    EXPECT_EQ(stars_text(9), "4\xC2\xBD\xE2\x98\x85");
    EXPECT_EQ(stars_text(1), "\xC2\xBD\xE2\x98\x85");
}

TEST(PlainReason, NamesAFilmByItsMainTitle) {
    EXPECT_EQ(reason_title("Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)"), "Raiders of the Lost Ark");
    EXPECT_EQ(reason_title("Matrix, The (1999)"), "The Matrix");
    EXPECT_EQ(reason_title("Moonlight"), "Moonlight");
}

TEST(PlainReason, NamesOnlyLikedFilmsStrongestFirst) {
    const Dataset& ds = embedded_catalogue();
    PersonState p;
    const uint32_t pulp = item_of(ds, 296), matrix = item_of(ds, 2571), titanic = item_of(ds, 1721), fargo = item_of(ds, 608);
    p.ratings[pulp] = {8, 1};
    p.ratings[matrix] = {10, 2};
    p.ratings[titanic] = {4, 3};  // 2 stars: never a reason
    p.ratings[fargo] = {7, 4};    // 3.5 stars: liked, at the threshold
    AppState app(ds, p, embedded_items());
    Recommendation r;
    r.item = item_of(ds, 527);
    r.why = {{titanic, 90}, {matrix, 60}, {pulp, 40}, {fargo, 30}};
    PlainReason got = plain_reason(app, r, RecSource::Blend, 2);
    EXPECT_EQ(got.cited, (std::vector<uint32_t>{matrix, pulp}));
    EXPECT_EQ(got.text, "Because you liked The Matrix (5\xE2\x98\x85) and Pulp Fiction"
                        " (4\xE2\x98\x85): people who watch them often watch this.");
    EXPECT_EQ(plain_reason(app, r, RecSource::Blend, 3).cited, (std::vector<uint32_t>{matrix, pulp, fargo}));
    got = plain_reason(app, r, RecSource::Wnn, 1);
    EXPECT_EQ(got.text, "Because you liked The Matrix (5\xE2\x98\x85): your network files it beside that film.");

    // Only low-rated films, or an EASE weight below zero, behind it: the sentence does not pretend.
    r.why = {{titanic, 90}, {pulp, -0.2}};
    got = plain_reason(app, r, RecSource::Ease, 2);
    EXPECT_TRUE(got.cited.empty());
    EXPECT_EQ(got.text.rfind("Not from a film you liked", 0), 0u) << got.text;
    EXPECT_TRUE(plain_reason(app, r, RecSource::Popularity, 2).text.empty()) << "the baselines give no films";
}

// On the real list: whatever the list model says, no cited film is one the person rated below 3.5 stars.
TEST(PlainReason, TheListNeverCitesALowRating) {
    const Dataset& ds = embedded_catalogue();
    PersonState p;
    const std::pair<uint32_t, uint8_t> mine[] = {{1721, 4}, {1, 9}, {318, 10}, {356, 3}, {2571, 8}, {4306, 2}, {593, 9}, {780, 4}};
    for (const auto& [id, half] : mine) p.ratings[item_of(ds, id)] = {half, 1};
    AppState app(ds, p, embedded_items());
    size_t low_in_why = 0, cited = 0;
    for (RecSource src : {RecSource::Blend, RecSource::Wnn, RecSource::Ease}) {
        app.set_rec_source(src);
        for (const auto& r : app.recommendations()) {
            for (const auto& reason : r.why) low_in_why += *app.rating_of(reason.item) < kLikedHalfStars;
            const PlainReason plain = plain_reason(app, r, src, 3);
            EXPECT_FALSE(plain.text.empty());
            for (uint32_t item : plain.cited) {
                EXPECT_GE(*app.rating_of(item), kLikedHalfStars) << app.view().title(item);
                ++cited;
            }
        }
    }
    EXPECT_GT(low_in_why, 0u) << "the models do name low-rated films: the filter is what keeps them out";
    EXPECT_GT(cited, 0u);
}

}  // namespace
}  // namespace wl::app
