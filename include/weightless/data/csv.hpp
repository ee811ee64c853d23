// Line and field reading for the MovieLens text files: the whole file is read at once and parsed as
// string_views, and every error is a DataError naming file:line and what was wrong.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

enum class TextEncoding { utf8, latin1 };

// A whole text file in memory, always UTF-8 after loading.
struct TextFile {
    std::string path;  // as given, used in error messages
    std::string text;
};

// Throws DataError when the file cannot be opened or is empty. utf8: validated (the message names the line
// of the first bad byte) and a leading BOM is dropped. latin1: converted to UTF-8.
TextFile read_text_file(const std::string& path, TextEncoding enc = TextEncoding::utf8);
// The same checks on text already in memory (UTF-8: BOM dropped, validated; DataError on an empty text), so a
// parser can be run on bytes (tests, fuzzing) exactly as on a file.
TextFile text_from_bytes(const std::string& path, std::string bytes);

// Yields lines without their "\n" or "\r\n". A final line without a newline is still a line; an empty
// text after the last newline is not.
class LineReader {
public:
    explicit LineReader(const TextFile& f) : path_(f.path), text_(f.text) {}
    bool next();
    std::string_view line() const { return line_; }
    size_t line_no() const { return line_no_; }
    bool terminated() const { return terminated_; }  // the current line ended with a newline
    const std::string& path() const { return path_; }
    [[noreturn]] void fail(const std::string& what) const;

private:
    const std::string& path_;
    std::string_view text_;
    size_t pos_ = 0;
    std::string_view line_;
    size_t line_no_ = 0;
    bool terminated_ = false;
};

// Splits on one separator character with no quoting (ml-100k files).
void split_fields(std::string_view line, char sep, std::vector<std::string_view>& out);

// Comma-separated with RFC 4180 quoting: a quoted field may hold commas and doubled quotes ("").
// Unescaped quoted fields live in `scratch`, so the views stay valid until the next call with it.
void split_csv(const LineReader& at, std::vector<std::string_view>& out, std::string& scratch);

// Comma-separated records that may span lines: a quoted field may hold commas, newlines and doubled quotes
// (RFC 4180). Read as Python's csv module does for the rest: a quote inside an unquoted field is a literal
// character. A character other than a comma after a closing quote makes the record malformed (malformed()),
// not an error, so a loader can count and skip it; a quoted field still open at the end of the text is a
// DataError naming the line where the record began. Lines end with "\n" or "\r\n". `sep` replaces the comma for
// files a spreadsheet saved with another separator (";" in locales whose decimal mark is a comma).
class CsvRecordReader {
public:
    explicit CsvRecordReader(const TextFile& f, char sep = ',') : path_(f.path), text_(f.text), sep_(sep) {}
    // Reads the next record; false at the end of the text.
    bool next();
    const std::vector<std::string_view>& fields() const { return fields_; }  // valid until the next call
    size_t line_no() const { return line_no_; }  // the line the record starts on
    bool malformed() const { return malformed_; }
    std::string_view raw() const { return raw_; }  // the record's text, without its final newline
    const std::string& path() const { return path_; }
    [[noreturn]] void fail(const std::string& what) const;

private:
    const std::string& path_;
    std::string_view text_;
    char sep_;
    size_t pos_ = 0, next_line_ = 1, line_no_ = 0;
    bool malformed_ = false;
    std::string_view raw_;
    std::string scratch_;
    std::vector<size_t> bounds_;  // field i is scratch_[bounds_[2i], bounds_[2i+1])
    std::vector<std::string_view> fields_;
};

// Wrong field count fails; on an unterminated last line it is reported as a truncated file.
void expect_fields(const LineReader& at, const std::vector<std::string_view>& fields, size_t n);

// Reads the first line of a CSV and checks it is exactly `names` (joined by commas).
void expect_csv_header(LineReader& r, const std::vector<std::string_view>& names);

// Strict decimal fields: no sign, no spaces, the whole field must be consumed.
uint32_t parse_id(const LineReader& at, std::string_view field, const char* what);
int64_t parse_timestamp(const LineReader& at, std::string_view field);
// A rating in stars -> half stars 1..10. whole_only: only "1".."5" (ml-100k); else "0.5".."5.0" in 0.5 steps.
uint8_t parse_half_stars(const LineReader& at, std::string_view field, bool whole_only);

}  // namespace wl
