// Public item models as data (see item_model.hpp): the sparsifier, the WLIM file and the CSV forms.
#include "weightless/model/item_model.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>

#include "weightless/data/csv.hpp"
#include "weightless/util/params.hpp"

namespace wl {

namespace {

constexpr uint32_t kVersion = 1;
constexpr uint32_t kMaxDim = 4096;

bool finite_float(double v) { return std::isfinite(v) && std::fabs(v) <= std::numeric_limits<float>::max(); }

uint32_t index_of(const Dataset& cat, uint64_t id, ByteReader& r) {
    const int64_t i = id > UINT32_MAX ? -1 : cat.item_index(static_cast<uint32_t>(id));
    if (i < 0) r.fail("item model names movie id " + std::to_string(id) + ", which the catalogue does not have");
    return static_cast<uint32_t>(i);
}

// Shared by both shapes: the header every WLIM payload starts with.
ByteWriter header(ItemModelKind kind, const std::string& source, const Dataset& cat) {
    ByteWriter w;
    w.u8(static_cast<uint8_t>(kind));
    w.str(source);
    w.str(cat.name);
    return w;
}

std::span<const uint8_t> payload_of(std::span<const uint8_t> file) {
    return unwrap_container(file, "WLIM", kVersion, nullptr, "item model");
}

std::string check_kind(ByteReader& r, ItemModelKind want) {
    const uint8_t k = r.u8();
    if (k != static_cast<uint8_t>(want))
        r.fail(k == static_cast<uint8_t>(ItemModelKind::Neighbours) || k == static_cast<uint8_t>(ItemModelKind::Factors)
                   ? "item model holds the other shape (neighbours vs factors)"
                   : "unknown item model shape " + std::to_string(k));
    std::string source = r.str(4096);
    (void)r.str(4096);  // the catalogue it was built on: informative only, ids are what bind it
    return source;
}

double parse_real(const LineReader& at, std::string_view s, const char* what) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    double v = 0;  // detail::parse_real (strtod): libc++'s from_chars has no floating-point form (wasm build)
    if (!detail::parse_real(s, v) || !finite_float(v))
        at.fail(std::string("bad ") + what + " '" + std::string(s) + "'");
    return v;
}

// The shortest %g text that reads back as the same float (libc++ has no floating-point to_chars).
const char* shortest_float(float v, char (&buf)[64]) {
    for (int prec = 1; prec < 9; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, static_cast<double>(v));
        if (std::strtof(buf, nullptr) == v) return buf;
    }
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(v));  // 9 significant digits always round-trip
    return buf;
}

TextFile text_of(std::string_view text, const std::string& path) {
    TextFile f{path, std::string(text)};
    if (f.text.size() >= 3 && static_cast<unsigned char>(f.text[0]) == 0xEF && static_cast<unsigned char>(f.text[1]) == 0xBB &&
        static_cast<unsigned char>(f.text[2]) == 0xBF)
        f.text.erase(0, 3);
    return f;
}

}  // namespace

size_t ItemNeighbours::memory_bytes() const {
    return offsets.capacity() * sizeof(uint64_t) + items.capacity() * sizeof(uint32_t) + weights.capacity() * sizeof(float);
}

size_t ItemFactors::memory_bytes() const { return values.capacity() * sizeof(float) + known.capacity(); }

ItemNeighbours top_k_rows(std::span<const double> dense, uint32_t n, std::span<const uint32_t> item_of_row, uint32_t n_items,
                          uint32_t k, std::string source) {
    ItemNeighbours g;
    g.source = std::move(source);
    g.n_items = n_items;
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(n_items);
    std::vector<uint32_t> order(n);
    for (uint32_t a = 0; a < n; ++a) {
        const double* row = dense.data() + size_t{a} * n;
        order.clear();
        for (uint32_t b = 0; b < n; ++b)
            if (b != a && row[b] > 0) order.push_back(b);
        const auto stronger = [&](uint32_t x, uint32_t y) { return row[x] != row[y] ? row[x] > row[y] : x < y; };
        const size_t keep = std::min<size_t>(k, order.size());
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), stronger);
        auto& out = rows[item_of_row[a]];
        for (size_t t = 0; t < keep; ++t) out.emplace_back(item_of_row[order[t]], static_cast<float>(row[order[t]]));
    }
    g.offsets.assign(size_t{n_items} + 1, 0);
    for (uint32_t j = 0; j < n_items; ++j) g.offsets[j + 1] = g.offsets[j] + rows[j].size();
    g.items.reserve(g.offsets.back());
    g.weights.reserve(g.offsets.back());
    for (const auto& row : rows)
        for (const auto& [i, w] : row) {
            g.items.push_back(i);
            g.weights.push_back(w);
        }
    return g;
}

