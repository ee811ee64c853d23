// The snapshot tests read as window.weightless: start-up timings, the person's ratings, the recommendation list
// with exact predicted values and a hash of every prediction (both computed only when read), storage state and widget rectangles in CSS pixels.
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
// The costly parts, computed when read (platform::DebugHooks): the list with exact values and reasons, and the hash.
std::string debug_recs_json(Ui& ui);
std::string debug_pred_hash_json(Ui& ui);

}  // namespace wl::app
