// Kaggle "The Movies Dataset": ratings + links + movies_metadata.csv joined into one Dataset; see kaggle.hpp.
#include "weightless/data/kaggle.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "kaggle_fields.hpp"
#include "movielens_detail.hpp"

namespace wl {

namespace {

// Column positions by header name; a missing column is a DataError on line 1.
struct Columns {
    std::vector<std::string> names;
    size_t at(const std::string& path, const std::string& name) const {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) throw DataError(path, 1, "missing column '" + name + "' in the header line");
        return static_cast<size_t>(it - names.begin());
    }
};

Columns header(CsvRecordReader& r) {
    if (!r.next() || r.malformed()) r.fail("missing or malformed header line");
    Columns c;
    for (auto f : r.fields()) {
        if (std::find(c.names.begin(), c.names.end(), f) != c.names.end())
            r.fail("column '" + std::string(f) + "' appears twice in the header line");
        c.names.emplace_back(f);
    }
    return c;
}

// A strict record of a clean file (ratings, links): wrong field count or a bad quote is an error.
void expect_record(const CsvRecordReader& r, size_t n) {
    if (r.malformed()) r.fail("unexpected character after a closing quote");
    if (r.fields().size() == n) return;
    if (r.raw().empty()) r.fail("empty line (expected " + std::to_string(n) + " fields)");
    r.fail("wrong number of fields: " + std::to_string(r.fields().size()) + ", expected " + std::to_string(n));
}

// The same strict numbers as the MovieLens loaders, on a record reader.
uint32_t strict_id(const CsvRecordReader& r, std::string_view f, const char* what) {
    uint32_t v = 0;
    const auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (f.empty() || ec != std::errc() || p != f.data() + f.size())
        r.fail(std::string("bad ") + what + " '" + std::string(f.substr(0, 40)) + "' (expected a whole number 0..4294967295)");
    return v;
}

struct Link {
    uint32_t imdb = 0, tmdb = 0;  // tmdb 0 = the row has no tmdbId
};

std::unordered_map<uint32_t, Link> read_links(const TextFile& f, KaggleReport& rep) {
    CsvRecordReader r(f);
    const Columns c = header(r);
    const size_t movie = c.at(f.path, "movieId"), imdb = c.at(f.path, "imdbId"), tmdb = c.at(f.path, "tmdbId");
    std::unordered_map<uint32_t, Link> links;
    std::unordered_map<uint32_t, size_t> line_of;
    while (r.next()) {
        expect_record(r, c.names.size());
        const auto& x = r.fields();
        const uint32_t id = strict_id(r, x[movie], "movieId");
        if (const auto [p, fresh] = line_of.emplace(id, r.line_no()); !fresh)
            r.fail("duplicate movieId " + std::to_string(id) + " (first at line " + std::to_string(p->second) + ")");
        Link l;
        l.imdb = strict_id(r, x[imdb], "imdbId");
        if (x[tmdb].empty()) ++rep.links_without_tmdb;
        else if ((l.tmdb = strict_id(r, x[tmdb], "tmdbId")) == 0) r.fail("tmdbId 0 (TMDB ids start at 1)");
        links.emplace(id, l);
        ++rep.link_rows;
    }
    return links;
}

struct Meta {
    std::string title;
    int16_t year = 0;
    std::vector<std::string> genres;
    std::string language;
    uint32_t imdb = 0;
    int16_t vote_average = Item::kNoVoteAverage;
    int32_t vote_count = Item::kNoVoteCount;
    std::string raw;  // the record's text, to tell identical duplicates from differing ones
};

// The problem with a metadata row, or "" when it parsed into m.
std::string parse_meta(const std::vector<std::string_view>& x, const Columns& c, const std::string& path, Meta& m) {
    const auto field = [&](const char* name) { return x[c.at(path, name)]; };
    if (!detail::parse_genre_literal(field("genres"), m.genres)) return "genres is not a list of {'id', 'name'}";
    if (auto d = field("release_date"); !d.empty() && !detail::parse_release_year(d, m.year))
        return "release_date is not YYYY-MM-DD";
    if (auto v = field("vote_average"); !v.empty() && !detail::parse_vote_average(v, m.vote_average))
        return "vote_average is not a number in 0..10";
    if (auto v = field("vote_count"); !v.empty() && !detail::parse_vote_count(v, m.vote_count))
        return "vote_count is not a whole number";
    if (auto v = field("imdb_id"); !v.empty() && !detail::parse_imdb_tt(v, m.imdb)) return "imdb_id is not tt<digits>";
    m.language = std::string(field("original_language"));
    if (m.language.size() > 16) return "original_language is longer than 16 bytes";
    m.title = std::string(field("title"));
    if (m.title.empty()) m.title = std::string(field("original_title"));
    if (m.title.size() > 3000) return "title is longer than 3000 bytes";
    return "";
}

std::unordered_map<uint32_t, Meta> read_metadata(const TextFile& f, KaggleReport& rep) {
    CsvRecordReader r(f);
    const Columns c = header(r);
    for (const char* name : {"id", "title", "original_title", "genres", "release_date", "original_language",
                             "vote_average", "vote_count", "imdb_id"})
        c.at(f.path, name);
    const size_t id_col = c.at(f.path, "id");
    std::unordered_map<uint32_t, Meta> meta;
    const auto skip = [&](const std::string& why) {
        if (rep.metadata_malformed++ == 0) rep.first_malformed_line = r.line_no(), rep.first_malformed_problem = why;
    };
    while (r.next()) {
        ++rep.metadata_rows;
        const auto& x = r.fields();
        if (r.malformed()) {
            skip("unexpected character after a closing quote");
            continue;
        }
        if (x.size() != c.names.size()) {
            skip(std::to_string(x.size()) + " fields, expected " + std::to_string(c.names.size()));
            continue;
        }
        uint32_t id = 0;
        const auto [p, ec] = std::from_chars(x[id_col].data(), x[id_col].data() + x[id_col].size(), id);
        if (x[id_col].empty() || ec != std::errc() || p != x[id_col].data() + x[id_col].size() || id == 0) {
            skip("id '" + std::string(x[id_col].substr(0, 40)) + "' is not a whole number");
            continue;
        }
        Meta m;
        if (const std::string why = parse_meta(x, c, f.path, m); !why.empty()) {
            skip(why);
            continue;
        }
        m.raw = std::string(r.raw());
        if (const auto it = meta.find(id); it != meta.end()) {
            ++rep.metadata_duplicates;
            rep.metadata_duplicates_differing += it->second.raw != m.raw;
            continue;
        }
        meta.emplace(id, std::move(m));
    }
    return meta;
}

}  // namespace

