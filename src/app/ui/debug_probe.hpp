// What end-to-end tests read instead of pixels: widget rectangles in CSS pixels, recorded while the UI is drawn,
// and a JSON snapshot of the app's state published as window.weightless.
#pragma once
#include <string>

namespace wl::app::probe {

// Starts a frame's recording; ImGui works in device pixels, so rectangles are divided by `dpr`.
void begin_frame(double dpr);
// Records the last ImGui item's rectangle (clipped to its window) under `name`; nothing when fully hidden.
void item(const std::string& name);
// Records a rectangle drawn without an item (a chart's bar or value, drawn with the draw list), clipped like item();
// when its window cuts it at the left or right, its name is also listed in cut_json().
void rect(const std::string& name, float x0, float y0, float x1, float y1);
// Records the text a widget shows under `name` (a title or label as cut to fit, a help text), so tests read what a
// person reads.
void text(const std::string& name, const std::string& shown);
// {"name":[x,y,w,h],...} for this frame.
std::string rects_json();
// {"name":"shown text",...} for this frame.
std::string texts_json();
// ["name",...]: the rect() shapes of this frame that their window cut at the left or right (a bar or a number drawn
// past the edge).
std::string cut_json();

// JSON string literal (quotes included) with the needed escapes.
std::string quote(const std::string& s);

}  // namespace wl::app::probe
