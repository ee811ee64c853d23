// Finding a catalogue film from a title and year as people's exports write them (a Letterboxd file has no ids):
// "Star Wars" (1977) is MovieLens' "Star Wars: Episode IV - A New Hope (1977)", "Castle in the Sky" its "Laputa:
// Castle in the Sky (Tenkû no shiro Rapyuta)", "Life of Brian" its "Monty Python's Life of Brian". In the core, so
// the app's history import (parse_history) and anything built on the core match titles one way.
//
// A title's key folds what writers vary: case, accents, punctuation and spacing ("Spider-Man" = "Spiderman"), a
// leading English article ("The Batman" = "Batman, The"), "&" / "+" / "and", number words and Roman numerals
// ("Chapter Two" = "Chapter 2", "Part II" = "Part 2"), fractions ("8½" = "8 1/2"). Each title has full forms (the main
// title, each alternate in parentheses, the whole) and looser ones (before a subtitle ":" / " - ", without a
// possessive prefix "Monty Python's", without the middle of "Star Wars: Episode VIII - The Last Jedi"). A match takes
// the strongest rung that finds any film: the full forms in the same year, a year apart, or (a catalogue film with no
// year) by title alone; then a full form against a looser one, the same year or one apart; then the full forms two
// years apart; then the file's title without its subtitle (or a short subtitle of the catalogue's), the same year;
// last, every word of the file's title among one catalogue title's words, the same year ("Friday the 13th: A New
// Beginning" is "Friday the 13th Part V: A New Beginning", "Saw 3D" is "Saw VII 3D - The Final Chapter").
// Looser rungs never accept a film without a year or a file row without one, and whatever is uncertain is left for
// the person to choose (TitleMatch::sure): a wrong match teaches the person's model a film they never rated.
// docs/IMPORT_MATCHING.md measures it on real exports.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

// A MovieLens title's parts: "City of Lost Children, The (Cité des enfants perdus, La) (1995)" has the main title
// "The City of Lost Children", the alternate "La Cité des enfants perdus" (a.k.a. dropped) and the year 1995.
// Articles written after a comma are moved to the front.
struct TitleParts {
    std::string main;
    std::vector<std::string> alternates;  // in the order written
    int32_t year = 0;                     // 0 when the title has none
};
TitleParts split_movielens_title(std::string_view title);

// How well the films of a TitleMatch fit, strongest first.
enum class TitleFit : uint8_t {
    Same,     // the title (the main title or an alternate) and the same year
    YearOff,  // the title, the years one apart (two apart: only offered), or the row gives no year
    NoYear,   // the title; the catalogue gives the film no year, so no year could be compared
    Loose,    // a looser form of one title is the other's (the catalogue's subtitle or a possessive prefix dropped,
              // a sequel number or "Movie" dropped), the same year or one off
    Cut,      // a part of one title is the other, the same year: the file's title without its subtitle ("Gantz: Perfect
              // Answer" -> "Gantz") or a short subtitle of the catalogue's alone ("Ghost Protocol")
    Words,    // every word of the file's title (two or more, beside articles and "of", "in"...) is a word of one of the
              // catalogue film's titles, the same year: offered among at most kMaxWordFits films, never taken
    None,     // nothing fits
};
const char* title_fit_name(TitleFit f);  // "same", "year-off", "no-year", "loose", "cut", "words", "none"

struct TitleMatch {
    TitleFit fit = TitleFit::None;
    std::vector<uint32_t> items;  // catalogue items that fit equally well, most rated first (empty for None)
    // Whether the one film may be taken without asking the person: one film, found by its title in the same year, or
    // by a looser form in the same year, or a year apart (or without a year in the catalogue) when no other film of
    // the catalogue has that title. Otherwise (several films, a cut title, a namesake elsewhere) the person chooses.
    bool sure = false;
};

// Every title of a catalogue under its keys. Keeps no reference to the dataset.
class TitleIndex {
public:
    explicit TitleIndex(const Dataset& ds);

    // The films for a title as a file writes it and its year (0: the file gives none).
    TitleMatch match(std::string_view title, int32_t year) const;
    // Items with a full form whose key is the title's (empty: none).
    std::span<const uint32_t> find(std::string_view title) const;

    // The folded key of one title: "The Matrix" -> "matrix", "Spider-Man 2" -> "spiderman2".
    static std::string key(std::string_view title);
    // The most films the Words rung offers: more means the words say too little.
    static constexpr size_t kMaxWordFits = 5;

private:
    struct Table {  // keys (as 64-bit hashes, sorted) -> items
        std::vector<uint64_t> keys;
        std::vector<uint32_t> start, items;
        std::vector<uint32_t> dir;  // dir[b]: the first key whose top 16 bits are b or more
        void build(std::vector<std::pair<uint64_t, uint32_t>>& entries);
        std::span<const uint32_t> find(uint64_t k) const;
    };
    Table full_, loose_, after_;  // full forms, looser forms, the text after a subtitle mark
    // Each word of the full forms -> the films whose titles have it: made at the first row that gets that far (most
    // imports never do, and the app builds the rest of the index when it starts). Behind a pointer, so the index moves.
    struct Words {
        std::once_flag once;
        Table table;
    };
    std::shared_ptr<Words> words_ = std::make_shared<Words>();
    std::vector<std::string> titles_;  // kept for words_ (the index keeps no reference to the dataset)
    std::vector<uint32_t> word_fits(std::string_view title, int32_t year) const;
    std::vector<int16_t> year_;
    std::vector<uint32_t> votes_;
};

}  // namespace wl