KaggleData parse_kaggle(const TextFile& ratings, const TextFile& links, const TextFile& metadata,
                        const KaggleOptions& opt, const std::string& name) {
    KaggleData out;
    KaggleReport& rep = out.report;
    rep.ratings_file = ratings.path, rep.links_file = links.path, rep.metadata_file = metadata.path;
    rep.join = opt.join;
    rep.common = opt.common;
    const auto link = read_links(links, rep);
    const auto meta = read_metadata(metadata, rep);

    // Ratings (a clean MovieLens file, no multi-line fields): read line by line, strict, columns by header name.
    LineReader r(ratings);
    std::vector<std::string_view> x;
    std::string scratch;
    if (!r.next()) throw DataError(ratings.path, 1, "missing header line");
    split_csv(r, x, scratch);
    Columns c;
    for (auto f : x) c.names.emplace_back(f);
    const size_t cu = c.at(ratings.path, "userId"), cm = c.at(ratings.path, "movieId"), cr = c.at(ratings.path, "rating"),
                 ct = c.at(ratings.path, "timestamp");
    // Each raw rating holds its movieId in `item` until the movies are numbered; per-movie counts, ascending movieId
    // (the items' order). No per-movie index lists: the full ratings.csv has 26 million ratings.
    std::map<uint32_t, uint64_t> ratings_of_movie;
    std::vector<detail::RawRating> raw;
    std::unordered_set<uint32_t> users_read;
    while (r.next()) {
        split_csv(r, x, scratch);
        expect_fields(r, x, c.names.size());
        const detail::RawRating rr{parse_id(r, x[cu], "userId"), parse_id(r, x[cm], "movieId"), parse_half_stars(r, x[cr], false),
                                   parse_timestamp(r, x[ct]), static_cast<uint32_t>(r.line_no())};
        ++ratings_of_movie[rr.item];
        raw.push_back(rr);
        users_read.insert(rr.user_id);
    }
    rep.ratings_read = raw.size();
    rep.users_read = users_read.size();
    if (raw.empty()) throw DataError(ratings.path, 0, "no ratings (only a header or nothing)");

    Dataset& ds = out.dataset;
    ds.name = name;
    std::vector<const Meta*> item_meta;
    std::unordered_map<uint32_t, uint32_t> item_of_movie;
    rep.movies_rated = ratings_of_movie.size();
    for (const auto& entry : ratings_of_movie) {
        const uint32_t movie = entry.first;  // not a structured binding: clang 14 cannot capture those in lambdas
        const uint64_t n_ratings = entry.second;
        // The links join's TMDB id (0 with the reason counted when there is none), and the paper join's: movieId.
        const auto linked = [&](bool count) -> uint32_t {
            const auto l = link.find(movie);
            if (l == link.end()) {
                if (count) ++rep.movies_no_link, rep.ratings_no_link += n_ratings;
                return 0;
            }
            if (!l->second.tmdb && count) ++rep.movies_link_no_tmdb, rep.ratings_link_no_tmdb += n_ratings;
            return l->second.tmdb;
        };
        const bool links_join = opt.join == KaggleJoin::Links;
        const uint32_t tmdb = links_join ? linked(true) : movie;
        if (!tmdb) continue;
        const auto m = meta.find(tmdb);
        if (m == meta.end()) {
            ++rep.movies_no_metadata, rep.ratings_no_metadata += n_ratings;
            continue;
        }
        if (opt.common) {
            const uint32_t other = links_join ? movie : linked(false);
            if (!other || !meta.count(other)) {
                ++rep.movies_not_common, rep.ratings_not_common += n_ratings;
                continue;
            }
        }
        Item it;
        it.id = movie;
        it.title = m->second.title + (m->second.year ? " (" + std::to_string(m->second.year) + ")" : "");
        it.year = m->second.year;
        it.tmdb_id = tmdb;
        it.imdb_id = m->second.imdb;
        it.language = m->second.language;
        it.vote_average = m->second.vote_average;
        it.vote_count = m->second.vote_count;
        item_of_movie.emplace(movie, static_cast<uint32_t>(ds.items.size()));
        ds.items.push_back(std::move(it));
        item_meta.push_back(&m->second);
    }
    rep.movies_kept = ds.items.size();

    // Genre labels: those the kept movies carry, byte-wise sorted.
    for (const Meta* m : item_meta)
        for (const auto& g : m->genres)
            if (std::find(ds.genre_names.begin(), ds.genre_names.end(), g) == ds.genre_names.end()) ds.genre_names.push_back(g);
    std::sort(ds.genre_names.begin(), ds.genre_names.end());
    if (ds.genre_names.size() > 32)
        throw DataError(metadata.path, 0, std::to_string(ds.genre_names.size()) + " distinct genre labels among the rated movies (at most 32)");
    for (size_t i = 0; i < ds.items.size(); ++i)
        for (const auto& g : item_meta[i]->genres)
            ds.items[i].genres |= uint32_t{1} << (std::lower_bound(ds.genre_names.begin(), ds.genre_names.end(), g) - ds.genre_names.begin());

    // Kept ratings compacted in place (file order), movieIds replaced by item indices.
    size_t kept = 0;
    for (const detail::RawRating& rr : raw)
        if (const auto it = item_of_movie.find(rr.item); it != item_of_movie.end()) {
            raw[kept] = rr;
            raw[kept++].item = it->second;
        }
    raw.resize(kept);
    rep.ratings_kept = kept;
    if (!kept)
        throw DataError(ratings.path, 0, "none of the " + std::to_string(rep.ratings_read) + " ratings found its movie's metadata (" +
                                             (opt.join == KaggleJoin::Links ? "links join" : "paper join") + ")");
    detail::finish_ratings(ds, raw, ratings.path);
    rep.users_kept = ds.user_ids.size();
    return out;
}

