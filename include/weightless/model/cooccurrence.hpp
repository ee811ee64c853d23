// Item co-occurrence (the Gram matrix X^T X of the binary user x item interaction matrix) at MovieLens scale:
// X is held sparse in both directions and the Gram is computed a row at a time, so memory grows with the ratings
// and the rows asked for, never with the square of the catalogue (86,537² counts would be 30 GB in 32 bits).
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "weightless/model/model.hpp"

namespace wl {

// X in compressed rows (user -> sorted distinct items) and compressed columns (item -> sorted users). A pair rated
// twice counts once, as in implicit_gram.
struct InteractionCsr {
    uint32_t n_users = 0, n_items = 0;
    std::vector<uint64_t> user_offsets, item_offsets;  // n_users + 1, n_items + 1
    std::vector<uint32_t> user_items, item_users;

    std::span<const uint32_t> items_of(uint32_t u) const {
        return {user_items.data() + user_offsets[u], user_items.data() + user_offsets[u + 1]};
    }
    std::span<const uint32_t> users_of(uint32_t i) const {
        return {item_users.data() + item_offsets[i], item_users.data() + item_offsets[i + 1]};
    }
    uint32_t count_of(uint32_t i) const { return static_cast<uint32_t>(item_offsets[i + 1] - item_offsets[i]); }
};
// Throws std::invalid_argument on a rating outside the catalogue or the star scale.
InteractionCsr interaction_csr(const TrainData& data);

// The catalogue items with >= min_users distinct users, most-watched first (ties: lower index first).
std::vector<uint32_t> items_by_popularity(const InteractionCsr& x, uint32_t min_users);

// Row `item` of X^T X restricted to the items whose column[] >= 0: out[column[b]] += users who have both. `out`
// must hold every column; it is added to, not cleared. dense_gram's kernel.
template <class T>
void add_cooccurrence_row(const InteractionCsr& x, uint32_t item, std::span<const int32_t> column, std::span<T> out);

// The dense Gram of `items` (n x n, row a and column a = items[a]), computed a row at a time on `threads`
// threads; T is float or double (counts are exact in either up to 2^24 users).
template <class T>
std::vector<T> dense_gram(const InteractionCsr& x, std::span<const uint32_t> items, unsigned threads);

// Sparse rows of X^T X, streamed: for each r, `row(r, items, count)` gets the items among `columns` that share a
// user with rows[r] (in no particular order) and count[b], the users they share, for each of them. A row is built
// in one dense counter per thread and handed over at once, so memory is n_items counters per thread whatever the
// number of rows; `row` runs on the worker threads (it must only write what belongs to r).
using CooccurrenceRow = std::function<void(size_t r, std::span<const uint32_t> items, const uint32_t* count)>;
void for_each_cooccurrence_row(const InteractionCsr& x, std::span<const uint32_t> rows, std::span<const uint32_t> columns,
                               unsigned threads, const CooccurrenceRow& row);

}  // namespace wl
