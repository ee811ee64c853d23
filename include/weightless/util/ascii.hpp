// Small ASCII text helpers shared by the parsers (history files, filters, title keys): spaces and tabs trimmed,
// ASCII case folded. UTF-8 bytes above 0x7F pass through unchanged, so these are safe on any UTF-8 text.
#pragma once
#include <string>
#include <string_view>

namespace wl {

inline std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view s) {
    std::string o(s);
    for (char& c : o) c = ascii_lower(c);
    return o;
}

inline bool ascii_iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

}  // namespace wl
