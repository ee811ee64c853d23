// Ranking from public item -> item weights (see item_neighbours_model.hpp): the EASE and cosine fits, and the
// person side shared by every such list.
#include "weightless/model/item_neighbours_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "weightless/model/baselines.hpp"
#include "weightless/model/ease_solve.hpp"

namespace wl {

namespace {
constexpr size_t kMaxItems = size_t{1} << 26;
}  // namespace

ImplicitGram implicit_gram(const TrainData& data, uint32_t min_users) {
    const size_t n_items = data.catalogue.num_items();
    InteractionSets sets;
    for (const auto& r : data.ratings) {
        check_rating(r, "implicit");
        if (r.item >= n_items) throw std::invalid_argument("implicit: rating of an item outside the catalogue");
        sets.add(r.user, r.item);
    }
    std::vector<uint32_t> users_of(n_items, 0);
    for (size_t u = 0; u < sets.users(); ++u)
        for (uint32_t i : sets.of(static_cast<uint32_t>(u))) ++users_of[i];
    ImplicitGram g;
    std::vector<int64_t> col(n_items, -1);
    for (uint32_t i = 0; i < n_items; ++i)
        if (users_of[i] >= std::max<uint32_t>(min_users, 1)) {
            col[i] = static_cast<int64_t>(g.kept.size());
            g.kept.push_back(i);
            g.users_of.push_back(users_of[i]);
        }
    const size_t n = g.kept.size();
    g.gram.assign(n * n, 0.0);
    std::vector<uint32_t> cols;
    for (size_t u = 0; u < sets.users(); ++u) {
        cols.clear();
        for (uint32_t i : sets.of(static_cast<uint32_t>(u)))
            if (col[i] >= 0) cols.push_back(static_cast<uint32_t>(col[i]));
        for (uint32_t a : cols) {
            double* row = g.gram.data() + size_t{a} * n;
            for (uint32_t b : cols) row[b] += 1.0;
        }
    }
    return g;
}

ItemNeighbours ease_from_gram(std::vector<double>& gram, std::span<const uint32_t> item_of_row, uint32_t n_items, const EaseConfig& cfg,
                              unsigned threads) {
    const size_t n = item_of_row.size();
    if (gram.size() != n * n) throw std::invalid_argument("ease: gram matrix and item map differ in size");
    const std::string source = "ease:" + params_to_text(cfg);
    if (n == 0) return top_k_rows({}, 0, {}, n_items, 1, source);
    const double emphasis = cfg.dropout / (1.0 - cfg.dropout);
    for (size_t i = 0; i < n; ++i) gram[i * n + i] += cfg.lambda + emphasis * gram[i * n + i];
    // B takes the gram's place, so the sparsifier runs beside one n x n matrix, not two.
    gram = ease_solve(std::span<double>(gram), n, threads, "ease");
    ItemNeighbours g = cfg.spread == Spread::Row
                           ? top_k_rows(gram, static_cast<uint32_t>(n), item_of_row, n_items, static_cast<uint32_t>(cfg.k), source, cfg.keep)
                           : top_n_global(gram, static_cast<uint32_t>(n), item_of_row, n_items,
                                          static_cast<uint64_t>(cfg.k) * static_cast<uint64_t>(n), source, cfg.keep);
    quantize_weights(g, cfg.bits);
    return g;
}

ItemNeighbours fit_ease(const TrainData& data, const EaseConfig& cfg, unsigned threads) {
    ImplicitGram g = implicit_gram(data, static_cast<uint32_t>(cfg.min_users));
    return ease_from_gram(g.gram, g.kept, static_cast<uint32_t>(data.catalogue.num_items()), cfg, threads);
}

ItemNeighbours fit_implicit_knn(const TrainData& data, const ImplicitKnnConfig& cfg) {
    ImplicitGram g = implicit_gram(data, static_cast<uint32_t>(cfg.min_users));
    const size_t n = g.kept.size();
    for (size_t a = 0; a < n; ++a) {
        double* row = g.gram.data() + a * n;
        for (size_t b = 0; b < n; ++b) {
            const double co = row[b];
            double s = co / std::sqrt(static_cast<double>(g.users_of[a]) * static_cast<double>(g.users_of[b]));
            if (cfg.shrink > 0) s *= co / (co + cfg.shrink);
            row[b] = a == b ? 0.0 : s;
        }
    }
    // Row i of top_k_rows holds candidate i's k nearest items; the score sums, for a candidate, the similarities
    // of its neighbours the person rated (Deshpande & Karypis' item-based top-N), so the push list is its transpose.
    return transpose(top_k_rows(g.gram, static_cast<uint32_t>(n), g.kept, static_cast<uint32_t>(data.catalogue.num_items()),
                                static_cast<uint32_t>(cfg.k), "knn-implicit:" + params_to_text(cfg), Keep::Positive));
}

ItemNeighboursModel::ItemNeighboursModel(ItemNeighbours g, std::string name)
    : g_(std::move(g)), name_(name), people_(std::move(name)) {}

void ItemNeighboursModel::fit(const TrainData& data) {
    ItemNeighbours g = build(data);
    ImplicitPeople people(name_);
    for (const auto& r : data.ratings) people.learn(r, g.n_items);
    g_ = std::move(g);
    people_ = std::move(people);
}

void ItemNeighboursModel::prepare(const TrainData& data) {
    fit(data);
    people_.clear_sets();
}

void ItemNeighboursModel::learn(const Rating& r) { people_.learn(r, g_.n_items); }
void ItemNeighboursModel::forget(const Rating& r) { people_.forget(r); }
double ItemNeighboursModel::predict(uint32_t, uint32_t) const { return people_.mean_stars(); }

void ItemNeighboursModel::score_all(uint32_t user, std::vector<double>& out) const {
    out.assign(g_.n_items, 0.0);
    for (uint32_t j : people_.of(user)) {
        const auto its = g_.row_items(j);
        const auto ws = g_.row_weights(j);
        for (size_t t = 0; t < its.size(); ++t) out[its[t]] += ws[t];
    }
}

double ItemNeighboursModel::rank_score(uint32_t user, uint32_t item) const {
    double s = 0;
    for (uint32_t j : people_.of(user)) {
        const auto its = g_.row_items(j);
        const auto ws = g_.row_weights(j);
        for (size_t t = 0; t < its.size(); ++t)
            if (its[t] == item) s += ws[t];
    }
    return s;
}

void ItemNeighboursModel::rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    if (out.size() < items.size()) throw std::invalid_argument(name_ + ": rank_scores output shorter than the item list");
    std::vector<double> all;
    score_all(user, all);
    for (size_t k = 0; k < items.size(); ++k) out[k] = items[k] < all.size() ? all[items[k]] : 0.0;
}

