// The JavaScript API's Recommender.load (src/bindings/js/saved_recommender.cpp, the code the binding calls) over
// a slice of the embedded catalogue, for the specs the seeds were saved with: a FormatError, or a recommender
// that saves back to the same bytes. A file of another catalogue (or of version 1) gives no model: it is rebuilt from
// its ratings as the binding does. (Catalogue.fromBytes is fuzz_packed; new Recommender(spec) is fuzz_make_model.)
#include "bindings/js/saved_recommender.hpp"
#include "fuzz_util.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/bytes.hpp"

namespace {
// The binding's relearning of a file without a usable model.
void relearn(wl::js::LoadedRecommender& r, const std::string& spec, const wl::Dataset& ds) {
    if (r.model) return;
    r.model = wl::make_model(spec);
    r.model->prepare(wl::TrainData{ds, ds.ratings});
    for (const auto& [user, items] : r.rated)
        for (const auto& [item, hs] : items) r.model->learn(wl::Rating{user, item, hs, 0});
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::Dataset ds = wl::fuzz::slice(30, 40);
    for (const char* spec : {"user-mean", "bias", "wnn-best"}) {
        try {
            auto r = wl::js::load_recommender({data, size}, spec, ds);
            relearn(r, spec, ds);
            const auto again = wl::js::save_recommender(spec, *r.model, r.next_user, r.rated, r.aside, ds);
            auto reread = wl::js::load_recommender(again, spec, ds);
            if (!reread.model) __builtin_trap();  // saved on this catalogue: its model must load
            if (wl::js::save_recommender(spec, *reread.model, reread.next_user, reread.rated, reread.aside, ds) != again)
                __builtin_trap();
        } catch (const wl::FormatError&) {
        }
    }
    return 0;
}
