// The core for web developers, without the app's UI: embind bindings (weightless-api.js + .wasm). A Catalogue is
// read from .wlds bytes; a Recommender is any registry model fitted on its ratings, taught and untaught by
// MovieLens movie ids, with predictions, top-N lists with reasons (WNN: shared RAM cells) and save/load to bytes;
// a Catalogue also finds movies by title with the app's own search (wl::CatalogueSearch).
// Errors become JavaScript Error objects with the core's message. See web/api-example.js; web/weightless-api.d.ts
// declares every binding below (scripts/api-test.sh checks that the two name the same methods).
//
// No exception ever crosses into JavaScript: a JS exception unwinding through wasm frames skips C++ destructors
// (Emscripten's JS-based exception handling), leaking every string, vector and handle alive in them. So each bound
// call runs inside guarded(): a failure is caught in C++, its message parked in one slot and a neutral value
// returned; web/api-post.js (linked with --post-js) wraps every binding to turn a parked message into a thrown
// Error, and deletes an object whose construction failed. Every call is all-or-nothing.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "read_history.hpp"
#include "saved_recommender.hpp"
#include "weightless/data/catalogue_search.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/eval/list_filter.hpp"
#include "weightless/eval/recommend.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_model.hpp"
#include "weightless/util/bytes.hpp"

using emscripten::val;

namespace {

// The message of the last failed call, until the JavaScript wrapper takes it.
struct ErrorSlot {
    bool set = false;
    std::string message;  // empty when even the message could not be copied (out of memory)
};
ErrorSlot g_error;

void park_error(const char* what) noexcept {
    g_error.set = true;
    try {
        g_error.message = what;
    } catch (...) {
        g_error.message.clear();
    }
}

template <class R>
R neutral() {
    if constexpr (std::is_same_v<R, val>) return val::undefined();
    else if constexpr (!std::is_void_v<R>) return R{};
}

// Runs one API call; any exception is caught here (so destructors run) and parked; never throws.
template <class F, class R = std::invoke_result_t<F&>>
R guarded(F&& f) noexcept {
    g_error.set = false;  // a message left by an unwrapped call must not be blamed on this one
    try {
        return f();
    } catch (const std::bad_alloc&) {
        park_error("out of memory (the wasm heap is limited to 2 GB)");
    } catch (const std::exception& e) {
        park_error(e.what());
    } catch (...) {
        park_error("unknown error");
    }
    return neutral<R>();
}

// For web/api-post.js: null when the last call succeeded, else its message (and clears it).
val take_error() noexcept {
    if (!g_error.set) return val::null();
    g_error.set = false;
    try {
        return val(g_error.message.empty() ? std::string("out of memory") : g_error.message);
    } catch (...) {
        return val("out of memory");
    }
}

// Bytes of wasm heap in use (dlmalloc's mallinfo): what a leak check compares before and after.
double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

std::string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", x);  // not ostringstream: it would pull locales into the wasm
    return buf;
}

// JavaScript numbers arrive as doubles so that -1 or 2.5 are refused instead of silently wrapped to an index.
uint32_t whole(double x, const char* what, uint32_t min = 0) {
    if (!(x >= min && x <= 4294967295.0) || x != std::floor(x))
        throw std::invalid_argument(std::string(what) + " must be a whole number from " + std::to_string(min) +
                                    " to 4294967295, not " + number_text(x));
    return static_cast<uint32_t>(x);
}

std::vector<uint8_t> bytes_of(const val& u8) {
    if (!u8.instanceof(val::global("Uint8Array"))) throw std::invalid_argument("expected a Uint8Array");
    return emscripten::convertJSArrayToNumberVector<uint8_t>(u8);
}

val to_u8(const std::vector<uint8_t>& b) {
    return val::global("Uint8Array").new_(emscripten::typed_memory_view(b.size(), b.data())).call<val>("slice");
}

