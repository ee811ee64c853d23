// Writes the seed corpora of the fuzz harnesses into <out>/<harness>/ with the project's own writers: a small
// slice of the embedded catalogue packed (.wlds), written as ml-100k and ml-latest text files, every registered
// model fitted on it and saved, every model's spec text, and the app's files (share code, export file, saved
// person). Deterministic, so the checked-in corpus can be regenerated: fuzz_make_seeds tests/fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "bindings/js/saved_recommender.hpp"
#include "fuzz_util.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/bytes.hpp"

namespace fs = std::filesystem;
using namespace wl;

namespace {
fs::path out_dir;
}  // namespace

void seed(const std::string& harness, const std::string& name, std::string_view bytes) {
    fs::create_directories(out_dir / harness);
    fuzz::write_file(out_dir / harness / name, bytes);
}
void seed(const std::string& harness, const std::string& name, std::span<const uint8_t> bytes) {
    seed(harness, name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

namespace {

std::string stars_text(uint8_t hs) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%.1f", hs * 0.5);
    return buf;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// "Title (1995)" -> "Title": the metadata's title has no year.
std::string main_title_of(const std::string& t) {
    const size_t p = t.rfind(" (");
    return p == std::string::npos ? t : t.substr(0, p);
}

void movielens_text(const Dataset& ds) {
    const std::string sep = "\n--8<--\n";
    // ml-latest: movies.csv, ratings.csv, links.csv.
    std::string movies = "movieId,title,genres\n", ratings = "userId,movieId,rating,timestamp\n", links = "movieId,imdbId,tmdbId\n";
    for (const Item& it : ds.items) {
        std::string genres;
        for (size_t g = 0; g < ds.genre_names.size(); ++g)
            if (it.genres >> g & 1u) genres += (genres.empty() ? "" : "|") + ds.genre_names[g];
        movies += std::to_string(it.id) + "," + csv_field(it.title) + "," + genres + "\n";
        links += std::to_string(it.id) + ",0" + std::to_string(100000 + it.id) + "," + std::to_string(it.id * 7) + "\n";
    }
    for (const Rating& r : ds.ratings)
        ratings += std::to_string(ds.user_ids[r.user]) + "," + std::to_string(ds.items[r.item].id) + "," +
                   stars_text(r.half_stars) + "," + std::to_string(r.timestamp) + "\n";
    seed("fuzz_ml_latest", "slice", movies + sep + ratings + sep + links);
    seed("fuzz_ml_latest", "no-links", movies + sep + ratings);
    // ml-100k: u.item (24 fields, 19 genre flags), u.data (whole stars), u.genre.
    static const char* kGenres[] = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                                    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
                                    "Romance", "Sci-Fi", "Thriller", "War", "Western"};
    std::string uitem, udata, ugenre;
    for (int g = 0; g < 19; ++g) ugenre += std::string(kGenres[g]) + "|" + std::to_string(g) + "\n";
    for (size_t i = 0; i < ds.items.size(); ++i) {
        const Item& it = ds.items[i];
        uitem += std::to_string(i + 1) + "|" + it.title + "|01-Jan-" + std::to_string(it.year ? it.year : 1995) + "||http://x|";
        for (int g = 0; g < 19; ++g) uitem += std::string(g ? "|" : "") + ((it.genres >> g & 1u) ? "1" : "0");
        uitem += "\n";
    }
    for (const Rating& r : ds.ratings)
        udata += std::to_string(ds.user_ids[r.user]) + "\t" + std::to_string(r.item + 1) + "\t" +
                 std::to_string((r.half_stars + 1) / 2) + "\t" + std::to_string(r.timestamp) + "\n";
    seed("fuzz_ml100k", "slice", uitem + sep + udata + sep + ugenre);
    seed("fuzz_ml100k", "no-genre-file", uitem + sep + udata);
}

// Public item models: EASE fitted on the slice as a WLIM file and as CSV, hand-made factors both ways.
void item_model_seeds(const Dataset& ds) {
    const ItemNeighbours g = fit_ease(TrainData{ds, ds.ratings}, EaseConfig{50.0, 8, 2});
    seed("fuzz_item_model", "ease.wlim", save_item_neighbours(g, ds));
    ItemFactors f;
    f.source = "hand";
    f.n_items = static_cast<uint32_t>(ds.num_items());
    f.dim = 3;
    f.known.assign(f.n_items, 1);
    f.known[2] = 0;
    for (uint32_t i = 0; i < f.n_items; ++i)
        for (uint32_t d = 0; d < f.dim; ++d) f.values.push_back(f.known[i] ? 0.25f * static_cast<float>(i % 5) - 0.5f * static_cast<float>(d) : 0.0f);
    seed("fuzz_item_model", "factors.wlim", save_item_factors(f, ds));
    // fuzz_item_csv: first byte 0 = neighbour list, 1 = factors.
    seed("fuzz_item_csv", "ease.csv", "\0" + item_neighbours_to_csv(g, ds));
    std::string spark = "\1id,features\n", columns = "\1id,f0,f1,f2\n";
    for (uint32_t i = 0; i < 6; ++i) {
        const std::string id = std::to_string(ds.items[i].id);
        spark += id + ",\"[0." + std::to_string(i) + ", -1.5, 2e-3]\"\n";
        columns += id + ",0." + std::to_string(i) + ",-1.5,2e-3\n";
    }
    seed("fuzz_item_csv", "spark-factors.csv", spark);
    seed("fuzz_item_csv", "column-factors.csv", columns);
    // fuzz_spark_json: a part file of itemFactors.write.json (Java's float text: 1.0E-4), and one with spacing,
    // key order and an id the catalogue lacks.
    std::string part, loose;
    for (uint32_t i = 0; i < 6; ++i) {
        const std::string id = std::to_string(ds.items[i].id);
        part += "{\"id\":" + id + ",\"features\":[0.1234567,-1.0E-4,0." + std::to_string(i) + "]}\n";
        loose += " { \"features\" : [ 2.5e3 , -0.0 ] , \"id\" : " + id + " }\r\n";
    }
    seed("fuzz_spark_json", "part-00000.json", part);
    seed("fuzz_spark_json", "loose.json", loose + "{\"id\":999999,\"features\":[1,2]}\n\n");
}

// A Kaggle-layout data set over the slice, with the traps of the real files: quoted fields with commas and
// newlines, a repeated id, a link without tmdbId, a broken metadata row, empty values.
void kaggle_seeds(const Dataset& ds) {
    const std::string sep = "\n--8<--\n";
    std::string ratings = "userId,movieId,rating,timestamp\n", links = "movieId,imdbId,tmdbId\n";
    std::string meta = "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,original_title,overview,"
                       "popularity,poster_path,production_companies,production_countries,release_date,revenue,runtime,"
                       "spoken_languages,status,tagline,title,video,vote_average,vote_count\n";
    static const char* kLang[] = {"en", "fr", "de", "ja", "it", "es", "ko"};
    for (size_t i = 0; i < ds.items.size(); ++i) {
        const Item& it = ds.items[i];
        const std::string tmdb = i == 4 ? "" : std::to_string(1000 + it.id);
        links += std::to_string(it.id) + ",0" + std::to_string(100000 + it.id) + "," + tmdb + "\n";
        if (i % 9 == 8) continue;  // rated movies without a metadata row
        const std::string title = csv_field(main_title_of(it.title));
        meta += std::string("False,,0,\"[{'id': 18, 'name': 'Drama'}, {'id': 35, 'name': 'Comedy'}]\",,") + std::to_string(1000 + it.id) +
                ",tt0" + std::to_string(100000 + it.id) + "," + kLang[i % 7] + "," + title + ",\"An overview, with commas\nand a newline\",1.5,/p.jpg,[],[]," +
                std::to_string(it.year ? it.year : 1995) + "-05-01,0,90.0,[],Released,," + title + ",False," + std::to_string(i % 10) + ".5," +
                std::to_string(37 * i) + "\n";
        if (i == 3) meta += "False,,0,[],,77777,tt7,en,Broken,A story\n - Written by X,0.06,/f.jpg,[],[],1997-08-20,0,104.0,[],Released,,Broken,False,5.0,3\n";
    }
    for (const Rating& r : ds.ratings)
        ratings += std::to_string(ds.user_ids[r.user]) + "," + std::to_string(ds.items[r.item].id) + "," + stars_text(r.half_stars) + "," +
                   std::to_string(r.timestamp) + "\n";
    seed("fuzz_kaggle", "slice", ratings + sep + links + sep + meta);
}

}  // namespace

void write_app_seeds(const Dataset& slice);  // make_seeds_app.cpp

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds OUT_DIR\n");
        return 2;
    }
    out_dir = argv[1];
    const Dataset ds = fuzz::slice(30, 40);
    seed("fuzz_packed", "slice.wlds", pack_dataset(ds));
    seed("fuzz_packed", "tiny.wlds", pack_dataset(fuzz::slice(3, 3)));
    seed("fuzz_packed", "one-user.wlds", pack_dataset(fuzz::slice(30, 1)));  // also web/api-load-limits-test.js's catalogue
    Dataset aliased = fuzz::slice(30, 5);  // version 3: ids MovieLens merged into another (the app's 2023 catalogue)
    aliased.id_aliases = {{95771, aliased.items[3].id}, {150548, aliased.items[7].id}};
    aliased.index();
    seed("fuzz_packed", "aliases.wlds", pack_dataset(aliased));
    movielens_text(ds);
    item_model_seeds(ds);
    kaggle_seeds(ds);
    seed("fuzz_bytes", "container", wrap_container("WLMD", 1, std::vector<uint8_t>{1, 2, 3, 0x80, 0x01}));
    seed("fuzz_bytes", "reads", std::vector<uint8_t>{4, 0x96, 0x01, 6, 3, 'a', 'b', 'c', 8, 2, 2, 0, 0, 9});
    for (const std::string& name : model_names()) {
        const auto m = make_model(name);
        seed("fuzz_make_model", name, m->config_text().empty() ? name : name + ":" + m->config_text());
        try {
            seed("fuzz_load_model", name + "-unfitted", save_model(*m));
        } catch (const std::logic_error&) {  // models that cannot save before fit
        }
        m->fit(TrainData{ds, ds.ratings});
        seed("fuzz_load_model", name, save_model(*m));
    }
    // The JavaScript API's saved recommender, as Recommender.save writes it (a new user with two ratings).
    for (const char* spec : {"user-mean", "bias", "wnn-best"}) {
        auto m = make_model(spec);
        m->fit(TrainData{ds, ds.ratings});
        const uint32_t me = static_cast<uint32_t>(ds.num_users());
        m->learn(Rating{me, 0, 8, 0});
        m->learn(Rating{me, 3, 3, 0});
        js::RatedMovies rated{{me, {{0, 8}, {3, 3}}}};
        js::AsideMovies aside{{me, {{999999, 7}}}};  // a movie of another catalogue, kept
        seed("fuzz_js_saved", std::string(spec) + "-v2", js::save_recommender(spec, *m, me + 1, rated, aside, ds));
    }
    write_app_seeds(ds);
    return 0;
}
