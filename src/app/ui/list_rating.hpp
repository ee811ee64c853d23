// A film rated on the Recommendations list stays where it was, greyed: "You rated it ★★★★ · Undo". Without it, the
// rated film vanishes and the next slides under the finger (issue 20). The row lasts until the list changes
// otherwise (another rating or mark, a filter, "show more") or the person leaves the page; its Undo puts back
// exactly what the rating replaced (AppState::undo_rating). One at a time: the last rating given on a list. It keeps
// the height of the film's row as drawn the frame before the click (what the person saw), so the rows below stay put.
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
// Begins the table row of `item` on the list `tag` (the four columns of the desktop table, or the phone's one). When
// it is the film just rated from that list, draws its greyed row instead, as tall as the film's own row was when it
// was rated (nothing below moves: docs/DESIGN.md), and returns true; else the caller draws the row and then calls
// end_list_row.
bool list_row(Ui& ui, uint32_t item, const char* tag);
// After the last cell of a film's own row: notes the row's height as drawn this frame, for its greyed row.
void end_list_row(Ui& ui, uint32_t item, const char* tag);

}  // namespace wl::app