// Recommender.recommend's options as the one list filter (list_filter.hpp). A key it does not know, a genre the
// catalogue lacks, a year out of range or a movie id it does not have is refused, not ignored: a typo in a filter
// would otherwise show an unfiltered list that looks filtered.
wl::ListFilter list_filter_of(const val& o, const wl::Dataset& ds, uint32_t min_votes) {
    wl::ListFilter f;
    f.min_votes = min_votes;
    if (o.isUndefined() || o.isNull()) return f;
    if (o.typeOf().as<std::string>() != "object" || val::global("Array").call<bool>("isArray", o))
        throw std::invalid_argument("options must be an object {genres, excludeGenres, yearFrom, yearTo, only}");
    const auto strings = [&](const val& a, const char* what) {
        if (!val::global("Array").call<bool>("isArray", a)) throw std::invalid_argument(std::string(what) + " must be an array of genre names");
        uint32_t bits = 0;
        const auto len = a["length"].as<uint32_t>();
        for (uint32_t k = 0; k < len; ++k) {
            const val g = a[k];
            if (!g.isString()) throw std::invalid_argument(std::string(what) + " must be an array of genre names");
            bits |= wl::genre_bit(g.as<std::string>(), ds.genre_names, what);
        }
        return bits;
    };
    const auto year = [&](const val& y, const char* what) -> int32_t {
        if (y.isUndefined() || y.isNull()) return 0;
        if (!y.isNumber()) throw std::invalid_argument(std::string(what) + " must be a year");
        const double v = y.as<double>();
        if (!(v >= 1800 && v <= 3000) || v != std::floor(v))
            throw std::invalid_argument(std::string(what) + " must be a whole year from 1800 to 3000, not " + number_text(v));
        return static_cast<int32_t>(v);
    };
    const val keys = val::global("Object").call<val>("keys", o);
    const auto n_keys = keys["length"].as<uint32_t>();
    for (uint32_t k = 0; k < n_keys; ++k) {
        const std::string key = keys[k].as<std::string>();
        const val v = o[key];
        if (key == "genres") f.genres = strings(v, "genres");
        else if (key == "excludeGenres") f.exclude_genres = strings(v, "excludeGenres");
        else if (key == "yearFrom") f.year_from = year(v, "yearFrom");
        else if (key == "yearTo") f.year_to = year(v, "yearTo");
        else if (key == "only") {
            if (!val::global("Array").call<bool>("isArray", v)) throw std::invalid_argument("only must be an array of movie ids");
            for (double id : emscripten::convertJSArrayToNumberVector<double>(v)) {
                const int64_t i = ds.item_index(whole(id, "only's movieId"));
                if (i < 0) throw std::invalid_argument("only: unknown movie id " + number_text(id));
                f.only.push_back(static_cast<uint32_t>(i));
            }
            std::sort(f.only.begin(), f.only.end());
            f.only.erase(std::unique(f.only.begin(), f.only.end()), f.only.end());
            // An empty `only` ranks nothing (an empty watchlist), not everything: mark it with an impossible item.
            if (f.only.empty()) f.only.push_back(UINT32_MAX);
        } else {
            throw std::invalid_argument("unknown option '" + key + "' (genres, excludeGenres, yearFrom, yearTo, only)");
        }
    }
    if (f.year_from != 0 && f.year_to != 0 && f.year_from > f.year_to)
        throw std::invalid_argument("yearFrom " + std::to_string(f.year_from) + " is after yearTo " + std::to_string(f.year_to));
    if ((f.genres & f.exclude_genres) != 0) throw std::invalid_argument("a genre is both in genres and in excludeGenres");
    return f;
}

// {movieId, title, year, genres}: what search results and recommendations say about a movie. The title is the
// catalogue's own ("Matrix, The (1999)", as title() gives it); year is null when unknown; genres are the dataset's
// labels, MovieLens' "(no genres listed)" giving [].
val movie_entry(const wl::Dataset& ds, uint32_t item) {
    const wl::Item& it = ds.items[item];
    val entry = val::object();
    entry.set("movieId", it.id);
    entry.set("title", it.title);
    entry.set("year", it.year > 0 ? val(static_cast<int>(it.year)) : val::null());
    val genres = val::array();
    for (const auto& g : wl::genre_labels(ds, item)) genres.call<void>("push", g);
    entry.set("genres", genres);
    return entry;
}

