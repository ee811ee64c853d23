// Whole-file line/field reading and strict numeric field parsing; see csv.hpp.
#include "weightless/data/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>

#include "weightless/data/utf8.hpp"

namespace wl {

namespace {

std::string quoted(std::string_view s) {
    constexpr size_t kMax = 40;  // keep messages readable when a whole bad line is shown
    std::string out = "'";
    out.append(s.substr(0, kMax));
    if (s.size() > kMax) out += "...";
    return out + "'";
}

}  // namespace

TextFile read_text_file(const std::string& path, TextEncoding enc) {
    // stdio rather than iostreams: one read of the whole file is what makes loading fast.
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) throw DataError(path, 0, "cannot open file (missing or unreadable)");
    std::string text;
    char buf[1 << 16];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, got);
    if (std::ferror(f.get())) throw DataError(path, 0, "read error");
    if (text.empty()) throw DataError(path, 0, "empty file");

    if (enc == TextEncoding::latin1) return {path, latin1_to_utf8(text)};
    return text_from_bytes(path, std::move(text));
}

TextFile text_from_bytes(const std::string& path, std::string text) {
    if (text.empty()) throw DataError(path, 0, "empty file");
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    const size_t bad = find_invalid_utf8(text);
    if (bad != std::string::npos) {
        const size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
        const size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
        const size_t col = bad - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1) + 1;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
        throw DataError(path, line, "invalid UTF-8 (byte " + std::string(hex) + " at column " + std::to_string(col) + ")");
    }
    return {path, std::move(text)};
}

bool LineReader::next() {
    if (pos_ >= text_.size()) return false;
    const size_t nl = text_.find('\n', pos_);
    const size_t end = nl == std::string_view::npos ? text_.size() : nl;
    line_ = text_.substr(pos_, end - pos_);
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    terminated_ = nl != std::string_view::npos;
    pos_ = terminated_ ? nl + 1 : text_.size();
    ++line_no_;
    return true;
}

void LineReader::fail(const std::string& what) const { throw DataError(path_, line_no_, what); }

bool CsvRecordReader::next() {
    if (pos_ >= text_.size()) return false;
    line_no_ = next_line_;
    malformed_ = false;
    scratch_.clear();
    bounds_.clear();
    const size_t start = pos_;
    size_t i = pos_;
    bool at_field_start = true, quoted = false, after_quote = false;
    bounds_.push_back(0);
    auto end_field = [&] {
        bounds_.push_back(scratch_.size());
        bounds_.push_back(scratch_.size());
        at_field_start = true, quoted = false, after_quote = false;
    };
    for (;;) {
        if (i >= text_.size()) {
            if (quoted) fail("a quoted field opened in this record is never closed (truncated file?)");
            raw_ = text_.substr(start, i - start);
            pos_ = i;
            break;
        }
        const char c = text_[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text_.size() && text_[i + 1] == '"') {
                    scratch_.push_back('"');
                    i += 2;
                    continue;
                }
                quoted = false;
                after_quote = true;
            } else {
                if (c == '\n') ++next_line_;
                scratch_.push_back(c);
            }
            ++i;
            continue;
        }
        if (c == '\n' || (c == '\r' && (i + 1 == text_.size() || text_[i + 1] == '\n'))) {
            raw_ = text_.substr(start, i - start);
            pos_ = std::min(text_.size(), i + (c == '\r' ? 2 : 1));
            ++next_line_;
            break;
        }
        if (c == sep_) {
            end_field();
        } else if (c == '"' && at_field_start) {
            quoted = true;
            at_field_start = false;
        } else {
            if (after_quote) malformed_ = true;  // `"abc"x`: kept as Python would, but flagged
            scratch_.push_back(c);
            at_field_start = false;
        }
        ++i;
    }
    bounds_.push_back(scratch_.size());
    fields_.clear();
    for (size_t f = 0; f + 1 < bounds_.size(); f += 2)
        fields_.push_back(std::string_view(scratch_).substr(bounds_[f], bounds_[f + 1] - bounds_[f]));
    return true;
}

void CsvRecordReader::fail(const std::string& what) const { throw DataError(path_, line_no_, what); }

void split_fields(std::string_view line, char sep, std::vector<std::string_view>& out) {
    out.clear();
    size_t start = 0;
    for (;;) {
        const size_t p = line.find(sep, start);
        if (p == std::string_view::npos) {
            out.push_back(line.substr(start));
            return;
        }
        out.push_back(line.substr(start, p - start));
        start = p + 1;
    }
}

