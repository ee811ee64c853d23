// Shared by the app-logic tests: the public item model shipped beside the embedded catalogue (the catalogue itself
// and lookups by MovieLens id are in test_util.hpp).
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

// The public item model shipped beside it (assets/ml-latest-small.items.wlim), as the app loads it.
inline const ItemNeighbours& embedded_items() {
    static const ItemNeighbours g = load_item_neighbours(read_file_bytes(assets("ml-latest-small.items.wlim")), embedded_catalogue());
    return g;
}

// The app's own catalogue (MovieLens 2023 with the community ratings) and the same item model over it, as it loads them.
inline const Dataset& app_catalogue() {
    static const Dataset ds = load_packed(assets("ml-latest-2023.wlds"));
    return ds;
}
inline const ItemNeighbours& app_items() {
    static const ItemNeighbours g = load_item_neighbours(read_file_bytes(assets("ml-latest-small.items.wlim")), app_catalogue());
    return g;
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
