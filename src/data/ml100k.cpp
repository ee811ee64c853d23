// MovieLens 100K: u.item (latin-1) + u.genre + u.data, and the official u1..u5 / ua / ub folds.
#include <array>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "movielens_detail.hpp"
#include "weightless/data/csv.hpp"
#include "weightless/data/movielens.hpp"

namespace wl {

namespace {

constexpr size_t kGenres = 19;
constexpr size_t kItemFields = 5 + kGenres;  // id|title|release date|video release date|URL|19 flags

const std::array<const char*, kGenres> kDefaultGenres = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",  "Crime",    "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};

std::vector<std::string> read_genres(const std::string& dir) {
    const std::string path = detail::join_path(dir, "u.genre");
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {kDefaultGenres.begin(), kDefaultGenres.end()};
    const TextFile f = read_text_file(path);
    LineReader r(f);
    std::vector<std::string> names;
    std::vector<std::string_view> fields;
    bool blank_seen = false;  // the original file ends with an empty line; only trailing blanks are allowed
    while (r.next()) {
        if (r.line().empty()) {
            blank_seen = true;
            continue;
        }
        if (blank_seen) r.fail("text after an empty line");
        split_fields(r.line(), '|', fields);
        expect_fields(r, fields, 2);
        if (parse_id(r, fields[1], "genre index") != names.size())
            r.fail("genre index " + std::string(fields[1]) + " out of order (expected " + std::to_string(names.size()) + ")");
        if (fields[0].empty()) r.fail("empty genre name");
        names.emplace_back(fields[0]);
    }
    if (names.size() != kGenres)
        throw DataError(path, 0, std::to_string(names.size()) + " genres, expected " + std::to_string(kGenres));
    return names;
}

// "01-Jan-1995" (the day may have one digit) -> 1995; empty -> 0.
int16_t year_from_release_date(const LineReader& at, std::string_view date) {
    if (date.empty()) return 0;
    static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const size_t d1 = date.find('-'), d2 = date.rfind('-');
    const std::string_view day = date.substr(0, d1 == std::string_view::npos ? 0 : d1);
    const std::string_view month = d1 == d2 ? std::string_view() : date.substr(d1 + 1, d2 - d1 - 1);
    const std::string_view year = d1 == d2 ? std::string_view() : date.substr(d2 + 1);
    auto digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
    const bool ok = !day.empty() && day.size() <= 2 && digits(day) && month.size() == 3 &&
                    kMonths.find(month) % 3 == 0 && kMonths.find(month) != std::string_view::npos && year.size() == 4 &&
                    digits(year);
    if (!ok) at.fail("bad release date '" + std::string(date) + "' (expected e.g. 01-Jan-1995)");
    return static_cast<int16_t>(parse_id(at, year, "year"));
}

void read_items(Dataset& ds, const std::string& dir) {
    const TextFile f = read_text_file(detail::join_path(dir, "u.item"), TextEncoding::latin1);
    LineReader r(f);
    std::vector<std::string_view> fields;
    std::unordered_map<uint32_t, size_t> line_of_id;
    while (r.next()) {
        split_fields(r.line(), '|', fields);
        expect_fields(r, fields, kItemFields);
        Item it;
        it.id = parse_id(r, fields[0], "item id");
        if (const auto [p, fresh] = line_of_id.emplace(it.id, r.line_no()); !fresh)
            r.fail("duplicate item id " + std::to_string(it.id) + " (first at line " + std::to_string(p->second) + ")");
        if (fields[1].empty()) r.fail("empty title");
        it.title = std::string(fields[1]);
        it.year = year_from_release_date(r, fields[2]);
        if (it.year == 0) it.year = year_from_title(it.title);
        for (size_t g = 0; g < kGenres; ++g) {
            const std::string_view flag = fields[5 + g];
            if (flag != "0" && flag != "1")
                r.fail("genre flag " + std::to_string(g) + " is '" + std::string(flag) + "' (expected 0 or 1)");
            if (flag == "1") it.genres |= uint32_t{1} << g;
        }
        ds.items.push_back(std::move(it));
    }
}

// One tab-separated "user item rating timestamp" file (u.data and the fold files); items must be in ds.
std::vector<detail::RawRating> read_tab_ratings(const std::string& path, const Dataset& ds) {
    const TextFile f = read_text_file(path);
    LineReader r(f);
    std::vector<std::string_view> fields;
    std::vector<detail::RawRating> out;
    out.reserve(f.text.size() / 20);
    while (r.next()) {
        split_fields(r.line(), '\t', fields);
        expect_fields(r, fields, 4);
        const uint32_t user = parse_id(r, fields[0], "user id");
        const uint32_t item_id = parse_id(r, fields[1], "item id");
        const uint8_t half = parse_half_stars(r, fields[2], true);
        const int64_t ts = parse_timestamp(r, fields[3]);
        const int64_t item = ds.item_index(item_id);
        if (item < 0) r.fail("rating for unknown item id " + std::to_string(item_id) + " (not in u.item)");
        out.push_back({user, static_cast<uint32_t>(item), half, ts, static_cast<uint32_t>(r.line_no())});
    }
    return out;
}

}  // namespace