namespace {

std::string pick(const std::string& dir, const std::string& chosen, std::initializer_list<const char*> defaults) {
    if (!chosen.empty()) return detail::join_path(dir, chosen);
    std::error_code ec;
    for (const char* d : defaults)
        if (std::filesystem::exists(detail::join_path(dir, d), ec)) return detail::join_path(dir, d);
    return detail::join_path(dir, *defaults.begin());  // missing: read_text_file names it
}

}  // namespace

bool is_kaggle_dir(const std::string& dir, const KaggleOptions& opt) {
    std::error_code ec;
    return std::filesystem::is_directory(dir, ec) &&
           std::filesystem::exists(detail::join_path(dir, opt.metadata.empty() ? "movies_metadata.csv" : opt.metadata), ec);
}

KaggleData load_kaggle(const std::string& dir, const KaggleOptions& opt) {
    const TextFile metadata = read_text_file(pick(dir, opt.metadata, {"movies_metadata.csv"}));
    const TextFile links = read_text_file(pick(dir, opt.links, {"links.csv", "links_small.csv"}));
    const TextFile ratings = read_text_file(pick(dir, opt.ratings, {"ratings_small.csv", "ratings.csv"}));
    return parse_kaggle(ratings, links, metadata, opt, detail::dir_name(dir));
}

