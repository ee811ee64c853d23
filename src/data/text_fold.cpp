// Accent folding for the search box and article fix-up for titles (see text_fold.hpp).
#include "weightless/data/text_fold.hpp"

#include <array>
#include <cstdint>

namespace wl {
namespace {

// U+00C0..U+00FF; nullptr keeps the character (× and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F: base letters, with the two ligatures handled apart.
constexpr std::string_view kExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii"  // 0100-0131
    "..jjkkkllllllllllnnnnnnnnnoooooo..rrrrrrssssssss"   // 0132-0161
    "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";                     // 0162-017F
static_assert(kExtA.size() == 128);

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid) and the code point.
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c >> 6) != 2) return 0;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    return n;
}

void space(std::string& out) {
    if (!out.empty() && out.back() != ' ') out += ' ';
}

}  // namespace

std::string fold_for_search(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = 0;
        const size_t n = decode(s, i, cp);
        if (n == 0) {  // not UTF-8: keep the byte
            out += s[i++];
            continue;
        }
        const std::string_view raw = s.substr(i, n);
        i += n;
        if (cp < 0x80) {
            const char c = static_cast<char>(cp);
            if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
            else if (c == '\'') continue;
            else space(out);
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            const char* f = kLatin1[cp - 0xC0];
            out += f ? std::string_view(f) : raw;
        } else if (cp >= 0x100 && cp <= 0x17F) {
            if (cp == 0x132 || cp == 0x133) out += "ij";
            else if (cp == 0x152 || cp == 0x153) out += "oe";
            else out += kExtA[cp - 0x100];
        } else if (cp == 0x2018 || cp == 0x2019) {
            continue;  // typographic apostrophes, like '
        } else if ((cp >= 0xA0 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F)) {
            space(out);  // Latin-1 symbols and general punctuation separate words
        } else {
            out += raw;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::vector<std::string> search_words(std::string_view query) {
    std::vector<std::string> words;
    const std::string f = fold_for_search(query);
    size_t i = 0;
    while (i < f.size()) {
        while (i < f.size() && f[i] == ' ') ++i;
        size_t j = i;
        while (j < f.size() && f[j] != ' ') ++j;
        if (j > i) words.emplace_back(f.substr(i, j - i));
        i = j;
    }
    return words;
}

bool matches_all(std::string_view folded, const std::vector<std::string>& words) {
    for (const auto& w : words)
        if (folded.find(w) == std::string_view::npos) return false;
    return true;
}

std::string display_title(std::string_view title) {
    // The main title ends at the first " (" (alternative titles and the year follow).
    size_t end = title.find(" (");
    if (end == std::string_view::npos) end = title.size();
    const std::string_view main = title.substr(0, end);
    static constexpr std::array<std::string_view, 22> kArticles = {
        "The", "A", "An", "L'", "La", "Le", "Les", "Il", "Lo", "I", "Gli", "El", "Los", "Las", "Das", "Der", "Die",
        "Den", "Det", "Un", "Une", "De"};
    const size_t comma = main.rfind(", ");
    if (comma == std::string_view::npos) return std::string(title);
    const std::string_view art = main.substr(comma + 2);
    for (const auto a : kArticles) {
        if (art != a) continue;
        std::string out(art);
        if (art.back() != '\'') out += ' ';
        out += main.substr(0, comma);
        out += title.substr(end);
        return out;
    }
    return std::string(title);
}

}  // namespace wl