void write_neighbours(ByteWriter& w, const ItemNeighbours& g) {
    w.varint(g.n_items);
    w.str(g.source);
    for (uint32_t j = 0; j < g.n_items; ++j) w.varint(g.offsets[j + 1] - g.offsets[j]);
    for (size_t t = 0; t < g.items.size(); ++t) {
        w.varint(g.items[t]);
        uint32_t bits;
        std::memcpy(&bits, &g.weights[t], sizeof bits);
        w.u32(bits);
    }
}

ItemNeighbours read_neighbours(ByteReader& r, size_t max_items, const std::string& what) {
    ItemNeighbours g;
    g.n_items = static_cast<uint32_t>(r.count(1, max_items));
    g.source = r.str(4096);
    g.offsets.assign(size_t{g.n_items} + 1, 0);
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const uint64_t len = r.varint();
        if (len > g.n_items || len > r.remaining() / 5) r.fail(what + ": neighbour row longer than the file");
        g.offsets[j + 1] = g.offsets[j] + len;
    }
    if (g.offsets.back() > r.remaining() / 5) r.fail(what + ": more weights than the file holds");
    g.items.resize(g.offsets.back());
    g.weights.resize(g.offsets.back());
    for (size_t t = 0; t < g.items.size(); ++t) {
        const uint64_t i = r.varint();
        if (i >= g.n_items) r.fail(what + ": neighbour outside the catalogue");
        g.items[t] = static_cast<uint32_t>(i);
        const uint32_t bits = r.u32();
        std::memcpy(&g.weights[t], &bits, sizeof bits);
        if (!std::isfinite(g.weights[t])) r.fail(what + ": weight is not a number");
    }
    return g;
}

ItemNeighbours transpose(const ItemNeighbours& g) {
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(g.n_items);
    for (uint32_t i = 0; i < g.n_items; ++i) {
        const auto its = g.row_items(i);
        const auto ws = g.row_weights(i);
        for (size_t t = 0; t < its.size(); ++t) rows[its[t]].emplace_back(i, ws[t]);
    }
    ItemNeighbours out;
    out.source = g.source;
    out.n_items = g.n_items;
    out.offsets.assign(size_t{g.n_items} + 1, 0);
    for (uint32_t j = 0; j < g.n_items; ++j) {
        auto& row = rows[j];
        std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        out.offsets[j + 1] = out.offsets[j] + row.size();
        for (const auto& [i, w] : row) {
            out.items.push_back(i);
            out.weights.push_back(w);
        }
    }
    return out;
}

std::vector<uint8_t> save_item_neighbours(const ItemNeighbours& g, const Dataset& cat) {
    ByteWriter w = header(ItemModelKind::Neighbours, g.source, cat);
    uint32_t rows = 0;
    for (uint32_t j = 0; j < g.n_items; ++j) rows += g.offsets[j + 1] > g.offsets[j];
    w.varint(rows);
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const auto its = g.row_items(j);
        if (its.empty()) continue;
        const auto ws = g.row_weights(j);
        w.varint(cat.items[j].id);
        w.varint(its.size());
        for (size_t t = 0; t < its.size(); ++t) {
            w.varint(cat.items[its[t]].id);
            uint32_t bits;
            std::memcpy(&bits, &ws[t], sizeof bits);
            w.u32(bits);
        }
    }
    return wrap_container("WLIM", kVersion, w.data());
}

