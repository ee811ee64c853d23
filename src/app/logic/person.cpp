// Saving and loading the person's data (see person.hpp). Payload of container "WLAP" v1:
//   catalogue name str | item count varint | wnn_config str | rec_source u8 | min_votes varint | flags u8 (1=welcome)
//   rating count varint, each: movie id varint, half_stars u8, timestamp svarint
//   unseen count varint, each: movie id varint
#include "person.hpp"

#include "weightless/util/bytes.hpp"

namespace wl::app {

namespace {
constexpr char kMagic[] = "WLAP";
constexpr uint32_t kVersion = 1;
}  // namespace

const char* rec_source_label(RecSource s) {
    switch (s) {
        case RecSource::Blend: return "Your list: what you watch and like (weightless ranker + EASE + stars)";
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

std::vector<uint8_t> save_person(const PersonState& p, const Dataset& ds) {
    ByteWriter w;
    w.str(ds.name);
    w.varint(ds.num_items());
    w.str(p.settings.wnn_config);
    w.u8(static_cast<uint8_t>(p.settings.rec_source));
    w.varint(p.settings.min_votes);
    w.u8(p.settings.welcome_done ? 1 : 0);
    w.varint(p.ratings.size());
    for (const auto& [item, r] : p.ratings) {
        w.varint(ds.items.at(item).id);
        w.u8(r.half_stars);
        w.svarint(r.timestamp);
    }
    w.varint(p.unseen.size());
    for (uint32_t item : p.unseen) w.varint(ds.items.at(item).id);
    return wrap_container(kMagic, kVersion, w.data());
}

PersonState load_person(std::span<const uint8_t> bytes, const Dataset& ds, const std::string& what) {
    const auto payload = unwrap_container(bytes, kMagic, kVersion, nullptr, what);
    ByteReader r(payload, what);
    if (r.str(256) != ds.name) r.fail("saved for another catalogue");
    if (r.varint() != ds.num_items()) r.fail("saved for another version of the catalogue");
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

    const auto index_of = [&](uint64_t id) {
        const int64_t i = id > UINT32_MAX ? -1 : ds.item_index(static_cast<uint32_t>(id));
        if (i < 0) r.fail("unknown movie id " + std::to_string(id));
        return static_cast<uint32_t>(i);
    };
    const size_t n = r.count(3);
    for (size_t k = 0; k < n; ++k) {
        const uint32_t item = index_of(r.varint());
        PersonRating pr;
        pr.half_stars = r.u8();
        pr.timestamp = r.svarint();
        if (pr.half_stars < 1 || pr.half_stars > 10) r.fail("rating outside 0.5..5 stars");
        if (!p.ratings.emplace(item, pr).second) r.fail("movie rated twice");
    }
    const size_t m = r.count(1);
    for (size_t k = 0; k < m; ++k)
        if (!p.unseen.insert(index_of(r.varint())).second) r.fail("movie marked unseen twice");
    r.expect_done();
    return p;
}

}  // namespace wl::app
