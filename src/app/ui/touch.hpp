// Touch on the canvas: dragging a finger scrolls the list under it (ImGui scrolls only by wheel and scrollbar), and a
// press that turns into a drag is released without clicking, so scrolling never rates a movie.
#pragma once

#include "ui.hpp"

namespace wl::app {

// Call once per frame after the UI is drawn (before ImGui::Render).
void touch_scroll(Ui& ui);
// Records the last item's rectangle as a text box (a tap there opens the phone's keyboard).
void note_text_field(Ui& ui);
// Records the last item as a button that opens the file picker (a tap there opens it within the tap).
void note_pick_button(Ui& ui);

}  // namespace wl::app
