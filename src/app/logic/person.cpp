// Saving and loading the person's data (see person.hpp). Payload of container "WLAP" v3:
//   catalogue name str | item count varint | wnn_config str | rec_source u8 | min_votes varint | flags u8 (1=welcome)
//   rating count varint, each: movie id varint, half_stars u8, timestamp svarint
//   unseen count varint, each: movie id varint
//   v2 only: ratings set aside (movies the catalogue lacks) as the ratings; unseen marks set aside as the marks
//   v3 only: seen marks, then watchlist marks, then "not interested" marks, each: count varint, movie ids varint
//   (those set aside among them)
//   v4 only: recent_list varint (Settings::recent_list: 0 off, else the window of the list's parts)
// Version 1 (written before the 2023 catalogue, tests/fixtures/legacy-2018) is read as version 2 with nothing aside;
// versions 1 and 2 are read with nothing seen and an empty watchlist; versions 1 to 3 with recent_list 0 (off).
// tests/fixtures/wlap-v3/state.wlap is a v3 file written by the v3 code.
#include "person.hpp"

#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {
constexpr char kMagic[] = "WLAP";
constexpr uint32_t kVersion = 4;

void put_ratings(ByteWriter& w, const std::map<uint32_t, PersonRating>& by_id) {
    w.varint(by_id.size());
    for (const auto& [id, r] : by_id) {
        w.varint(id);
        w.u8(r.half_stars);
        w.svarint(r.timestamp);
    }
}
// A set of marks by MovieLens id: the catalogue's movies and those set aside, together (ids never collide).
void put_marks(ByteWriter& w, const std::set<uint32_t>& items, const std::set<uint32_t>& aside, const Dataset& ds) {
    std::set<uint32_t> ids = aside;
    for (uint32_t item : items) ids.insert(ds.items.at(item).id);
    w.varint(ids.size());
    for (uint32_t id : ids) w.varint(id);
}
}  // namespace

const char* rec_source_label(RecSource s) {
    switch (s) {
        case RecSource::Blend: return "Your list: what you will watch and like";  // how: the help mark beside it
        case RecSource::Wnn: return "Highest predicted stars (your weightless network)";
        case RecSource::Ease: return "For comparison: EASE alone (public item weights)";
        case RecSource::Popularity: return "For comparison: the most rated movies";
        case RecSource::UserMean: return "Baseline: your mean rating";
        case RecSource::Bias: return "Baseline: mean + your bias + movie bias";
    }
    return "?";
}

const char* rec_source_spec(RecSource s) {
    switch (s) {
        case RecSource::Wnn:
        case RecSource::Blend:
        case RecSource::Ease: return "";
        case RecSource::Popularity: return "popularity";
        case RecSource::UserMean: return "user-mean";
        case RecSource::Bias: return "bias";
    }
    return "";
}

void off_watchlist_when_watched(PersonState& p) {
    for (const auto& [item, r] : p.ratings) p.watchlist.erase(item);
    for (uint32_t item : p.seen) p.watchlist.erase(item);
    for (const auto& [id, r] : p.aside) p.watchlist_aside.erase(id);
    for (uint32_t id : p.seen_aside) p.watchlist_aside.erase(id);
}

std::vector<uint8_t> save_person(const PersonState& p, const Dataset& ds) {
    ByteWriter w;
    w.str(ds.name);
    w.varint(ds.num_items());
    w.str(p.settings.wnn_config);
    w.u8(static_cast<uint8_t>(p.settings.rec_source));
    w.varint(p.settings.min_votes);
    w.u8(p.settings.welcome_done ? 1 : 0);
    std::map<uint32_t, PersonRating> by_id;  // ids ascend with item indices in every catalogue we pack; sort anyway
    for (const auto& [item, r] : p.ratings) by_id.emplace(ds.items.at(item).id, r);
    put_ratings(w, by_id);
    std::set<uint32_t> unseen;
    for (uint32_t item : p.unseen) unseen.insert(ds.items.at(item).id);
    w.varint(unseen.size());
    for (uint32_t id : unseen) w.varint(id);
    put_ratings(w, p.aside);
    w.varint(p.unseen_aside.size());
    for (uint32_t id : p.unseen_aside) w.varint(id);
    put_marks(w, p.seen, p.seen_aside, ds);
    put_marks(w, p.watchlist, p.watchlist_aside, ds);
    put_marks(w, p.hidden, p.hidden_aside, ds);
    w.varint(p.settings.recent_list);
    return wrap_container(kMagic, kVersion, w.data());
}

namespace {
struct Header {
    std::string catalogue;
    uint64_t items = 0;
};
Header read_header(ByteReader& r) {
    Header h;
    h.catalogue = r.str(256);
    h.items = r.varint();
    return h;
}
}  // namespace

bool person_saved_on(std::span<const uint8_t> bytes, const Dataset& ds) {
    ByteReader r(unwrap_container(bytes, kMagic, kVersion, nullptr, "saved ratings"), "saved ratings");
    const Header h = read_header(r);
    return h.catalogue == ds.name && h.items == ds.num_items();
}

