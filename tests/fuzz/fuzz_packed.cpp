// The packed dataset reader (.wlds, also the JS API's Catalogue.fromBytes): a FormatError or a dataset that
// packs back to a file reading as the same dataset.
#include "fuzz_util.hpp"
#include "weightless/util/bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const wl::Dataset ds = wl::unpack_dataset({data, size}, "fuzz.wlds");
        const auto packed = wl::pack_dataset(ds);  // every dataset the reader accepts can be written
        if (wl::pack_dataset(wl::unpack_dataset(packed, "repacked")) != packed) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    return 0;
}
