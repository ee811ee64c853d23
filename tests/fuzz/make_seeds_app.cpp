// The app's seed files, written by the app's own writers: a share code, an export file, a person file (also the
// saved state) for a few ratings of the embedded catalogue.
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/logic/app_state.hpp"
#include "app/logic/exchange.hpp"
#include "app/logic/history_import.hpp"
#include "app/logic/person.hpp"
#include "fuzz_util.hpp"

void seed(const std::string& harness, const std::string& name, std::string_view bytes);
void seed(const std::string& harness, const std::string& name, std::span<const uint8_t> bytes);

void write_app_seeds(const wl::Dataset&) {
    using namespace wl::app;
    const wl::Dataset& ds = wl::fuzz::embedded();
    PersonState p;
    for (uint32_t k = 0; k < 12; ++k) p.ratings[k * 97 % static_cast<uint32_t>(ds.num_items())] = {static_cast<uint8_t>(1 + k % 10), 1700000000 + k};
    p.unseen = {5, 6};
    p.settings.min_votes = 3;
    seed("fuzz_share", "twelve", encode_share(p, ds));
    seed("fuzz_share", "fragment", "#r=" + encode_share(p, ds) + "&x=1");
    seed("fuzz_person_file", "twelve", save_person(p, ds));
    seed("fuzz_saved_state", "twelve", save_person(p, ds));
    PersonState small;
    small.ratings[0] = {8, 1};
    small.settings.wnn_config = "tuple_size=6 ensemble=2";
    seed("fuzz_person_file", "one-tuned", save_person(small, ds));
    // History imports: the app's own CSV export, and the MovieLens, IMDb and Letterboxd layouts over real ids.
    seed("fuzz_history", "export.csv", export_history_csv(p, ds));
    std::string ml = "movie_id,imdb_id,tmdb_id,rating,average_rating,title\n";
    std::string imdb = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
                       "Num Votes,Release Date,Directors\n";
    std::string lb = "Date,Name,Year,Letterboxd URI,Rating\n";
    for (uint32_t k = 0; k < 8; ++k) {
        const wl::Item& it = ds.items[k * 131 % ds.num_items()];
        const std::string title = "\"" + main_title(it.title) + "\"", year = std::to_string(it.year);
        char imdb_id[16];
        std::snprintf(imdb_id, sizeof imdb_id, "%07u", it.imdb_id);
        ml += std::to_string(it.id) + "," + imdb_id + "," + std::to_string(it.tmdb_id) + "," + std::to_string(1 + k % 5) + ".0,3.5," + title + "\n";
        imdb += std::string("tt") + imdb_id + "," + std::to_string(1 + k) + ",2021-01-0" + std::to_string(1 + k) + "," + title + "," + title +
                ",https://www.imdb.com/title/tt" + imdb_id + "/,Movie,7.0,100," + year + ",\"Drama, Comedy\",1000,2000-01-01,Someone\n";
        lb += "2020-01-0" + std::to_string(1 + k) + "," + title + "," + year + ",https://boxd.it/x" + std::to_string(k) + "," + (k % 2 ? "4.5" : "3") + "\n";
    }
    seed("fuzz_history", "movielens.csv", ml);
    seed("fuzz_history", "imdb.csv", "\xEF\xBB\xBF" + imdb);
    seed("fuzz_history", "letterboxd.csv", lb);
    AppState app(ds, small);
    seed("fuzz_export_file", "one-rating", export_file(app.person(), app.dataset(), app.wnn()));
}