class Catalogue {
public:
    Catalogue() = default;  // only the neutral value of a failed fromBytes, deleted by the wrapper
    explicit Catalogue(std::shared_ptr<const wl::Dataset> ds, std::shared_ptr<const wl::ItemNeighbours> items = {})
        : ds_(std::move(ds)), items_(std::move(items)), search_(std::make_shared<const wl::CatalogueSearch>(*ds_)) {}
    static Catalogue from_bytes(const val& bytes) {
        return guarded([&] { return Catalogue(std::make_shared<const wl::Dataset>(wl::unpack_dataset(bytes_of(bytes), "catalogue"))); });
    }
    // The catalogue with its public item model (a .wlim file of EASE weights, as the app ships): the recommenders
    // that rank from public weights (ease, wnn-rank, wnn-blend) then use it instead of fitting EASE in the tab.
    static Catalogue with_item_model(const val& bytes, const val& item_model) {
        return guarded([&] {
            auto ds = std::make_shared<const wl::Dataset>(wl::unpack_dataset(bytes_of(bytes), "catalogue"));
            auto items = std::make_shared<const wl::ItemNeighbours>(wl::load_item_neighbours(bytes_of(item_model), *ds));
            return Catalogue(std::move(ds), std::move(items));
        });
    }
    bool has_item_model() const {
        return guarded([&] {
            data();
            return items_ != nullptr;
        });
    }
    const wl::ItemNeighbours* items() const { return items_.get(); }
    std::string name() const {
        return guarded([&] { return data().name; });
    }
    uint32_t num_items() const {
        return guarded([&] { return static_cast<uint32_t>(data().num_items()); });
    }
    uint32_t num_users() const {
        return guarded([&] { return static_cast<uint32_t>(data().num_users()); });
    }
    uint32_t num_ratings() const {
        return guarded([&] { return static_cast<uint32_t>(data().ratings.size()); });
    }
    // False for anything that is not a movie id of this catalogue (a predicate does not throw on odd numbers).
    bool has_movie(double id) const {
        return guarded([&] { return id >= 0 && id <= 4294967295.0 && id == std::floor(id) && data().item_index(static_cast<uint32_t>(id)) >= 0; });
    }
    std::string title(double id) const {
        return guarded([&] { return data().items[index(whole(id, "movieId"))].title; });
    }
    // The app's search (its Rate page): [{movieId, title, year, genres}], at most n, titles starting with the text
    // first, then the most rated. Text too long or not UTF-8 (raw bytes passed for it) is refused.
    val search(const std::string& text, double n_) const {
        return guarded([&] {
            const uint32_t n = whole(n_, "n", 1);
            wl::SearchFilter f;
            f.query = text;
            const auto hits = searcher().search(f);
            val out = val::array();
            for (size_t k = 0; k < hits.size() && k < n; ++k) out.call<void>("push", movie_entry(data(), hits[k]));
            return out;
        });
    }

    // An export file (IMDb ratings or watchlist, Letterboxd ratings / diary / watched / watchlist, MovieLens) read
    // and matched to this catalogue as the app's import preview (read_history.hpp). `fileName` only tells a
    // Letterboxd watchlist.csv from its watched.csv (same columns); without it such rows are "seen". The title index
    // is built at the first call and kept with the catalogue.
    val read_history(const val& bytes) const { return read_history_named(bytes, std::string()); }
    val read_history_named(const val& bytes, const std::string& file_name) const {
        return guarded([&] {
            const auto b = bytes_of(bytes);
            if (!history_) history_ = std::make_shared<const wl::app::HistoryIndex>(data());
            return wl::js::read_history(b, data(), *history_, file_name);
        });
    }

    uint32_t index(uint32_t id) const {
        const int64_t i = data().item_index(id);
        if (i < 0) throw std::invalid_argument("unknown movie id " + std::to_string(id));
        return static_cast<uint32_t>(i);
    }
    const wl::Dataset& data() const {
        if (!ds_) throw std::logic_error("this Catalogue failed to load");
        return *ds_;
    }
    const std::shared_ptr<const wl::Dataset>& shared() const { return ds_; }
    const std::shared_ptr<const wl::ItemNeighbours>& items_shared() const { return items_; }

private:
    const wl::CatalogueSearch& searcher() const {
        data();  // set together with ds_
        return *search_;
    }

    std::shared_ptr<const wl::Dataset> ds_;
    std::shared_ptr<const wl::ItemNeighbours> items_;
    std::shared_ptr<const wl::CatalogueSearch> search_;  // refers to *ds_, which it shares the lifetime of
    mutable std::shared_ptr<const wl::app::HistoryIndex> history_;  // built by the first readHistory
};

class Recommender {
public:
    // `spec` as in the CLI: "wnn-best", "wnn-best:tuple_size=8", "bias", ... Fitted on the catalogue's ratings.
    // On failure the object is left empty and the wrapper deletes it.
    Recommender(const Catalogue& cat, const std::string& spec) noexcept {
        guarded([&] {
            const wl::Dataset& ds = cat.data();
            // Only newUser()s are served, so the catalogue's own users' state (their cells) is not kept.
            auto model = wl::js::prepared_model(spec, ds, cat.items());
            items_ = cat.items_shared();
            votes_.assign(ds.num_items(), 0);
            for (const auto& r : ds.ratings) ++votes_[r.item];
            spec_ = spec;
            ds_ = cat.shared();
            next_user_ = static_cast<uint32_t>(ds_->num_users());
            model_ = std::move(model);
        });
    }
    std::string name() const {
        return guarded([&] { return model().name(); });
    }
    std::string config() const {
        return guarded([&] { return model().config_text(); });
    }
    bool can_forget() const {
        return guarded([&] { return model().can_forget(); });
    }
    double memory_bytes() const {
        return guarded([&] { return static_cast<double>(model().memory_bytes()); });
    }

