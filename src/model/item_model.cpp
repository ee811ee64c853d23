// Public item models as data (see item_model.hpp): the sparsifier, the WLIM file and the CSV forms.
#include "weightless/model/item_model.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "weightless/data/csv.hpp"
#include "weightless/util/params.hpp"

namespace wl {

namespace {

// Version 2: the compact neighbour layout with a weight precision (factors unchanged). Version 1 still loads.
constexpr uint32_t kVersion = 2;
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

std::span<const uint8_t> payload_of(std::span<const uint8_t> file, uint32_t* version = nullptr) {
    return unwrap_container(file, "WLIM", kVersion, version, "item model");
}

int32_t max_level(WeightBits bits) { return bits == WeightBits::I8 ? 127 : 32767; }

// A row's scale: its largest |w| over the top level, rounded up to few enough significant bits (16 for 8-bit
// weights, 8 for 16-bit) that level x scale is exact in float, so quantising a quantised row changes nothing.
float row_scale(std::span<const float> ws, WeightBits bits) {
    float m = 0;
    for (float w : ws) m = std::max(m, std::fabs(w));
    if (m == 0) return 0;
    const int sig = bits == WeightBits::I8 ? 16 : 8;
    int e = 0;
    const double mant = std::frexp(static_cast<double>(m) / max_level(bits), &e);
    return static_cast<float>(std::ldexp(std::ceil(std::ldexp(mant, sig)), e - sig));
}

int32_t level_of(float w, float scale, WeightBits bits) {
    if (scale == 0) return 0;
    const auto q = static_cast<int32_t>(std::lround(static_cast<double>(w) / scale));
    return std::clamp(q, -max_level(bits), max_level(bits));
}

// Rows in canonical order: weight descending, ties by lower item.
void sort_row(std::vector<std::pair<uint32_t, float>>& row) {
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
}

ItemNeighbours from_rows(std::vector<std::vector<std::pair<uint32_t, float>>>& rows, uint32_t n_items) {
    ItemNeighbours g;
    g.n_items = n_items;
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
                          uint32_t k, std::string source, Keep keep) {
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(n_items);
    std::vector<uint32_t> order(n);
    for (uint32_t a = 0; a < n; ++a) {
        const double* row = dense.data() + size_t{a} * n;
        const auto strength = [&](uint32_t b) { return keep == Keep::Magnitude ? std::fabs(row[b]) : row[b]; };
        order.clear();
        for (uint32_t b = 0; b < n; ++b)
            if (b != a && strength(b) > 0) order.push_back(b);
        const auto stronger = [&](uint32_t x, uint32_t y) { return strength(x) != strength(y) ? strength(x) > strength(y) : x < y; };
        const size_t kept = std::min<size_t>(k, order.size());
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(), stronger);
        auto& out = rows[item_of_row[a]];
        for (size_t t = 0; t < kept; ++t) out.emplace_back(item_of_row[order[t]], static_cast<float>(row[order[t]]));
        sort_row(out);
    }
    ItemNeighbours g = from_rows(rows, n_items);
    g.source = std::move(source);
    return g;
}

ItemNeighbours top_n_global(std::span<const double> dense, uint32_t n, std::span<const uint32_t> item_of_row, uint32_t n_items,
                            uint64_t total, std::string source, Keep keep) {
    const auto strength = [&](size_t at) { return keep == Keep::Magnitude ? std::fabs(dense[at]) : dense[at]; };
    // The threshold: the total-th largest strength off the diagonal (0 when fewer weights than that are non-zero).
    std::vector<double> all;
    all.reserve(size_t{n} * n);
    for (uint32_t a = 0; a < n; ++a)
        for (uint32_t b = 0; b < n; ++b)
            if (a != b && strength(size_t{a} * n + b) > 0) all.push_back(strength(size_t{a} * n + b));
    double t = 0;
    uint64_t ties = UINT64_MAX;  // how many weights equal to t are kept, taken in row order, lower item first
    if (total == 0) {
        t = std::numeric_limits<double>::infinity();
    } else if (total < all.size()) {
        std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(total - 1), all.end(), std::greater<>());
        t = all[total - 1];
        const auto above = static_cast<uint64_t>(std::count_if(all.begin(), all.end(), [&](double v) { return v > t; }));
        ties = total - above;
    }
    std::vector<std::vector<std::pair<uint32_t, float>>> rows(n_items);
    for (uint32_t a = 0; a < n; ++a) {
        auto& out = rows[item_of_row[a]];
        for (uint32_t b = 0; b < n; ++b) {
            const size_t at = size_t{a} * n + b;
            const double v = strength(at);
            if (a == b || v <= 0 || v < t) continue;
            if (v == t) {
                if (ties == 0) continue;
                --ties;
            }
            out.emplace_back(item_of_row[b], static_cast<float>(dense[at]));
        }
        sort_row(out);
    }
    ItemNeighbours g = from_rows(rows, n_items);
    g.source = std::move(source);
    return g;
}

