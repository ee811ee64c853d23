// Title and year matching against a MovieLens catalogue (see title_match.hpp).
#include "weightless/data/title_match.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "weightless/data/text_fold.hpp"
#include "weightless/util/ascii.hpp"

namespace wl {

namespace {

// Articles MovieLens may write after a comma ("Matrix, The", "Cité des enfants perdus, La"), moved to the front.
constexpr std::array<std::string_view, 16> kArticles = {"the", "a", "an", "la", "le", "les", "l", "el", "los",
                                                        "las", "il", "lo", "gli", "die", "der", "das"};
bool is_article(std::string_view w) { return std::find(kArticles.begin(), kArticles.end(), w) != kArticles.end(); }
// A key drops only English ones: "Le test" and "El test" are different films, "The Batman" and "Batman" are not. The
// others are dropped in a loose form ("Cité des enfants perdus" finds "Cité des enfants perdus, La").
bool is_english_article(std::string_view w) { return w == "the" || w == "a" || w == "an"; }

// Number words and Roman numerals as digits ("Chapter Two" = "Chapter 2", "Rocky II" = "Rocky 2", "Gone in Sixty
// Seconds" = "Gone in 60 Seconds"). Single letters ("I", "V", "X") stay letters: they are words ("I, Robot") and names
// ("V for Vendetta") more often than numbers.
constexpr std::array<std::pair<std::string_view, std::string_view>, 57> kNumbers = {{
    {"zero", "0"},     {"one", "1"},        {"two", "2"},        {"three", "3"},     {"four", "4"},
    {"five", "5"},     {"six", "6"},        {"seven", "7"},      {"eight", "8"},     {"nine", "9"},
    {"ten", "10"},     {"eleven", "11"},    {"twelve", "12"},    {"thirteen", "13"}, {"fourteen", "14"},
    {"fifteen", "15"}, {"sixteen", "16"},   {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
    {"twenty", "20"},  {"thirty", "30"},    {"forty", "40"},     {"fifty", "50"},    {"sixty", "60"},
    {"seventy", "70"}, {"eighty", "80"},    {"ninety", "90"},    {"ii", "2"},        {"iii", "3"},
    {"iv", "4"},       {"vi", "6"},         {"vii", "7"},        {"viii", "8"},      {"ix", "9"},
    {"xi", "11"},      {"xii", "12"},       {"xiii", "13"},      {"xiv", "14"},      {"xv", "15"},
    {"xvi", "16"},     {"xvii", "17"},      {"xviii", "18"},     {"xix", "19"},      {"xx", "20"},
    // French ones, which exports from French sites keep ("Les douze travaux d'Astérix" = "Les 12 travaux")
    {"deux", "2"},     {"trois", "3"},      {"quatre", "4"},     {"cinq", "5"},      {"sept", "7"},
    {"huit", "8"},     {"dix", "10"},       {"onze", "11"},      {"douze", "12"},
    // Abbreviations written either way ("Doctor Dolittle" = "Dr. Dolittle")
    {"dr", "doctor"},  {"mr", "mister"},    {"vs", "versus"},
}};
std::string_view as_number(std::string_view w) {
    static const auto sorted = [] {  // every word of an index build is looked up: a binary search, not a scan
        auto a = kNumbers;
        std::sort(a.begin(), a.end());
        return a;
    }();
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), w, [](const auto& e, std::string_view x) { return e.first < x; });
    if (it != sorted.end() && it->first == w) return it->second;
    // "3rd" = "3" (so "Lupin the 3rd" = "Lupin III")
    if (w.size() >= 3 && w[0] >= '0' && w[0] <= '9') {
        const std::string_view end = w.substr(w.size() - 2);
        const std::string_view head = w.substr(0, w.size() - 2);
        if ((end == "st" || end == "nd" || end == "rd" || end == "th") &&
            std::all_of(head.begin(), head.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return head;
    }
    return w;
}
bool is_number(std::string_view w) { return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }); }

// Words a key leaves out: "and" in any spelling ("&", "+", "et", "und"), and "the" wherever it stands ("Spy Kids 2:
// The Island of Lost Dreams" = "Spy Kids 2: Island of Lost Dreams"). "Vol.", "Volume" and "Part" before a number go
// too ("Guardians of the Galaxy Vol. 2" = "Guardians of the Galaxy 2", "Loro - Part 1" = "Loro 1").
bool left_out(std::string_view w) { return w == "and" || w == "et" || w == "und" || w == "the"; }
bool numbering(std::string_view w) { return w == "vol" || w == "volume" || w == "part" || w == "pt"; }

// "Matrix, The" -> "The Matrix"; "Avventura, L'" -> "L'Avventura". Only a known article after the last comma moves.
std::string article_to_front(std::string_view name) {
    const size_t comma = name.rfind(", ");
    if (comma == std::string_view::npos) return std::string(name);
    const std::string_view art = trim_blanks(name.substr(comma + 2));
    std::string_view bare = art;
    if (!bare.empty() && bare.back() == '\'') bare.remove_suffix(1);
    if (bare.empty() || std::none_of(kArticles.begin(), kArticles.end(), [&](std::string_view a) { return ascii_iequal(a, bare); }))
        return std::string(name);
    return std::string(art) + (art.back() == '\'' ? "" : " ") + std::string(trim_blanks(name.substr(0, comma)));
}

uint64_t hash_key(std::string_view k) {
    // FNV-1a, then a splitmix finish so the top bits spread evenly (TitleIndex::Table's directory). Two keys of one
    // catalogue sharing a hash (odds about 1 in 10^8 for its few hundred thousand keys) would only make their films
    // candidates for each other's titles.
    uint64_t h = 1469598103934665603ull;
    for (char c : k) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

// The separators after which a subtitle follows: "Star Wars: Episode IV - A New Hope".
constexpr std::array<std::string_view, 4> kSubtitleMarks = {": ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};  // -, en, em dash

// Where each subtitle starts: (end of the text before the mark, start of the text after it), in order.
std::vector<std::pair<size_t, size_t>> subtitle_cuts(std::string_view t) {
    std::vector<std::pair<size_t, size_t>> cuts;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != ':' && t[i] != ' ') continue;  // every mark starts with one of these
        for (const auto m : kSubtitleMarks)
            if (t.compare(i, m.size(), m) == 0) {
                cuts.emplace_back(i, i + m.size());
                i += m.size() - 1;
                break;
            }
    }
    if (!t.empty() && t.back() == ':') cuts.emplace_back(t.size() - 1, t.size());
    return cuts;
}

// "Dr. Strangelove or" -> "Dr. Strangelove": the "or" that joins a title to its subtitle.
std::string_view without_trailing_or(std::string_view s) {
    s = trim_blanks(s);
    if (s.size() > 3 && ascii_iequal(s.substr(s.size() - 3), " or")) s = trim_blanks(s.substr(0, s.size() - 3));
    while (!s.empty() && s.back() == ',') s.remove_suffix(1);
    return s;
}

// The looser forms of one title: the first part with the last subtitle ("Star Wars: Episode VIII - The Last Jedi"
// -> "Star Wars The Last Jedi"), a sequel's number before its subtitle dropped, a trailing "Movie" / "le film"
// dropped, a leading article of another language dropped, and, after a possessive naming who made it ("Monty
// Python's Life of Brian", "William Shakespeare's Romeo + Juliet"), the rest when it is two words or more (so
// "Schindler's List" or "Pan's Labyrinth" never shrink to one word). `cut` gets the text before each subtitle mark.
void add_loose(std::string_view t, std::vector<std::string>& out, std::vector<std::string>& cut, std::vector<std::string>* after = nullptr) {
    const auto cuts = subtitle_cuts(t);
    for (const auto& [end, next] : cuts) {
        const std::string_view before = without_trailing_or(t.substr(0, end));
        if (!before.empty()) cut.emplace_back(before);
        if (after && next < t.size()) after->emplace_back(trim_blanks(t.substr(next)));
    }
    if (const size_t sp = t.find(' '); sp != std::string_view::npos && is_article(ascii_lower(t.substr(0, sp))))
        out.emplace_back(trim_blanks(t.substr(sp + 1)));
    else if (t.size() > 2 && (t[0] == 'L' || t[0] == 'l') && t[1] == '\'')
        out.emplace_back(t.substr(2));
    if (!cuts.empty()) {  // "Ice Age 2: The Meltdown" -> "Ice Age: The Meltdown": a sequel's number some titles omit
        const std::string_view before = trim_blanks(t.substr(0, cuts.front().first));
        const size_t sp = before.rfind(' ');
        if (sp != std::string_view::npos && is_number(as_number(ascii_lower(before.substr(sp + 1)))))
            out.push_back(std::string(trim_blanks(before.substr(0, sp))) + std::string(t.substr(cuts.front().first)));
    }
    {  // "The Angry Birds Movie" -> "The Angry Birds", "Yakari, le film" -> "Yakari"
        const size_t sp = t.rfind(' ');
        if (sp != std::string_view::npos) {
            const std::string last = ascii_lower(t.substr(sp + 1));
            if (last == "movie" || last == "film") {
                std::string_view rest = trim_blanks(t.substr(0, sp));
                for (const std::string_view w : {" the", " le", " la"})
                    if (rest.size() > w.size() && ascii_iequal(rest.substr(rest.size() - w.size()), w)) rest = trim_blanks(rest.substr(0, rest.size() - w.size()));
                while (!rest.empty() && (rest.back() == ',' || rest.back() == ':' || rest.back() == '-')) rest = trim_blanks(rest.substr(0, rest.size() - 1));
                if (!rest.empty()) out.emplace_back(rest);
            }
        }
    }
    if (cuts.size() >= 2) {
        const std::string_view first = without_trailing_or(t.substr(0, cuts.front().first));
        const std::string_view last = trim_blanks(t.substr(cuts.back().second));
        if (!first.empty() && !last.empty()) out.push_back(std::string(first) + ' ' + std::string(last));
    }
    size_t at = 0;
    for (int w = 0; w < 3; ++w) {
        const size_t sp = t.find(' ', at);
        if (sp == std::string_view::npos) break;
        const std::string_view word = t.substr(at, sp - at);
        const auto ends = [&](std::string_view e) { return word.size() > e.size() && word.substr(word.size() - e.size()) == e; };
        if (ends("'s") || ends("s'") || ends("\xE2\x80\x99s") || ends("s\xE2\x80\x99")) {
            const std::string_view rest = trim_blanks(t.substr(sp + 1));
            if (rest.find(' ') != std::string_view::npos) out.emplace_back(rest);
            break;
        }
        at = sp + 1;
    }
}

struct Forms {
    std::vector<std::string> full, loose, cut, after;
};

// A catalogue title's forms: its main title, each alternate and the whole as written are full forms; the looser
// forms of each are loose, and so is each one's text before a subtitle (the file may well omit the subtitle). The
// text after each subtitle mark finds films only for the person to choose when it is shorter than three words:
// subtitles such as "Fallout" or "Year One" are film titles of their own.
Forms catalogue_forms(std::string_view movielens_title) {
    const TitleParts parts = split_movielens_title(movielens_title);
    Forms f;
    f.full.push_back(parts.main);
    for (const auto& a : parts.alternates) f.full.push_back(a);
    if (!parts.alternates.empty()) {
        std::string whole = parts.main;
        for (const auto& a : parts.alternates) whole += ' ' + a;
        f.full.push_back(std::move(whole));
    }
    std::vector<std::string> after;
    for (size_t k = 0, n = f.full.size(); k < n; ++k) add_loose(f.full[k], f.loose, f.loose, &after);
    // A subtitle of three words or more ("Castle in the Sky" of "Laputa: Castle in the Sky", "Kronk's New Groove")
    // names that film alone as surely as a title does.
    for (auto& a : after) {
        size_t n = 0;  // words but English articles
        for (size_t i = 0; i < a.size();) {
            while (i < a.size() && a[i] == ' ') ++i;
            size_t j = i;
            while (j < a.size() && a[j] != ' ') ++j;
            if (j > i && !is_english_article(ascii_lower(std::string_view(a).substr(i, j - i)))) ++n;
            i = j;
        }
        (n >= 3 ? f.loose : f.after).push_back(std::move(a));
    }
    return f;
}

// A file's title: the whole and its part before any parentheses are full forms; what the parentheses hold and the
// looser forms are loose (a "(Director's Cut)" must not stand for a film of that name); the text before a subtitle
// is a cut form, which finds films only for the person to choose ("Gantz: Perfect Answer" is not "Gantz").
// The full forms first: most rows match by them, and the looser ones are made (add_query_loose) only for the rest.
Forms query_forms(std::string_view title, TitleParts& parts) {
    parts = split_movielens_title(title);
    Forms f;
    f.full.emplace_back(trim_blanks(title));
    if (parts.main != f.full.front()) f.full.push_back(parts.main);
    return f;
}
void add_query_loose(Forms& f, const TitleParts& parts) {
    for (const auto& a : parts.alternates) f.loose.push_back(a);
    // The text after a subtitle mark goes with the cut forms: IMDb writes some films as "Original: English Title"
    // ("Rakuen Tsuiho: Expelled from Paradise").
    for (size_t k = 0, n = f.full.size(); k < n; ++k) add_loose(f.full[k], f.loose, f.cut, &f.cut);
}

// The keys of some forms, each once. A loose form must keep 3 characters or more ("X: First Class" does not stand for
// every film called "X").
void add_keys(const std::vector<std::string>& forms, size_t min_size, std::vector<uint64_t>& out) {
    for (const auto& s : forms) {
        const std::string k = TitleIndex::key(s);
        if (k.size() >= min_size) out.push_back(hash_key(k));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

TitleParts split_movielens_title(std::string_view t) {
    TitleParts parts;
    t = trim_blanks(t);
    for (;;) {  // trailing parenthesised groups, the year among them
        if (t.empty() || t.back() != ')') break;
        int depth = 0;
        size_t open = std::string_view::npos;
        for (size_t i = t.size(); i-- > 0;) {
            if (t[i] == ')') ++depth;
            else if (t[i] == '(' && --depth == 0) {
                open = i;
                break;
            }
        }
        if (open == std::string_view::npos || open == 0) break;
        std::string_view inner = trim_blanks(t.substr(open + 1, t.size() - open - 2));
        const bool is_year = inner.size() >= 4 && std::all_of(inner.begin(), inner.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
        if (is_year) {
            if (!parts.year) parts.year = (inner[0] - '0') * 1000 + (inner[1] - '0') * 100 + (inner[2] - '0') * 10 + (inner[3] - '0');
        } else {
            if (inner.substr(0, 7) == "a.k.a. ") inner.remove_prefix(7);
            if (!inner.empty()) parts.alternates.push_back(article_to_front(inner));
        }
        t = trim_blanks(t.substr(0, open));
    }
    std::reverse(parts.alternates.begin(), parts.alternates.end());
    parts.main = article_to_front(t);
    return parts;
}

const char* title_fit_name(TitleFit f) {
    switch (f) {
        case TitleFit::Same: return "same";
        case TitleFit::YearOff: return "year-off";
        case TitleFit::NoYear: return "no-year";
        case TitleFit::Loose: return "loose";
        case TitleFit::Cut: return "cut";
        case TitleFit::Words: return "words";
        case TitleFit::None: return "none";
    }
    return "?";
}

namespace {

// A title's folded words (the signs "&", "+", "½" spelled out first), viewing `folded`.
void fold_words(std::string_view title, std::string& folded, std::vector<std::string_view>& words) {
    // Signs that stand for words or numbers, spelled out before folding turns them into spaces.
    std::string spelled;
    const bool signs = title.find_first_of("&+\xC2") != std::string_view::npos;  // most titles have none: no copy
    if (signs) {
        spelled.reserve(title.size() + 8);
        for (size_t i = 0; i < title.size(); ++i) {
            const char c = title[i];
            if (c == '&' || c == '+') spelled += " and ";
            else if (c == '\xC2' && i + 1 < title.size() && (title[i + 1] == '\xBD' || title[i + 1] == '\xBC' || title[i + 1] == '\xBE')) {
                spelled += title[i + 1] == '\xBD' ? " 1/2" : title[i + 1] == '\xBC' ? " 1/4" : " 3/4";  // ½ ¼ ¾
                ++i;
            } else spelled += c;
        }
    }
    folded = fold_for_search(signs ? std::string_view(spelled) : title);
    words.clear();
    for (size_t i = 0; i < folded.size();) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        size_t j = i;
        while (j < folded.size() && folded[j] != ' ') ++j;
        if (j > i) words.emplace_back(folded.data() + i, j - i);
        i = j;
    }
}

// Words that say little of which film is meant, left out of the Words rung's query: articles, "and", and the short
// words that join a title's parts in English and the languages MovieLens' alternates are in.
bool minor_word(std::string_view w) {
    static constexpr std::array<std::string_view, 17> kMinor = {"of", "in", "on", "to", "at", "for", "with", "from", "by",
                                                                "de", "des", "du", "di", "da", "del", "d", "s"};
    return is_article(w) || left_out(w) || std::find(kMinor.begin(), kMinor.end(), w) != kMinor.end();
}

}  // namespace

std::string TitleIndex::key(std::string_view title) {
    title = trim_blanks(title);
    // "L'Avventura": the elided article is a word of its own, so it can be dropped like "The".
    if (title.size() > 2 && (title[0] == 'L' || title[0] == 'l') && title[1] == '\'') title.remove_prefix(2);
    thread_local std::string folded;
    thread_local std::vector<std::string_view> words;  // reused: an index build keys every title several times
    fold_words(title, folded, words);
    // Words joined without spaces, so "Spider-Man", "Spider Man" and "Spiderman" are one key.
    std::string k;
    k.reserve(folded.size());
    for (size_t w = 0; w < words.size(); ++w) {
        if (w == 0 && words.size() > 1 && is_english_article(words[0])) continue;
        if (left_out(words[w]) && words.size() > 1) continue;
        if (numbering(words[w]) && w + 1 < words.size() && is_number(as_number(words[w + 1]))) continue;
        k += as_number(words[w]);
    }
    return k;
}

void TitleIndex::Table::build(std::vector<std::pair<uint64_t, uint32_t>>& entries) {
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    keys.clear();
    start.clear();
    items.clear();
    for (const auto& [k, i] : entries) {
        if (keys.empty() || keys.back() != k) {
            keys.push_back(k);
            start.push_back(static_cast<uint32_t>(items.size()));
        }
        items.push_back(i);
    }
    start.push_back(static_cast<uint32_t>(items.size()));
    // Where each value of a key's top 16 bits starts: a look-up searches only its few keys, not all (a long history
    // makes several look-ups per row).
    dir.assign((size_t{1} << 16) + 1, 0);
    size_t at = 0;
    for (size_t b = 0; b <= (size_t{1} << 16); ++b) {
        while (at < keys.size() && (keys[at] >> 48) < b) ++at;
        dir[b] = static_cast<uint32_t>(at);
    }
}

std::span<const uint32_t> TitleIndex::Table::find(uint64_t k) const {
    const size_t b = static_cast<size_t>(k >> 48);
    const auto first = keys.begin() + dir[b], last = keys.begin() + dir[b + 1];
    const auto it = std::lower_bound(first, last, k);
    if (it == last || *it != k) return {};
    const size_t at = static_cast<size_t>(it - keys.begin());
    return std::span<const uint32_t>(items).subspan(start[at], start[at + 1] - start[at]);
}

// Sorted arrays of key hashes rather than maps of strings: the index is built over every title of the catalogue
// (86,812, several keys each) when the app starts.
TitleIndex::TitleIndex(const Dataset& ds) {
    const size_t n = ds.items.size();
    std::vector<std::pair<uint64_t, uint32_t>> full, loose, after;
    full.reserve(n * 2);
    loose.reserve(n);
    year_.resize(n);
    titles_.reserve(n);
    std::vector<uint64_t> keys;
    for (uint32_t i = 0; i < n; ++i) {
        year_[i] = ds.items[i].year;
        titles_.push_back(ds.items[i].title);
        const Forms f = catalogue_forms(ds.items[i].title);
        keys.clear();
        add_keys(f.full, 1, keys);
        for (uint64_t k : keys) full.emplace_back(k, i);
        keys.clear();
        add_keys(f.loose, 3, keys);
        for (uint64_t k : keys) loose.emplace_back(k, i);
        keys.clear();
        add_keys(f.after, 3, keys);
        for (uint64_t k : keys) after.emplace_back(k, i);
    }
    full_.build(full);
    loose_.build(loose);
    after_.build(after);
    votes_.assign(n, 0);
    for (const auto& r : ds.ratings)
        if (r.item < n) ++votes_[r.item];
}

std::span<const uint32_t> TitleIndex::find(std::string_view title) const { return full_.find(hash_key(key(title))); }

TitleMatch TitleIndex::match(std::string_view title, int32_t year) const {
    TitleParts parts;
    Forms f = query_forms(title, parts);
    std::vector<uint64_t> qfull, qloose, qcut;
    add_keys(f.full, 1, qfull);
    // The films a rung's key pairs find: (query keys, catalogue table) pairs.
    const auto gather = [&](std::initializer_list<std::pair<const std::vector<uint64_t>*, const Table*>> pairs) {
        std::vector<uint32_t> found;
        for (const auto& [q, table] : pairs)
            for (uint64_t k : *q)
                for (uint32_t i : table->find(k)) found.push_back(i);
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        return found;
    };
    const auto pick = [&](const std::vector<uint32_t>& from, auto keep) {
        std::vector<uint32_t> out;
        for (uint32_t i : from)
            if (keep(year_[i])) out.push_back(i);
        std::stable_sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) { return votes_[a] > votes_[b]; });
        return out;
    };
    const auto same = [&](int32_t y) { return y != 0 && y == year; };
    const auto gap = [&](int32_t y) { return std::abs(static_cast<int64_t>(y) - year); };  // no overflow, whatever the year
    const auto near = [&](int32_t y) { return y != 0 && gap(y) == 1; };
    TitleMatch m;
    const auto take = [&](TitleFit fit, std::vector<uint32_t> items, bool sure) {
        if (items.empty()) return false;
        m.fit = fit;
        m.items = std::move(items);
        m.sure = sure && m.items.size() == 1;
        return true;
    };

    const std::vector<uint32_t> whole = gather({{&qfull, &full_}});
    if (year == 0) {  // the file gives no year: every film of that title, the year unchecked
        take(TitleFit::YearOff, pick(whole, [](int32_t) { return true; }), true);
        return m;
    }
    if (take(TitleFit::Same, pick(whole, same), true)) return m;
    // A year apart, or no year in the catalogue: taken when it is the catalogue's only film of that title; when others
    // share it (say "All Inclusive" of 2018 for a row of 2019, the row's own film missing), the person chooses.
    const std::vector<uint32_t> off = pick(whole, near), unknown = pick(whole, [](int32_t y) { return y == 0; });
    if (!off.empty() || !unknown.empty()) {
        std::vector<uint32_t> both = off;
        both.insert(both.end(), unknown.begin(), unknown.end());
        take(off.empty() ? TitleFit::NoYear : TitleFit::YearOff, std::move(both), whole.size() == 1);
        return m;
    }
    add_query_loose(f, parts);
    add_keys(f.loose, 3, qloose);
    add_keys(f.cut, 3, qcut);
    const std::vector<uint32_t> loose = gather({{&qfull, &loose_}, {&qloose, &full_}});
    if (take(TitleFit::Loose, pick(loose, same), true) || take(TitleFit::Loose, pick(loose, near), false)) return m;
    // The same title two years apart, a part of one title in the same year: offered, never taken.
    const auto two_off = [&](int32_t y) { return y != 0 && gap(y) == 2; };
    if (take(TitleFit::YearOff, pick(whole, two_off), false)) return m;
    const std::vector<uint32_t> cut = gather({{&qcut, &full_}, {&qcut, &loose_}, {&qfull, &after_}});
    if (take(TitleFit::Cut, pick(cut, same), false)) return m;
    std::vector<uint32_t> fits = word_fits(parts.main, year);
    std::stable_sort(fits.begin(), fits.end(), [&](uint32_t a, uint32_t b) { return votes_[a] > votes_[b]; });
    take(TitleFit::Words, std::move(fits), false);
    return m;
}

// The films of `year` whose titles hold every word of `title` that says something (two such words at least: one
// word alone, "Inferno" or "Moving", is part of too many other titles), when there are at most kMaxWordFits.
std::vector<uint32_t> TitleIndex::word_fits(std::string_view title, int32_t year) const {
    std::string folded;
    std::vector<std::string_view> words;
    fold_words(title, folded, words);
    // Keyed by word and year together, so a look-up reads that year's few films, not every film with a common word
    // ("Love", "Night"): a long file of rows that no film fits stays quick.
    const auto word_key = [](std::string_view w, int32_t y) { return hash_key(as_number(w)) ^ (static_cast<uint64_t>(y) * 0x9E3779B97F4A7C15ull); };
    std::vector<uint64_t> query;
    for (const auto w : words)
        if (!minor_word(w)) query.push_back(word_key(w, year));
    std::sort(query.begin(), query.end());
    query.erase(std::unique(query.begin(), query.end()), query.end());
    if (query.size() < 2 || year == 0) return {};
    std::call_once(words_->once, [&] {
        std::vector<std::pair<uint64_t, uint32_t>> entries;
        entries.reserve(titles_.size() * 6);
        std::string f;
        std::vector<std::string_view> ws;
        for (uint32_t i = 0; i < titles_.size(); ++i) {
            if (year_[i] == 0) continue;  // the rung compares years
            const TitleParts parts = split_movielens_title(titles_[i]);
            fold_words(parts.main, f, ws);
            for (const auto w : ws) entries.emplace_back(word_key(w, year_[i]), i);
            for (const auto& a : parts.alternates) {
                fold_words(a, f, ws);
                for (const auto w : ws) entries.emplace_back(word_key(w, year_[i]), i);
            }
        }
        words_->table.build(entries);
    });
    // The rarest word's films, kept when every other word's list has them too (each list is sorted). A hash shared by
    // two (word, year) pairs could only add a film to the candidates, checked against the year below.
    std::vector<std::span<const uint32_t>> lists;
    for (const uint64_t k : query) {
        lists.push_back(words_->table.find(k));
        if (lists.back().empty()) return {};
    }
    std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    std::vector<uint32_t> out;
    for (const uint32_t i : lists.front()) {
        if (year_[i] != year) continue;
        if (std::all_of(lists.begin() + 1, lists.end(), [&](const auto& l) { return std::binary_search(l.begin(), l.end(), i); }))
            out.push_back(i);
        if (out.size() > kMaxWordFits) return {};
    }
    return out;
}

}  // namespace wl
