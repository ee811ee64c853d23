// Spark's part-file directories of item factors (see spark_factors.hpp).
#include "weightless/model/spark_factors.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <vector>

#include "weightless/data/csv.hpp"
#include "weightless/util/params.hpp"

namespace wl {

namespace {

constexpr size_t kMaxDim = 4096;  // as the CSV import

// A tiny cursor over one JSON line: only what a row of numbers needs (objects, arrays, numbers, string keys).
struct Cursor {
    const LineReader& at;
    std::string_view s;
    size_t p = 0;
    void ws() {
        while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r')) ++p;
    }
    bool eat(char c) {
        ws();
        if (p < s.size() && s[p] == c) return ++p, true;
        return false;
    }
    void expect(char c, const char* where) {
        if (!eat(c)) at.fail(std::string("expected '") + c + "' " + where);
    }
    std::string_view key() {
        ws();
        if (p >= s.size() || s[p] != '"') at.fail("expected a quoted key");
        const size_t start = ++p;
        while (p < s.size() && s[p] != '"' && s[p] != '\\') ++p;
        if (p >= s.size() || s[p] != '"') at.fail("unterminated or escaped key (keys are id and features)");
        return s.substr(start, p++ - start);
    }
    std::string_view number() {
        ws();
        const size_t start = p;
        while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '-' || s[p] == '+' || s[p] == '.' ||
                                s[p] == 'e' || s[p] == 'E'))
            ++p;
        if (p == start) at.fail("expected a number" + std::string(p < s.size() && s[p] == '"' ? " (got a string: NaN and Infinity are not factors)" : ""));
        return s.substr(start, p - start);
    }
};

float parse_factor(const LineReader& at, std::string_view s) {
    double v = 0;
    if (!detail::parse_real(s, v) || !std::isfinite(v) || std::fabs(v) > std::numeric_limits<float>::max())
        at.fail("bad factor '" + std::string(s) + "'");
    return static_cast<float>(v);
}

// Adds one row to `out` (catalogue-indexed), with the CSV import's rules: one length for every vector, an id once.
void add_row(ItemFactors& out, const Dataset& cat, uint32_t id, const std::vector<float>& vec, const LineReader& at, CsvImport& rep) {
    if (vec.empty() || vec.size() > kMaxDim) at.fail("a factor vector needs 1.." + std::to_string(kMaxDim) + " values");
    if (out.dim == 0) {
        out.dim = static_cast<uint32_t>(vec.size());
        out.values.assign(size_t{out.n_items} * out.dim, 0.0f);
    } else if (vec.size() != out.dim) {
        at.fail("vector of " + std::to_string(vec.size()) + " values where earlier rows have " + std::to_string(out.dim));
    }
    ++rep.rows;
    const int64_t i = cat.item_index(id);
    if (i < 0) {
        ++rep.skipped;
        return;
    }
    if (out.known[static_cast<size_t>(i)]) at.fail("item " + std::to_string(id) + " appears twice");
    out.known[static_cast<size_t>(i)] = 1;
    std::copy(vec.begin(), vec.end(), out.values.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(i) * out.dim));
}

ItemFactors empty_factors(const Dataset& cat, std::string source) {
    ItemFactors out;
    out.source = std::move(source);
    out.n_items = static_cast<uint32_t>(cat.num_items());
    out.known.assign(out.n_items, 0);
    return out;
}

void parse_json_lines(const TextFile& f, const Dataset& cat, ItemFactors& out, CsvImport& rep) {
    LineReader lr(f);
    std::vector<float> vec;
    while (lr.next()) {
        if (lr.line().find_first_not_of(" \t\r") == std::string_view::npos) continue;
        Cursor c{lr, lr.line()};
        c.expect('{', "at the start of a row (one JSON object per line)");
        bool have_id = false, have_features = false;
        uint32_t id = 0;
        vec.clear();
        do {
            const std::string_view k = c.key();
            c.expect(':', "after a key");
            if (k == "id") {
                if (have_id) lr.fail("id given twice");
                have_id = true;
                id = parse_id(lr, c.number(), "item id");
            } else if (k == "features") {
                if (have_features) lr.fail("features given twice");
                have_features = true;
                c.expect('[', "to open features (a list of numbers)");
                if (!c.eat(']')) {
                    do {
                        if (vec.size() == kMaxDim) lr.fail("a factor vector needs 1.." + std::to_string(kMaxDim) + " values");
                        vec.push_back(parse_factor(lr, c.number()));
                    } while (c.eat(','));
                    c.expect(']', "to close features");
                }
            } else {
                lr.fail("unexpected key '" + std::string(k) + "' (an itemFactors row has id and features)");
            }
        } while (c.eat(','));
        c.expect('}', "at the end of a row");
        c.ws();
        if (c.p != c.s.size()) lr.fail("text after the row's closing brace");
        if (!have_id || !have_features) lr.fail(std::string("row without ") + (have_id ? "features" : "id"));
        add_row(out, cat, id, vec, lr, rep);
    }
}