ItemNeighbours load_item_neighbours(std::span<const uint8_t> file, const Dataset& cat) {
    ByteReader r(payload_of(file), "item model");
    ItemNeighbours g;
    g.source = check_kind(r, ItemModelKind::Neighbours);
    g.n_items = static_cast<uint32_t>(cat.num_items());
    const size_t rows = r.count(2, cat.num_items());
    std::vector<std::vector<std::pair<uint32_t, float>>> by_row(cat.num_items());
    for (size_t t = 0; t < rows; ++t) {
        const uint32_t j = index_of(cat, r.varint(), r);
        if (!by_row[j].empty()) r.fail("item model lists movie " + std::to_string(cat.items[j].id) + " twice");
        const size_t n = r.count(5, cat.num_items());
        if (n == 0) r.fail("item model has an empty row");
        auto& row = by_row[j];
        row.reserve(n);
        for (size_t e = 0; e < n; ++e) {
            const uint32_t i = index_of(cat, r.varint(), r);
            const uint32_t bits = r.u32();
            float v;
            std::memcpy(&v, &bits, sizeof v);
            if (!std::isfinite(v)) r.fail("item model has a weight that is not a number");
            row.emplace_back(i, v);
        }
    }
    r.expect_done();
    g.offsets.assign(size_t{g.n_items} + 1, 0);
    for (uint32_t j = 0; j < g.n_items; ++j) g.offsets[j + 1] = g.offsets[j] + by_row[j].size();
    for (const auto& row : by_row)
        for (const auto& [i, v] : row) {
            g.items.push_back(i);
            g.weights.push_back(v);
        }
    return g;
}

std::vector<uint8_t> save_item_factors(const ItemFactors& f, const Dataset& cat) {
    ByteWriter w = header(ItemModelKind::Factors, f.source, cat);
    w.varint(f.dim);
    uint32_t rows = 0;
    for (uint32_t i = 0; i < f.n_items; ++i) rows += f.known[i] != 0;
    w.varint(rows);
    for (uint32_t i = 0; i < f.n_items; ++i) {
        if (!f.known[i]) continue;
        w.varint(cat.items[i].id);
        for (float v : f.row(i)) {
            uint32_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            w.u32(bits);
        }
    }
    return wrap_container("WLIM", kVersion, w.data());
}

ItemFactors load_item_factors(std::span<const uint8_t> file, const Dataset& cat) {
    ByteReader r(payload_of(file), "item model");
    ItemFactors f;
    f.source = check_kind(r, ItemModelKind::Factors);
    const uint64_t dim = r.varint();
    if (dim == 0 || dim > kMaxDim) r.fail("item factors of dimension " + std::to_string(dim) + " (1.." + std::to_string(kMaxDim) + ")");
    f.dim = static_cast<uint32_t>(dim);
    f.n_items = static_cast<uint32_t>(cat.num_items());
    const size_t rows = r.count(1 + 4 * f.dim, cat.num_items());
    f.values.assign(size_t{f.n_items} * f.dim, 0.0f);
    f.known.assign(f.n_items, 0);
    for (size_t t = 0; t < rows; ++t) {
        const uint32_t i = index_of(cat, r.varint(), r);
        if (f.known[i]) r.fail("item model lists movie " + std::to_string(cat.items[i].id) + " twice");
        f.known[i] = 1;
        for (uint32_t d = 0; d < f.dim; ++d) {
            const uint32_t bits = r.u32();
            float v;
            std::memcpy(&v, &bits, sizeof v);
            if (!std::isfinite(v)) r.fail("item model has a factor that is not a number");
            f.values[size_t{i} * f.dim + d] = v;
        }
    }
    r.expect_done();
    return f;
}

ItemModelKind item_model_kind(std::span<const uint8_t> file) {
    ByteReader r(payload_of(file), "item model");
    const uint8_t k = r.u8();
    if (k != 1 && k != 2) r.fail("unknown item model shape " + std::to_string(k));
    return static_cast<ItemModelKind>(k);
}

ItemNeighbours item_neighbours_from_csv(std::string_view text, const Dataset& cat, const std::string& path, CsvImport* report) {
    const TextFile f = text_of(text, path);
    LineReader lr(f);
    expect_csv_header(lr, {"item", "neighbour", "weight"});
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(cat.num_items());
    std::vector<std::string_view> fields;
    std::string scratch;
    CsvImport rep;
    while (lr.next()) {
        if (lr.line().empty()) continue;
        split_csv(lr, fields, scratch);
        expect_fields(lr, fields, 3);
        const uint32_t a = parse_id(lr, fields[0], "item id");
        const uint32_t b = parse_id(lr, fields[1], "neighbour id");
        const double v = parse_real(lr, fields[2], "weight");
        ++rep.rows;
        const int64_t ia = cat.item_index(a), ib = cat.item_index(b);
        if (ia < 0 || ib < 0) {
            ++rep.skipped;
            continue;
        }
        if (ia == ib) lr.fail("item " + std::to_string(a) + " lists itself as a neighbour");
        rows[static_cast<size_t>(ia)].emplace_back(static_cast<uint32_t>(ib), static_cast<float>(v));
    }
    if (rep.rows == 0) throw DataError(path, 0, "no neighbour rows");
    ItemNeighbours g;
    g.source = "csv:" + path;
    g.n_items = static_cast<uint32_t>(cat.num_items());
    g.offsets.assign(size_t{g.n_items} + 1, 0);
    for (uint32_t j = 0; j < g.n_items; ++j) {
        auto& row = rows[j];
        std::stable_sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
        for (size_t t = 1; t < row.size(); ++t)
            for (size_t u = 0; u < t; ++u)
                if (row[u].first == row[t].first)
                    throw DataError(path, 0, "item " + std::to_string(cat.items[j].id) + " lists neighbour " +
                                                 std::to_string(cat.items[row[t].first].id) + " twice");
        g.offsets[j + 1] = g.offsets[j] + row.size();
        for (const auto& [i, v] : row) {
            g.items.push_back(i);
            g.weights.push_back(v);
        }
    }
    if (report) *report = rep;
    return g;
}

