// The person file (WLAP: ratings, unseen marks, settings; the saved state's and the export's content): a
// FormatError, or a person that saves back to bytes loading as the same person.
#include "app/logic/person.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const wl::Dataset& ds = wl::fuzz::embedded();
    try {
        const wl::app::PersonState p = wl::app::load_person({data, size}, ds, "fuzz");
        const auto saved = wl::app::save_person(p, ds);
        if (wl::app::save_person(wl::app::load_person(saved, ds, "again"), ds) != saved) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    return 0;
}
