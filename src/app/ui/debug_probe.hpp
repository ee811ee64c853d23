// What end-to-end tests read instead of pixels: widget rectangles in CSS pixels, recorded while the UI is drawn,
// and a JSON snapshot of the app's state published as window.weightless.
#pragma once
#include <string>

namespace wl::app::probe {

// Starts a frame's recording; ImGui works in device pixels, so rectangles are divided by `dpr`.
void begin_frame(double dpr);
// Records the last ImGui item's rectangle (clipped to its window) under `name`; nothing when fully hidden.
void item(const std::string& name);
// {"name":[x,y,w,h],...} for this frame.
std::string rects_json();

// JSON string literal (quotes included) with the needed escapes.
std::string quote(const std::string& s);

}  // namespace wl::app::probe
