// Value parsers for movies_metadata.csv; see kaggle_fields.hpp.
#include "kaggle_fields.hpp"

#include <charconv>

namespace wl::detail {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// A cursor over a Python literal.
struct Literal {
    std::string_view s;
    size_t i = 0;
    void spaces() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }
    bool eat(char c) {
        spaces();
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool string(std::string& out) {
        spaces();
        if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return false;
        const char q = s[i++];
        out.clear();
        while (i < s.size()) {
            const char c = s[i++];
            if (c == q) return true;
            if (c == '\\') {
                if (i >= s.size()) return false;
                out.push_back(s[i++]);  // \' \" \\ (the only escapes TMDB names need)
            } else {
                out.push_back(c);
            }
        }
        return false;
    }
    bool integer() {
        spaces();
        const size_t b = i;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i > b && s[i - 1] != '-';
    }
};

}  // namespace

bool parse_genre_literal(std::string_view text, std::vector<std::string>& names) {
    names.clear();
    Literal p{text};
    p.spaces();
    if (p.i == text.size()) return true;
    if (!p.eat('[')) return false;
    if (p.eat(']')) {
        p.spaces();
        return p.i == text.size();
    }
    std::string key, value;
    for (;;) {
        if (!p.eat('{')) return false;
        bool has_name = false;
        for (;;) {
            if (!p.string(key) || !p.eat(':')) return false;
            if (key == "name") {
                if (has_name || !p.string(value) || value.empty()) return false;
                names.push_back(value);
                has_name = true;
            } else if (!p.string(value) && !p.integer()) {
                return false;
            }
            if (p.eat('}')) break;
            if (!p.eat(',')) return false;
        }
        if (!has_name) return false;
        if (p.eat(']')) break;
        if (!p.eat(',')) return false;
    }
    p.spaces();
    return p.i == text.size();
}

bool parse_vote_average(std::string_view text, int16_t& hundredths) {
    const size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (!all_digits(whole) || whole.size() > 2 || (dot != std::string_view::npos && !all_digits(frac))) return false;
    while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > 2) return false;
    int v = 0;
    for (char c : whole) v = v * 10 + (c - '0');
    v *= 100;
    if (frac.size() >= 1) v += 10 * (frac[0] - '0');
    if (frac.size() == 2) v += frac[1] - '0';
    if (v > 1000) return false;
    hundredths = static_cast<int16_t>(v);
    return true;
}

bool parse_vote_count(std::string_view text, int32_t& count) {
    if (const size_t dot = text.find('.'); dot != std::string_view::npos) {
        const std::string_view frac = text.substr(dot + 1);
        if (frac.empty() || frac.find_first_not_of('0') != std::string_view::npos) return false;
        text = text.substr(0, dot);
    }
    if (!all_digits(text)) return false;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    return ec == std::errc() && p == text.data() + text.size();
}

bool parse_release_year(std::string_view text, int16_t& year) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    if (!all_digits(text.substr(0, 4)) || !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) return false;
    const int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    if (y == 0) return false;
    year = static_cast<int16_t>(y);
    return true;
}

bool parse_imdb_tt(std::string_view text, uint32_t& id) {
    if (text.size() < 3 || text.substr(0, 2) != "tt" || !all_digits(text.substr(2))) return false;
    const auto [p, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), id);
    return ec == std::errc() && p == text.data() + text.size() && id != 0;
}

}  // namespace wl::detail
