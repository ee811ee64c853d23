// The .wlds packed dataset: delta/varint encoding inside the checksummed container; see packed.hpp.
#include "weightless/data/packed.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "weightless/data/utf8.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

namespace {

constexpr std::string_view kMagic = "WLDS";
// Version 1 has no per-item metadata; version 2 adds it; version 3 adds the id aliases. pack_dataset writes the
// lowest version that holds the dataset, so a dataset without aliases packs to the same bytes as before.
constexpr uint32_t kVersion = 3;
constexpr size_t kMaxLanguage = 16;
enum MetaBits : uint32_t { kImdb = 1, kTmdb = 2, kLanguage = 4, kVoteAverage = 8, kVoteCount = 16, kAllMeta = 31 };

uint32_t meta_bits(const Item& it) {
    return (it.imdb_id ? kImdb : 0u) | (it.tmdb_id ? kTmdb : 0u) | (it.language.empty() ? 0u : kLanguage) |
           (it.vote_average != Item::kNoVoteAverage ? kVoteAverage : 0u) | (it.vote_count != Item::kNoVoteCount ? kVoteCount : 0u);
}
constexpr size_t kMaxGenres = 32;
constexpr size_t kMaxText = 4096;                    // longest name, genre label or title accepted
constexpr int64_t kMaxTimestamp = int64_t{1} << 40;  // ~36,000 years of seconds: any real time, no overflow

// The rules a packed dataset must satisfy; "" when ds follows them. Shared by pack (refuses to write) and
// unpack (refuses to read), so every file pack writes can be read back.
std::string dataset_problem(const Dataset& ds) {
    auto text_ok = [](const std::string& s) { return s.size() <= kMaxText && is_valid_utf8(s); };
    if (!text_ok(ds.name)) return "bad dataset name";
    if (ds.genre_names.size() > kMaxGenres) return std::to_string(ds.genre_names.size()) + " genres (at most 32)";
    for (size_t g = 0; g < ds.genre_names.size(); ++g) {
        if (ds.genre_names[g].empty() || !text_ok(ds.genre_names[g])) return "bad genre name " + std::to_string(g);
        for (size_t h = 0; h < g; ++h)
            if (ds.genre_names[h] == ds.genre_names[g]) return "duplicate genre name '" + ds.genre_names[g] + "'";
    }
    const uint64_t genre_mask = (uint64_t{1} << ds.genre_names.size()) - 1;
    if (ds.items.size() > UINT32_MAX || ds.user_ids.size() > UINT32_MAX) return "too many items or users";
    std::vector<uint32_t> ids;
    ids.reserve(ds.items.size());
    for (size_t i = 0; i < ds.items.size(); ++i) {
        const Item& it = ds.items[i];
        if (!text_ok(it.title)) return "bad title of item " + std::to_string(i);
        if (it.genres & ~genre_mask) return "item " + std::to_string(i) + " has genre bits beyond the genre names";
        if (it.language.size() > kMaxLanguage || !is_valid_utf8(it.language)) return "bad language of item " + std::to_string(i);
        if (it.vote_average != Item::kNoVoteAverage && (it.vote_average < 0 || it.vote_average > 1000))
            return "vote average of item " + std::to_string(i) + " outside 0..10";
        if (it.vote_count != Item::kNoVoteCount && it.vote_count < 0) return "negative vote count of item " + std::to_string(i);
        ids.push_back(it.id);
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return "duplicate item id";
    for (size_t a = 0; a < ds.id_aliases.size(); ++a) {
        const auto [old_id, id] = ds.id_aliases[a];
        if (a > 0 && old_id <= ds.id_aliases[a - 1].first) return "id aliases not in ascending order of old id";
        if (std::binary_search(ids.begin(), ids.end(), old_id)) return "id alias " + std::to_string(old_id) + " is an item's own id";
        if (!std::binary_search(ids.begin(), ids.end(), id)) return "id alias " + std::to_string(old_id) + " points to no item";
    }
    ids = ds.user_ids;
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return "duplicate user id";

    std::vector<uint64_t> pairs;
    pairs.reserve(ds.ratings.size());
    for (size_t k = 0; k < ds.ratings.size(); ++k) {
        const Rating& r = ds.ratings[k];
        const bool ok = r.user < ds.user_ids.size() && r.item < ds.items.size() && r.half_stars >= 1 && r.half_stars <= 10 &&
                        r.timestamp >= 0 && r.timestamp <= kMaxTimestamp;
        if (!ok)
            return "rating " + std::to_string(k) + " (user index " + std::to_string(r.user) + ", item index " +
                   std::to_string(r.item) + ", half_stars " + std::to_string(r.half_stars) + ", timestamp " +
                   std::to_string(r.timestamp) + ") is out of range";
        pairs.push_back(uint64_t{r.user} << 32 | r.item);
    }
    std::sort(pairs.begin(), pairs.end());
    if (const auto d = std::adjacent_find(pairs.begin(), pairs.end()); d != pairs.end())
        return "duplicate rating of user index " + std::to_string(*d >> 32) + " item index " + std::to_string(*d & 0xFFFFFFFFu);
    return "";
}

// Decodes the rating records, the bulk of the file. Inline and non-throwing on purpose: under Emscripten's
// JS-based exceptions every call that may throw goes through a slow JS trampoline (~20x slower here).
struct RatingCursor {
    const uint8_t* p;
    const uint8_t* end;
    bool ok = true;

    uint64_t varint() noexcept {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end) break;
            const uint8_t b = *p++;
            v |= static_cast<uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        ok = false;
        return 0;
    }
    // prev + zig-zag delta; ok = false (instead of overflowing) when the result leaves [lo, hi].
    int64_t add_delta(int64_t prev, int64_t lo, int64_t hi) noexcept {
        const uint64_t u = varint();
        const int64_t d = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
        if (d < lo - prev || d > hi - prev) {
            ok = false;
            return lo;
        }
        return prev + d;
    }
    uint8_t u8() noexcept {
        if (p == end) {
            ok = false;
            return 0;
        }
        return *p++;
    }
};

// prev + delta, refused (instead of overflowing) when the result leaves [lo, hi].
int64_t add_delta(ByteReader& r, int64_t prev, int64_t lo, int64_t hi, const char* what) {
    const int64_t d = r.svarint();
    if (d < lo - prev || d > hi - prev) r.fail(std::string(what) + " out of range");
    return prev + d;
}

}  // namespace

