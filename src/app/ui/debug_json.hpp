// The snapshot tests read as window.weightless: start-up timings, the person's ratings, the recommendation list
// with exact predicted values, a hash of every prediction, storage state and widget rectangles in CSS pixels.
#pragma once
#include <string>

#include "app/platform/platform.hpp"
#include "ui.hpp"

namespace wl::app {

struct Timings {
    double first_frame_ms = -1;  // since the page started loading (performance.now)
    double ready_ms = -1;        // catalogue loaded and models fitted
};

std::string debug_json(Ui& ui, const platform::Surface& s, const Timings& t, const char* stage);

}  // namespace wl::app
