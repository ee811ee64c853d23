// Item co-occurrence at scale (see cooccurrence.hpp).
#include "weightless/model/cooccurrence.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "weightless/util/parallel.hpp"

namespace wl {

InteractionCsr interaction_csr(const TrainData& data) {
    InteractionCsr x;
    x.n_items = static_cast<uint32_t>(data.catalogue.num_items());
    for (const auto& r : data.ratings) {
        check_rating(r, "co-occurrence");
        if (r.item >= x.n_items) throw std::invalid_argument("co-occurrence: rating of an item outside the catalogue");
        x.n_users = std::max(x.n_users, r.user + 1);
    }
    // Counting sort by user, then each user's items sorted and deduplicated: two passes over the ratings and one
    // array of them, instead of a vector per user.
    x.user_offsets.assign(size_t{x.n_users} + 1, 0);
    for (const auto& r : data.ratings) ++x.user_offsets[r.user + 1];
    std::partial_sum(x.user_offsets.begin(), x.user_offsets.end(), x.user_offsets.begin());
    x.user_items.resize(data.ratings.size());
    {
        std::vector<uint64_t> fill(x.user_offsets.begin(), x.user_offsets.end() - 1);
        for (const auto& r : data.ratings) x.user_items[fill[r.user]++] = r.item;
    }
    uint64_t kept = 0;
    for (uint32_t u = 0; u < x.n_users; ++u) {
        const auto b = x.user_items.begin() + static_cast<std::ptrdiff_t>(x.user_offsets[u]);
        const auto e = x.user_items.begin() + static_cast<std::ptrdiff_t>(x.user_offsets[u + 1]);
        std::sort(b, e);
        const auto last = std::unique(b, e);
        x.user_offsets[u] = kept;
        kept = static_cast<uint64_t>(std::move(b, last, x.user_items.begin() + static_cast<std::ptrdiff_t>(kept)) - x.user_items.begin());
    }
    x.user_offsets[x.n_users] = kept;
    x.user_items.resize(kept);
    x.user_items.shrink_to_fit();

    x.item_offsets.assign(size_t{x.n_items} + 1, 0);
    for (uint32_t i : x.user_items) ++x.item_offsets[i + 1];
    std::partial_sum(x.item_offsets.begin(), x.item_offsets.end(), x.item_offsets.begin());
    x.item_users.resize(kept);
    std::vector<uint64_t> fill(x.item_offsets.begin(), x.item_offsets.end() - 1);
    for (uint32_t u = 0; u < x.n_users; ++u)  // users in order, so every item's list comes out sorted
        for (uint32_t i : x.items_of(u)) x.item_users[fill[i]++] = u;
    return x;
}

std::vector<uint32_t> items_by_popularity(const InteractionCsr& x, uint32_t min_users) {
    std::vector<uint32_t> items;
    for (uint32_t i = 0; i < x.n_items; ++i)
        if (x.count_of(i) >= std::max<uint32_t>(min_users, 1)) items.push_back(i);
    std::stable_sort(items.begin(), items.end(), [&](uint32_t a, uint32_t b) { return x.count_of(a) > x.count_of(b); });
    return items;
}

template <class T>
void add_cooccurrence_row(const InteractionCsr& x, uint32_t item, std::span<const int32_t> column, std::span<T> out) {
    for (uint32_t u : x.users_of(item))
        for (uint32_t b : x.items_of(u))
            if (const int32_t c = column[b]; c >= 0) out[static_cast<size_t>(c)] += T(1);
}

template <class T>
std::vector<T> dense_gram(const InteractionCsr& x, std::span<const uint32_t> items, unsigned threads) {
    const size_t n = items.size();
    std::vector<int32_t> column(x.n_items, -1);
    for (size_t a = 0; a < n; ++a) column[items[a]] = static_cast<int32_t>(a);
    std::vector<T> g(n * n, T(0));
    parallel_tasks(n, threads, [&](size_t a) {
        add_cooccurrence_row<T>(x, items[a], column, std::span<T>(g.data() + a * n, n));
    });
    return g;
}

void for_each_cooccurrence_row(const InteractionCsr& x, std::span<const uint32_t> rows, std::span<const uint32_t> columns,
                               unsigned threads, const CooccurrenceRow& row) {
    std::vector<uint8_t> wanted(x.n_items, 0);
    for (uint32_t i : columns) wanted[i] = 1;
    // Rows in chunks, chunk c on thread c % threads, each thread with its own counter.
    constexpr size_t kChunk = 64;
    const size_t n_chunks = (rows.size() + kChunk - 1) / kChunk;
    const unsigned workers = std::max(1u, threads);
    std::vector<std::vector<uint32_t>> counters(workers), touched(workers);
    parallel_tasks(n_chunks, workers, [&](size_t c) {
        auto& count = counters[c % workers];
        auto& seen = touched[c % workers];
        if (count.empty()) count.assign(x.n_items, 0);
        for (size_t r = c * kChunk; r < std::min(rows.size(), (c + 1) * kChunk); ++r) {
            seen.clear();
            for (uint32_t u : x.users_of(rows[r]))
                for (uint32_t b : x.items_of(u))
                    if (wanted[b] && count[b]++ == 0) seen.push_back(b);
            row(r, seen, count.data());
            for (uint32_t b : seen) count[b] = 0;
        }
    });
}

template void add_cooccurrence_row<float>(const InteractionCsr&, uint32_t, std::span<const int32_t>, std::span<float>);
template void add_cooccurrence_row<double>(const InteractionCsr&, uint32_t, std::span<const int32_t>, std::span<double>);
template std::vector<float> dense_gram<float>(const InteractionCsr&, std::span<const uint32_t>, unsigned);
template std::vector<double> dense_gram<double>(const InteractionCsr&, std::span<const uint32_t>, unsigned);

}  // namespace wl
