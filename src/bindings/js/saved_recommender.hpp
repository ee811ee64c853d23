// The JavaScript API's saved recommender (Recommender.save / load), in plain C++ with no embind, so the fuzz
// harness (tests/fuzz/fuzz_js_saved.cpp) reads files exactly as the bindings do.
// Container "WLJS" v1: spec str | model (save_model) varint length + bytes | next user index varint |
// users varint, each: user varint | count varint, each: MovieLens id varint, half stars u8.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/model/model.hpp"

namespace wl::js {

// user -> item index -> half stars
using RatedMovies = std::map<uint32_t, std::map<uint32_t, uint8_t>>;

std::vector<uint8_t> save_recommender(const std::string& spec, const Model& model, uint32_t next_user,
                                      const RatedMovies& rated, const Dataset& ds);

struct LoadedRecommender {
    std::unique_ptr<Model> model;
    RatedMovies rated;
    uint32_t next_user = 0;
};
// Throws FormatError for anything but a file saved by a recommender of `spec` over `ds` (a model of that spec,
// known movies rated once each, users below the next index, which may not lie far beyond the stored users).
LoadedRecommender load_recommender(std::span<const uint8_t> file, const std::string& spec, const Dataset& ds);

}  // namespace wl::js
