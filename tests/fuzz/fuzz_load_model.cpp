// load_model for every registered model kind (the CLI's, the app import's and the JS API's Recommender.load
// path): a FormatError, or a model that saves back to the same bytes, predicts within 0.5..5 stars and learns,
// forgets and predicts again with no error but the interface's own (std::invalid_argument / logic_error).
#include <cmath>
#include <memory>

#include "fuzz_util.hpp"
#include "weightless/model/registry.hpp"

namespace {
void check_stars(double p) {
    if (!(p >= 0.5 && p <= 5.0)) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::vector<std::string> names = wl::model_names();
    for (const std::string& name : names) {
        const std::unique_ptr<wl::Model> m = wl::make_model(name);
        try {
            wl::load_model(*m, {data, size});
        } catch (const wl::FormatError&) {
            continue;
        }
        const auto saved = wl::save_model(*m);
        const std::unique_ptr<wl::Model> again = wl::make_model(name);
        wl::load_model(*again, saved);  // what a model saves, it loads
        if (wl::save_model(*again) != saved) __builtin_trap();
        try {
            check_stars(m->predict(0, 0));
            const wl::Rating r{0, 0, 7, 0};
            m->learn(r);
            check_stars(m->predict(0, 0));
            if (m->can_forget()) {
                m->forget(r);
                if (wl::save_model(*m) != saved) __builtin_trap();  // forget is exact
            }
        } catch (const std::invalid_argument&) {
        } catch (const std::logic_error&) {
        }
    }
    return 0;
}
