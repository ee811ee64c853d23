// Small widgets shared by the pages: the half-star rating control, star displays, the movie line, help marks.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ui.hpp"

namespace wl::app {

// Five stars rated in halves by a click (left half of a star = half). Keyboard when focused: 1..5 whole stars,
// Shift+1..5 half a star less, Delete removes. Returns true when the person chose: *out = 1..10, or 0 = remove.
bool star_input(Ui& ui, const char* id, uint8_t half_now, uint8_t* out);
// Read-only stars for a value in stars (0.5..5), then the number.
void star_display(Ui& ui, double stars);

// `s` cut with an ellipsis (whole UTF-8 characters) to fit `width` pixels; unchanged when it fits.
std::string fit_text(std::string s, float width);
// A title cut in the middle to fit `width` pixels: its start, an ellipsis, and its end (the subtitle and the year),
// so that "The Lord of the Rings: The Two Towers (2002)" and "…: The Fellowship of the Ring (2001)" stay apart.
std::string fit_title(const std::string& s, float width);

// Title (year), cut in the middle at the edge of its cell (fit_title), or whole and wrapped in its cell on a phone and
// with `wrap` (rows several lines tall anyway); the whole title, genres and the community's mean as a tooltip. `tag`
// names the shown text for the tests ("TAG:ID:title").
void movie_title(Ui& ui, uint32_t item, const char* tag, bool wrap = false);

// After a movie's title: a click on it opens a menu of its pages on MovieLens, IMDb and TMDB; the one chosen opens in
// a new tab with no referrer. Nothing is requested before that choice. `key` ("TAG:ID") names the menu.
void title_links(Ui& ui, uint32_t item, const std::string& key);

// The rating controls of one movie: stars, "haven't seen" toggle and remove. `tag` prefixes the probe names
// ("q", "r", "y", "rec") so tests can find each copy.
void rating_controls(Ui& ui, uint32_t item, const char* tag);

// SameLine() when an item `next_w` wide still fits on this line, else nothing (the next item starts a new line):
// rows of buttons and filters that reflow on a narrow window.
void same_line_if_fits(float next_w);

// A "(?)" that shows `text` on hover. A finger cannot hover, so on a touch screen it is a button that opens and
// closes the text in place, below it. `name` names it for the tests ("help:NAME", open text "help-text:NAME").
void help_mark(const Ui& ui, const char* name, const std::string& text);
// Text in the disabled colour.
void dim_text(const std::string& s);

// "12.3 KB" style sizes.
std::string human_bytes(size_t bytes);

}  // namespace wl::app

namespace wl::app {

// Charts drawn with ImGui's draw list (charts.cpp). A horizontal bar per label, value printed with `fmt`;
// bars scale to [0, vmax]; NaN values show "-".
void bar_chart(Ui& ui, const char* id, const std::vector<std::string>& labels, const std::vector<double>& values,
               double vmax, const char* fmt);
// Lines of one value per x position (NaN = gap), one colour per series, a legend, y from ymin to ymax.
void line_chart(Ui& ui, const char* id, const std::vector<std::string>& series, const std::vector<std::vector<double>>& ys,
                const std::vector<std::string>& xlabels, double ymin, double ymax, const char* yfmt, float height);
// The colour of series k in every chart.
unsigned chart_color(size_t k);

}  // namespace wl::app
