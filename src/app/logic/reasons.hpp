// A recommendation's reason in words a person reads ("Because you liked Pulp Fiction (4★) and The Matrix (5★):
// people who watch them often watch this"), from the list model's own reasons (Model::explain: the rated movies
// behind the pick). The technical form (bits, cells, weights) stays in the UI one click away. No UI here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace wl::app {

// A film the person rated below this (3.5 stars) never supports a pick: "you liked" must be true.
inline constexpr uint8_t kLikedHalfStars = 7;

struct PlainReason {
    std::string text;              // one sentence; "" when the list gives no reason (the baselines, no ratings yet)
    std::vector<uint32_t> cited;   // the liked films it names, strongest first
};

// The reason for `r` on the list of source `src`, naming at most `max_films` of the films the person liked among
// its reasons (strongest first). Reasons whose film the person rated below kLikedHalfStars are left out; when none
// is left, the sentence says the pick does not come from a film they liked.
PlainReason plain_reason(const AppState& app, const Recommendation& r, RecSource src, size_t max_films = 2);

// "4★", "4½★": a rating as the reasons write it.
std::string stars_text(uint8_t half_stars);

// A film as a reason names it: its main title alone, "Raiders of the Lost Ark" for MovieLens' "Raiders of the Lost
// Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)" (the person rated it: they know which one it is).
std::string reason_title(std::string_view movielens_title);

}  // namespace wl::app
