// Public item models as data: what a central fit on the catalogue's interactions hands to every person's tab.
// Two shapes: a sparse item -> item weight list (EASE, item kNN: a person's score for item i is the sum of the
// weights from the items they have rated to i), or an item -> factor vector table (iALS, or factors trained
// elsewhere, e.g. Spark MLlib's ALS `itemFactors`). Items are named by their catalogue ids (MovieLens movieId) in
// files, so a model drops in on any catalogue build that has those movies.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

// Row j lists the items that an interaction with item j votes for, with their weights, strongest first.
// Items are dense catalogue indices.
struct ItemNeighbours {
    std::string source;                // what built it, e.g. "ease:lambda=500 k=64"
    uint32_t n_items = 0;
    std::vector<uint64_t> offsets;     // n_items + 1
    std::vector<uint32_t> items;
    std::vector<float> weights;

    std::span<const uint32_t> row_items(uint32_t j) const {
        return {items.data() + offsets[j], items.data() + offsets[j + 1]};
    }
    std::span<const float> row_weights(uint32_t j) const {
        return {weights.data() + offsets[j], weights.data() + offsets[j + 1]};
    }
    size_t nnz() const { return items.size(); }
    size_t memory_bytes() const;
};

// Which weights of a row a sparsifier keeps. Magnitude: the k largest |w| (EASE as published: a negative weight,
// "people who watch a rarely watch b", is as informative as a positive one); Positive: the k largest w > 0 (item
// kNN's cosines, never negative; and `ease:keep=positive`, the weaker variant earlier versions shipped).
enum class Keep : uint8_t { Magnitude, Positive };

// Keeps, per row of a dense n x n weight matrix (row-major, the diagonal and zeros ignored), the k weights `keep`
// names (ties: lower item first), each row stored by weight, largest first (so the strongest positive neighbours
// lead a row and negative weights, if kept, close it). The one sparsifier EASE and item kNN share.
ItemNeighbours top_k_rows(std::span<const double> dense, uint32_t n, std::span<const uint32_t> item_of_row, uint32_t n_items,
                          uint32_t k, std::string source, Keep keep = Keep::Magnitude);

// The same keep rule over the whole matrix at once: the `total` strongest weights wherever they are (ties: earlier
// row, then lower item), so a movie whose weights matter more keeps more of them than one whose row is flat.
ItemNeighbours top_n_global(std::span<const double> dense, uint32_t n, std::span<const uint32_t> item_of_row, uint32_t n_items,
                            uint64_t total, std::string source, Keep keep = Keep::Magnitude);

// How a WLIM file stores a neighbour list's weights: float32 bits, or signed 16- or 8-bit integers times a per-row
// float scale (the row's largest |w| over 32767 or 127). The enum's order is the `bits` choice's ("32", "16", "8").
enum class WeightBits : uint8_t { F32, I16, I8 };
// Rounds every weight to what a file of that precision stores, in place: a list quantised here saves and loads back
// bit for bit, so a model evaluated with `bits=8` is exactly the one shipped at 8 bits.
void quantize_weights(ItemNeighbours& g, WeightBits bits);

// The in-model form of a neighbour list (dense indices, f32 bits), shared by every model that saves one. Reading
// checks each size against the bytes left before allocating; errors name `what`.
void write_neighbours(ByteWriter& w, const ItemNeighbours& g);
ItemNeighbours read_neighbours(ByteReader& r, size_t max_items, const std::string& what);

// Row j of the result lists every i whose row in g lists j (with that weight): "the items j is a neighbour of".
ItemNeighbours transpose(const ItemNeighbours& g);

// Item factors: row i is item i's vector (zeros and known[i] == 0 for an item the model has no vector for).
struct ItemFactors {
    std::string source;
    uint32_t n_items = 0, dim = 0;
    std::vector<float> values;    // n_items x dim, row-major
    std::vector<uint8_t> known;   // n_items
    std::span<const float> row(uint32_t i) const { return {values.data() + size_t{i} * dim, dim}; }
    size_t memory_bytes() const;
};

// A versioned, checksummed "WLIM" file holding one public item model, items named by catalogue id. Reading
// checks every id against `catalogue` (an unknown id is a FormatError naming it) and every size against the bytes
// left before allocating.
// Format version 2 stores a neighbour list compactly (every movie named once in a sorted id table, rows and
// neighbours as delta-coded indices into it, the weights apart at `bits` precision) so it gzips well; version-1
// files (float32 weights beside each neighbour id) still load.
std::vector<uint8_t> save_item_neighbours(const ItemNeighbours& g, const Dataset& catalogue, WeightBits bits = WeightBits::F32);
std::vector<uint8_t> save_item_factors(const ItemFactors& f, const Dataset& catalogue);
// Which shape a WLIM file holds (FormatError when it is no WLIM file).
enum class ItemModelKind : uint8_t { Neighbours = 1, Factors = 2 };
ItemModelKind item_model_kind(std::span<const uint8_t> file);
ItemNeighbours load_item_neighbours(std::span<const uint8_t> file, const Dataset& catalogue);
ItemFactors load_item_factors(std::span<const uint8_t> file, const Dataset& catalogue);

// CSV forms, for models built elsewhere. Neighbours: header `item,neighbour,weight`, one row per weight.
// Factors: header `id,features` with features as a bracketed list "[0.1, -0.2, ...]" (what Spark's
// `model.itemFactors.write.csv` gives after `features` is cast to string) or as further columns
// `id,f0,f1,...`. Ids are catalogue ids; rows of ids the catalogue lacks are counted in `skipped`, never guessed.
// Errors are DataError naming `path`, the line and the problem.
struct CsvImport {
    uint32_t rows = 0, skipped = 0;
};
ItemNeighbours item_neighbours_from_csv(std::string_view text, const Dataset& catalogue, const std::string& path,
                                        CsvImport* report = nullptr);
ItemFactors item_factors_from_csv(std::string_view text, const Dataset& catalogue, const std::string& path,
                                  CsvImport* report = nullptr);
std::string item_neighbours_to_csv(const ItemNeighbours& g, const Dataset& catalogue);

}  // namespace wl