std::vector<std::string> KaggleReport::lines() const {
    const auto n = [](uint64_t v) { return std::to_string(v); };
    const auto pct = [](uint64_t a, uint64_t b) {
        char s[16];
        std::snprintf(s, sizeof s, "%.1f%%", b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0);
        return std::string(s);
    };
    std::vector<std::string> l;
    l.push_back("kaggle files: " + ratings_file + ", " + links_file + ", " + metadata_file);
    l.push_back(std::string("join: ") +
                (join == KaggleJoin::Links ? "links (ratings.movieId -> links.tmdbId -> metadata.id)"
                                           : "paper (movieId used as the TMDB id: the reference's mistake, every rating gets an unrelated film's metadata)"));
    l.push_back("metadata: " + n(metadata_rows) + " rows, " + n(metadata_malformed) + " malformed rows skipped" +
                (metadata_malformed ? " (first at line " + n(first_malformed_line) + ": " + first_malformed_problem + ")" : "") +
                ", " + n(metadata_duplicates) + " repeated ids (first row kept; " + n(metadata_duplicates_differing) + " differ)");
    l.push_back("links: " + n(link_rows) + " rows, " + n(links_without_tmdb) + " without a tmdbId");
    l.push_back("ratings with metadata: " + n(ratings_kept) + " of " + n(ratings_read) + " (" + pct(ratings_kept, ratings_read) +
                "), " + n(movies_kept) + " of " + n(movies_rated) + " rated movies, " + n(users_kept) + " of " + n(users_read) + " users");
    l.push_back("dropped, no metadata for the movie: " + n(ratings_dropped()) + " ratings (" + n(ratings_no_link) + " of " +
                n(movies_no_link) + " movies not in links, " + n(ratings_link_no_tmdb) + " of " + n(movies_link_no_tmdb) +
                " movies whose link has no tmdbId, " + n(ratings_no_metadata) + " of " + n(movies_no_metadata) +
                " movies with no metadata row" +
                (common ? ", " + n(ratings_not_common) + " of " + n(movies_not_common) + " movies without metadata under the other join" : "") +
                ")");
    if (common)
        l.push_back("common ratings only: the ratings whose movie finds metadata under both joins, so the two joins differ only in features");
    return l;
}

}  // namespace wl
