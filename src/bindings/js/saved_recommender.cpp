// The saved recommender of the JavaScript API (see saved_recommender.hpp).
#include "saved_recommender.hpp"

#include <algorithm>

#include "weightless/model/registry.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::js {

namespace {
// Users a saved recommender may have handed out beyond the catalogue's and those with ratings: newUser() hands
// out indices from `next`, and a model makes room for every index below a user's first rating.
constexpr uint64_t kMaxSpareUsers = uint64_t{1} << 20;
}  // namespace

std::vector<uint8_t> save_recommender(const std::string& spec, const Model& model, uint32_t next_user,
                                      const RatedMovies& rated, const Dataset& ds) {
    ByteWriter w;
    w.str(spec);
    const auto m = save_model(model);
    w.varint(m.size());
    w.bytes(m);
    w.varint(next_user);
    w.varint(rated.size());
    for (const auto& [user, items] : rated) {
        w.varint(user);
        w.varint(items.size());
        for (const auto& [item, hs] : items) {
            w.varint(ds.items[item].id);
            w.u8(hs);
        }
    }
    return wrap_container("WLJS", 1, w.data());
}

LoadedRecommender load_recommender(std::span<const uint8_t> file, const std::string& spec, const Dataset& ds) {
    const auto payload = unwrap_container(file, "WLJS", 1, nullptr, "saved recommender");
    ByteReader r(payload, "saved recommender");
    if (r.str(64 * 1024) != spec) r.fail("saved from another model spec");
    const auto m = r.bytes(r.count(1));
    const uint64_t next = r.varint();
    if (next < ds.num_users() || next > UINT32_MAX) r.fail("user count out of range");
    LoadedRecommender out;
    const size_t users = r.count(2);
    for (size_t u = 0; u < users; ++u) {
        const uint64_t user = r.varint();
        if (user > UINT32_MAX || user >= next) r.fail("user index out of range");
        auto& items = out.rated[static_cast<uint32_t>(user)];
        const size_t n = r.count(2);
        for (size_t k = 0; k < n; ++k) {
            const uint64_t id = r.varint();
            const int64_t i = id > UINT32_MAX ? -1 : ds.item_index(static_cast<uint32_t>(id));
            if (i < 0) r.fail("unknown movie id " + std::to_string(id));
            const uint8_t hs = r.u8();
            if (hs < 1 || hs > 10) r.fail("rating outside 0.5..5 stars");
            if (!items.emplace(static_cast<uint32_t>(i), hs).second) r.fail("movie rated twice");
        }
    }
    r.expect_done();
    const uint64_t justified =
        std::max<uint64_t>(ds.num_users(), out.rated.empty() ? 0 : uint64_t{out.rated.rbegin()->first} + 1);
    if (next > justified + kMaxSpareUsers) r.fail("user count " + std::to_string(next) + " far beyond the stored users");
    out.model = make_model(spec);
    load_model(*out.model, m);  // bounded by what the file holds (e.g. WnnModel::load)
    out.next_user = static_cast<uint32_t>(next);
    return out;
}

}  // namespace wl::js
