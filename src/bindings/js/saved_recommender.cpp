// The saved recommender of the JavaScript API (see saved_recommender.hpp).
#include "saved_recommender.hpp"

#include <algorithm>
#include <map>

#include "weightless/model/registry.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::js {

namespace {
// Users a saved recommender may have handed out beyond the catalogue's and those with ratings: newUser() hands
// out indices from `next`, and a model makes room for every index below a user's first rating.
constexpr uint64_t kMaxSpareUsers = uint64_t{1} << 20;
constexpr uint32_t kVersion = 2;
}  // namespace

std::vector<uint8_t> save_recommender(const std::string& spec, const Model& model, uint32_t next_user,
                                      const RatedMovies& rated, const AsideMovies& aside, const Dataset& ds) {
    ByteWriter w;
    w.str(spec);
    w.str(ds.name);
    w.varint(ds.num_items());
    const auto m = save_model(model);
    w.varint(m.size());
    w.bytes(m);
    w.varint(next_user);
    std::map<uint32_t, std::map<uint32_t, uint8_t>> by_user;  // user -> MovieLens id -> half stars
    for (const auto& [user, items] : rated)
        for (const auto& [item, hs] : items) by_user[user][ds.items[item].id] = hs;
    for (const auto& [user, ids] : aside)
        for (const auto& [id, hs] : ids) by_user[user][id] = hs;
    w.varint(by_user.size());
    for (const auto& [user, ids] : by_user) {
        w.varint(user);
        w.varint(ids.size());
        for (const auto& [id, hs] : ids) {
            w.varint(id);
            w.u8(hs);
        }
    }
    return wrap_container("WLJS", kVersion, w.data());
}

std::unique_ptr<Model> prepared_model(const std::string& spec, const Dataset& ds, const ItemNeighbours* items) {
    auto m = items ? make_model(spec, *items) : make_model(spec);
    m->prepare(TrainData{ds, ds.ratings});
    return m;
}

LoadedRecommender load_recommender(std::span<const uint8_t> file, const std::string& spec, const Dataset& ds,
                                   const ItemNeighbours* items) {
    uint32_t version = 0;
    const auto payload = unwrap_container(file, "WLJS", kVersion, &version, "saved recommender");
    ByteReader r(payload, "saved recommender");
    if (r.str(64 * 1024) != spec) r.fail("saved from another model spec");
    bool own = false;
    if (version >= 2) {
        const std::string name = r.str(256);
        const uint64_t items = r.varint();
        own = name == ds.name && items == ds.num_items();
    }
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
            if (id > UINT32_MAX) r.fail("movie id out of range");
            const int64_t i = ds.item_index(static_cast<uint32_t>(id));
            const uint8_t hs = r.u8();
            if (hs < 1 || hs > 10) r.fail("rating outside 0.5..5 stars");
            if (i < 0) {
                out.aside[static_cast<uint32_t>(user)][static_cast<uint32_t>(id)] = hs;  // ids ascend: never twice
                continue;
            }
            // Two ids MovieLens merged into one film: the first stands (the file keeps no dates to choose by).
            if (!items.emplace(static_cast<uint32_t>(i), hs).second && own) r.fail("movie rated twice");
        }
        if (items.empty()) out.rated.erase(static_cast<uint32_t>(user));
    }
    r.expect_done();
    uint64_t justified = ds.num_users();
    if (!out.rated.empty()) justified = std::max<uint64_t>(justified, uint64_t{out.rated.rbegin()->first} + 1);
    if (!out.aside.empty()) justified = std::max<uint64_t>(justified, uint64_t{out.aside.rbegin()->first} + 1);
    if (next > justified + kMaxSpareUsers) r.fail("user count " + std::to_string(next) + " far beyond the stored users");
    out.next_user = static_cast<uint32_t>(next);
    if (!own) {  // a model of other movies: the ratings are what counts
        out.model = prepared_model(spec, ds, items);
        for (const auto& [user, rated] : out.rated)
            for (const auto& [item, hs] : rated) out.model->learn(Rating{user, item, hs, 0});
        out.relearned = true;
        return out;
    }
    out.model = make_model(spec);
    load_model(*out.model, m);  // bounded by what the file holds (e.g. WnnModel::load)
    return out;
}

}  // namespace wl::js
