// The personal weightless ranker (see wnn_rank.hpp): input codes from a public item model, one counting RAM per
// input bit, exact learn/forget, and the response as the ranking score.
#include "weightless/model/wnn_rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "weightless/model/baselines.hpp"

namespace wl {

namespace {

constexpr size_t kMaxItems = size_t{1} << 24;
constexpr uint32_t kMaxLevel = 64;
constexpr size_t kMaxTableCells = size_t{1} << 28;  // per user; a config needing more is refused

// Neighbour weights -> 1..levels bits: thresholds at the quantiles of every weight the codes use, so each level
// holds about as many ties whatever the public model's scale.
std::vector<float> level_thresholds(const ItemNeighbours& g, uint32_t code_k, uint32_t levels) {
    std::vector<float> w;
    for (uint32_t j = 0; j < g.n_items; ++j) {
        const auto ws = g.row_weights(j);
        for (size_t t = 0; t < std::min<size_t>(ws.size(), code_k) && ws[t] > 0; ++t) w.push_back(ws[t]);
    }
    std::vector<float> th;
    if (w.empty()) return th;
    std::sort(w.begin(), w.end());
    for (uint32_t l = 1; l < levels; ++l) th.push_back(w[w.size() * l / levels]);
    return th;
}

}  // namespace

void index_codes(RankCodes& c, double idf) {
    c.inv_offsets.assign(size_t{c.n_anchors} + 1, 0);
    for (uint32_t a : c.anchors) ++c.inv_offsets[size_t{a} + 1];
    for (uint32_t a = 0; a < c.n_anchors; ++a) c.inv_offsets[a + 1] += c.inv_offsets[a];
    c.vote.assign(c.n_anchors, 1.0);
    if (idf > 0)
        for (uint32_t a = 0; a < c.n_anchors; ++a) {
            const auto df = c.inv_offsets[a + 1] - c.inv_offsets[a];
            if (df > 0) c.vote[a] = std::pow(static_cast<double>(df), -idf);
        }
    c.inv_items.resize(c.anchors.size());
    c.inv_level.resize(c.anchors.size());
    std::vector<uint64_t> fill(c.inv_offsets.begin(), c.inv_offsets.end() - 1);
    for (uint32_t i = 0; i < c.n_items; ++i)  // items ascending, so every anchor's list is ascending
        for (uint64_t t = c.offsets[i]; t < c.offsets[i + 1]; ++t) {
            const uint64_t at = fill[c.anchors[t]]++;
            c.inv_items[at] = i;
            c.inv_level[at] = c.level[t];
        }
}

RankCodes make_rank_codes(const ItemNeighbours& g, const Dataset& cat, const WnnRankConfig& cfg) {
    const auto n_items = static_cast<uint32_t>(cat.num_items());
    if (g.n_items != n_items) throw std::invalid_argument("wnn-rank: public item model and catalogue differ in size");
    RankCodes c;
    c.n_items = n_items;
    const uint32_t n_genres = cfg.genre_level > 0 ? static_cast<uint32_t>(cat.genre_names.size()) : 0;
    c.n_anchors = n_items + n_genres;
    c.max_level = static_cast<uint32_t>(std::max({cfg.levels, cfg.self_level, cfg.genre_level, 1}));
    const auto th = level_thresholds(g, static_cast<uint32_t>(cfg.code_k), static_cast<uint32_t>(cfg.levels));
    c.offsets.assign(size_t{n_items} + 1, 0);
    std::vector<std::pair<uint32_t, uint8_t>> code;
    for (uint32_t i = 0; i < n_items; ++i) {
        code.clear();
        if (cfg.self_level > 0) code.emplace_back(i, static_cast<uint8_t>(cfg.self_level));
        const auto its = g.row_items(i);
        const auto ws = g.row_weights(i);
        // A row lists its weights largest first: the code takes the strongest positive ones (a negative weight
        // says "rarely watched together", which a shared memory cell cannot say), however the list was sparsified.
        for (size_t t = 0; t < std::min<size_t>(its.size(), static_cast<size_t>(cfg.code_k)) && ws[t] > 0; ++t) {
            const auto level = 1 + (std::upper_bound(th.begin(), th.end(), ws[t]) - th.begin());
            code.emplace_back(its[t], static_cast<uint8_t>(level));
        }
        for (uint32_t gi = 0; gi < n_genres; ++gi)
            if (cat.items[i].genres & (uint32_t{1} << gi)) code.emplace_back(n_items + gi, static_cast<uint8_t>(cfg.genre_level));
        std::sort(code.begin(), code.end());
        for (const auto& [a, l] : code) {
            c.anchors.push_back(a);
            c.level.push_back(l);
        }
        c.offsets[i + 1] = c.anchors.size();
    }
    index_codes(c, cfg.idf);
    return c;
}

WnnRankModel::WnnRankModel(WnnRankConfig cfg) : cfg_(cfg) {}

WnnRankModel::WnnRankModel(WnnRankConfig cfg, ItemNeighbours public_model)
    : cfg_(cfg), fixed_public_(true), public_(std::move(public_model)) {}

void WnnRankModel::build_public(const TrainData& data) {
    ItemNeighbours pub = fixed_public_ ? public_
                         : cfg_.source == RankSource::Ease ? fit_ease(data, cfg_.ease)
                                                           : fit_implicit_knn(data, cfg_.knn);
    RankCodes codes = make_rank_codes(pub, data.catalogue, cfg_);
    if (size_t{codes.n_anchors} * codes.max_level > kMaxTableCells)
        throw std::invalid_argument("wnn-rank: a person's table would need too many cells");
    public_ = std::move(pub);
    codes_ = std::move(codes);
    people_ = ImplicitPeople("wnn-rank");
    tables_.clear();
}

void WnnRankModel::fit(const TrainData& data) {
    ++changes_;
    build_public(data);
    for (const auto& r : data.ratings) learn(r);
}

void WnnRankModel::prepare(const TrainData& data) {
    ++changes_;
    build_public(data);
    for (const auto& r : data.ratings) people_.count(r);
}

void WnnRankModel::write(uint32_t user, uint32_t item, int delta) {
    if (user >= tables_.size()) tables_.resize(size_t{user} + 1);
    auto& t = tables_[user];
    const uint32_t L = codes_.max_level;
    if (t.empty()) t.assign(size_t{codes_.n_anchors} * L, 0);
    const auto as = codes_.anchors_of(item);
    const auto ls = codes_.levels_of(item);
    for (size_t k = 0; k < as.size(); ++k) {
        uint32_t* cell = t.data() + size_t{as[k]} * L;
        // Prefix sums over the thermometer: cell[l] gains min(l + 1, bits) when a movie with `bits` bits learns.
        for (uint32_t l = 0; l < L; ++l) {
            const uint32_t add = std::min<uint32_t>(l + 1, ls[k]);
            cell[l] = delta > 0 ? cell[l] + add : cell[l] - add;
        }
    }
}

void WnnRankModel::learn(const Rating& r) {
    ++changes_;
    if (people_.learn(r, codes_.n_items)) write(r.user, r.item, +1);  // a repeat is held; its cells are written
}

void WnnRankModel::forget(const Rating& r) {
    ++changes_;
    if (people_.forget(r)) write(r.user, r.item, -1);
    if (people_.of(r.user).empty() && r.user < tables_.size()) {
        tables_[r.user].clear();
        tables_[r.user].shrink_to_fit();
        while (!tables_.empty() && tables_.back().empty()) tables_.pop_back();
    }
}

double WnnRankModel::predict(uint32_t, uint32_t) const { return people_.mean_stars(); }

double WnnRankModel::response(const std::vector<uint32_t>& t, uint32_t item) const {
    const uint32_t L = codes_.max_level;
    const auto as = codes_.anchors_of(item);
    const auto ls = codes_.levels_of(item);
    double s = 0;
    for (size_t k = 0; k < as.size(); ++k) s += codes_.vote[as[k]] * t[size_t{as[k]} * L + ls[k] - 1];
    return s;
}

double WnnRankModel::rank_score(uint32_t user, uint32_t item) const {
    if (user >= tables_.size() || tables_[user].empty() || item >= codes_.n_items) return 0.0;
    return response(tables_[user], item);
}

void WnnRankModel::score_all(uint32_t user, std::vector<double>& out) const {
    out.assign(codes_.n_items, 0.0);
    if (user >= tables_.size() || tables_[user].empty()) return;
    const auto& t = tables_[user];
    // The anchors the person's movies wrote, ascending: the only RAMs with a non-zero cell.
    std::vector<uint32_t> written;
    for (uint32_t j : people_.of(user)) {
        const auto as = codes_.anchors_of(j);
        written.insert(written.end(), as.begin(), as.end());
    }
    std::sort(written.begin(), written.end());
    written.erase(std::unique(written.begin(), written.end()), written.end());
    uint64_t fan_out = 0;
    for (uint32_t a : written) fan_out += codes_.inv_offsets[a + 1] - codes_.inv_offsets[a];
    if (fan_out >= codes_.anchors.size()) {  // the cells reach most codes: reading every code costs no more
        for (uint32_t i = 0; i < codes_.n_items; ++i) out[i] = response(t, i);
        return;
    }
    // Anchors in ascending order add to each movie's sum in the order response() reads its code, and the
    // anchors skipped add zero, so both ways give the same bits.
    const uint32_t L = codes_.max_level;
    for (uint32_t a : written) {
        const uint32_t* cell = t.data() + size_t{a} * L;
        const double vote = codes_.vote[a];
        for (uint64_t p = codes_.inv_offsets[a]; p < codes_.inv_offsets[a + 1]; ++p)
            out[codes_.inv_items[p]] += vote * cell[codes_.inv_level[p] - 1];
    }
}

void WnnRankModel::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument("wnn-rank: rank_scores output shorter than the item list");
    const bool has = user < tables_.size() && !tables_[user].empty();
    if (has && items.size() * 8 > codes_.n_items) {  // a large share of the catalogue: score it all at once
        std::vector<double> all;
        score_all(user, all);
        for (size_t k = 0; k < items.size(); ++k) out[k] = items[k] < codes_.n_items ? all[items[k]] : 0.0;
        return;
    }
    for (size_t k = 0; k < items.size(); ++k)
        out[k] = has && items[k] < codes_.n_items ? response(tables_[user], items[k]) : 0.0;
}

