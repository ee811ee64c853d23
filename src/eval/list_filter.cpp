// The list filter (see list_filter.hpp).
#include "weightless/eval/list_filter.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "weightless/util/ascii.hpp"

namespace wl {

uint32_t genre_bit(std::string_view name, std::span<const std::string> genre_names, std::string_view what);

namespace {

uint32_t genre_bits(std::string_view list, std::span<const std::string> names, std::string_view key) {
    uint32_t bits = 0;
    while (!list.empty()) {
        const size_t comma = list.find(',');
        const std::string_view name = trim_blanks(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        if (!name.empty()) bits |= genre_bit(name, names, "filter " + std::string(key));
    }
    return bits;
}

int64_t number(std::string_view s, std::string_view key, int64_t lo, int64_t hi) {
    s = trim_blanks(s);
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v < lo || v > hi)
        throw std::invalid_argument("filter " + std::string(key) + ": '" + std::string(s) + "' is not a whole number in " +
                                    std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

std::string genre_list(uint32_t bits, std::span<const std::string> names, const char* sep) {
    std::string out;
    for (size_t g = 0; g < names.size() && g < 32; ++g)
        if (bits & (1u << g)) {
            if (!out.empty()) out += sep;
            out += names[g];
        }
    return out;
}

}  // namespace

uint32_t genre_bit(std::string_view name, std::span<const std::string> genre_names, std::string_view what) {
    for (size_t g = 0; g < genre_names.size() && g < 32; ++g)
        if (ascii_iequal(genre_names[g], name)) return 1u << g;
    throw std::invalid_argument(std::string(what) + ": the catalogue has no genre '" + std::string(name) + "'");
}

bool ListFilter::admits(const Item& it, uint32_t votes) const {
    if (votes < min_votes) return false;
    if (genres != 0 && (it.genres & genres) == 0) return false;
    if ((it.genres & exclude_genres) != 0) return false;
    if (year_from != 0 || year_to != 0) {
        if (it.year == 0) return false;  // a range asks for known years: a film of unknown year is not "from the 90s"
        if (year_from != 0 && it.year < year_from) return false;
        if (year_to != 0 && it.year > year_to) return false;
    }
    return true;
}

std::vector<uint32_t> filter_candidates(const Dataset& cat, std::span<const uint32_t> votes, const ListFilter& f,
                                        const std::vector<bool>& excluded) {
    const auto ok = [&](uint32_t i) {
        if (i < excluded.size() && excluded[i]) return false;
        return f.admits(cat.items[i], i < votes.size() ? votes[i] : 0);
    };
    std::vector<uint32_t> out;
    const auto n = static_cast<uint32_t>(cat.num_items());
    if (!f.only.empty()) {
        for (uint32_t i : f.only)
            if (i < n && ok(i)) out.push_back(i);
        return out;
    }
    for (uint32_t i = 0; i < n; ++i)
        if (ok(i)) out.push_back(i);
    return out;
}

std::vector<uint8_t> filter_mask(const Dataset& cat, std::span<const uint32_t> votes, const ListFilter& f) {
    std::vector<uint8_t> mask(cat.num_items(), 0);
    for (uint32_t i : filter_candidates(cat, votes, f)) mask[i] = 1;
    return mask;
}

ListFilter parse_list_filter(std::string_view text, std::span<const std::string> genre_names) {
    ListFilter f;
    while (!text.empty()) {
        const size_t semi = text.find(';');
        const std::string_view part = trim_blanks(text.substr(0, semi));
        text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
        if (part.empty()) continue;
        const size_t eq = part.find('=');
        if (eq == std::string_view::npos)
            throw std::invalid_argument("filter part '" + std::string(part) + "' is not key=value (genres, exclude, years, min_votes)");
        const std::string_view key = trim_blanks(part.substr(0, eq)), value = trim_blanks(part.substr(eq + 1));
        if (key == "genres") {
            f.genres = genre_bits(value, genre_names, key);
        } else if (key == "exclude") {
            f.exclude_genres = genre_bits(value, genre_names, key);
        } else if (key == "years") {
            const size_t dash = value.find('-');
            if (dash == std::string_view::npos) {
                f.year_from = f.year_to = static_cast<int32_t>(number(value, key, 1800, 3000));
            } else {
                const std::string_view a = trim_blanks(value.substr(0, dash)), b = trim_blanks(value.substr(dash + 1));
                if (a.empty() && b.empty()) throw std::invalid_argument("filter years: give a year on at least one side of '-'");
                f.year_from = a.empty() ? 0 : static_cast<int32_t>(number(a, key, 1800, 3000));
                f.year_to = b.empty() ? 0 : static_cast<int32_t>(number(b, key, 1800, 3000));
                if (f.year_from != 0 && f.year_to != 0 && f.year_from > f.year_to)
                    throw std::invalid_argument("filter years: " + std::to_string(f.year_from) + " is after " + std::to_string(f.year_to));
            }
        } else if (key == "min_votes") {
            f.min_votes = static_cast<uint32_t>(number(value, key, 0, 1000000));
        } else {
            throw std::invalid_argument("unknown filter key '" + std::string(key) + "' (genres, exclude, years, min_votes)");
        }
    }
    if ((f.genres & f.exclude_genres) != 0)
        throw std::invalid_argument("filter: a genre is both asked for and excluded (" + genre_list(f.genres & f.exclude_genres, genre_names, ", ") + ")");
    return f;
}

std::string list_filter_text(const ListFilter& f, std::span<const std::string> genre_names) {
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : ";") + part; };
    if (f.genres) add("genres=" + genre_list(f.genres, genre_names, ","));
    if (f.exclude_genres) add("exclude=" + genre_list(f.exclude_genres, genre_names, ","));
    if (f.year_from || f.year_to)
        add("years=" + (f.year_from ? std::to_string(f.year_from) : "") + "-" + (f.year_to ? std::to_string(f.year_to) : ""));
    if (f.min_votes) add("min_votes=" + std::to_string(f.min_votes));
    return out;
}

std::string describe_list_filter(const ListFilter& f, std::span<const std::string> genre_names) {
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    if (f.genres) add(genre_list(f.genres, genre_names, " or "));
    if (f.exclude_genres) add("not " + genre_list(f.exclude_genres, genre_names, " or "));
    if (f.year_from && f.year_to)
        add(f.year_from == f.year_to ? "from " + std::to_string(f.year_from)
                                     : std::to_string(f.year_from) + "\xE2\x80\x93" + std::to_string(f.year_to));
    else if (f.year_from)
        add(std::to_string(f.year_from) + " or later");
    else if (f.year_to)
        add(std::to_string(f.year_to) + " or earlier");
    if (f.min_votes) add("at least " + std::to_string(f.min_votes) + " community rating" + (f.min_votes == 1 ? "" : "s"));
    if (!f.only.empty()) add("among " + std::to_string(f.only.size()) + " chosen movie" + (f.only.size() == 1 ? "" : "s"));
    return out.empty() ? "every movie" : out;
}

}  // namespace wl