std::vector<uint8_t> pack_dataset(const Dataset& ds) {
    if (const std::string p = dataset_problem(ds); !p.empty()) throw std::invalid_argument("cannot pack dataset: " + p);
    const uint32_t version = !ds.id_aliases.empty() ? 3
                             : std::any_of(ds.items.begin(), ds.items.end(), [](const Item& it) { return it.has_metadata(); }) ? 2
                                                                                                                                : 1;
    const bool with_meta = version >= 2;
    ByteWriter w;
    w.str(ds.name);
    w.varint(ds.genre_names.size());
    for (const auto& g : ds.genre_names) w.str(g);

    w.varint(ds.items.size());
    int64_t prev = 0;
    for (const Item& it : ds.items) {
        w.svarint(int64_t{it.id} - prev);
        prev = it.id;
        w.str(it.title);
        w.svarint(it.year);
        w.varint(it.genres);
        if (!with_meta) continue;
        const uint32_t bits = meta_bits(it);
        w.varint(bits);
        if (bits & kImdb) w.varint(it.imdb_id);
        if (bits & kTmdb) w.varint(it.tmdb_id);
        if (bits & kLanguage) w.str(it.language);
        if (bits & kVoteAverage) w.varint(static_cast<uint64_t>(it.vote_average));
        if (bits & kVoteCount) w.varint(static_cast<uint64_t>(it.vote_count));
    }
    if (version >= 3) {
        w.varint(ds.id_aliases.size());
        prev = 0;
        for (const auto& [old_id, id] : ds.id_aliases) {
            w.svarint(int64_t{old_id} - prev);
            prev = old_id;
            w.varint(id);
        }
    }
    w.varint(ds.user_ids.size());
    prev = 0;
    for (uint32_t id : ds.user_ids) {
        w.svarint(int64_t{id} - prev);
        prev = id;
    }
    w.varint(ds.ratings.size());
    int64_t prev_user = 0, prev_item = 0, prev_time = 0;
    for (const Rating& r : ds.ratings) {
        w.svarint(int64_t{r.user} - prev_user);
        w.svarint(int64_t{r.item} - prev_item);
        w.u8(r.half_stars);
        w.svarint(r.timestamp - prev_time);
        prev_user = r.user, prev_item = r.item, prev_time = r.timestamp;
    }
    return wrap_container(kMagic, version, w.data());
}