const WnnRankModel::PersonAnchors& WnnRankModel::person_anchors(uint32_t user) const {
    PersonAnchors& c = anchors_cache_;
    if (c.user == user && c.stamp == changes_) return c;
    std::vector<uint32_t> mine(people_.of(user).begin(), people_.of(user).end());
    std::sort(mine.begin(), mine.end());
    // Counting sort of the person's (anchor, movie) pairs by anchor; a movie held twice is one entry held twice.
    c.offsets.assign(size_t{codes_.n_anchors} + 1, 0);
    for (size_t k = 0; k < mine.size(); ++k)
        if (k == 0 || mine[k] != mine[k - 1])
            for (uint32_t a : codes_.anchors_of(mine[k])) ++c.offsets[a + 1];
    for (size_t a = 0; a < codes_.n_anchors; ++a) c.offsets[a + 1] += c.offsets[a];
    c.movie.assign(c.offsets.back(), 0);
    c.times.assign(c.offsets.back(), 0);
    c.level.assign(c.offsets.back(), 0);
    std::vector<uint32_t> at(c.offsets.begin(), c.offsets.end() - 1);
    for (size_t k = 0; k < mine.size();) {
        const uint32_t j = mine[k];
        uint32_t times = 0;
        while (k < mine.size() && mine[k] == j) ++times, ++k;
        const auto aj = codes_.anchors_of(j);
        const auto lj = codes_.levels_of(j);
        for (size_t q = 0; q < aj.size(); ++q) {
            const uint32_t p = at[aj[q]]++;
            c.movie[p] = j;
            c.times[p] = times;
            c.level[p] = lj[q];
        }
    }
    c.user = user;
    c.stamp = changes_;
    return c;
}

