// The JavaScript API's Recommender.load (src/bindings/js/saved_recommender.cpp, the code the binding calls) over
// a slice of the embedded catalogue, for the specs the seeds were saved with: a FormatError, or a recommender
// that saves back to the same bytes. A file of another catalogue (or of version 1) is rebuilt from its ratings.
// (Catalogue.fromBytes is fuzz_packed; new Recommender(spec) is fuzz_make_model.)
#include "bindings/js/saved_recommender.hpp"
#include "fuzz_util.hpp"
#include "weightless/util/bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::Dataset ds = wl::fuzz::slice(30, 40);
    for (const char* spec : {"user-mean", "bias", "wnn-best"}) {
        try {
            const auto r = wl::js::load_recommender({data, size}, spec, ds);
            const auto again = wl::js::save_recommender(spec, *r.model, r.next_user, r.rated, r.aside, ds);
            const auto reread = wl::js::load_recommender(again, spec, ds);
            if (reread.relearned) __builtin_trap();  // saved on this catalogue: its own model must load
            if (wl::js::save_recommender(spec, *reread.model, reread.next_user, reread.rated, reread.aside, ds) != again)
                __builtin_trap();
        } catch (const wl::FormatError&) {
        }
    }
    return 0;
}
