// Learning an imported history without freezing the page: the confirmed ratings are learned a slice at a time
// (each slice within a time budget), so a thousand ratings spread over a few frames and the page keeps drawing.
#pragma once
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "app_state.hpp"

namespace wl::app {

class ImportJob {
public:
    explicit ImportJob(const std::map<uint32_t, PersonRating>& ratings) : todo_(ratings.begin(), ratings.end()) {}
    // Learns ratings until `budget_ms` has passed (at least one); true when every rating is learned.
    bool step(AppState& app, double budget_ms);
    bool done() const { return next_ == todo_.size(); }
    size_t learned() const { return next_; }
    size_t total() const { return todo_.size(); }
    double work_ms() const { return work_ms_; }  // time spent learning, over all slices
    uint64_t slices() const { return slices_; }

private:
    std::vector<std::pair<uint32_t, PersonRating>> todo_;
    size_t next_ = 0;
    double work_ms_ = 0;
    uint64_t slices_ = 0;
};

}  // namespace wl::app
