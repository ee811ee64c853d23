// The engine for web developers, without the app's UI: embind bindings (weightless-api.js + .wasm). A Catalogue is
// read from .wlds bytes; a Recommender is any registry model fitted on its ratings, taught and untaught by
// MovieLens movie ids, with predictions, top-N lists with reasons (WNN: shared RAM cells) and save/load to bytes.
// Errors become JavaScript Error objects with the engine's message. See web/api-example.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "weightless/data/packed.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/bytes.hpp"

using emscripten::val;

namespace {

[[noreturn]] void js_throw(const std::string& msg) { val::global("Error").new_(val(msg)).throw_(); }

std::vector<uint8_t> bytes_of(const val& u8) {
    if (!u8.instanceof(val::global("Uint8Array"))) js_throw("expected a Uint8Array");
    return emscripten::convertJSArrayToNumberVector<uint8_t>(u8);
}

val to_u8(const std::vector<uint8_t>& b) {
    return val::global("Uint8Array").new_(emscripten::typed_memory_view(b.size(), b.data())).call<val>("slice");
}

class Catalogue {
public:
    explicit Catalogue(std::shared_ptr<const wl::Dataset> ds) : ds_(std::move(ds)) {}
    static Catalogue from_bytes(const val& bytes) {
        try {
            return Catalogue(std::make_shared<const wl::Dataset>(wl::unpack_dataset(bytes_of(bytes), "catalogue")));
        } catch (const std::exception& e) {
            js_throw(e.what());
        }
    }
    std::string name() const { return ds_->name; }
    uint32_t num_items() const { return static_cast<uint32_t>(ds_->num_items()); }
    uint32_t num_users() const { return static_cast<uint32_t>(ds_->num_users()); }
    uint32_t num_ratings() const { return static_cast<uint32_t>(ds_->ratings.size()); }
    bool has_movie(uint32_t id) const { return ds_->item_index(id) >= 0; }
    std::string title(uint32_t id) const { return ds_->items[index(id)].title; }
    uint32_t index(uint32_t id) const {
        const int64_t i = ds_->item_index(id);
        if (i < 0) js_throw("unknown movie id " + std::to_string(id));
        return static_cast<uint32_t>(i);
    }
    const std::shared_ptr<const wl::Dataset>& data() const { return ds_; }

private:
    std::shared_ptr<const wl::Dataset> ds_;
};

class Recommender {
public:
    // `spec` as in the CLI: "wnn-best", "wnn-best:tuple_size=8", "bias", ... Fitted on the catalogue's ratings.
    Recommender(const Catalogue& cat, const std::string& spec) : ds_(cat.data()), spec_(spec) {
        try {
            model_ = wl::make_model(spec);
            model_->fit(wl::TrainData{*ds_, ds_->ratings});
        } catch (const std::exception& e) {
            js_throw(e.what());
        }
        next_user_ = static_cast<uint32_t>(ds_->num_users());
    }
    std::string name() const { return model_->name(); }
    std::string config() const { return model_->config_text(); }
    bool can_forget() const { return model_->can_forget(); }
    double memory_bytes() const { return static_cast<double>(model_->memory_bytes()); }

    // A user index of one's own (after the catalogue's users).
    uint32_t new_user() { return next_user_++; }