void quantize_weights(ItemNeighbours& g, WeightBits bits) {
    if (bits == WeightBits::F32) return;
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const std::span<float> ws(g.weights.data() + g.offsets[j], g.weights.data() + g.offsets[j + 1]);
        const float scale = row_scale(ws, bits);
        for (float& w : ws) w = static_cast<float>(level_of(w, scale, bits)) * scale;
    }
    // Rounding can tie two weights of a row: keep the canonical order (weight descending, lower item first).
    std::vector<std::pair<uint32_t, float>> row;
    for (uint32_t j = 0; j < g.n_items; ++j) {
        row.clear();
        for (uint64_t t = g.offsets[j]; t < g.offsets[j + 1]; ++t) row.emplace_back(g.items[t], g.weights[t]);
        sort_row(row);
        for (size_t t = 0; t < row.size(); ++t) {
            g.items[g.offsets[j] + t] = row[t].first;
            g.weights[g.offsets[j] + t] = row[t].second;
        }
    }
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

// Payload (version 2): header | bits u8 | the table of movie ids in the model (ascending, delta varints) | rows:
// count, then per row its movie's table index (delta from the previous row's) and its length | every row's
// neighbours as ascending table indices (delta varints, each row from 0) | the per-row scales (f32; 8/16 bits only)
// | every weight (f32 bits, or i16/i8 levels). Ids apart from weights, and small deltas, are what gzip packs well.
std::vector<uint8_t> save_item_neighbours(const ItemNeighbours& g, const Dataset& cat, WeightBits bits) {
    ByteWriter w = header(ItemModelKind::Neighbours, g.source, cat);
    w.u8(static_cast<uint8_t>(bits));
    std::vector<uint8_t> used(g.n_items, 0);
    for (uint32_t j = 0; j < g.n_items; ++j)
        if (g.offsets[j + 1] > g.offsets[j]) {
            used[j] = 1;
            for (uint32_t i : g.row_items(j)) used[i] = 1;
        }
    std::vector<uint32_t> table;  // catalogue indices, by id
    for (uint32_t j = 0; j < g.n_items; ++j)
        if (used[j]) table.push_back(j);
    std::sort(table.begin(), table.end(), [&](uint32_t a, uint32_t b) { return cat.items[a].id < cat.items[b].id; });
    std::vector<uint32_t> slot(g.n_items, 0);
    w.varint(table.size());
    uint64_t prev = 0;
    for (size_t t = 0; t < table.size(); ++t) {
        slot[table[t]] = static_cast<uint32_t>(t);
        w.varint(cat.items[table[t]].id - prev);
        prev = cat.items[table[t]].id;
    }
    std::vector<uint32_t> rows;  // catalogue indices of the rows, in table order
    for (uint32_t j : table)
        if (g.offsets[j + 1] > g.offsets[j]) rows.push_back(j);
    w.varint(rows.size());
    prev = 0;
    for (uint32_t j : rows) {
        w.varint(slot[j] - prev);
        prev = slot[j];
        w.varint(g.offsets[j + 1] - g.offsets[j]);
    }
    // Each row by table index, with its weights in that order.
    std::vector<std::vector<std::pair<uint32_t, float>>> by_slot(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto its = g.row_items(rows[r]);
        const auto ws = g.row_weights(rows[r]);
        for (size_t t = 0; t < its.size(); ++t) by_slot[r].emplace_back(slot[its[t]], ws[t]);
        std::sort(by_slot[r].begin(), by_slot[r].end());
        for (size_t t = 1; t < by_slot[r].size(); ++t)
            if (by_slot[r][t].first == by_slot[r][t - 1].first) throw std::invalid_argument("item model: a row lists a neighbour twice");
    }
    for (const auto& row : by_slot) {
        uint32_t at = 0;
        for (const auto& [i, v] : row) {
            w.varint(i - at);
            at = i;
        }
    }
    std::vector<float> scales(rows.size(), 0.0f);
    if (bits != WeightBits::F32)
        for (size_t r = 0; r < rows.size(); ++r) {
            scales[r] = row_scale(g.row_weights(rows[r]), bits);
            uint32_t b;
            std::memcpy(&b, &scales[r], sizeof b);
            w.u32(b);
        }
    for (size_t r = 0; r < rows.size(); ++r)
        for (const auto& [i, v] : by_slot[r]) {
            if (bits == WeightBits::F32) {
                uint32_t b;
                std::memcpy(&b, &v, sizeof b);
                w.u32(b);
            } else if (bits == WeightBits::I16) {
                w.u16(static_cast<uint16_t>(static_cast<int16_t>(level_of(v, scales[r], bits))));
            } else {
                w.u8(static_cast<uint8_t>(static_cast<int8_t>(level_of(v, scales[r], bits))));
            }
        }
    return wrap_container("WLIM", kVersion, w.data());
}

namespace {

float read_f32(ByteReader& r, const char* what) {
    const uint32_t bits = r.u32();
    float v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) r.fail(std::string("item model has a ") + what + " that is not a number");
    return v;
}

