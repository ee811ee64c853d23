// Moving the person's data out of the tab and back, always by the person's own hand: an export file (ratings,
// settings and the model, versioned and checksummed) and a share link whose URL fragment holds the ratings.
// Both decoders take hostile input: any defect is a FormatError naming it, and nothing is changed.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "person.hpp"
#include "weightless/data/dataset.hpp"
#include "weightless/model/model.hpp"

namespace wl::app {

// Export file: container "WLEX" v1 = { WLAP bytes (save_person), WLMD bytes (save_model of the network) }. A file
// exported on another catalogue loads its person (load_person's rules) without its network, which is retrained.
std::vector<uint8_t> export_file(const PersonState& p, const Dataset& ds, const Model& wnn);
struct Imported {
    PersonState person;
    std::unique_ptr<Model> model;  // the network as saved (for checking the retrained one); null: another catalogue's
};
Imported import_file(std::span<const uint8_t> bytes, const Dataset& ds);
inline constexpr size_t kMaxImportBytes = 64u << 20;

// Share code (the part after "#r="): base64url, no padding, of: version u8 (1) | count varint | per rating in
// increasing MovieLens id: varint((id - previous id) * 10 + half_stars - 1), the first from 0 | crc32 u32.
std::string encode_share(const PersonState& p, const Dataset& ds);
// The ratings of a share code, with timestamp `now`. Throws FormatError for anything but a well-formed code of
// movies each once, rated 0.5..5. A link made on another catalogue may name movies this one lacks: those are set
// aside by MovieLens id (PersonState::aside), and ids MovieLens merged resolve through the catalogue's aliases.
struct SharedRatings {
    std::map<uint32_t, PersonRating> ratings;  // item index -> rating
    std::map<uint32_t, PersonRating> aside;    // MovieLens id -> rating, movies this catalogue lacks
    size_t size() const { return ratings.size() + aside.size(); }
    bool empty() const { return size() == 0; }
    void clear() { ratings.clear(), aside.clear(); }
};
SharedRatings decode_share(std::string_view code, const Dataset& ds, int64_t now);
inline constexpr size_t kMaxShareChars = 64 * 1024;

// The share code in a URL fragment ("#r=CODE", "r=CODE" or with other "&"-separated keys); nullopt when there is
// no r= key. Throws FormatError when the fragment is too long.
std::optional<std::string> share_code_of_fragment(std::string_view fragment);

}  // namespace wl::app
