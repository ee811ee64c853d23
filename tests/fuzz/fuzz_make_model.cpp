// Model specs and params text ("name:key=value ..."; make_model, the CLI's --model and the JS API's
// new Recommender(spec)): a ParamError, or a model whose config text makes the same model again.
#include <memory>
#include <string>

#include "fuzz_util.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return -1;
    const std::string spec(reinterpret_cast<const char*>(data), size);
    std::unique_ptr<wl::Model> m;
    try {
        m = wl::make_model(spec);
    } catch (const wl::ParamError&) {
        return 0;
    }
    const std::string name = spec.substr(0, spec.find(':'));
    const std::string text = m->config_text();
    const auto again = wl::make_model(text.empty() ? name : name + ":" + text);  // must not throw
    if (again->config_text() != text) __builtin_trap();
    return 0;
}
