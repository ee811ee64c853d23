// The byte containers and readers every binary file goes through (util/bytes): the input is first tried as a
// container, then read as a program of reads (each byte picks the next read). Only FormatError may come out.
#include "fuzz_util.hpp"
#include "weightless/util/bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> in(data, size);
    try {
        uint32_t version = 0;
        const auto payload = wl::unwrap_container(in, "WLMD", 3, &version, "fuzz");
        if (wl::wrap_container("WLMD", version, payload) != std::vector<uint8_t>(in.begin(), in.end())) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    try {
        wl::ByteReader r(in, "fuzz");
        while (!r.done()) {
            switch (r.u8() % 10) {
                case 0: r.u16(); break;
                case 1: r.u32(); break;
                case 2: r.u64(); break;
                case 3: r.f64(); break;
                case 4: r.varint(); break;
                case 5: r.svarint(); break;
                case 6: r.str(64); break;
                case 7: r.bytes(r.u8()); break;
                case 8: r.count(1 + r.u8() % 8, 1000); break;
                case 9: r.expect_done(); break;
            }
        }
    } catch (const wl::FormatError&) {
    }
    return 0;
}