PersonState load_person(std::span<const uint8_t> bytes, const Dataset& ds, const std::string& what) {
    uint32_t version = 0;
    const auto payload = unwrap_container(bytes, kMagic, kVersion, &version, what);
    ByteReader r(payload, what);
    const Header h = read_header(r);
    // On its own catalogue every id must be a movie of it (anything else is damage); a file from another catalogue
    // may name movies this one lacks, which are set aside.
    const bool own = h.catalogue == ds.name && h.items == ds.num_items();
    PersonState p;
    p.settings.wnn_config = r.str(64 * 1024);
    const uint8_t src = r.u8();
    if (src >= kRecSources) r.fail("unknown recommendation source " + std::to_string(src));
    p.settings.rec_source = static_cast<RecSource>(src);
    const uint64_t min_votes = r.varint();
    if (min_votes > 1000000) r.fail("minimum vote count out of range");
    p.settings.min_votes = static_cast<uint32_t>(min_votes);
    const uint8_t flags = r.u8();
    if (flags > 1) r.fail("unknown flags");
    p.settings.welcome_done = flags & 1;

    const auto id_of = [&](uint64_t id) {
        if (id > UINT32_MAX) r.fail("movie id out of range");
        return static_cast<uint32_t>(id);
    };
    // -1: a movie this catalogue lacks (only from another catalogue's file).
    const auto index_of = [&](uint32_t id, bool strict) {
        const int64_t i = ds.item_index(id);
        if (i < 0 && strict) r.fail("unknown movie id " + std::to_string(id));
        return i;
    };
    const auto read_rating = [&] {
        PersonRating pr;
        pr.half_stars = r.u8();
        pr.timestamp = r.svarint();
        if (!valid_half_stars(pr.half_stars)) r.fail("rating outside 0.5..5 stars");
        return pr;
    };
    // A film rated under an id MovieLens later merged into another: both ids land on one movie, and the later
    // rating stands (as the catalogue's own merge does).
    const auto add = [&](uint32_t id, const PersonRating& pr, bool strict) {
        const int64_t i = index_of(id, strict);
        if (i < 0) {
            if (!p.aside.emplace(id, pr).second) r.fail("movie rated twice");
            return;
        }
        const auto [it, fresh] = p.ratings.emplace(static_cast<uint32_t>(i), pr);
        if (fresh) return;
        if (strict) r.fail("movie rated twice");
        if (pr.timestamp > it->second.timestamp) it->second = pr;
    };
    const size_t n = r.count(3);
    for (size_t k = 0; k < n; ++k) {
        const uint32_t id = id_of(r.varint());
        add(id, read_rating(), own);
    }
    const auto marks = [&](bool strict) {
        const size_t m = r.count(1);
        for (size_t k = 0; k < m; ++k) {
            const uint32_t id = id_of(r.varint());
            const int64_t i = index_of(id, strict);
            const bool fresh = i < 0 ? p.unseen_aside.insert(id).second : p.unseen.insert(static_cast<uint32_t>(i)).second;
            if (!fresh && strict) r.fail("movie marked unseen twice");
        }
    };
    marks(own);
    if (version >= 2) {
        // Set aside earlier: a catalogue that has such a movie now takes the rating back.
        const size_t a = r.count(3);
        for (size_t k = 0; k < a; ++k) {
            const uint32_t id = id_of(r.varint());
            add(id, read_rating(), false);
        }
        marks(false);
    }
    if (version >= 3) {
        // These sets hold the movies set aside among the catalogue's own (put_marks), so an id this catalogue lacks
        // is one set aside, even in a file saved on it.
        const auto id_marks = [&](std::set<uint32_t>& in, std::set<uint32_t>& aside, const char* what) {
            const size_t m = r.count(1);
            for (size_t k = 0; k < m; ++k) {
                const uint32_t id = id_of(r.varint());
                const int64_t i = index_of(id, false);
                const bool fresh = i < 0 ? aside.insert(id).second : in.insert(static_cast<uint32_t>(i)).second;
                if (!fresh && own) r.fail(std::string("movie marked ") + what + " twice");
            }
        };
        id_marks(p.seen, p.seen_aside, "seen");
        id_marks(p.watchlist, p.watchlist_aside, "on the watchlist");
        id_marks(p.hidden, p.hidden_aside, "not interested");
    }
    if (version >= 4) {
        const uint64_t recent = r.varint();
        if (recent > kMaxRecentList) r.fail("recent ratings window out of range");
        p.settings.recent_list = static_cast<uint32_t>(recent);
    }
    r.expect_done();
    for (const auto& [item, pr] : p.ratings) p.unseen.erase(item);  // a rated movie is seen, whatever the file says
    off_watchlist_when_watched(p);  // files written before the rule may hold a rated film on the watchlist
    return p;
}

}  // namespace wl::app
