// The rows of a history preview that found no film, as a CSV the person keeps: to look them up, fix a title or
// year and import the file again (Title,Year,Rating is the Letterboxd import layout this importer reads), or to
// import them elsewhere. Rating is in stars, empty for a row without one; WatchedDate the row's date; Line where
// the row starts in the original file.
#pragma once
#include <string>

#include "history_import.hpp"

namespace wl::app {

std::string unmatched_history_csv(const HistoryPreview& p);

}  // namespace wl::app
