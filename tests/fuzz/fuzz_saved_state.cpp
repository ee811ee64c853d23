// The saved state as the app reads it at start (SavedState::load of the file in its folder): whatever the file
// holds, load reports Nothing, Loaded or Damaged and never throws; a damaged file pauses saving and is left as
// it was (the last good copy is never overwritten).
#include "app/logic/app_state.hpp"
#include "app/logic/persist.hpp"
#include "fuzz_util.hpp"
#include "weightless/util/bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const wl::Dataset& ds = wl::fuzz::embedded();
    const std::string dir = wl::fuzz::scratch().string();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    wl::fuzz::write_file(wl::fuzz::scratch() / "state.wlap", bytes);
    wl::app::SavedState saved(dir);
    wl::app::PersonState p;
    const auto found = saved.load(ds, p);
    if (found == wl::app::SavedState::Found::Nothing) __builtin_trap();  // the file is there
    if (found == wl::app::SavedState::Found::Damaged) {
        if (!saved.paused() || saved.error().empty()) __builtin_trap();
        const auto after = wl::read_file_bytes(dir + "/state.wlap");
        if (std::string_view(reinterpret_cast<const char*>(after.data()), after.size()) != bytes) __builtin_trap();
    }
    return 0;
}