    // A user index of one's own (after the catalogue's users).
    uint32_t new_user() {
        return guarded([&] {
            model();
            if (next_user_ == UINT32_MAX) throw std::length_error("no user indices left");
            return next_user_++;
        });
    }

    void learn(double user, double movie_id, double stars) {
        guarded([&] {
            const uint32_t u = user_index(user);
            const uint32_t id = whole(movie_id, "movieId");
            const wl::Rating r = rating(u, id, stars);
            const auto known = rated_.find(u);
            if (known != rated_.end() && known->second.count(r.item))
                throw std::invalid_argument("user " + std::to_string(u) + " already rated movie " + std::to_string(id) + ": forget it first");
            // Book-keeping first, so that nothing can fail once the model has learned; undone if the model throws.
            auto [mine, new_entry] = rated_.try_emplace(u);
            try {
                const auto slot = mine->second.emplace(r.item, r.half_stars).first;
                try {
                    model().learn(r);
                } catch (...) {
                    mine->second.erase(slot);
                    throw;
                }
            } catch (...) {
                if (new_entry) rated_.erase(mine);
                throw;
            }
        });
    }
    void forget(double user, double movie_id) {
        guarded([&] {
            const uint32_t u = user_index(user);
            const uint32_t id = whole(movie_id, "movieId");
            const uint32_t item = index(id);
            const auto mine = rated_.find(u);
            if (mine == rated_.end() || !mine->second.count(item))
                throw std::invalid_argument("user " + std::to_string(u) + " has not rated movie " + std::to_string(id));
            const auto it = mine->second.find(item);
            if (!model().can_forget()) throw std::invalid_argument(model().name() + " cannot forget");
            wl::Rating r;
            r.user = u;
            r.item = item;
            r.half_stars = it->second;
            model().forget(r);
            mine->second.erase(it);
            if (mine->second.empty()) rated_.erase(mine);
        });
    }
    double predict(double user, double movie_id) const {
        return guarded([&] {
            const uint32_t u = user_index(user);
            return model().predict(u, index(whole(movie_id, "movieId")));
        });
    }
    // [{movieId, title, year, genres, stars, score, why: [{movieId, title, strength, cells}]}], best first (movie
    // fields as in Catalogue.search), over movies the user has not rated with at least minVotes community ratings
    // that `options` admits ({genres, excludeGenres, yearFrom, yearTo, only}: list_filter_of; undefined or null: all):
    // the one top-N path of the evaluator and the app
    // (wl::recommend: rank_scores, ties to the more rated movie, then the lower index; reasons from Model::explain,
    // whose strength is shared RAM cells for the WNNs, shared input bits for wnn-rank and wnn-blend, weights for ease).
    val recommend(double user_, double n_, double min_votes_, const val& options) const {
        return guarded([&] {
            const uint32_t user = user_index(user_);
            const uint32_t n = whole(n_, "n");
            const wl::Dataset& ds = catalogue();
            const wl::ListFilter filter = list_filter_of(options, ds, whole(min_votes_, "minVotes"));
            const wl::Model& m = model();
            const auto rit = rated_.find(user);
            std::vector<bool> rated;
            if (rit != rated_.end()) {
                rated.assign(ds.num_items(), false);
                for (const auto& [i, stars] : rit->second) rated[i] = true;
            }
            const std::vector<uint32_t> cand = wl::filter_candidates(ds, votes_, filter, rated);
            const bool any = rit != rated_.end() && !rit->second.empty();
            val out = val::array();
            if (n == 0) return out;
            for (const auto& pick : wl::recommend(m, user, cand, votes_, n, any ? 3 : 0)) {
                val rec = movie_entry(ds, pick.item);
                rec.set("stars", m.predict(user, pick.item));
                rec.set("score", pick.score);
                val why = val::array();
                for (const auto& reason : pick.reasons) {
                    if (reason.strength <= 0) continue;
                    val x = val::object();
                    x.set("movieId", ds.items[reason.item].id);
                    x.set("title", ds.items[reason.item].title);
                    x.set("strength", reason.strength);
                    x.set("cells", reason.strength);  // the name of earlier releases (shared cells or bits)
                    why.call<void>("push", x);
                }
                rec.set("why", why);
                out.call<void>("push", rec);
            }
            return out;
        });
    }
    // Container "WLJS" v2 (saved_recommender.hpp): spec, catalogue, the model and each user's rated movies (needed by
    // recommend/forget) with those kept aside.
    val save() const {
        return guarded([&] { return to_u8(wl::js::save_recommender(spec_, model(), next_user_, rated_, aside_, catalogue())); });
    }
    // Replaces this recommender's state by saved bytes (of a recommender with the same spec); a bad file is refused
    // and changes nothing. A file saved on another catalogue (or before files named theirs) is rebuilt from its
    // ratings: a model prepared on this catalogue learns each user's movies, and ratings of movies this catalogue
    // lacks are kept aside (aside(user); saved again by save()).
    void load(const val& bytes) {
        guarded([&] {
            auto loaded = wl::js::load_recommender(bytes_of(bytes), spec_, catalogue(), items_.get());
            // Commit: moves that cannot throw.
            model_ = std::move(loaded.model);
            rated_ = std::move(loaded.rated);
            aside_ = std::move(loaded.aside);
            next_user_ = loaded.next_user;
        });
    }
    // [{movieId, stars}]: the user's ratings, loaded from a file of another catalogue, of movies this one lacks.
    val aside(double user_) const {
        return guarded([&] {
            const uint32_t user = user_index(user_);
            val out = val::array();
            const auto it = aside_.find(user);
            if (it == aside_.end()) return out;
            for (const auto& [id, hs] : it->second) {
                val x = val::object();
                x.set("movieId", id);
                x.set("stars", hs * 0.5);
                out.call<void>("push", x);
            }
            return out;
        });
    }

private:
    wl::Model& model() const {
        if (!model_) throw std::logic_error("this Recommender failed to build");
        return *model_;
    }
    const wl::Dataset& catalogue() const {
        model();  // ds_ is set together with model_
        return *ds_;
    }
    uint32_t user_index(double user) const {
        const uint32_t u = whole(user, "user");
        if (u >= next_user_)
            throw std::invalid_argument("unknown user " + std::to_string(u) + " (catalogue users are 0.." + std::to_string(catalogue().num_users() - 1) + "; newUser() makes more)");
        return u;
    }
    wl::Rating rating(uint32_t user, uint32_t movie_id, double stars) const {
        const double h = stars * 2;
        if (!(h >= 1 && h <= 10) || h != std::floor(h)) throw std::invalid_argument("stars must be 0.5, 1, ... 5, not " + number_text(stars));
        wl::Rating r;
        r.user = user;
        r.item = index(movie_id);
        r.half_stars = static_cast<uint8_t>(h);
        return r;
    }
    uint32_t index(uint32_t id) const {
        const int64_t i = catalogue().item_index(id);
        if (i < 0) throw std::invalid_argument("unknown movie id " + std::to_string(id));
        return static_cast<uint32_t>(i);
    }

