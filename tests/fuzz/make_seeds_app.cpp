// The app's seed files, written by the app's own writers: a share code, an export file, a person file (also the
// saved state) for a few ratings of the embedded catalogue.
#include <filesystem>
#include <string>

#include "app/logic/app_state.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/person.hpp"
#include "fuzz_util.hpp"

void seed(const std::string& harness, const std::string& name, std::string_view bytes);
void seed(const std::string& harness, const std::string& name, std::span<const uint8_t> bytes);

void write_app_seeds(const wl::Dataset&) {
    using namespace wl::app;
    const wl::Dataset& ds = wl::fuzz::embedded();
    PersonState p;
    for (uint32_t k = 0; k < 12; ++k) p.ratings[k * 97 % static_cast<uint32_t>(ds.num_items())] = {static_cast<uint8_t>(1 + k % 10), 1700000000 + k};
    p.unseen = {5, 6};
    p.settings.min_votes = 3;
    seed("fuzz_share", "twelve", encode_share(p, ds));
    seed("fuzz_share", "fragment", "#r=" + encode_share(p, ds) + "&x=1");
    seed("fuzz_person_file", "twelve", save_person(p, ds));
    seed("fuzz_saved_state", "twelve", save_person(p, ds));
    PersonState small;
    small.ratings[0] = {8, 1};
    small.settings.wnn_config = "tuple_size=6 ensemble=2";
    seed("fuzz_person_file", "one-tuned", save_person(small, ds));
    AppState app(ds, small);
    seed("fuzz_export_file", "one-rating", export_file(app.person(), app.dataset(), app.wnn()));
}