void split_csv(const LineReader& at, std::vector<std::string_view>& out, std::string& scratch) {
    const std::string_view line = at.line();
    if (line.find('"') == std::string_view::npos) return split_fields(line, ',', out);

    out.clear();
    scratch.clear();
    scratch.reserve(line.size());  // no reallocation below, so earlier views into scratch stay valid
    size_t i = 0;
    for (;;) {
        if (i < line.size() && line[i] == '"') {
            const size_t begin = scratch.size();
            ++i;
            for (;;) {
                if (i >= line.size())
                    at.fail(at.terminated() ? "unterminated quoted field"
                                            : "truncated file: last line ends inside a quoted field");
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        scratch.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                scratch.push_back(line[i++]);
            }
            out.push_back(std::string_view(scratch).substr(begin));
            if (i == line.size()) return;
            if (line[i] != ',') at.fail("unexpected character after a closing quote at column " + std::to_string(i + 1));
            ++i;
        } else {
            const size_t p = line.find(',', i);
            const std::string_view field = line.substr(i, p == std::string_view::npos ? std::string_view::npos : p - i);
            if (field.find('"') != std::string_view::npos) at.fail("quote inside an unquoted field " + quoted(field));
            out.push_back(field);
            if (p == std::string_view::npos) return;
            i = p + 1;
        }
    }
}

void expect_fields(const LineReader& at, const std::vector<std::string_view>& fields, size_t n) {
    if (fields.size() == n) return;
    const std::string counts = std::to_string(fields.size()) + " fields, expected " + std::to_string(n);
    if (!at.terminated()) at.fail("truncated file: the last line (no newline at end) has " + counts);
    if (at.line().empty()) at.fail("empty line (expected " + std::to_string(n) + " fields)");
    at.fail("wrong number of fields: " + counts + " in " + quoted(at.line()));
}

void expect_csv_header(LineReader& r, const std::vector<std::string_view>& names) {
    std::string want;
    for (auto n : names) (want.empty() ? want : want.append(",")).append(n);
    if (!r.next()) throw DataError(r.path(), 1, "missing header line");
    if (r.line() != want) r.fail("expected the header line '" + want + "', found " + quoted(r.line()));
}

uint32_t parse_id(const LineReader& at, std::string_view field, const char* what) {
    uint32_t v = 0;
    const auto [p, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (field.empty() || ec != std::errc() || p != field.data() + field.size())
        at.fail(std::string("bad ") + what + " " + quoted(field) + " (expected a whole number 0..4294967295)");
    return v;
}

int64_t parse_timestamp(const LineReader& at, std::string_view field) {
    int64_t v = 0;
    const auto [p, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (field.empty() || ec != std::errc() || p != field.data() + field.size())
        at.fail("bad timestamp " + quoted(field) + " (expected a whole number of seconds)");
    if (v < 0) at.fail("bad timestamp " + quoted(field) + " (negative)");
    return v;
}

uint8_t parse_half_stars(const LineReader& at, std::string_view field, bool whole_only) {
    // Parsed by hand: exact decimal arithmetic, and floating-point from_chars is missing in libc++ 14.
    const std::string range = whole_only ? "1..5 whole stars" : "0.5..5.0 in steps of 0.5";
    auto bad = [&](const char* why) { at.fail("bad rating " + quoted(field) + " (" + why + "; expected " + range + ")"); };
    auto digits_from = [&](size_t i) {
        while (i < field.size() && field[i] >= '0' && field[i] <= '9') ++i;
        return i;
    };
    const bool negative = !field.empty() && field[0] == '-';
    const size_t int_begin = negative ? 1 : 0, int_end = digits_from(int_begin);
    std::string_view int_part = field.substr(int_begin, int_end - int_begin), frac_part;
    size_t end = int_end;
    const bool has_dot = end < field.size() && field[end] == '.';
    if (has_dot) {
        end = digits_from(int_end + 1);
        frac_part = field.substr(int_end + 1, end - int_end - 1);
    }
    if (int_part.empty() || end != field.size() || (has_dot && frac_part.empty())) bad("not a number");

    while (int_part.size() > 1 && int_part[0] == '0') int_part.remove_prefix(1);
    if (int_part.size() > 2) bad("out of range");
    uint32_t whole = 0;
    for (char c : int_part) whole = whole * 10 + static_cast<uint32_t>(c - '0');
    uint32_t half = 0;
    if (!frac_part.empty()) {
        if (frac_part.find_first_not_of('0', 1) != std::string_view::npos || (frac_part[0] != '0' && frac_part[0] != '5'))
            bad("not a multiple of 0.5");
        half = frac_part[0] == '5';
    }
    const uint32_t h = whole * 2 + half;
    if (negative && h) bad("out of range");
    if (whole_only && half) bad("not a whole number");
    if (!valid_half_stars(h) || (whole_only && h < 2)) bad("out of range");
    return static_cast<uint8_t>(h);
}

}  // namespace wl
