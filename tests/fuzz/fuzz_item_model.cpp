// The public item model file (WLIM: the app's shipped EASE weights, `weightless-items`, Catalogue.withItemModel):
// read against a 30-movie catalogue as either shape. A FormatError, or a model that saves back to a file reading as
// the same model.
#include "fuzz_util.hpp"
#include "weightless/model/item_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const wl::Dataset cat = wl::fuzz::slice(30, 40);
    const std::span<const uint8_t> file{data, size};
    try {
        if (wl::item_model_kind(file) == wl::ItemModelKind::Neighbours) {
            const auto g = wl::load_item_neighbours(file, cat);
            const auto again = wl::load_item_neighbours(wl::save_item_neighbours(g, cat), cat);
            if (again.offsets != g.offsets || again.items != g.items || again.weights != g.weights) __builtin_trap();
        } else {
            const auto f = wl::load_item_factors(file, cat);
            const auto again = wl::load_item_factors(wl::save_item_factors(f, cat), cat);
            if (again.values != f.values || again.known != f.known) __builtin_trap();
        }
    } catch (const wl::FormatError&) {
    }
    return 0;
}