std::vector<std::pair<uint32_t, uint32_t>> WnnRankModel::shared_cells(uint32_t user, uint32_t item) const {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    if (item >= codes_.n_items) return out;
    const auto ai = codes_.anchors_of(item);
    const auto li = codes_.levels_of(item);
    const auto mine = people_.of(user);
    // A few movies: walk each one's code beside the candidate's (both sorted by anchor). Many (an imported history
    // of thousands): read the candidate's anchors in the person's index instead, built once for the whole list; the
    // same sums (each shared anchor adds min of the two levels), so the same reasons.
    if (mine.size() < 64) {
        for (uint32_t j : mine) {
            const auto aj = codes_.anchors_of(j);
            const auto lj = codes_.levels_of(j);
            uint32_t shared = 0;
            size_t p = 0, q = 0;
            while (p < ai.size() && q < aj.size()) {  // both sorted by anchor
                if (ai[p] < aj[q]) ++p;
                else if (aj[q] < ai[p]) ++q;
                else shared += std::min(li[p++], lj[q++]);
            }
            if (shared > 0) out.emplace_back(j, shared);
        }
    } else {
        const PersonAnchors& c = person_anchors(user);
        std::vector<std::pair<uint32_t, uint32_t>> parts;  // (movie, bits shared at one anchor)
        for (size_t p = 0; p < ai.size(); ++p)
            for (uint32_t q = c.offsets[ai[p]]; q < c.offsets[ai[p] + 1]; ++q)
                parts.emplace_back(c.movie[q], std::min<uint32_t>(li[p], c.level[q]) | (c.times[q] << 8));
        std::sort(parts.begin(), parts.end());
        for (size_t k = 0; k < parts.size();) {
            const uint32_t j = parts[k].first, times = parts[k].second >> 8;
            uint32_t shared = 0;
            for (; k < parts.size() && parts[k].first == j; ++k) shared += parts[k].second & 0xFF;
            for (uint32_t t = 0; t < times; ++t) out.emplace_back(j, shared);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return out;
}

std::vector<Reason> WnnRankModel::explain(uint32_t user, uint32_t item, size_t max) const {
    std::vector<Reason> out;
    for (const auto& [j, n] : shared_cells(user, item)) {
        if (out.size() == max) break;
        out.push_back({j, static_cast<double>(n)});
    }
    return out;
}

// Payload: config text | fixed flag | public list | codes | interaction sets | rating sum, count. The tables are
// relearned from the sets (they are a function of them), so a file cannot hold cells that disagree with its ratings.
void WnnRankModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    w.u8(fixed_public_ ? 1 : 0);
    write_neighbours(w, public_);
    w.varint(codes_.n_anchors);
    w.varint(codes_.max_level);
    for (uint32_t i = 0; i < codes_.n_items; ++i) w.varint(codes_.offsets[i + 1] - codes_.offsets[i]);
    for (size_t t = 0; t < codes_.anchors.size(); ++t) {
        w.varint(codes_.anchors[t]);
        w.u8(codes_.level[t]);
    }
    people_.save(w);
}

void WnnRankModel::load(ByteReader& r) {
    WnnRankConfig cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(std::string("wnn-rank: bad saved config: ") + e.what());
    }
    const uint8_t fixed = r.u8();
    if (fixed > 1) r.fail("wnn-rank: bad flag");
    ItemNeighbours pub = read_neighbours(r, kMaxItems, "wnn-rank");
    RankCodes c;
    c.n_items = pub.n_items;
    const uint64_t n_anchors = r.varint(), max_level = r.varint();
    if (n_anchors < c.n_items || n_anchors > size_t{c.n_items} + 64) r.fail("wnn-rank: anchor count out of range");
    if ((max_level == 0 && c.n_items > 0) || max_level > kMaxLevel) r.fail("wnn-rank: level out of range");
    if (n_anchors * max_level > kMaxTableCells) r.fail("wnn-rank: tables too large");
    c.n_anchors = static_cast<uint32_t>(n_anchors);
    c.max_level = static_cast<uint32_t>(max_level);
    c.offsets.assign(size_t{c.n_items} + 1, 0);
    for (uint32_t i = 0; i < c.n_items; ++i) {
        const uint64_t len = r.varint();
        if (len > c.n_anchors || len > r.remaining() / 2) r.fail("wnn-rank: code longer than the file");
        c.offsets[i + 1] = c.offsets[i] + len;
    }
    if (c.offsets.back() > r.remaining() / 2) r.fail("wnn-rank: more code bits than the file holds");
    c.anchors.resize(c.offsets.back());
    c.level.resize(c.offsets.back());
    for (uint32_t i = 0; i < c.n_items; ++i)
        for (uint64_t t = c.offsets[i]; t < c.offsets[i + 1]; ++t) {
            const uint64_t a = r.varint();
            const uint8_t l = r.u8();
            if (a >= c.n_anchors || (t > c.offsets[i] && a <= c.anchors[t - 1])) r.fail("wnn-rank: code anchors not ascending");
            if (l == 0 || l > c.max_level) r.fail("wnn-rank: code level out of range");
            c.anchors[t] = static_cast<uint32_t>(a);
            c.level[t] = l;
        }
    ImplicitPeople people("wnn-rank");
    people.load(r, c.n_items, kMaxItems);
    r.expect_done();
    // Memory the tables will take is bounded by users with ratings (each listed in the file) x cells per user.
    size_t users_with = 0;
    for (size_t u = 0; u < people.users(); ++u) users_with += !people.of(static_cast<uint32_t>(u)).empty();
    if (users_with > 0 && size_t{c.n_anchors} * c.max_level * 4 > (size_t{1} << 30) / users_with)
        r.fail("wnn-rank: the file's users would need more than 1 GiB of tables");

    index_codes(c, cfg.idf);
    cfg_ = cfg;
    fixed_public_ = fixed != 0;
    public_ = std::move(pub);
    codes_ = std::move(c);
    tables_.clear();
    for (size_t u = 0; u < people.users(); ++u)
        for (uint32_t i : people.of(static_cast<uint32_t>(u))) write(static_cast<uint32_t>(u), i, +1);
    people_ = std::move(people);
    ++changes_;
}

size_t WnnRankModel::memory_bytes() const {
    size_t b = sizeof(*this) + public_.memory_bytes() + people_.memory_bytes() + codes_.offsets.capacity() * 8 +
               codes_.anchors.capacity() * 4 + codes_.level.capacity() + codes_.vote.capacity() * 8 +
               codes_.inv_offsets.capacity() * 8 + codes_.inv_items.capacity() * 4 + codes_.inv_level.capacity();
    for (const auto& t : tables_) b += t.capacity() * sizeof(uint32_t);
    return b;
}

}  // namespace wl
