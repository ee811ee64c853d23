// Export files and share codes (see exchange.hpp).
#include "exchange.hpp"

#include "weightless/model/wnn_model.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {

constexpr char kExportMagic[] = "WLEX";
constexpr uint32_t kExportVersion = 1;
constexpr uint8_t kShareVersion = 1;
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string b64url(std::span<const uint8_t> b) {
    std::string s;
    uint32_t acc = 0;
    int bits = 0;
    for (uint8_t c : b) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            s += kB64[(acc >> bits) & 63];
        }
    }
    if (bits > 0) s += kB64[(acc << (6 - bits)) & 63];
    return s;
}

std::vector<uint8_t> unb64url(std::string_view s) {
    std::vector<uint8_t> out;
    uint32_t acc = 0;
    int bits = 0;
    for (const char c : s) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-') v = 62;
        else if (c == '_') v = 63;
        else throw FormatError("share link: character outside base64url");
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>((acc >> bits) & 0xFF));
        }
    }
    if (bits >= 6 || (acc & ((1u << bits) - 1)) != 0) throw FormatError("share link: truncated");
    return out;
}

}  // namespace

std::vector<uint8_t> export_file(const PersonState& p, const Dataset& ds, const Model& wnn) {
    ByteWriter w;
    const auto person = save_person(p, ds);
    const auto model = save_model(wnn);
    w.varint(person.size());
    w.bytes(person);
    w.varint(model.size());
    w.bytes(model);
    return wrap_container(kExportMagic, kExportVersion, w.data());
}

Imported import_file(std::span<const uint8_t> bytes, const Dataset& ds) {
    const std::string what = "export file";
    if (bytes.size() > kMaxImportBytes) throw FormatError(what + ": larger than any export (" + std::to_string(bytes.size()) + " bytes)");
    const auto payload = unwrap_container(bytes, kExportMagic, kExportVersion, nullptr, what);
    ByteReader r(payload, what);
    const auto person = r.bytes(r.count(1));
    const auto model = r.bytes(r.count(1));
    r.expect_done();
    Imported im;
    im.person = load_person(person, ds, what + " (ratings)");
    // Exported on another catalogue (the 2018 one, say): its network was made for other movies, so it cannot be the
    // check; the ratings are what counts, and the network is retrained from them.
    if (!person_saved_on(person, ds)) return im;
    auto wnn = std::make_unique<WnnModel>();
    load_model(*wnn, model);  // bounded by what the file holds (WnnModel::load), whatever config it declares
    // The network is compared with one retrained here over every movie: it must be of this catalogue.
    if (!wnn->fitted() || wnn->encoder().num_items() != ds.num_items())
        throw FormatError(what + ": its network was made for another catalogue (" +
                          std::to_string(wnn->fitted() ? wnn->encoder().num_items() : 0) + " movies, not " +
                          std::to_string(ds.num_items()) + ")");
    im.model = std::move(wnn);
    return im;
}

std::string encode_share(const PersonState& p, const Dataset& ds) {
    std::map<uint32_t, uint8_t> by_id;  // MovieLens id -> half stars, in id order
    for (const auto& [item, r] : p.ratings) by_id.emplace(ds.items.at(item).id, r.half_stars);
    for (const auto& [id, r] : p.aside) by_id.emplace(id, r.half_stars);  // what the person has, they share
    ByteWriter w;
    w.u8(kShareVersion);
    w.varint(by_id.size());
    uint64_t prev = 0;
    for (const auto& [id, hs] : by_id) {
        w.varint((id - prev) * 10 + (hs - 1));
        prev = id;
    }
    w.u32(crc32(w.data()));
    return b64url(w.data());
}

SharedRatings decode_share(std::string_view code, const Dataset& ds, int64_t now) {
    const std::string what = "share link";
    if (code.empty()) throw FormatError(what + ": empty");
    if (code.size() > kMaxShareChars) throw FormatError(what + ": too long (" + std::to_string(code.size()) + " characters)");
    const auto bytes = unb64url(code);
    if (bytes.size() < 6) throw FormatError(what + ": too short");
    const std::span<const uint8_t> body(bytes.data(), bytes.size() - 4);
    ByteReader tail(std::span<const uint8_t>(bytes).subspan(bytes.size() - 4), what);
    if (bytes[0] != kShareVersion)
        throw FormatError(what + ": version " + std::to_string(bytes[0]) + " is not one this app reads (1)");
    if (tail.u32() != crc32(body)) throw FormatError(what + ": damaged (checksum mismatch; was it cut short?)");
    ByteReader r(body, what);
    r.u8();
    const size_t n = r.count(1, kMaxShareChars);
    SharedRatings out;
    uint64_t prev = 0;
    for (size_t k = 0; k < n; ++k) {
        const uint64_t v = r.varint();
        const uint64_t delta = v / 10;
        if (k > 0 && delta == 0) r.fail("a movie appears twice");
        if (delta > UINT32_MAX || prev + delta > UINT32_MAX) r.fail("movie id out of range");
        const uint64_t id = prev + delta;
        prev = id;
        if (id == 0) r.fail("movie id 0 names no movie");
        const int64_t item = ds.item_index(static_cast<uint32_t>(id));
        const PersonRating pr{static_cast<uint8_t>(v % 10 + 1), now};
        if (item < 0) out.aside.emplace(static_cast<uint32_t>(id), pr);
        else out.ratings.emplace(static_cast<uint32_t>(item), pr);  // two merged ids of one film: the first stands
    }
    r.expect_done();
    return out;
}

std::optional<std::string> share_code_of_fragment(std::string_view f) {
    if (f.size() > kMaxShareChars + 16) throw FormatError("share link: too long (" + std::to_string(f.size()) + " characters)");
    if (!f.empty() && f.front() == '#') f.remove_prefix(1);
    while (!f.empty()) {
        const size_t amp = f.find('&');
        const std::string_view part = f.substr(0, amp);
        if (part.substr(0, 2) == "r=") return std::string(part.substr(2));
        if (amp == std::string_view::npos) break;
        f.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

}  // namespace wl::app