    void learn(uint32_t user, uint32_t movie_id, double stars) {
        const wl::Rating r = rating(user, movie_id, stars);
        auto& mine = rated_[user];
        if (mine.count(r.item)) js_throw("user " + std::to_string(user) + " already rated movie " + std::to_string(movie_id) + ": forget it first");
        call([&] { model_->learn(r); });
        mine[r.item] = r.half_stars;
    }
    void forget(uint32_t user, uint32_t movie_id) {
        const uint32_t item = index(movie_id);
        auto& mine = rated_[user];
        const auto it = mine.find(item);
        if (it == mine.end()) js_throw("user " + std::to_string(user) + " has not rated movie " + std::to_string(movie_id));
        if (!model_->can_forget()) js_throw(model_->name() + " cannot forget");
        wl::Rating r;
        r.user = user;
        r.item = item;
        r.half_stars = it->second;
        call([&] { model_->forget(r); });
        mine.erase(it);
    }
    double predict(uint32_t user, uint32_t movie_id) const {
        const uint32_t item = index(movie_id);
        double p = 0;
        call([&] { p = model_->predict(user, item); });
        return p;
    }
    // [{movieId, title, stars, why: [{movieId, title, cells}]}], best first, over movies the user has not rated.
    val recommend(uint32_t user, uint32_t n, uint32_t min_votes) const {
        std::vector<uint32_t> votes(ds_->num_items(), 0);
        for (const auto& r : ds_->ratings) ++votes[r.item];
        const auto rit = rated_.find(user);
        std::vector<uint32_t> cand, mine;
        if (rit != rated_.end())
            for (const auto& [item, hs] : rit->second) mine.push_back(item);
        for (uint32_t i = 0; i < ds_->num_items(); ++i)
            if (votes[i] >= min_votes && !std::binary_search(mine.begin(), mine.end(), i)) cand.push_back(i);
        std::vector<double> score(cand.size());
        call([&] { model_->rank_scores(user, cand, score); });
        std::vector<size_t> order(cand.size());
        for (size_t k = 0; k < order.size(); ++k) order[k] = k;
        const size_t top = std::min<size_t>(n, order.size());
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), [&](size_t a, size_t b) {
            if (score[a] != score[b]) return score[a] > score[b];
            return cand[a] < cand[b];
        });
        const auto* wnn = dynamic_cast<const wl::WnnModel*>(model_.get());
        val out = val::array();
        for (size_t k = 0; k < top; ++k) {
            const uint32_t item = cand[order[k]];
            val rec = val::object();
            rec.set("movieId", ds_->items[item].id);
            rec.set("title", ds_->items[item].title);
            rec.set("stars", model_->predict(user, item));
            val why = val::array();
            if (wnn && !mine.empty()) {
                uint32_t w = 0;
                for (const auto& [other, cells] : wnn->shared_cells(user, item, mine)) {
                    if (w == 3 || cells == 0) break;
                    val x = val::object();
                    x.set("movieId", ds_->items[other].id);
                    x.set("title", ds_->items[other].title);
                    x.set("cells", cells);
                    why.call<void>("push", x);
                    ++w;
                }
            }
            rec.set("why", why);
            out.call<void>("push", rec);
        }
        return out;
    }
    // Container "WLJS" v1: spec, the model (save_model) and each user's rated movies (needed by recommend/forget).
    val save() const {
        wl::ByteWriter w;
        w.str(spec_);
        const auto m = wl::save_model(*model_);
        w.varint(m.size());
        w.bytes(m);
        w.varint(next_user_);
        w.varint(rated_.size());
        for (const auto& [user, items] : rated_) {
            w.varint(user);
            w.varint(items.size());
            for (const auto& [item, hs] : items) {
                w.varint(ds_->items[item].id);
                w.u8(hs);
            }
        }
        return to_u8(wl::wrap_container("WLJS", 1, w.data()));
    }
    // Replaces this recommender's state by saved bytes (of a recommender with the same spec and catalogue); a bad
    // file throws and changes nothing.
    void load(const val& bytes) {
        try {
            const auto file = bytes_of(bytes);
            const auto payload = wl::unwrap_container(file, "WLJS", 1, nullptr, "saved recommender");
            wl::ByteReader r(payload, "saved recommender");
            if (r.str(64 * 1024) != spec_) r.fail("saved from another model spec");
            const auto m = r.bytes(r.count(1));
            auto fresh = wl::make_model(spec_);
            const uint64_t next = r.varint();
            std::map<uint32_t, std::map<uint32_t, uint8_t>> rated;
            const size_t users = r.count(2);
            for (size_t u = 0; u < users; ++u) {
                const uint64_t user = r.varint();
                if (user > UINT32_MAX || user >= next) r.fail("user index out of range");
                auto& items = rated[static_cast<uint32_t>(user)];
                const size_t n = r.count(2);
                for (size_t k = 0; k < n; ++k) {
                    const uint64_t id = r.varint();
                    const int64_t i = id > UINT32_MAX ? -1 : ds_->item_index(static_cast<uint32_t>(id));
                    if (i < 0) r.fail("unknown movie id " + std::to_string(id));
                    const uint8_t hs = r.u8();
                    if (hs < 1 || hs > 10) r.fail("rating outside 0.5..5 stars");
                    if (!items.emplace(static_cast<uint32_t>(i), hs).second) r.fail("movie rated twice");
                }
            }
            r.expect_done();
            wl::load_model(*fresh, m);
            model_ = std::move(fresh);
            rated_ = std::move(rated);
            next_user_ = static_cast<uint32_t>(next);
        } catch (const std::exception& e) {
            js_throw(e.what());
        }
    }

private:
    template <class F>
    void call(F&& f) const {
        try {
            f();
        } catch (const std::exception& e) {
            js_throw(e.what());
        }
    }
    uint32_t index(uint32_t id) const {
        const int64_t i = ds_->item_index(id);
        if (i < 0) js_throw("unknown movie id " + std::to_string(id));
        return static_cast<uint32_t>(i);
    }
    wl::Rating rating(uint32_t user, uint32_t movie_id, double stars) const {
        const double h = stars * 2;
        if (!(h >= 1 && h <= 10) || h != static_cast<double>(static_cast<int>(h))) js_throw("stars must be 0.5, 1, ... 5");
        wl::Rating r;
        r.user = user;
        r.item = index(movie_id);
        r.half_stars = static_cast<uint8_t>(h);
        return r;
    }

    std::shared_ptr<const wl::Dataset> ds_;
    std::string spec_;
    std::unique_ptr<wl::Model> model_;
    uint32_t next_user_ = 0;
    std::map<uint32_t, std::map<uint32_t, uint8_t>> rated_;  // user -> item index -> half stars
};

val model_names() {
    val out = val::array();
    for (const auto& n : wl::model_names()) out.call<void>("push", n);
    return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(weightless) {
    emscripten::function("modelNames", &model_names);
    emscripten::class_<Catalogue>("Catalogue")
        .class_function("fromBytes", &Catalogue::from_bytes)
        .function("name", &Catalogue::name)
        .function("numItems", &Catalogue::num_items)
        .function("numUsers", &Catalogue::num_users)
        .function("numRatings", &Catalogue::num_ratings)
        .function("hasMovie", &Catalogue::has_movie)
        .function("title", &Catalogue::title);
    emscripten::class_<Recommender>("Recommender")
        .constructor<const Catalogue&, const std::string&>()
        .function("name", &Recommender::name)
        .function("config", &Recommender::config)
        .function("canForget", &Recommender::can_forget)
        .function("memoryBytes", &Recommender::memory_bytes)
        .function("newUser", &Recommender::new_user)
        .function("learn", &Recommender::learn)
        .function("forget", &Recommender::forget)
        .function("predict", &Recommender::predict)
        .function("recommend", &Recommender::recommend)
        .function("save", &Recommender::save)
        .function("load", &Recommender::load);
}
