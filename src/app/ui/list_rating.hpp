// A film rated on the Recommendations list stays where it was, greyed: "You rated it ★★★★ · Undo". Without it, the
// rated film vanishes and the next slides under the finger (issue 20). The row lasts until the list changes
// otherwise (another rating or mark, a filter, "show more") or the person leaves the page; its Undo puts back
// exactly what the rating replaced (AppState::undo_rating). One at a time: the last rating given on a list.
#pragma once
#include <cstdint>
#include <vector>

#include "ui.hpp"

namespace wl::app {

// What a star click on a movie row does: on a list ("rec", "new") a rating that can be undone in place, elsewhere a
// plain rating. Throws as AppState::rate does.
void rate_from_row(Ui& ui, uint32_t item, uint8_t half_stars, const char* tag);
// The rows to draw for the list `recs` drawn under `tag`: the list with the film just rated from it back at its place,
// while that lasts (else the list as it is). A copy: rating a film while the rows are drawn changes the list itself.
std::vector<Recommendation> with_rated_row(Ui& ui, const std::vector<Recommendation>& recs, const char* tag);
// When `item` is the film just rated from the list `tag`, draws its greyed row (its table row already begun: the
// four columns of the desktop table, or the phone's one) and returns true.
bool rated_row(Ui& ui, uint32_t item, const char* tag);

}  // namespace wl::app