// A CSV part: the bracketed or the column form, with or without a header.
void parse_csv_part(const TextFile& f, const Dataset& cat, ItemFactors& out, CsvImport& rep) {
    LineReader lr(f);
    std::vector<std::string_view> fields;
    std::string scratch;
    std::vector<float> vec;
    size_t width = 0;
    bool first = true;
    while (lr.next()) {
        if (lr.line().empty()) continue;
        split_csv(lr, fields, scratch);
        if (first && !fields.empty() && fields[0] == "id") {  // a header line: only its width matters
            first = false;
            width = fields.size();
            continue;
        }
        first = false;
        if (width == 0) width = fields.size();
        expect_fields(lr, fields, width);
        if (width < 2) lr.fail("expected id and features (bracketed \"[a, b]\" or one column per value)");
        const uint32_t id = parse_id(lr, fields[0], "item id");
        vec.clear();
        std::string_view s = fields[1];
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        if (width == 2 && !s.empty() && s.front() == '[') {
            while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
            if (s.size() < 2 || s.back() != ']') lr.fail("features must be a bracketed list [a, b, ...]");
            s = s.substr(1, s.size() - 2);
            for (size_t start = 0;;) {
                const size_t comma = s.find(',', start);
                std::string_view part = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
                while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
                while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
                vec.push_back(parse_factor(lr, part));
                if (comma == std::string_view::npos || vec.size() > kMaxDim) break;
                start = comma + 1;
            }
        } else {
            for (size_t c = 1; c < fields.size(); ++c) vec.push_back(parse_factor(lr, fields[c]));
        }
        add_row(out, cat, id, vec, lr, rep);
    }
}

void finish(const std::string& where, const CsvImport& rep, CsvImport* report) {
    if (rep.rows == 0) throw DataError(where, 0, "no factor rows");
    if (rep.rows == rep.skipped) throw DataError(where, 0, "none of the " + std::to_string(rep.rows) + " item ids is in the catalogue");
    if (report) *report = rep;
}

}  // namespace

ItemFactors item_factors_from_json_lines(std::string_view text, const Dataset& cat, const std::string& path, CsvImport* report) {
    ItemFactors out = empty_factors(cat, "spark-json:" + path);
    CsvImport rep;
    parse_json_lines(text_from_bytes(path, std::string(text)), cat, out, rep);
    finish(path, rep, report);
    return out;
}

ItemFactors item_factors_from_spark_dir(const std::string& dir, const Dataset& cat, CsvImport* report) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DataError(dir, 0, "not a directory");
    if (!fs::exists(fs::path(dir) / "_SUCCESS", ec))
        throw DataError(dir, 0, "no _SUCCESS file: the Spark job did not finish writing this directory (or is still running); "
                                "rerun it and import once _SUCCESS is there");
    std::vector<fs::path> json, csv;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("part-", 0) != 0 || !e.is_regular_file()) continue;  // _SUCCESS, .crc checksums, _committed_*
        if (e.file_size(ec) == 0) continue;  // an empty partition (older Sparks write a file for it)
        const std::string ext = e.path().extension().string();
        if (ext == ".json") json.push_back(e.path());
        else if (ext == ".csv") csv.push_back(e.path());
        else
            throw DataError(e.path().string(), 0,
                            "a part file this import does not read (compressed, parquet?): write with .option(\"compression\", "
                            "\"none\") as .json or .csv");
    }
    if (ec) throw DataError(dir, 0, "cannot list the directory: " + ec.message());
    if (json.empty() && csv.empty()) throw DataError(dir, 0, "no part-*.json or part-*.csv files beside _SUCCESS");
    if (!json.empty() && !csv.empty()) throw DataError(dir, 0, "both .json and .csv part files: two jobs wrote here");
    auto& parts = json.empty() ? csv : json;
    std::sort(parts.begin(), parts.end());
    ItemFactors out = empty_factors(cat, "spark:" + fs::path(dir).lexically_normal().filename().string());
    CsvImport rep;
    for (const auto& p : parts) {
        const TextFile f = read_text_file(p.string());
        if (json.empty()) parse_csv_part(f, cat, out, rep);
        else parse_json_lines(f, cat, out, rep);
    }
    finish(dir, rep, report);
    return out;
}

}  // namespace wl
