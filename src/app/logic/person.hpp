// The person's own data, which is all the app saves: their ratings, the movies they have not seen, and their
// settings. Serialised as a checksummed "WLAP" container keyed by MovieLens ids (stable across catalogue builds).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl::app {

// Which model fills the recommendation list. Saved as its number: new sources are appended.
enum class RecSource : uint8_t { Wnn = 0, UserMean = 1, Bias = 2, Blend = 3, Ease = 4, Popularity = 5 };
inline constexpr int kRecSources = 6;
// The order the app offers them in: the best list first.
inline constexpr RecSource kRecSourceOrder[kRecSources] = {RecSource::Blend, RecSource::Wnn, RecSource::Ease,
                                                           RecSource::Popularity, RecSource::Bias, RecSource::UserMean};
// Whether the source ranks by a predicted rating (its scores are stars) rather than by relevance.
inline bool rec_source_is_rating(RecSource s) { return s == RecSource::Wnn || s == RecSource::UserMean || s == RecSource::Bias; }
const char* rec_source_label(RecSource s);
const char* rec_source_spec(RecSource s);  // registry spec of the baselines ("" for the WNN)

struct PersonRating {
    uint8_t half_stars = 0;  // 1..10
    int64_t timestamp = 0;   // seconds since epoch
    bool operator==(const PersonRating&) const = default;
};

struct Settings {
    std::string wnn_config;             // params_to_text of the WNN config ("" = the default preset)
    RecSource rec_source = RecSource::Blend;
    uint32_t min_votes = 10;            // recommend only movies with at least this many community ratings
    bool welcome_done = false;
    // "Follow my latest ratings": the list's parts learn only the latest N ratings (0: off, every rating; the app
    // offers kRecentList). The predicted stars always use every rating. Saved from WLAP v4 on.
    uint32_t recent_list = 0;
};
// The window the setting offers: the latest 10, chosen on validation users on both datasets (docs/RECENCY.md).
inline constexpr uint32_t kRecentList = 10;
inline constexpr uint32_t kMaxRecentList = 100000;  // what a file may hold (beyond it: damage)

struct PersonState {
    std::map<uint32_t, PersonRating> ratings;  // item index -> rating
    std::set<uint32_t> unseen;                 // item indices marked "haven't seen"
    // Item indices of films the person has seen (an imported watched.csv, a diary entry logged unrated): the list
    // never offers them, rated or not. And of films on their watchlist (Letterboxd's watchlist.csv, IMDb's, or added
    // in the app): films they mean to watch, so never one they have rated or seen (off_watchlist_when_watched).
    std::set<uint32_t> seen, watchlist;
    // Item indices the person said they are not interested in (the list's "Not interested", undoable): never listed.
    std::set<uint32_t> hidden;
    Settings settings;
    // What a file saved on another catalogue held for movies this one lacks, by MovieLens id: kept, saved and
    // exported unchanged and shown to the person, never learned, so nothing is lost and a later catalogue that has
    // those movies takes them back.
    std::map<uint32_t, PersonRating> aside;
    std::set<uint32_t> unseen_aside, seen_aside, watchlist_aside, hidden_aside;
};

// The watchlist holds films the person means to watch: one they rated or marked seen comes off it (as Letterboxd
// takes a logged film off the watchlist), here and in the movies set aside. Every path that brings ratings, seen marks
// or a watchlist together applies it: loading, merging tabs, adopting, rating, marking seen (docs/DESIGN.md).
void off_watchlist_when_watched(PersonState& p);

// Bytes of a "WLAP" container; catalogue `ds` maps indices to MovieLens ids.
std::vector<uint8_t> save_person(const PersonState& p, const Dataset& ds);
// Throws FormatError (naming `what`) for a corrupt file, a rating outside 0.5..5 or a duplicate. A file saved on
// this catalogue must name only its movies; one saved on another catalogue (the app's older ml-latest-small, say)
// loads with every rating: ids MovieLens merged resolve through the catalogue's aliases, and what this catalogue
// lacks goes to `aside`. The WNN config text is returned as stored (the engine validates it).
PersonState load_person(std::span<const uint8_t> bytes, const Dataset& ds, const std::string& what);
// Whether `bytes` (a valid WLAP file) was saved on catalogue `ds`; false for another catalogue's file.
bool person_saved_on(std::span<const uint8_t> bytes, const Dataset& ds);

}  // namespace wl::app
