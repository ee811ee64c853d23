// MovieLens latest (and latest-small): movies.csv + ratings.csv, and links.csv's IMDb and TMDB ids when present.
#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_map>

#include "movielens_detail.hpp"
#include "weightless/data/csv.hpp"
#include "weightless/data/movielens.hpp"

namespace wl {

namespace {

// Byte-wise alphabetical, so the order is fixed and does not depend on which labels a file happens to use.
const std::array<std::string_view, 20> kGenres = {
    "(no genres listed)", "Action", "Adventure", "Animation", "Children", "Comedy",  "Crime",   "Documentary", "Drama", "Fantasy",
    "Film-Noir",          "Horror", "IMAX",      "Musical",   "Mystery",  "Romance", "Sci-Fi", "Thriller",    "War",   "Western"};

uint32_t parse_genres(const LineReader& at, std::string_view list) {
    if (list.empty()) at.fail("empty genre list (MovieLens writes \"(no genres listed)\")");
    uint32_t bits = 0;
    size_t start = 0;
    for (;;) {
        const size_t bar = list.find('|', start);
        const std::string_view label = list.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        const auto it = std::lower_bound(kGenres.begin(), kGenres.end(), label);
        if (it == kGenres.end() || *it != label) at.fail("unknown genre label '" + std::string(label) + "'");
        const uint32_t bit = uint32_t{1} << (it - kGenres.begin());
        if (bits & bit) at.fail("genre '" + std::string(label) + "' listed twice");
        bits |= bit;
        if (bar == std::string_view::npos) return bits;
        start = bar + 1;
    }
}

void read_movies(Dataset& ds, const std::string& path) {
    const TextFile f = read_text_file(path);
    LineReader r(f);
    expect_csv_header(r, {"movieId", "title", "genres"});
    std::vector<std::string_view> fields;
    std::string scratch;
    std::unordered_map<uint32_t, size_t> line_of_id;
    while (r.next()) {
        split_csv(r, fields, scratch);
        expect_fields(r, fields, 3);
        Item it;
        it.id = parse_id(r, fields[0], "movieId");
        if (const auto [p, fresh] = line_of_id.emplace(it.id, r.line_no()); !fresh)
            r.fail("duplicate movieId " + std::to_string(it.id) + " (first at line " + std::to_string(p->second) + ")");
        if (fields[1].empty()) r.fail("empty title");
        it.title = std::string(fields[1]);
        it.year = year_from_title(it.title);
        it.genres = parse_genres(r, fields[2]);
        ds.items.push_back(std::move(it));
    }
    if (ds.items.empty()) throw DataError(path, 0, "no movies (only a header)");
}

std::vector<detail::RawRating> read_ratings(const Dataset& ds, const std::string& path) {
    const TextFile f = read_text_file(path);
    LineReader r(f);
    expect_csv_header(r, {"userId", "movieId", "rating", "timestamp"});
    std::vector<std::string_view> fields;
    std::string scratch;
    std::vector<detail::RawRating> out;
    out.reserve(f.text.size() / 24);
    while (r.next()) {
        split_csv(r, fields, scratch);
        expect_fields(r, fields, 4);
        const uint32_t user = parse_id(r, fields[0], "userId");
        const uint32_t movie = parse_id(r, fields[1], "movieId");
        const uint8_t half = parse_half_stars(r, fields[2], false);
        const int64_t ts = parse_timestamp(r, fields[3]);
        const int64_t item = ds.item_index(movie);
        if (item < 0) r.fail("rating for unknown movieId " + std::to_string(movie) + " (not in movies.csv)");
        out.push_back({user, static_cast<uint32_t>(item), half, ts, static_cast<uint32_t>(r.line_no())});
    }
    return out;
}

// links.csv gives each movie its IMDb and TMDB ids (what imports of other sites' exports match on); when present it
// must describe exactly the same movies.
void read_links(Dataset& ds, const std::string& path) {
    const TextFile f = read_text_file(path);
    LineReader r(f);
    expect_csv_header(r, {"movieId", "imdbId", "tmdbId"});
    std::vector<std::string_view> fields;
    std::string scratch;
    std::vector<size_t> line_of_item(ds.items.size(), 0);
    while (r.next()) {
        split_csv(r, fields, scratch);
        expect_fields(r, fields, 3);
        const uint32_t movie = parse_id(r, fields[0], "movieId");
        const uint32_t imdb = parse_id(r, fields[1], "imdbId");
        const uint32_t tmdb = fields[2].empty() ? 0 : parse_id(r, fields[2], "tmdbId");  // a few movies have no tmdbId
        const int64_t item = ds.item_index(movie);
        if (item < 0) r.fail("movieId " + std::to_string(movie) + " is not in movies.csv");
        if (line_of_item[item]) r.fail("duplicate movieId " + std::to_string(movie) + " (first at line " + std::to_string(line_of_item[item]) + ")");
        line_of_item[item] = r.line_no();
        ds.items[item].imdb_id = imdb;  // 0 stays "unknown": no IMDb title is numbered 0
        ds.items[item].tmdb_id = tmdb;
    }
    for (size_t i = 0; i < ds.items.size(); ++i)
        if (!line_of_item[i]) throw DataError(path, 0, "movieId " + std::to_string(ds.items[i].id) + " of movies.csv has no row");
}

}  // namespace

Dataset load_ml_latest_catalogue(const std::string& dir) {
    Dataset ds;
    ds.name = detail::dir_name(dir);
    ds.genre_names.assign(kGenres.begin(), kGenres.end());
    read_movies(ds, detail::join_path(dir, "movies.csv"));
    ds.index();
    const std::string links = detail::join_path(dir, "links.csv");
    std::error_code ec;
    if (std::filesystem::exists(links, ec)) read_links(ds, links);
    return ds;
}

Dataset load_ml_latest(const std::string& dir) {
    Dataset ds = load_ml_latest_catalogue(dir);
    const std::string ratings = detail::join_path(dir, "ratings.csv");
    detail::finish_ratings(ds, read_ratings(ds, ratings), ratings);
    return ds;
}

}  // namespace wl
