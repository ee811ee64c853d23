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
    movielens_text(ds);
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
        seed("fuzz_js_saved", spec, js::save_recommender(spec, *m, me + 1, rated, ds));
    }
    write_app_seeds(ds);
    return 0;
}
