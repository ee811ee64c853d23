// The person side of the implicit-feedback models (see implicit_people.hpp).
#include "weightless/model/implicit_people.hpp"

#include <algorithm>
#include <stdexcept>

#include "weightless/model/baselines.hpp"

namespace wl {

bool InteractionSets::add(uint32_t user, uint32_t item) {
    if (user >= sets_.size()) sets_.resize(size_t{user} + 1);
    auto& s = sets_[user];
    const auto it = std::lower_bound(s.begin(), s.end(), item);
    if (it == s.end() || *it != item) {
        s.insert(it, item);
        return true;
    }
    const std::pair<uint32_t, uint32_t> key{user, item};
    extra_.insert(std::upper_bound(extra_.begin(), extra_.end(), key), key);
    return false;
}

bool InteractionSets::remove(uint32_t user, uint32_t item) {
    const std::pair<uint32_t, uint32_t> key{user, item};
    const auto e = std::lower_bound(extra_.begin(), extra_.end(), key);
    if (e != extra_.end() && *e == key) {  // a repeat goes first: the item stays in the set
        extra_.erase(e);
        return false;
    }
    if (user < sets_.size()) {
        auto& s = sets_[user];
        const auto it = std::lower_bound(s.begin(), s.end(), item);
        if (it != s.end() && *it == item) {
            s.erase(it);
            if (user + 1 == sets_.size())
                while (!sets_.empty() && sets_.back().empty()) sets_.pop_back();
            return true;
        }
    }
    throw std::invalid_argument("forget of an interaction never learned");
}

void InteractionSets::save(ByteWriter& w) const {
    w.varint(sets_.size());
    for (const auto& s : sets_) {
        w.varint(s.size());
        uint32_t prev = 0;
        for (uint32_t i : s) {
            w.varint(i - prev);  // ascending: deltas stay small
            prev = i;
        }
    }
    w.varint(extra_.size());
    for (const auto& [u, i] : extra_) {
        w.varint(u);
        w.varint(i);
    }
}

void InteractionSets::load(ByteReader& r, size_t n_items, size_t max_users) {
    const size_t n = r.count(1, max_users);
    std::vector<std::vector<uint32_t>> sets(n);
    for (auto& s : sets) {
        const size_t m = r.count(1, n_items);
        s.reserve(m);
        uint64_t item = 0;
        for (size_t t = 0; t < m; ++t) {
            const uint64_t d = r.varint();
            if ((t > 0 && d == 0) || d >= n_items || item + d >= n_items) r.fail("interaction list not ascending or out of range");
            item += d;
            s.push_back(static_cast<uint32_t>(item));
        }
    }
    const size_t n_extra = r.count(2);
    std::vector<std::pair<uint32_t, uint32_t>> extra(n_extra);
    for (auto& [u, i] : extra) {
        const uint64_t uu = r.varint(), ii = r.varint();
        if (uu >= sets.size() || !std::binary_search(sets[uu].begin(), sets[uu].end(), ii))
            r.fail("repeated interaction of a pair not in the set");
        u = static_cast<uint32_t>(uu);
        i = static_cast<uint32_t>(ii);
    }
    if (!std::is_sorted(extra.begin(), extra.end())) r.fail("repeated interactions not sorted");
    sets_ = std::move(sets);
    extra_ = std::move(extra);
}

size_t InteractionSets::memory_bytes() const {
    size_t b = sets_.capacity() * sizeof(sets_[0]) + extra_.capacity() * sizeof(extra_[0]);
    for (const auto& s : sets_) b += s.capacity() * sizeof(uint32_t);
    return b;
}

bool ImplicitPeople::learn(const Rating& r, size_t n_items) {
    check_rating(r, who_);
    if (r.item >= n_items) throw std::invalid_argument(who_ + ": rating of an item outside the catalogue");
    const bool added = sets_.add(r.user, r.item);
    sum_ += r.half_stars;
    ++total_;
    return added;
}

bool ImplicitPeople::forget(const Rating& r) {
    check_rating(r, who_);
    if (total_ == 0 || sum_ < r.half_stars) throw std::invalid_argument(who_ + ": forget of a rating never learned");
    const bool removed = sets_.remove(r.user, r.item);  // throws, before the totals change, for a pair never added
    sum_ -= r.half_stars;
    --total_;
    return removed;
}

void ImplicitPeople::count(const Rating& r) {
    check_rating(r, who_);
    sum_ += r.half_stars;
    ++total_;
}

double ImplicitPeople::mean_stars() const {
    if (total_ == 0) return kNoDataStars;
    return clamp_stars(static_cast<double>(sum_) / static_cast<double>(total_) * 0.5);
}

void ImplicitPeople::save(ByteWriter& w) const {
    sets_.save(w);
    w.varint(sum_);
    w.varint(total_);
}

void ImplicitPeople::load(ByteReader& r, size_t n_items, size_t max_users) {
    InteractionSets sets;
    sets.load(r, n_items, max_users);
    const uint64_t sum = r.varint(), total = r.varint();
    if (sum < total || sum > 10 * total) r.fail(who_ + ": rating sum inconsistent with the count");
    sets_ = std::move(sets);
    sum_ = sum;
    total_ = total;
}

}  // namespace wl