Dataset load_ml100k(const std::string& dir) {
    Dataset ds;
    ds.name = detail::dir_name(dir);
    ds.genre_names = read_genres(dir);
    read_items(ds, dir);
    ds.index();
    const std::string data = detail::join_path(dir, "u.data");
    detail::finish_ratings(ds, read_tab_ratings(data, ds), data);
    return ds;
}

RatingSplit load_ml100k_fold(const std::string& dir, const Dataset& ds, const std::string& fold) {
    std::string prefix;
    if (fold.size() == 1 && fold[0] >= '1' && fold[0] <= '5') prefix = "u" + fold;
    else if (fold == "a" || fold == "b") prefix = "u" + fold;
    else throw std::invalid_argument("unknown ml-100k fold '" + fold + "' (expected 1..5, a or b)");

    // (user, item) -> index in ds.ratings, to check that the fold is a split of this very dataset.
    std::unordered_map<uint64_t, uint32_t> rating_of_pair;
    rating_of_pair.reserve(ds.ratings.size());
    for (uint32_t i = 0; i < ds.ratings.size(); ++i)
        rating_of_pair.emplace(uint64_t{ds.ratings[i].user} << 32 | ds.ratings[i].item, i);

    std::vector<uint32_t> base_line(ds.ratings.size(), 0), test_line(ds.ratings.size(), 0);
    auto read = [&](const std::string& file, std::vector<uint32_t>& line_of, const std::vector<uint32_t>* other,
                    const std::string& other_file) {
        const std::string path = detail::join_path(dir, file);
        std::vector<Rating> out;
        for (const auto& raw : read_tab_ratings(path, ds)) {
            auto fail = [&](const std::string& what) { throw DataError(path, raw.line, what); };
            const std::string pair = "user " + std::to_string(raw.user_id) + " item " + std::to_string(ds.items[raw.item].id);
            const int64_t user = ds.user_index(raw.user_id);
            if (user < 0) fail("user id " + std::to_string(raw.user_id) + " is not in the dataset");
            const auto it = rating_of_pair.find(uint64_t(user) << 32 | raw.item);
            if (it == rating_of_pair.end()) fail("rating of " + pair + " is not in the dataset");
            const Rating& known = ds.ratings[it->second];
            if (known.half_stars != raw.half_stars || known.timestamp != raw.timestamp)
                fail("rating of " + pair + " differs from the dataset's");
            if (line_of[it->second]) fail("duplicate rating of " + pair + " (first at line " + std::to_string(line_of[it->second]) + ")");
            if (other && (*other)[it->second])
                fail("rating of " + pair + " is also in " + other_file + " line " + std::to_string((*other)[it->second]));
            line_of[it->second] = raw.line;
            out.push_back(known);
        }
        return out;
    };
    RatingSplit split;
    split.train = read(prefix + ".base", base_line, nullptr, "");
    split.test = read(prefix + ".test", test_line, &base_line, prefix + ".base");
    return split;
}

}  // namespace wl
