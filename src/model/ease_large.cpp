// EASE at scale (see ease_large.hpp).
#include "weightless/model/ease_large.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "weightless/model/cooccurrence.hpp"
#include "weightless/model/ease_solve.hpp"
#include "weightless/util/parallel.hpp"

namespace wl {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// EASE's dense weights on `items` (row-major n x n doubles for top_k_rows), the gram and its solve in T.
template <class T>
std::vector<double> ease_weights(const InteractionCsr& x, std::span<const uint32_t> items, double lambda, unsigned threads,
                                 EaseLargeStats& st) {
    const size_t n = items.size();
    auto t0 = std::chrono::steady_clock::now();
    std::vector<T> g = dense_gram<T>(x, items, threads);
    st.seconds_gram = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < n; ++i) g[i * n + i] += static_cast<T>(lambda);
    std::vector<double> B = ease_solve(std::span<T>(g), n, threads, "ease-large");
    st.seconds_solve = seconds_since(t0);
    return B;
}

// Each tail item's tail_k highest-cosine items among the kept ones, strongest first (ties: lower item first).
std::vector<std::vector<std::pair<uint32_t, float>>> cosine_rows(const InteractionCsr& x, std::span<const uint32_t> rows,
                                                                 std::span<const uint32_t> columns, uint32_t k, unsigned threads) {
    std::vector<std::vector<std::pair<uint32_t, float>>> out(rows.size());
    for_each_cooccurrence_row(x, rows, columns, threads, [&](size_t r, std::span<const uint32_t> items, const uint32_t* count) {
        const uint32_t j = rows[r];
        std::vector<std::pair<uint32_t, double>> cand;
        cand.reserve(items.size());
        for (uint32_t i : items)
            if (i != j) cand.emplace_back(i, count[i] / std::sqrt(double(x.count_of(j)) * double(x.count_of(i))));
        const size_t keep = std::min<size_t>(k, cand.size());
        const auto stronger = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
        if (keep < cand.size()) std::nth_element(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(keep), cand.end(), stronger);
        std::sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(keep), stronger);
        for (size_t t = 0; t < keep; ++t) out[r].emplace_back(cand[t].first, static_cast<float>(cand[t].second));
    });
    return out;
}

}  // namespace

ItemNeighbours fit_ease_large(const TrainData& data, const EaseLargeConfig& cfg, EaseLargeStats* stats) {
    EaseLargeStats st;
    const auto threads = static_cast<unsigned>(cfg.threads);
    auto t0 = std::chrono::steady_clock::now();
    const InteractionCsr x = interaction_csr(data);
    const std::vector<uint32_t> kept = items_by_popularity(x, static_cast<uint32_t>(cfg.min_users));
    const size_t n = std::min(kept.size(), static_cast<size_t>(cfg.dense));
    std::vector<uint32_t> head(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<uint32_t> tail(kept.begin() + static_cast<std::ptrdiff_t>(n), kept.end());
    std::sort(head.begin(), head.end());  // catalogue order, as fit_ease's Gram
    std::sort(tail.begin(), tail.end());
    st.dense_items = static_cast<uint32_t>(head.size());
    st.tail_items = static_cast<uint32_t>(tail.size());
    st.seconds_index = seconds_since(t0);
    const std::string source = "ease-large:" + params_to_text(cfg);
    ItemNeighbours g;
    {
        std::vector<double> B = cfg.f64 ? ease_weights<double>(x, head, cfg.lambda, threads, st)
                                        : ease_weights<float>(x, head, cfg.lambda, threads, st);
        t0 = std::chrono::steady_clock::now();
        g = top_k_rows(B, static_cast<uint32_t>(n), head, x.n_items, static_cast<uint32_t>(cfg.k), source);
        st.seconds_sparsify = seconds_since(t0);
    }
    if (!tail.empty() && cfg.tail_k > 0) {
        t0 = std::chrono::steady_clock::now();
        auto rows = cosine_rows(x, tail, kept, static_cast<uint32_t>(cfg.tail_k), threads);
        // Cosines (0..1) are on another scale than EASE's regression weights: the tail's are scaled so that their
        // mean equals the mean |weight| of the solved rows, so a rated tail movie votes about as loudly as a head one.
        double ease_sum = 0, cos_sum = 0;
        size_t cos_n = 0;
        for (float w : g.weights) ease_sum += std::fabs(w);
        for (const auto& r : rows)
            for (const auto& [i, w] : r) cos_sum += w, ++cos_n;
        st.tail_scale = g.weights.empty() || cos_sum <= 0 ? 1.0 : (ease_sum / double(g.weights.size())) / (cos_sum / double(cos_n));
        ItemNeighbours merged;
        merged.source = g.source;
        merged.n_items = g.n_items;
        merged.offsets.assign(size_t{g.n_items} + 1, 0);
        std::vector<int64_t> tail_row(g.n_items, -1);
        for (size_t r = 0; r < tail.size(); ++r) tail_row[tail[r]] = static_cast<int64_t>(r);
        for (uint32_t j = 0; j < g.n_items; ++j) {
            if (tail_row[j] >= 0) {
                for (const auto& [i, w] : rows[static_cast<size_t>(tail_row[j])]) {
                    merged.items.push_back(i);
                    merged.weights.push_back(static_cast<float>(w * st.tail_scale));
                }
            } else {
                const auto its = g.row_items(j);
                const auto ws = g.row_weights(j);
                merged.items.insert(merged.items.end(), its.begin(), its.end());
                merged.weights.insert(merged.weights.end(), ws.begin(), ws.end());
            }
            merged.offsets[j + 1] = merged.items.size();
        }
        g = std::move(merged);
        st.seconds_tail = seconds_since(t0);
    }
    if (stats) *stats = st;
    return g;
}

std::function<void()> EaseLargeModel::read_config(ByteReader& r) {
    EaseLargeConfig cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(std::string("ease-large: bad saved config: ") + e.what());
    }
    return [this, cfg] { cfg_ = cfg; };
}

}  // namespace wl