std::vector<std::pair<uint32_t, double>> ItemNeighboursModel::contributions(uint32_t user, uint32_t item) const {
    std::vector<std::pair<uint32_t, double>> out;
    for (uint32_t j : people_.of(user)) {
        const auto its = g_.row_items(j);
        const auto ws = g_.row_weights(j);
        for (size_t t = 0; t < its.size(); ++t)
            if (its[t] == item) out.emplace_back(j, ws[t]);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    return out;
}

std::vector<Reason> ItemNeighboursModel::explain(uint32_t user, uint32_t item, size_t max) const {
    std::vector<Reason> out;
    for (const auto& [j, w] : contributions(user, item)) {
        if (out.size() == max || w <= 0) break;
        out.push_back({j, w});
    }
    return out;
}

// Payload: config text (subclasses) | n_items varint | rows (offsets as counts) | items | weights (f32 bits) |
// interaction sets | rating sum, count.
void ItemNeighboursModel::save(ByteWriter& w) const {
    save_config(w);
    write_neighbours(w, g_);
    people_.save(w);
}

void ItemNeighboursModel::load(ByteReader& r) {
    const auto commit_config = read_config(r);
    ItemNeighbours g = read_neighbours(r, kMaxItems, name_);
    ImplicitPeople people(name_);
    people.load(r, g.n_items, kMaxItems);
    r.expect_done();
    commit_config();
    g_ = std::move(g);
    people_ = std::move(people);
}

size_t ItemNeighboursModel::memory_bytes() const { return sizeof(*this) + g_.memory_bytes() + people_.memory_bytes(); }

namespace {
template <class Config>
Config config_from(ByteReader& r, const std::string& what) {
    Config cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(what + ": bad saved config: " + e.what());
    }
    return cfg;
}
}  // namespace

std::function<void()> EaseModel::read_config(ByteReader& r) {
    const EaseConfig cfg = config_from<EaseConfig>(r, "ease");
    return [this, cfg] { cfg_ = cfg; };
}
std::function<void()> ImplicitKnnModel::read_config(ByteReader& r) {
    const ImplicitKnnConfig cfg = config_from<ImplicitKnnConfig>(r, "knn-implicit");
    return [this, cfg] { cfg_ = cfg; };
}

}  // namespace wl
