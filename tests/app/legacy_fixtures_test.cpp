// The legacy-2018 fixtures (tests/fixtures/legacy-2018: the app's saved state, export file, share link and CSV
// export, and the JavaScript API's saved recommenders, written by the ml-latest-small code) load with today's
// loaders, and every rating, "unseen" mark and setting their manifest lists is there. The expectations come from
// manifest.txt only, so when the catalogue changes these tests keep the same manifest and check the migration
// instead (merged ids mapped to their new ids, absent ids kept aside by name).
#include <gtest/gtest.h>

#include <algorithm>
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

std::set<uint32_t> ids_of(const std::set<uint32_t>& items, const Dataset& ds) {
    std::set<uint32_t> out;
    for (uint32_t item : items) out.insert(ds.items.at(item).id);
    return out;
}

// The person's ratings, marks and settings are the manifest's.
void expect_person(const Fixture& f, const PersonState& p, const Dataset& ds) {
    expect_ratings(f.users.at(-1), ratings_by_id(p.ratings, ds), f.file);
    EXPECT_EQ(ids_of(p.unseen, ds), f.unseen) << f.file << ": unseen marks";
    EXPECT_EQ(p.settings.wnn_config, f.settings.at("wnn_config")) << f.file;
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
}

// As the app starts: SavedState reads state.wlap from its folder (nothing is written there).
TEST(LegacyFixtures, SavedStateLoadsEveryRatingMarkAndSetting) {
    const Dataset& ds = embedded_catalogue();
    SavedState saved(kDir);
    PersonState p;
    ASSERT_EQ(saved.load(ds, p), SavedState::Found::Loaded) << saved.error();
    expect_person(fixture("state.wlap"), p, ds);
    EXPECT_EQ(save_person(p, ds), fixture_bytes("state.wlap")) << "today's writer gives the same bytes back";
    // The app builds on it with the saved network settings (no notice: they still hold).
    AppState app(ds, p, embedded_items());
    EXPECT_EQ(app.notice(), "");
    EXPECT_EQ(app.person().settings.wnn_config, p.settings.wnn_config);
}

// As Import does: import_file, then replace_person, which retrains the network and requires it to predict exactly
// what the exported network predicts.
TEST(LegacyFixtures, ExportFileImportsEveryRatingMarkSettingAndItsNetwork) {
    const Dataset& ds = embedded_catalogue();
    Imported im = import_file(fixture_bytes("export.wlex"), ds);
    expect_person(fixture("export.wlex"), im.person, ds);
    ASSERT_TRUE(im.model);
    EXPECT_EQ(export_file(im.person, ds, *im.model), fixture_bytes("export.wlex")) << "today's writer gives the same bytes back";
    AppState app(ds, {}, embedded_items());
    ASSERT_NO_THROW(app.replace_person(im.person, im.model.get()));
    expect_person(fixture("export.wlex"), app.person(), ds);
}

// As opening the link does: the fragment's r= code, decoded with the time of opening.
TEST(LegacyFixtures, ShareLinkDecodesEveryRating) {
    const Dataset& ds = embedded_catalogue();
    const auto bytes = fixture_bytes("share.txt");
    std::string text(bytes.begin(), bytes.end());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    ASSERT_EQ(text.substr(0, 3), "#r=") << "share.txt holds the URL fragment";
    const auto code = share_code_of_fragment(text);
    ASSERT_TRUE(code);
    const int64_t now = 1'700'000'000;
    const auto got = ratings_by_id(decode_share(*code, ds, now), ds);
    expect_ratings(fixture("share.txt").users.at(-1), got, "share.txt");
    for (const auto& [id, r] : got) EXPECT_EQ(r.timestamp, now) << "a link carries no dates";
    PersonState p;
    p.ratings = decode_share(*code, ds, now);
    EXPECT_EQ(encode_share(p, ds), *code) << "today's writer gives the same code back";
}

// As "Import ratings from a file" does with our own CSV export: every row matched exactly, by its ids.
TEST(LegacyFixtures, CsvExportReimportsEveryRating) {
    const Dataset& ds = embedded_catalogue();
    const HistoryIndex index(ds);
    const HistoryPreview pv = parse_history(fixture_bytes("ratings-export.csv"), ds, index, 1'700'000'000);
    EXPECT_EQ(pv.format, HistoryFormat::LetterboxdImport);
    EXPECT_EQ(pv.malformed, 0u);
    EXPECT_EQ(pv.count(MatchKind::Exact), pv.rows.size());
    expect_ratings(fixture("ratings-export.csv").users.at(-1), ratings_by_id(pv.chosen(), ds), "ratings-export.csv");
}

// As Recommender.load does (the same C++ the binding calls): each user's movies and stars.
TEST(LegacyFixtures, JsSavedRecommendersLoadEveryUsersRatings) {
    const Dataset& ds = embedded_catalogue();
    size_t files = 0;
    for (const auto& [file, f] : manifest().fixtures) {
        if (f.spec.empty()) continue;
        SCOPED_TRACE(file);
        ++files;
        const auto loaded = js::load_recommender(fixture_bytes(file), f.spec, ds);
        ASSERT_TRUE(loaded.model);
        EXPECT_EQ(loaded.next_user, ds.num_users() + f.users.size()) << "two newUser()s after the catalogue's users";
        for (const auto& [user, want] : f.users) {
            Ratings got;
            if (loaded.rated.count(static_cast<uint32_t>(user)))
                for (const auto& [item, hs] : loaded.rated.at(static_cast<uint32_t>(user))) got[ds.items.at(item).id] = {hs, {}};
            expect_ratings(want, got, file + " user " + std::to_string(user));
        }
        EXPECT_EQ(loaded.rated.size(), f.users.size());
        EXPECT_EQ(js::save_recommender(f.spec, *loaded.model, loaded.next_user, loaded.rated, ds), fixture_bytes(file))
            << "today's writer gives the same bytes back";
    }
    EXPECT_GE(files, 2u);
}

}  // namespace
}  // namespace wl::app
