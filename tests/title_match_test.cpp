// The title matcher (title_match.hpp) on hand-written catalogue snippets: each variant rule finds the film it should,
// and what is uncertain is left for the person to choose rather than taken.
#include "weightless/data/title_match.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <vector>

namespace wl {
namespace {

// A catalogue of MovieLens titles ("Name (1999)"; the year is read from the title as the loaders do), ids 1, 2, ...
// `votes` gives item k that many ratings (the order ambiguous candidates are listed in).
Dataset catalogue(const std::vector<std::string>& titles, const std::vector<uint32_t>& votes = {}) {
    Dataset ds;
    for (size_t k = 0; k < titles.size(); ++k) {
        Item it;
        it.id = static_cast<uint32_t>(k + 1);
        it.title = titles[k];
        it.year = static_cast<int16_t>(split_movielens_title(titles[k]).year);
        ds.items.push_back(it);
    }
    for (size_t k = 0; k < votes.size(); ++k)
        for (uint32_t v = 0; v < votes[k]; ++v) ds.ratings.push_back(Rating{v, static_cast<uint32_t>(k), 8, 0});
    return ds;
}

// The catalogue titles a match found, and whether it may be taken without asking.
struct Found {
    TitleFit fit;
    std::vector<std::string> titles;
    bool sure;
};
Found find(const Dataset& ds, const std::string& title, int32_t year) {
    const TitleIndex ix(ds);
    const TitleMatch m = ix.match(title, year);
    Found f{m.fit, {}, m.sure};
    for (uint32_t i : m.items) f.titles.push_back(ds.items[i].title);
    return f;
}
// The one film a match takes without asking ("" when it takes none).
std::string taken(const Dataset& ds, const std::string& title, int32_t year) {
    const Found f = find(ds, title, year);
    return f.sure && f.titles.size() == 1 ? f.titles[0] : "";
}
// The films a match offers for the person to choose (empty when it takes one, or finds none).
std::vector<std::string> offered(const Dataset& ds, const std::string& title, int32_t year) {
    const Found f = find(ds, title, year);
    return f.sure ? std::vector<std::string>{} : f.titles;
}

TEST(TitleMatch, SplitsMovieLensTitles) {
    const TitleParts p = split_movielens_title("City of Lost Children, The (Cité des enfants perdus, La) (1995)");
    EXPECT_EQ(p.main, "The City of Lost Children");
    ASSERT_EQ(p.alternates.size(), 1u);
    EXPECT_EQ(p.alternates[0], "La Cité des enfants perdus");
    EXPECT_EQ(p.year, 1995);
    const TitleParts q = split_movielens_title("Godzilla vs. Hedorah (Gojira tai Hedorâ) (Godzilla vs. The Smog Monster) (1971) ");
    EXPECT_EQ(q.main, "Godzilla vs. Hedorah");
    EXPECT_EQ(q.alternates, (std::vector<std::string>{"Gojira tai Hedorâ", "Godzilla vs. The Smog Monster"}));
    EXPECT_EQ(split_movielens_title("Moonlight").year, 0);
    EXPECT_EQ(split_movielens_title("Death Note: Desu nôto (2006–2007)").year, 2006);
}

TEST(TitleMatch, KeysFoldCaseAccentsPunctuationArticlesAndNumerals) {
    EXPECT_EQ(TitleIndex::key("The Matrix"), "matrix");
    EXPECT_EQ(TitleIndex::key("Amélie"), "amelie");
    EXPECT_EQ(TitleIndex::key("Spider-Man 2"), TitleIndex::key("Spiderman II"));
    EXPECT_EQ(TitleIndex::key("WALL·E"), TitleIndex::key("WALL-E"));
    EXPECT_EQ(TitleIndex::key("It Chapter Two"), TitleIndex::key("It: Chapter 2"));
    EXPECT_EQ(TitleIndex::key("8½"), TitleIndex::key("8 1/2"));
    EXPECT_EQ(TitleIndex::key("2½ Men"), TitleIndex::key("2 1/2 Men"));
    EXPECT_EQ(TitleIndex::key("Fast & Furious"), TitleIndex::key("Fast and Furious"));
    EXPECT_EQ(TitleIndex::key("Romeo + Juliet"), TitleIndex::key("Romeo and Juliet"));
    EXPECT_EQ(TitleIndex::key("Gone in Sixty Seconds"), TitleIndex::key("Gone in 60 Seconds"));
    EXPECT_EQ(TitleIndex::key("Guardians of the Galaxy Vol. 2"), TitleIndex::key("Guardians of the Galaxy 2"));
    EXPECT_EQ(TitleIndex::key("Doctor Dolittle"), TitleIndex::key("Dr. Dolittle"));
    EXPECT_EQ(TitleIndex::key("Lupin the 3rd"), TitleIndex::key("Lupin III"));
    // Only English articles are dropped: "Le test" and "El test" are different films.
    EXPECT_NE(TitleIndex::key("Le test"), TitleIndex::key("El test"));
    // A single letter stays a letter.
    EXPECT_NE(TitleIndex::key("V for Vendetta"), TitleIndex::key("5 for Vendetta"));
}

TEST(TitleMatch, SubtitlesTheFileLeavesOut) {
    const Dataset ds = catalogue({"Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode V - The Empire Strikes Back (1980)",
                                  "Interview with the Vampire: The Vampire Chronicles (1994)", "Star Wars: Episode VIII - The Last Jedi (2017)",
                                  "Ice Age 2: The Meltdown (2006)", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)"});
    EXPECT_EQ(taken(ds, "Star Wars", 1977), ds.items[0].title);
    EXPECT_EQ(find(ds, "Star Wars", 1977).fit, TitleFit::Loose);
    EXPECT_EQ(taken(ds, "Star Wars: Episode IV – A New Hope", 1977), ds.items[0].title);  // an en dash: the same title
    EXPECT_EQ(find(ds, "Star Wars: Episode IV – A New Hope", 1977).fit, TitleFit::Same);
    EXPECT_EQ(taken(ds, "Interview with the Vampire", 1994), ds.items[2].title);
    EXPECT_EQ(taken(ds, "Star Wars: The Last Jedi", 2017), ds.items[3].title);  // the middle of the title left out
    EXPECT_EQ(taken(ds, "Ice Age: The Meltdown", 2006), ds.items[4].title);     // the sequel's number left out
    EXPECT_EQ(taken(ds, "Dr. Strangelove", 1964), ds.items[5].title);           // "or:" ends the main title too
    EXPECT_EQ(taken(ds, "Star Wars", 1999), "");                                // a shortened title needs the year
}

TEST(TitleMatch, AlternateTitlesAndLongSubtitlesNameTheFilm) {
    const Dataset ds = catalogue({"Laputa: Castle in the Sky (Tenkû no shiro Rapyuta) (1986)", "Léon: The Professional (a.k.a. The Professional) (Léon) (1994)",
                                  "Mission: Impossible - Ghost Protocol (2011)", "Birdman: Or (The Unexpected Virtue of Ignorance) (2014)",
                                  "Birdman of Alcatraz (1962)"});
    EXPECT_EQ(taken(ds, "Castle in the Sky", 1986), ds.items[0].title);  // a subtitle of three words and more
    EXPECT_EQ(taken(ds, "Tenkû no shiro Rapyuta", 1986), ds.items[0].title);
    EXPECT_EQ(taken(ds, "Leon", 1994), ds.items[1].title);
    EXPECT_EQ(taken(ds, "The Professional", 1994), ds.items[1].title);
    // A short subtitle is often a film's whole title ("Fallout", "Year One"): offered, not taken.
    EXPECT_EQ(offered(ds, "Ghost Protocol", 2011), (std::vector<std::string>{ds.items[2].title}));
    EXPECT_EQ(find(ds, "Ghost Protocol", 2011).fit, TitleFit::Cut);
    // "or" and ":" variants, and the alternate in parentheses as part of the title.
    EXPECT_EQ(taken(ds, "Birdman or (The Unexpected Virtue of Ignorance)", 2014), ds.items[3].title);
    EXPECT_EQ(taken(ds, "Birdman", 2014), ds.items[3].title);
}

TEST(TitleMatch, PossessivePrefixes) {
    const Dataset ds = catalogue({"Monty Python's Life of Brian (1979)", "William Shakespeare's Romeo + Juliet (1996)",
                                  "Romeo and Juliet (1968)", "Schindler's List (1993)", "Corpse Bride (2005)"});
    EXPECT_EQ(taken(ds, "Life of Brian", 1979), ds.items[0].title);
    EXPECT_EQ(taken(ds, "Romeo + Juliet", 1996), ds.items[1].title);
    EXPECT_EQ(taken(ds, "Romeo and Juliet", 1968), ds.items[2].title);  // the year tells the two apart
    EXPECT_EQ(taken(ds, "Tim Burton's Corpse Bride", 2005), ds.items[4].title);  // the file's possessive
    EXPECT_EQ(taken(ds, "List", 1993), "");  // a possessive never shrinks a title to one word
}

TEST(TitleMatch, LeadingArticlesInEitherConvention) {
    const Dataset ds = catalogue({"Batman (1989)", "The Batman (2022)", "Matrix, The (1999)", "Avventura, L' (Adventure, The) (1960)",
                                  "Cité des enfants perdus, La (1995)", "El test (2022)"});
    EXPECT_EQ(taken(ds, "The Batman", 2022), ds.items[1].title);
    EXPECT_EQ(taken(ds, "Batman, The", 2022), ds.items[1].title);
    EXPECT_EQ(taken(ds, "Batman", 1989), ds.items[0].title);
    EXPECT_EQ(taken(ds, "The Matrix", 1999), ds.items[2].title);
    EXPECT_EQ(taken(ds, "Matrix", 1999), ds.items[2].title);
    EXPECT_EQ(taken(ds, "L'Avventura", 1960), ds.items[3].title);
    EXPECT_EQ(taken(ds, "La Cité des enfants perdus", 1995), ds.items[4].title);
    EXPECT_EQ(taken(ds, "Cite des Enfants Perdus", 1995), ds.items[4].title);  // the other language's article left out
    EXPECT_TRUE(find(ds, "Le test", 2021).titles.empty());  // "Le" is not "El", and a year apart is not the same year
}

TEST(TitleMatch, NumeralsAccentsAndPunctuation) {
    const Dataset ds = catalogue({"It Chapter Two (2019)", "8½ (1963)", "Rocky II (1979)", "Gone in 60 Seconds (2000)",
                                  "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "WALL·E (2008)", "Fast & Furious (2009)"});
    EXPECT_EQ(taken(ds, "It Chapter 2", 2019), ds.items[0].title);
    EXPECT_EQ(taken(ds, "8 1/2", 1963), ds.items[1].title);
    EXPECT_EQ(taken(ds, "Rocky 2", 1979), ds.items[2].title);
    EXPECT_EQ(taken(ds, "Gone in Sixty Seconds", 2000), ds.items[3].title);
    EXPECT_EQ(taken(ds, "Amelie", 2001), ds.items[4].title);
    EXPECT_EQ(taken(ds, "Le Fabuleux Destin d'Amélie Poulain", 2001), ds.items[4].title);
    EXPECT_EQ(taken(ds, "WALL-E", 2008), ds.items[5].title);
    EXPECT_EQ(taken(ds, "Fast and Furious", 2009), ds.items[6].title);
}

TEST(TitleMatch, YearsOneApartAndNamesakes) {
    const Dataset ds = catalogue({"Toy Story (1995)", "All Inclusive (2018)", "All Inclusive (2008)", "Suspiria (2017)", "Death on the Nile (2020)"});
    const Found toy = find(ds, "Toy Story", 1996);
    EXPECT_EQ(toy.fit, TitleFit::YearOff);
    EXPECT_TRUE(toy.sure);  // the catalogue's only film of that title
    // Another film of the title elsewhere: the one a year apart may be a namesake of the person's film. Offered.
    EXPECT_EQ(offered(ds, "All Inclusive", 2019), (std::vector<std::string>{"All Inclusive (2018)"}));
    EXPECT_EQ(taken(ds, "Suspiria", 2018), "Suspiria (2017)");
    EXPECT_EQ(offered(ds, "Death on the Nile", 2022), (std::vector<std::string>{"Death on the Nile (2020)"}));  // two apart
    EXPECT_TRUE(find(ds, "Toy Story", 1998).titles.empty());
    // A row without a year: the title's films, the year unchecked.
    EXPECT_EQ(find(ds, "All Inclusive", 0).titles.size(), 2u);
    EXPECT_EQ(find(ds, "Toy Story", 0).fit, TitleFit::YearOff);
}

TEST(TitleMatch, AFilmWithoutAYearIsNeverCalledYearOff) {
    const Dataset ds = catalogue({"Ready Player One", "Moonlight", "Moonlight (2002)", "Uncharted: Drake's Fortune"});
    const Found rpo = find(ds, "Ready Player One", 2018);
    EXPECT_EQ(rpo.fit, TitleFit::NoYear);
    EXPECT_TRUE(rpo.sure);  // the only film of that title: taken on the title alone
    const Found moon = find(ds, "Moonlight", 2016);
    EXPECT_EQ(moon.fit, TitleFit::NoYear);
    EXPECT_FALSE(moon.sure);  // "Moonlight (2002)" shares the title: the person chooses
    EXPECT_EQ(moon.titles, (std::vector<std::string>{"Moonlight"}));
    // A shortened title never reaches a film without a year.
    EXPECT_TRUE(find(ds, "Uncharted", 2022).titles.empty());
}

TEST(TitleMatch, SeveralFitsAreTheFilesChoiceMostRatedFirst) {
    const Dataset ds = catalogue({"Emma (1996)", "Emma (1996)", "Emma (2020)"}, {1, 5, 0});
    const Found f = find(ds, "Emma", 1996);
    EXPECT_EQ(f.fit, TitleFit::Same);
    EXPECT_FALSE(f.sure);
    ASSERT_EQ(f.titles.size(), 2u);
    const TitleIndex ix(ds);
    EXPECT_EQ(ix.match("Emma", 1996).items, (std::vector<uint32_t>{1, 0}));  // 5 ratings before 1
}

TEST(TitleMatch, TheFilesSubtitleDroppedIsOnlyOffered) {
    const Dataset ds = catalogue({"Gantz (2011)", "Dune (2021)"});
    const Found g = find(ds, "Gantz: Perfect Answer", 2011);
    EXPECT_EQ(g.fit, TitleFit::Cut);
    EXPECT_FALSE(g.sure);  // a sequel of the same year, or the film itself: the person says
    EXPECT_EQ(g.titles, (std::vector<std::string>{"Gantz (2011)"}));
    EXPECT_TRUE(find(ds, "Gantz: Perfect Answer", 2012).titles.empty());
    EXPECT_EQ(taken(ds, "Dune: Part One", 2021), "");
    EXPECT_EQ(offered(ds, "Dune: Part One", 2021), (std::vector<std::string>{"Dune (2021)"}));
    // IMDb's "Original: English Title": the English part is offered.
    const Dataset en = catalogue({"Expelled from Paradise (2014)"});
    EXPECT_EQ(offered(en, "Rakuen Tsuiho: Expelled from Paradise", 2014), (std::vector<std::string>{"Expelled from Paradise (2014)"}));
}

// The last rung: every word that says something of the file's title is in one catalogue title of that year. Offered,
// never taken; one such word alone, another year, or more than kMaxWordFits films offer nothing.
TEST(TitleMatch, AllTheFilesWordsInOneTitleAreOnlyOffered) {
    const Dataset ds = catalogue({"Friday the 13th Part IV: The Final Chapter (1984)", "Friday the 13th Part V: A New Beginning (1985)",
                                  "Saw VII 3D - The Final Chapter (2010)", "Dante's Inferno Animated (2010)",
                                  "Wallace & Gromit in The Curse of the Were-Rabbit (2005)",
                                  "Man with the Movie Camera, The (Chelovek s kino-apparatom) (1929)"});
    const Found f = find(ds, "Friday the 13th: A New Beginning", 1985);
    EXPECT_EQ(f.fit, TitleFit::Words);
    EXPECT_FALSE(f.sure);
    EXPECT_EQ(f.titles, (std::vector<std::string>{ds.items[1].title}));
    EXPECT_EQ(offered(ds, "Friday the 13th: The Final Chapter", 1984), (std::vector<std::string>{ds.items[0].title}));
    EXPECT_EQ(offered(ds, "Saw 3D", 2010), (std::vector<std::string>{ds.items[2].title}));
    EXPECT_EQ(offered(ds, "Wallace & Gromit: The Curse of the Were-Rabbit", 2005), (std::vector<std::string>{ds.items[4].title}));
    EXPECT_EQ(offered(ds, "Man with a Movie Camera", 1929), (std::vector<std::string>{ds.items[5].title}));
    EXPECT_TRUE(find(ds, "Saw 3D", 2011).titles.empty());    // the same year only
    EXPECT_TRUE(find(ds, "Inferno", 2010).titles.empty());   // one word says too little
    EXPECT_TRUE(find(ds, "The Inferno", 2010).titles.empty());  // an article is not a second word
    EXPECT_TRUE(find(ds, "Saw 4D", 2010).titles.empty());    // every word, not most
    // Six films of one year holding both words: too many to offer.
    std::vector<std::string> many;
    for (int k = 1; k <= 6; ++k) many.push_back("Night Train " + std::to_string(k) + " (1999)");
    const Dataset six = catalogue(many);
    EXPECT_TRUE(find(six, "Night Train", 1999).titles.empty());
    many.pop_back();
    EXPECT_EQ(offered(catalogue(many), "Night Train", 1999).size(), 5u);
}

TEST(TitleMatch, HostileTitlesAreHarmless) {
    const Dataset ds = catalogue({"A (2000)", ": (2001)", "((( (2002)", "The (2003)"});
    const TitleIndex ix(ds);
    for (const char* t : {"", " ", ":", " - ", "(", ")", "((()))", "The", "A", "'s", "x's y z", "\xff\xfe", "a: b: c - d - e"}) {
        const TitleMatch m = ix.match(t, 2000);
        EXPECT_LE(m.items.size(), ds.items.size()) << t;
    }
    EXPECT_EQ(taken(ds, "The", 2003), "The (2003)");
    for (const int32_t y : {INT32_MIN, -1, 1, INT32_MAX}) EXPECT_TRUE(ix.match("A", y).items.empty()) << y;
}

}  // namespace
}  // namespace wl
