// Sliced learning of an imported history (see import_job.hpp).
#include "import_job.hpp"

#include <chrono>

namespace wl::app {

bool ImportJob::step(AppState& app, double budget_ms) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double, std::milli>(clock::now() - t0).count(); };
    if (!done()) ++slices_;
    while (!done()) {
        app.learn_imported(todo_[next_].first, todo_[next_].second);
        ++next_;
        if (elapsed() >= budget_ms) break;
    }
    work_ms_ += elapsed();
    return done();
}

}  // namespace wl::app