// Version 1: per row, its movie id, length and (neighbour id, f32 weight) pairs.
void read_rows_v1(ByteReader& r, const Dataset& cat, std::vector<std::vector<std::pair<uint32_t, float>>>& by_row) {
    const size_t rows = r.count(2, cat.num_items());
    for (size_t t = 0; t < rows; ++t) {
        const uint32_t j = index_of(cat, r.varint(), r);
        if (!by_row[j].empty()) r.fail("item model lists movie " + std::to_string(cat.items[j].id) + " twice");
        const size_t n = r.count(5, cat.num_items());
        if (n == 0) r.fail("item model has an empty row");
        auto& row = by_row[j];
        row.reserve(n);
        for (size_t e = 0; e < n; ++e) {
            const uint32_t i = index_of(cat, r.varint(), r);
            if (i == j) r.fail("item model: a movie lists itself as a neighbour");
            row.emplace_back(i, read_f32(r, "weight"));
        }
        auto ids = row;
        std::sort(ids.begin(), ids.end());
        for (size_t e = 1; e < ids.size(); ++e)
            if (ids[e].first == ids[e - 1].first) r.fail("item model: a row lists a neighbour twice");
    }
}

void read_rows_v2(ByteReader& r, const Dataset& cat, std::vector<std::vector<std::pair<uint32_t, float>>>& by_row) {
    const uint8_t b = r.u8();
    if (b > static_cast<uint8_t>(WeightBits::I8)) r.fail("item model: unknown weight precision " + std::to_string(b));
    const auto bits = static_cast<WeightBits>(b);
    const size_t n_table = r.count(1, cat.num_items());
    std::vector<uint32_t> table(n_table);
    uint64_t id = 0;
    for (size_t t = 0; t < n_table; ++t) {
        const uint64_t d = r.varint();
        if ((t > 0 && d == 0) || d > UINT32_MAX - id) r.fail("item model: movie ids not ascending");
        id += d;
        table[t] = index_of(cat, id, r);
    }
    const size_t n_rows = r.count(2, n_table);
    std::vector<uint32_t> row_slot(n_rows);
    std::vector<size_t> len(n_rows);
    uint64_t slot = 0, total = 0;
    for (size_t t = 0; t < n_rows; ++t) {
        const uint64_t d = r.varint();
        if ((t > 0 && d == 0) || d >= n_table || slot + d >= n_table) r.fail("item model: rows out of order");
        slot += d;
        row_slot[t] = static_cast<uint32_t>(slot);
        len[t] = r.count(0, n_table);
        if (len[t] == 0) r.fail("item model has an empty row");
        total += len[t];
        if (total > r.remaining()) r.fail("item model: more weights than the file holds");
    }
    std::vector<std::vector<uint32_t>> nb(n_rows);
    for (size_t t = 0; t < n_rows; ++t) {
        nb[t].resize(len[t]);
        uint64_t at = 0;
        for (size_t e = 0; e < len[t]; ++e) {
            const uint64_t d = r.varint();
            if ((e > 0 && d == 0) || d >= n_table || at + d >= n_table) r.fail("item model: neighbours out of order");
            at += d;
            if (at == row_slot[t]) r.fail("item model: a movie lists itself as a neighbour");
            nb[t][e] = static_cast<uint32_t>(at);
        }
    }
    std::vector<float> scales(n_rows, 1.0f);
    if (bits != WeightBits::F32)
        for (auto& s : scales) {
            s = read_f32(r, "scale");
            if (s < 0) r.fail("item model has a negative scale");
        }
    for (size_t t = 0; t < n_rows; ++t) {
        auto& row = by_row[table[row_slot[t]]];
        row.reserve(len[t]);
        for (uint32_t e : nb[t]) {
            float v;
            if (bits == WeightBits::F32) v = read_f32(r, "weight");
            else if (bits == WeightBits::I16) v = static_cast<float>(static_cast<int16_t>(r.u16())) * scales[t];
            else v = static_cast<float>(static_cast<int8_t>(r.u8())) * scales[t];
            if (!std::isfinite(v)) r.fail("item model has a weight that is not a number");
            row.emplace_back(table[e], v);
        }
    }
}

}  // namespace

ItemNeighbours load_item_neighbours(std::span<const uint8_t> file, const Dataset& cat) {
    uint32_t version = 0;
    ByteReader r(payload_of(file, &version), "item model");
    const std::string source = check_kind(r, ItemModelKind::Neighbours);
    std::vector<std::vector<std::pair<uint32_t, float>>> by_row(cat.num_items());
    if (version == 1) read_rows_v1(r, cat, by_row);
    else read_rows_v2(r, cat, by_row);
    for (auto& row : by_row) sort_row(row);  // v2 stores rows by id; v1 files were written in this order already
    r.expect_done();
    ItemNeighbours g = from_rows(by_row, static_cast<uint32_t>(cat.num_items()));
    g.source = source;
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