ItemFactors item_factors_from_csv(std::string_view text, const Dataset& cat, const std::string& path, CsvImport* report) {
    const TextFile f = text_of(text, path);
    LineReader lr(f);
    if (!lr.next()) throw DataError(path, 0, "empty file");
    std::vector<std::string_view> fields;
    std::string scratch;
    split_csv(lr, fields, scratch);
    const bool bracketed = fields.size() == 2 && fields[0] == "id" && fields[1] == "features";
    if (!bracketed && (fields.size() < 2 || fields[0] != "id"))
        lr.fail("expected the header 'id,features' or 'id,f0,f1,...'");
    const size_t header_fields = fields.size();
    ItemFactors out;
    out.source = "csv:" + path;
    out.n_items = static_cast<uint32_t>(cat.num_items());
    out.known.assign(out.n_items, 0);
    CsvImport rep;
    std::vector<float> vec;
    while (lr.next()) {
        if (lr.line().empty()) continue;
        split_csv(lr, fields, scratch);
        expect_fields(lr, fields, header_fields);
        const uint32_t id = parse_id(lr, fields[0], "item id");
        vec.clear();
        if (bracketed) {
            std::string_view s = fields[1];
            while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
            while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
            if (s.size() < 2 || s.front() != '[' || s.back() != ']') lr.fail("features must be a bracketed list [a, b, ...]");
            s = s.substr(1, s.size() - 2);
            size_t start = 0;
            while (start <= s.size()) {
                const size_t comma = s.find(',', start);
                const std::string_view part = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
                vec.push_back(static_cast<float>(parse_real(lr, part, "factor")));
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
        } else {
            for (size_t c = 1; c < fields.size(); ++c) vec.push_back(static_cast<float>(parse_real(lr, fields[c], "factor")));
        }
        if (vec.empty() || vec.size() > kMaxDim) lr.fail("a factor vector needs 1.." + std::to_string(kMaxDim) + " values");
        if (out.dim == 0) {
            out.dim = static_cast<uint32_t>(vec.size());
            out.values.assign(size_t{out.n_items} * out.dim, 0.0f);
        } else if (vec.size() != out.dim) {
            lr.fail("vector of " + std::to_string(vec.size()) + " values where earlier rows have " + std::to_string(out.dim));
        }
        ++rep.rows;
        const int64_t i = cat.item_index(id);
        if (i < 0) {
            ++rep.skipped;
            continue;
        }
        if (out.known[static_cast<size_t>(i)]) lr.fail("item " + std::to_string(id) + " appears twice");
        out.known[static_cast<size_t>(i)] = 1;
        std::copy(vec.begin(), vec.end(), out.values.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(i) * out.dim));
    }
    if (rep.rows == 0) throw DataError(path, 0, "no factor rows");
    if (rep.rows == rep.skipped) throw DataError(path, 0, "none of the " + std::to_string(rep.rows) + " item ids is in the catalogue");
    if (report) *report = rep;
    return out;
}

std::string item_neighbours_to_csv(const ItemNeighbours& g, const Dataset& cat) {
    std::string s = "item,neighbour,weight\n";
    char buf[64];
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const auto its = g.row_items(j);
        const auto ws = g.row_weights(j);
        for (size_t t = 0; t < its.size(); ++t) {
            s += std::to_string(cat.items[j].id) + "," + std::to_string(cat.items[its[t]].id) + "," + shortest_float(ws[t], buf) + "\n";
        }
    }
    return s;
}

}  // namespace wl
