// Shared by the history import tests: a fixture's bytes, the catalogue's index built once, and parse_history at a
// fixed "now" over the embedded catalogue.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/logic/history_import.hpp"
#include "app_test_util.hpp"

namespace wl::app::test_history {

inline std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }
inline std::vector<uint8_t> fixture(const std::string& name) {
    return read_file_bytes(std::string(WL_ASSETS_DIR) + "/../tests/fixtures/import/" + name);
}
inline const HistoryIndex& index() {
    static const HistoryIndex ix(test::embedded_catalogue());
    return ix;
}
inline HistoryPreview parse(const std::vector<uint8_t>& b, std::string_view name = {}) {
    return parse_history(b, test::embedded_catalogue(), index(), 1'700'000'000, name);
}

}  // namespace wl::app::test_history
