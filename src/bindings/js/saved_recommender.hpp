// The JavaScript API's saved recommender (Recommender.save / load), in plain C++ with no embind, so the fuzz
// harness (tests/fuzz/fuzz_js_saved.cpp) reads files exactly as the bindings do.
// Container "WLJS" v2: spec str | catalogue name str | catalogue movie count varint | model (save_model) varint
// length + bytes | next user index varint | users varint, each: user varint | count varint, each: MovieLens id varint,
// half stars u8 (the user's rated movies and, in the same list, those set aside).
// Version 1 (before the 2023 catalogue) has no catalogue name and count: it does not say which catalogue its model was
// made on, so it loads as a file of another catalogue does, by its ratings.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/model.hpp"

namespace wl::js {

// user -> item index -> half stars
using RatedMovies = std::map<uint32_t, std::map<uint32_t, uint8_t>>;
// user -> MovieLens id -> half stars: ratings of movies the catalogue lacks, kept from a file of another catalogue.
using AsideMovies = std::map<uint32_t, std::map<uint32_t, uint8_t>>;

std::vector<uint8_t> save_recommender(const std::string& spec, const Model& model, uint32_t next_user,
                                      const RatedMovies& rated, const AsideMovies& aside, const Dataset& ds);

// What a new Recommender holds: a model of `spec` prepared on `ds` (no catalogue user's own state), over `items`, the
// catalogue's shipped item model, when given.
std::unique_ptr<Model> prepared_model(const std::string& spec, const Dataset& ds, const ItemNeighbours* items);

struct LoadedRecommender {
    std::unique_ptr<Model> model;
    bool relearned = false;  // the file's model was made on another catalogue: rebuilt from its ratings
    RatedMovies rated;
    AsideMovies aside;
    uint32_t next_user = 0;
};
// Throws FormatError for anything but a file saved by a recommender of `spec` (a model of that spec, movies rated once
// each, users below the next index, which may not lie far beyond the stored users). Ratings map by MovieLens id (merged
// ids through the catalogue's aliases; a movie `ds` lacks goes to `aside`). A file of `ds` itself gives its model; for
// a file of another catalogue (or of version 1, which does not say) the model is prepared_model(spec, ds, items) taught
// every user's rated movies.
LoadedRecommender load_recommender(std::span<const uint8_t> file, const std::string& spec, const Dataset& ds,
                                   const ItemNeighbours* items = nullptr);

}  // namespace wl::js