    std::shared_ptr<const wl::Dataset> ds_;
    std::shared_ptr<const wl::ItemNeighbours> items_;  // the catalogue's shipped item model, when it has one
    std::string spec_;
    std::unique_ptr<wl::Model> model_;
    uint32_t next_user_ = 0;
    wl::js::RatedMovies rated_;  // user -> item index -> half stars
    wl::js::AsideMovies aside_;  // user -> MovieLens id -> half stars, of movies this catalogue lacks
    std::vector<uint32_t> votes_;  // community ratings per item: the list's filter and tie-break
};

val model_names() {
    return guarded([&] {
        val out = val::array();
        for (const auto& n : wl::model_names()) out.call<void>("push", n);
        return out;
    });
}

}  // namespace

EMSCRIPTEN_BINDINGS(weightless) {
    emscripten::function("_wlTakeError", &take_error);  // used and removed by web/api-post.js
    emscripten::function("heapBytesInUse", &heap_bytes_in_use);
    emscripten::function("modelNames", &model_names);
    emscripten::class_<Catalogue>("Catalogue")
        .class_function("fromBytes", &Catalogue::from_bytes)
        .class_function("withItemModel", &Catalogue::with_item_model)
        .function("hasItemModel", &Catalogue::has_item_model)
        .function("name", &Catalogue::name)
        .function("numItems", &Catalogue::num_items)
        .function("numUsers", &Catalogue::num_users)
        .function("numRatings", &Catalogue::num_ratings)
        .function("hasMovie", &Catalogue::has_movie)
        .function("title", &Catalogue::title)
        .function("search", &Catalogue::search)
        .function("readHistory", &Catalogue::read_history)
        .function("readHistory", &Catalogue::read_history_named);
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
        .function("load", &Recommender::load)
        .function("aside", &Recommender::aside);
}