Dataset unpack_dataset(std::span<const uint8_t> bytes, const std::string& what) {
    uint32_t version = 0;
    ByteReader r(unwrap_container(bytes, kMagic, kVersion, &version, what), what);
    Dataset ds;
    ds.name = r.str(kMaxText);
    ds.genre_names.resize(r.count(1, kMaxGenres));
    for (auto& g : ds.genre_names) g = r.str(kMaxText);

    ds.items.resize(r.count(4));  // id, title length, year, genres: at least a byte each
    int64_t prev = 0;
    for (Item& it : ds.items) {
        it.id = static_cast<uint32_t>(prev = add_delta(r, prev, 0, UINT32_MAX, "item id"));
        it.title = r.str(kMaxText);
        it.year = static_cast<int16_t>(add_delta(r, 0, INT16_MIN, INT16_MAX, "year"));
        const uint64_t genres = r.varint();
        if (genres > UINT32_MAX) r.fail("genre bits out of range");
        it.genres = static_cast<uint32_t>(genres);
        if (version < 2) continue;
        const uint64_t bits = r.varint();
        if (bits > kAllMeta) r.fail("unknown item metadata bits");
        auto bounded = [&](uint64_t max, const char* field) {
            const uint64_t v = r.varint();
            if (v > max) r.fail(std::string(field) + " out of range");
            return v;
        };
        if (bits & kImdb) it.imdb_id = static_cast<uint32_t>(bounded(UINT32_MAX, "imdb id"));
        if (bits & kTmdb) it.tmdb_id = static_cast<uint32_t>(bounded(UINT32_MAX, "tmdb id"));
        if (bits & kLanguage) it.language = r.str(kMaxLanguage);
        if (bits & kVoteAverage) it.vote_average = static_cast<int16_t>(bounded(1000, "vote average"));
        if (bits & kVoteCount) it.vote_count = static_cast<int32_t>(bounded(INT32_MAX, "vote count"));
        // Each present field must carry information, so one dataset has exactly one encoding.
        if (((bits & kImdb) && !it.imdb_id) || ((bits & kTmdb) && !it.tmdb_id) || ((bits & kLanguage) && it.language.empty()))
            r.fail("item metadata field announced with the unknown value");
    }
    if (version >= 3) {
        ds.id_aliases.resize(r.count(2, ds.items.size()));
        prev = 0;
        for (auto& [old_id, id] : ds.id_aliases) {
            old_id = static_cast<uint32_t>(prev = add_delta(r, prev, 0, UINT32_MAX, "alias id"));
            const uint64_t to = r.varint();
            if (to > UINT32_MAX) r.fail("alias target out of range");
            id = static_cast<uint32_t>(to);
        }
        if (ds.id_aliases.empty()) r.fail("version 3 without id aliases");  // one dataset, one encoding
    }
    ds.user_ids.resize(r.count(1));
    prev = 0;
    for (uint32_t& id : ds.user_ids) id = static_cast<uint32_t>(prev = add_delta(r, prev, 0, UINT32_MAX, "user id"));

    ds.ratings.resize(r.count(4));  // user, item, half_stars, timestamp: at least a byte each
    const auto rest = r.bytes(r.remaining());  // the ratings are the last section
    RatingCursor c{rest.data(), rest.data() + rest.size()};
    const int64_t max_user = static_cast<int64_t>(ds.user_ids.size()) - 1, max_item = static_cast<int64_t>(ds.items.size()) - 1;
    int64_t user = 0, item = 0, time = 0;
    size_t k = 0;
    for (; k < ds.ratings.size() && c.ok; ++k) {
        Rating& x = ds.ratings[k];
        x.user = static_cast<uint32_t>(user = c.add_delta(user, 0, max_user));
        x.item = static_cast<uint32_t>(item = c.add_delta(item, 0, max_item));
        x.half_stars = c.u8();
        x.timestamp = time = c.add_delta(time, 0, kMaxTimestamp);
    }
    if (!c.ok) throw FormatError(what + ": rating " + std::to_string(k - 1) + " is truncated or out of range");
    if (c.p != c.end) throw FormatError(what + ": " + std::to_string(c.end - c.p) + " unexpected trailing bytes");
    if (const std::string p = dataset_problem(ds); !p.empty()) throw FormatError(what + ": " + p);
    ds.index();
    return ds;
}

Dataset load_packed(const std::string& path) {
    std::vector<uint8_t> bytes;
    try {
        bytes = read_file_bytes(path);
    } catch (const std::runtime_error&) {
        throw DataError(path, 0, "cannot open packed dataset (missing or unreadable)");
    }
    return unpack_dataset(bytes, path);
}

std::string embedded_dataset_path() {
    const char* env = std::getenv("WEIGHTLESS_ASSETS");
    const std::string dir = env && *env ? env : WL_ASSETS_DIR;
    return dir + "/ml-latest-small.wlds";
}

}  // namespace wl
