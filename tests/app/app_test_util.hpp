// Shared by the app-logic tests: the real embedded catalogue (assets/ml-latest-small.wlds), loaded once, and
// lookups by MovieLens id so the tests name movies the way people know them.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "test_util.hpp"
#include "weightless/data/dataset.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::test {

inline const Dataset& embedded_catalogue() {
    static const Dataset ds = unpack_dataset(read_file_bytes(assets("ml-latest-small.wlds")), "embedded catalogue");
    return ds;
}

// The public item model shipped beside it (assets/ml-latest-small.items.wlim), as the app loads it.
inline const ItemNeighbours& embedded_items() {
    static const ItemNeighbours g = load_item_neighbours(read_file_bytes(assets("ml-latest-small.items.wlim")), embedded_catalogue());
    return g;
}

// Dense index of MovieLens movie `id` (throws when the catalogue lacks it, so a typo fails loudly).
inline uint32_t item_of(const Dataset& ds, uint32_t id) {
    const int64_t i = ds.item_index(id);
    if (i < 0) throw std::invalid_argument("no movie id " + std::to_string(id) + " in " + ds.name);
    return static_cast<uint32_t>(i);
}

// Runs `f`, expects a FormatError and returns its message ("" and a test failure when none is thrown).
template <class F>
std::string format_error_of(F&& f) {
    try {
        f();
    } catch (const FormatError& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected FormatError, got another exception: " << e.what();
        return e.what();
    }
    ADD_FAILURE() << "expected FormatError, nothing was thrown";
    return "";
}

}  // namespace wl::test
