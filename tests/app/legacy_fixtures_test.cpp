// The legacy-2018 fixtures (tests/fixtures/legacy-2018: the app's saved state, export file, share link and CSV
// export, and the JavaScript API's saved recommenders, written by the ml-latest-small code) load with every rating,
// "unseen" mark and setting their manifest lists, on three catalogues: the one they were written on (ml-latest-small),
// the app's (MovieLens 2023 with the small set's ratings: merged ids resolve to their new ids, the movies 2023 lacks
// are kept), and MovieLens 2023 alone (what a catalogue lacking some of them does: those ratings are set aside by id,
// never dropped). The expectations come from manifest.txt only.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/logic/app_state.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/persist.hpp"
#include "app_test_util.hpp"
#include "bindings/js/saved_recommender.hpp"
#include "weightless/data/catalogue_merge.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/wnn_config.hpp"
#include "weightless/util/params.hpp"

namespace wl::app {
namespace {

using namespace wl::test;

const std::string kDir = std::string(WL_ASSETS_DIR) + "/../tests/fixtures/legacy-2018";

struct Expected {
    uint8_t half_stars = 0;
    std::optional<int64_t> timestamp;  // absent where the format keeps none
};
using Ratings = std::map<uint32_t, Expected>;  // MovieLens id -> rating

struct Fixture {
    std::string file;
    std::map<std::string, std::string> settings;
    std::string spec;         // JS API only
    bool item_model = false;  // JS API only: the Catalogue carried the shipped .items.wlim
    std::map<int64_t, Ratings> users;  // user index (-1: the app's one person) -> ratings
    std::set<uint32_t> unseen;         // MovieLens ids
};

struct Manifest {
    std::string catalogue;
    size_t items = 0;
    std::map<uint32_t, uint32_t> merged;      // old id -> 2023 id
    std::map<uint32_t, std::string> absent;   // id -> title
    std::map<std::string, Fixture> fixtures;  // file -> what it holds
};

// manifest.txt: one record a line (its header says which); a value that may hold spaces is the rest of the line.
const Manifest& manifest() {
    static const Manifest m = [] {
        Manifest out;
        std::ifstream f(kDir + "/manifest.txt");
        if (!f) throw std::runtime_error("cannot read " + kDir + "/manifest.txt");
        Fixture* fx = nullptr;
        int64_t user = -1;
        std::string line;
        while (std::getline(f, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream in(line);
            std::string kind, rest;
            in >> kind;
            const auto tail = [&] {
                std::getline(in >> std::ws, rest);
                return rest;
            };
            if (kind == "catalogue") {
                in >> out.catalogue >> out.items;
            } else if (kind == "merged") {
                uint32_t from = 0, to = 0;
                in >> from >> to;
                out.merged[from] = to;
            } else if (kind == "absent") {
                uint32_t id = 0;
                in >> id;
                out.absent[id] = tail();
            } else if (kind == "fixture") {
                const std::string file = tail();
                fx = &out.fixtures[file];
                fx->file = file;
                user = -1;
            } else if (!fx) {
                throw std::runtime_error("manifest.txt: '" + line + "' before any fixture");
            } else if (kind == "setting") {
                std::string key;
                in >> key;
                fx->settings[key] = tail();
            } else if (kind == "spec") {
                fx->spec = tail();
            } else if (kind == "item_model") {
                in >> fx->item_model;
            } else if (kind == "user") {
                in >> user;
            } else if (kind == "rating") {
                uint32_t id = 0;
                int hs = 0;
                Expected e;
                in >> id >> hs;
                int64_t ts = 0;
                if (in >> ts) e.timestamp = ts;
                e.half_stars = static_cast<uint8_t>(hs);
                fx->users[user][id] = e;
            } else if (kind == "unseen") {
                uint32_t id = 0;
                in >> id;
                fx->unseen.insert(id);
            } else {
                throw std::runtime_error("manifest.txt: unknown line '" + line + "'");
            }
        }
        return out;
    }();
    return m;
}

const Fixture& fixture(const std::string& file) { return manifest().fixtures.at(file); }

std::string what_id(uint32_t id) {
    const Manifest& m = manifest();
    if (m.merged.count(id)) return std::to_string(id) + " (merged into " + std::to_string(m.merged.at(id)) + " in 2023)";
    if (m.absent.count(id)) return std::to_string(id) + " (absent from 2023: " + m.absent.at(id) + ")";
    return std::to_string(id);
}

// Every expected rating is in `got` with its stars (and timestamp where the manifest gives one), and nothing else.
void expect_ratings(const Ratings& want, const Ratings& got, const std::string& where) {
    for (const auto& [id, e] : want) {
        const auto it = got.find(id);
        if (it == got.end()) {
            ADD_FAILURE() << where << ": lost the rating of movie " << what_id(id);
            continue;
        }
        EXPECT_EQ(int{it->second.half_stars}, int{e.half_stars}) << where << ": movie " << what_id(id);
        if (e.timestamp) {
            EXPECT_EQ(it->second.timestamp, e.timestamp) << where << ": movie " << what_id(id);
        }
    }
    for (const auto& [id, e] : got)
        EXPECT_TRUE(want.count(id)) << where << ": movie " << what_id(id) << " is not in the manifest";
}

Ratings ratings_by_id(const std::map<uint32_t, PersonRating>& by_item, const Dataset& ds) {
    Ratings out;
    for (const auto& [item, r] : by_item) out[ds.items.at(item).id] = {r.half_stars, r.timestamp};
    return out;
}

// The catalogues the fixtures must load on: the one they were written on, the app's, and (when the CSVs are here)
// MovieLens 2023 alone, which lacks the "absent" movies.
struct Target {
    std::string name;
    const Dataset* ds;
    const ItemNeighbours* items;
};
const Dataset* bare_2023() {
    static const std::unique_ptr<Dataset> ds = []() -> std::unique_ptr<Dataset> {
        const std::string dir = shared_data("ml-latest-2023");
        if (!std::filesystem::exists(dir + "/movies.csv")) return nullptr;
        auto d = std::make_unique<Dataset>(merge_into_catalogue(embedded_catalogue(), load_ml_latest_catalogue(dir), "bare"));
        // The same users and ratings, but only the 2023 file's movies: drop the kept ones and their ratings.
        Dataset bare = load_ml_latest_catalogue(dir);
        bare.name = "ml-latest-2023-bare";
        bare.id_aliases = d->id_aliases;
        bare.index();
        return std::make_unique<Dataset>(std::move(bare));
    }();
    return ds.get();
}
std::vector<Target> targets() {
    std::vector<Target> out = {{"ml-latest-small", &embedded_catalogue(), &embedded_items()},
                               {"the app's 2023 catalogue", &app_catalogue(), &app_items()}};
    if (const Dataset* bare = bare_2023()) out.push_back({"MovieLens 2023 alone", bare, nullptr});
    return out;
}

// Where a manifest rating must be on catalogue `ds`: at the movie its id resolves to, or aside under that id.
void expect_kept(const Ratings& want, const std::map<uint32_t, PersonRating>& by_item,
                 const std::map<uint32_t, PersonRating>& aside, const Dataset& ds, const std::string& where) {
    Ratings got_items, got_aside;
    for (const auto& [item, r] : by_item) got_items[static_cast<uint32_t>(item)] = {r.half_stars, r.timestamp};
    for (const auto& [id, r] : aside) got_aside[id] = {r.half_stars, r.timestamp};
    Ratings got;  // by the manifest's ids
    size_t found = 0;
    for (const auto& [id, e] : want) {
        const int64_t i = ds.item_index(id);
        const Ratings& from = i >= 0 ? got_items : got_aside;
        const uint32_t key = i >= 0 ? static_cast<uint32_t>(i) : id;
        if (from.count(key)) {
            got[id] = from.at(key);
            ++found;
        }
    }
    expect_ratings(want, got, where);
    EXPECT_EQ(by_item.size() + aside.size(), found) << where << ": ratings beyond the manifest's";
}

std::set<uint32_t> marks_by_manifest_id(const std::set<uint32_t>& want, const PersonState& p, const Dataset& ds) {
    std::set<uint32_t> out;
    for (uint32_t id : want) {
        const int64_t i = ds.item_index(id);
        if (i >= 0 ? p.unseen.count(static_cast<uint32_t>(i)) : p.unseen_aside.count(id)) out.insert(id);
    }
    EXPECT_EQ(p.unseen.size() + p.unseen_aside.size(), out.size()) << "marks beyond the manifest's";
    return out;
}

// A network config as the app reads it: a config text of an earlier release lacks keys added since (their defaults).
std::string normal_config(const std::string& text) {
    WnnConfig c = wnn_preset("best");
    apply_params(c, text);
    return params_to_text(c);
}

// The person's ratings, marks and settings are the manifest's.
void expect_person(const Fixture& f, const PersonState& p, const Dataset& ds) {
    expect_kept(f.users.at(-1), p.ratings, p.aside, ds, f.file);
    EXPECT_EQ(marks_by_manifest_id(f.unseen, p, ds), f.unseen) << f.file << ": unseen marks";
    EXPECT_EQ(normal_config(p.settings.wnn_config), normal_config(f.settings.at("wnn_config"))) << f.file;
    EXPECT_EQ(static_cast<int>(p.settings.rec_source), std::stoi(f.settings.at("rec_source"))) << f.file;
    EXPECT_EQ(p.settings.min_votes, std::stoul(f.settings.at("min_votes"))) << f.file;
    EXPECT_EQ(p.settings.welcome_done, f.settings.at("welcome_done") == "1") << f.file;
}

std::vector<uint8_t> fixture_bytes(const std::string& file) { return read_file_bytes(kDir + "/" + file); }

TEST(LegacyFixtures, ManifestCoversEveryCaseTheMigrationMeets) {
    const Manifest& m = manifest();
    EXPECT_EQ(m.catalogue, embedded_catalogue().name);
    EXPECT_EQ(m.items, embedded_catalogue().num_items());
    for (const char* file : {"state.wlap", "export.wlex", "share.txt", "ratings-export.csv"}) {
        SCOPED_TRACE(file);
        const Fixture& f = fixture(file);
        const Ratings& r = f.users.at(-1);
        EXPECT_GE(r.size(), 25u);
        size_t merged = 0, absent = 0;
        std::set<uint8_t> stars;
        for (const auto& [id, e] : r) {
            merged += m.merged.count(id);
            absent += m.absent.count(id);
            stars.insert(e.half_stars);
        }
        EXPECT_GE(merged, 3u);
        EXPECT_GE(absent, 3u);
        EXPECT_EQ(stars.size(), 10u) << "every half-star value 0.5..5";
    }
    for (const char* file : {"state.wlap", "export.wlex"}) {
        const auto& unseen = fixture(file).unseen;
        EXPECT_TRUE(std::any_of(unseen.begin(), unseen.end(), [&](uint32_t id) { return m.merged.count(id); })) << file;
        EXPECT_TRUE(std::any_of(unseen.begin(), unseen.end(), [&](uint32_t id) { return m.absent.count(id); })) << file;
    }
    size_t js = 0;
    for (const auto& [file, f] : m.fixtures) {
        if (f.spec.empty()) continue;
        ++js;
        EXPECT_EQ(f.users.size(), 2u) << file;
        size_t merged = 0, absent = 0;
        for (const auto& [user, r] : f.users)
            for (const auto& [id, e] : r) merged += m.merged.count(id), absent += m.absent.count(id);
        EXPECT_GE(merged, 2u) << file;
        EXPECT_GE(absent, 2u) << file;
    }
    EXPECT_GE(js, 2u) << "the JavaScript API's saved recommenders";
    // The app's catalogue resolves every merged id to the manifest's new id.
    for (const auto& [from, to] : m.merged) EXPECT_EQ(app_catalogue().item_index(from), app_catalogue().item_index(to)) << from;
}

// As the app starts: SavedState reads state.wlap from its folder (nothing is written there); the app builds on it, and
// what it saves (version 2) loads back the same.
TEST(LegacyFixtures, SavedStateLoadsEveryRatingMarkAndSetting) {
    for (const Target& t : targets()) {
        SCOPED_TRACE(t.name);
        const Dataset& ds = *t.ds;
        SavedState saved(kDir);
        PersonState p;
        ASSERT_EQ(saved.load(ds, p), SavedState::Found::Loaded) << saved.error();
        expect_person(fixture("state.wlap"), p, ds);
        expect_person(fixture("state.wlap"), load_person(save_person(p, ds), ds, "again"), ds);
        if (!t.items) continue;
        AppState app(ds, p, *t.items);
        EXPECT_EQ(app.notice(), "");
        EXPECT_EQ(app.person().settings.wnn_config, normal_config(p.settings.wnn_config));
        expect_person(fixture("state.wlap"), app.person(), ds);
    }
}

// As Import does: import_file, then replace_person. On its own catalogue the retrained network must predict exactly
// what the exported network predicts; on another the network is retrained from the ratings.
TEST(LegacyFixtures, ExportFileImportsEveryRatingMarkSettingAndItsNetwork) {
    for (const Target& t : targets()) {
        SCOPED_TRACE(t.name);
        const Dataset& ds = *t.ds;
        Imported im = import_file(fixture_bytes("export.wlex"), ds);
        expect_person(fixture("export.wlex"), im.person, ds);
        EXPECT_EQ(im.model != nullptr, &ds == &embedded_catalogue()) << "the network is checked on its own catalogue only";
        if (!t.items) continue;
        AppState app(ds, {}, *t.items);
        ASSERT_NO_THROW(app.replace_person(im.person, im.model.get()));
        expect_person(fixture("export.wlex"), app.person(), ds);
    }
}

// As opening the link does: the fragment's r= code, decoded with the time of opening.
TEST(LegacyFixtures, ShareLinkDecodesEveryRating) {
    for (const Target& t : targets()) {
        SCOPED_TRACE(t.name);
        const Dataset& ds = *t.ds;
        const auto bytes = fixture_bytes("share.txt");
        std::string text(bytes.begin(), bytes.end());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        ASSERT_EQ(text.substr(0, 3), "#r=") << "share.txt holds the URL fragment";
        const auto code = share_code_of_fragment(text);
        ASSERT_TRUE(code);
        const int64_t now = 1'700'000'000;
        const SharedRatings got = decode_share(*code, ds, now);
        expect_kept(fixture("share.txt").users.at(-1), got.ratings, got.aside, ds, "share.txt");
        for (const auto& [item, r] : got.ratings) EXPECT_EQ(r.timestamp, now) << "a link carries no dates";
        if (&ds == &embedded_catalogue()) {
            PersonState p;
            p.ratings = got.ratings;
            EXPECT_EQ(encode_share(p, ds), *code) << "today's writer gives the same code back";
        }
    }
}

// As "Import ratings from a file" does with our own CSV export: every row matched exactly, by its ids. On MovieLens
// 2023 alone the absent movies are named as not in the catalogue (the preview lists them and saves them as a CSV).
TEST(LegacyFixtures, CsvExportReimportsEveryRating) {
    for (const Target& t : targets()) {
        SCOPED_TRACE(t.name);
        const Dataset& ds = *t.ds;
        const HistoryIndex index(ds);
        const HistoryPreview pv = parse_history(fixture_bytes("ratings-export.csv"), ds, index, 1'700'000'000);
        EXPECT_EQ(pv.format, HistoryFormat::LetterboxdImport);
        EXPECT_EQ(pv.malformed, 0u);
        const Ratings& want = fixture("ratings-export.csv").users.at(-1);
        size_t lacking = 0;
        for (const auto& [id, e] : want) lacking += ds.item_index(id) < 0;
        EXPECT_EQ(pv.count(MatchKind::Exact), pv.rows.size() - lacking);
        EXPECT_EQ(pv.count(MatchKind::Unmatched), lacking);
        Ratings got = ratings_by_id(pv.chosen(), ds), resolved;
        for (const auto& [id, e] : want) {
            const int64_t i = ds.item_index(id);
            if (i >= 0 && got.count(ds.items[static_cast<size_t>(i)].id)) resolved[id] = got.at(ds.items[static_cast<size_t>(i)].id);
        }
        Ratings expected;
        for (const auto& [id, e] : want)
            if (ds.item_index(id) >= 0) expected[id] = e;
        expect_ratings(expected, resolved, "ratings-export.csv");
    }
}

// As Recommender.load does (the same C++ the binding calls): each user's movies and stars. The files are version 1,
// which does not name its catalogue: they load by their ratings (the binding relearns them), and what is saved
// again (version 2) reloads with its model on the same catalogue.
TEST(LegacyFixtures, JsSavedRecommendersLoadEveryUsersRatings) {
    for (const Target& t : targets()) {
        SCOPED_TRACE(t.name);
        const Dataset& ds = *t.ds;
        size_t files = 0;
        for (const auto& [file, f] : manifest().fixtures) {
            if (f.spec.empty() || f.spec == "wnn-blend") continue;  // wnn-blend needs the item model: the node test
            SCOPED_TRACE(file);
            ++files;
            const auto loaded = js::load_recommender(fixture_bytes(file), f.spec, ds);
            ASSERT_TRUE(loaded.model);
            EXPECT_TRUE(loaded.relearned) << "a version-1 file is rebuilt from its ratings";
            EXPECT_EQ(loaded.next_user, embedded_catalogue().num_users() + f.users.size()) << "two newUser()s after 610 users";
            for (const auto& [user, want] : f.users) {
                const auto u = static_cast<uint32_t>(user);
                std::map<uint32_t, PersonRating> items, aside;
                if (loaded.rated.count(u))
                    for (const auto& [item, hs] : loaded.rated.at(u)) items[item] = {hs, 0};
                if (loaded.aside.count(u))
                    for (const auto& [id, hs] : loaded.aside.at(u)) aside[id] = {hs, 0};
                expect_kept(want, items, aside, ds, file + " user " + std::to_string(user));
            }
            // Saved again (version 2, naming this catalogue), it loads with its own model.
            const auto again = js::save_recommender(f.spec, *loaded.model, loaded.next_user, loaded.rated, loaded.aside, ds);
            const auto back = js::load_recommender(again, f.spec, ds);
            ASSERT_TRUE(back.model);
            EXPECT_FALSE(back.relearned);
            EXPECT_EQ(back.rated, loaded.rated);
            EXPECT_EQ(back.aside, loaded.aside);
            EXPECT_EQ(js::save_recommender(f.spec, *back.model, back.next_user, back.rated, back.aside, ds), again);
        }
        EXPECT_GE(files, 1u);
    }
}

}  // namespace
}  // namespace wl::app
