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
    p.seen = {7, 5 * 97 % static_cast<uint32_t>(ds.num_items())};  // seen unrated, seen and rated
    p.watchlist = {8};
    p.hidden = {9};
    p.settings.min_votes = 3;
    p.settings.recent_list = 10;  // "Follow my latest ratings" (WLAP v4)
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
    // The list and watchlist exports (Letterboxd's list-import layout: films without ratings).
    std::vector<uint32_t> listed;
    for (uint32_t k = 0; k < 6; ++k) listed.push_back(k * 211 % static_cast<uint32_t>(ds.num_items()));
    seed("fuzz_history", "list.csv", export_list_csv(listed, ds));
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
    // The other layouts real exports use (synthetic rows: the shared exports are people's data, never committed):
    // IMDb from its Italian site (localised title types), IMDb's watchlist, Letterboxd's watched.csv / watchlist.csv
    // and a diary with unrated entries, a spreadsheet's ";" re-save in CRLF, Windows-1252 bytes, the unmatched CSV.
    std::string it = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
                     "Num Votes,Release Date,Directors\r\n";
    std::string wlist = "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),"
                        "Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated\n";
    std::string watched = "Date,Name,Year,Letterboxd URI\n";
    std::string diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n";
    std::string semi = "Date;Name;Year;Letterboxd URI;Rating\r\n";
    const char* types[] = {"Film", "Serie TV", "Corto", "Film", "Episodio TV", "Film", "Mini serie TV", "Video"};
    for (uint32_t k = 0; k < 8; ++k) {
        const wl::Item& it_ = ds.items[k * 173 % ds.num_items()];
        const std::string title = "\"" + main_title(it_.title) + "\"", year = std::to_string(it_.year);
        char imdb_id[16];
        std::snprintf(imdb_id, sizeof imdb_id, "%07u", k == 3 ? 9999990u + k : it_.imdb_id);
        it += std::string("tt") + imdb_id + "," + std::to_string(1 + k) + ",2023-01-0" + std::to_string(1 + k) + "," + title + "," + title +
              ",https://www.imdb.com/title/tt" + imdb_id + "/," + types[k] + ",7.0,100," + year + ",\"Drama, Crime\",1000,2000-01-01,Qualcuno\r\n";
        wlist += std::to_string(k + 1) + ",tt" + imdb_id + ",2024-03-01,2024-03-01,," + title + "," + title + ",https://www.imdb.com/title/tt" +
                 imdb_id + "/," + (k % 3 ? "Movie" : "TV Series") + ",8.0,100," + year + ",Drama,1000," + year + "-05-01,Someone,,\n";
        watched += "2019-05-2" + std::to_string(k) + "," + title + "," + year + ",https://boxd.it/w" + std::to_string(k) + "\n";
        diary += "2021-03-0" + std::to_string(1 + k) + "," + title + "," + year + ",https://boxd.it/d" + std::to_string(k) + "," +
                 (k % 2 ? "" : "3.5") + ",,," + (k % 3 ? "2021-02-28" : "") + "\n";
        semi += "2020-01-0" + std::to_string(1 + k) + ";" + main_title(it_.title) + ";" + year + ";https://boxd.it/s" + std::to_string(k) + ";" +
                (k % 2 ? "4,5" : "3") + "\r\n";
    }
    seed("fuzz_history", "imdb-it.csv", it);
    seed("fuzz_history", "imdb-watchlist.csv", wlist);
    seed("fuzz_history", "letterboxd-watched.csv", watched);
    seed("fuzz_history", "letterboxd-diary.csv", diary);
    seed("fuzz_history", "semicolon.csv", semi);
    seed("fuzz_history", "cp1252.csv", std::string("Date,Name,Year,Letterboxd URI,Rating\n2020-01-04,Am\xE9lie,2001,u,5\n"
                                                   "2020-01-06,Pan\x92s Labyrinth,2006,u,4.5\n"));
    seed("fuzz_history", "unmatched.csv", std::string("Title,Year,Rating,WatchedDate,Line\n\"No Such, Film\",2031,3.5,2020-01-04,3\n"));
    AppState app(ds, small);
    seed("fuzz_export_file", "one-rating", export_file(app.person(), app.dataset(), app.wnn()));
}
