// Text encoding helpers for the loaders: MovieLens CSVs must be valid UTF-8, ml-100k's u.item is latin-1.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace wl {

// Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF count as invalid), or std::string_view::npos when the whole text is valid.
size_t find_invalid_utf8(std::string_view text) noexcept;
inline bool is_valid_utf8(std::string_view text) noexcept { return find_invalid_utf8(text) == std::string_view::npos; }

// ISO-8859-1 maps byte b to code point b, so every input is valid and the conversion is lossless.
std::string latin1_to_utf8(std::string_view text);

// Windows-1252 (what spreadsheets on Windows save "CSV" as): latin-1 but for 0x80..0x9F, which hold typographic
// quotes, dashes, the euro sign, "Œ", "Š", ... The five bytes it leaves undefined map to the C1 controls of the same
// number, as the WHATWG Encoding Standard decodes them: every input is valid.
std::string windows1252_to_utf8(std::string_view text);

}  // namespace wl
