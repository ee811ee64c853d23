// The app's fonts and style at a given pixel density: DejaVu Sans for text (accented Latin included), a larger
// size for headings and a star glyph font for ratings. Rebuilt when the density changes (zoom, other screen).
#pragma once
#include <string>

struct ImFont;

namespace wl::app {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* stars = nullptr;   // ★ (U+2605) and ☆ (U+2606); nullptr when the TTF could not be read
    std::string error;         // why the built-in font is used instead, if it is
};

// Replaces every font in the atlas and the style, scaled by `scale` (device pixels per CSS pixel).
// Call outside a frame; the renderer must recreate its font texture afterwards.
Fonts build_fonts_and_style(const std::string& ttf_path, float scale);

}  // namespace wl::app
