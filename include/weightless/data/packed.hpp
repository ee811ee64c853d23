// The packed dataset (.wlds): a compact, deterministic, checksummed binary form of a Dataset, used for the
// embedded default catalogue (assets/ml-latest-small.wlds) so the app needs no CSV parsing.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

// Container magic "WLDS", version 1, 2 or 3 (see util/bytes.hpp). Payload, all varints LEB128, svarints zig-zag:
//   name str | genre count varint (<= 32), each str
//   item count varint, each: id svarint (delta from the previous id), title str, year svarint, genres varint,
//     version 2 only: metadata bits varint (1 imdb_id, 2 tmdb_id, 4 language, 8 vote_average, 16 vote_count),
//     then each field whose bit is set, in that order: varint, varint, str (<= 16 bytes), varint (0..1000), varint
//     (a set bit never carries the field's unknown value)
//   version 3 only (items as version 2): alias count varint (1..items), each: old id svarint (delta from the
//     previous old id, ascending), current id varint (an item's id; an old id is never an item's own id)
//   user count varint, each: id svarint (delta from the previous id)
//   rating count varint, each: user svarint (delta from the previous rating's user),
//     item svarint (delta from the previous rating's item), half_stars u8, timestamp svarint (delta)
// Everything is kept in order, so unpack_dataset(pack_dataset(ds)) == ds field for field. Version 1 is written when
// no item has metadata (Item::has_metadata), version 2 when there are no id aliases, so such datasets pack exactly as
// before the later versions existed.
// Throws std::invalid_argument when ds breaks a rule unpack_dataset enforces (so nothing unreadable is written).
std::vector<uint8_t> pack_dataset(const Dataset& ds);

// Validates everything (checksum, counts, indices in range, half_stars 1..10, timestamps >= 0, unique ids and
// (user, item) pairs, genre bits, UTF-8 text) and throws FormatError naming `what` on any problem.
Dataset unpack_dataset(std::span<const uint8_t> bytes, const std::string& what);

// DataError when the file cannot be read; FormatError when its content is bad.
Dataset load_packed(const std::string& path);

// $WEIGHTLESS_ASSETS (when set and non-empty) or the build's WL_ASSETS_DIR, + "/ml-latest-small.wlds".
std::string embedded_dataset_path();

}  // namespace wl
