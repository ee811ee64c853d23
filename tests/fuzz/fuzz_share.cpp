// Share links: the URL fragment and the share code in it, against the embedded catalogue. A FormatError, or
// ratings that encode back to a code decoding to the same ratings.
#include "app/logic/exchange.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const wl::Dataset& ds = wl::fuzz::embedded();
    try {
        if (const auto code = wl::app::share_code_of_fragment(text)) (void)wl::app::decode_share(*code, ds, 1);
    } catch (const wl::FormatError&) {
    }
    try {
        const wl::app::SharedRatings shared = wl::app::decode_share(text, ds, 1);
        wl::app::PersonState p;
        p.ratings = shared.ratings;
        p.aside = shared.aside;  // movies the catalogue lacks travel on
        const std::string again = wl::app::encode_share(p, ds);
        if (wl::app::decode_share(again, ds, 1).size() != shared.size()) __builtin_trap();
    } catch (const wl::FormatError&) {
    }
    return 0;
}
