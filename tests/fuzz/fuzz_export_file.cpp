// Export files picked with Import (WLEX: the person file and the saved network), against the embedded
// catalogue: a FormatError or an import, with memory bounded by the file (the sanitizer run's malloc limit).
#include "app/logic/exchange.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const auto im = wl::app::import_file({data, size}, wl::fuzz::embedded());
        if (!im.model) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    return 0;
}
