// The person side every implicit-feedback model keeps (EASE and kNN lists, iALS factors, the weightless ranker):
// which movies each user rated, whatever the stars, and the rating total behind the one honest rating these
// models can give, the global training mean. Learning and forgetting are exact; a file's copy is checked whole.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "weightless/data/dataset.hpp"
#include "weightless/util/bytes.hpp"

namespace wl {

// Each user's rated items (any stars), sorted: the person side of every implicit-feedback model. A pair learned
// twice is held twice (so forgetting one of them leaves the other), but an item is in the set once.
class InteractionSets {
public:
    void clear() {
        sets_.clear();
        extra_.clear();
    }
    // Returns true when the item is new to the user's set (the caller's cells change only then).
    bool add(uint32_t user, uint32_t item);
    // Returns true when the item left the set. Throws std::invalid_argument when the pair was never added.
    bool remove(uint32_t user, uint32_t item);
    std::span<const uint32_t> of(uint32_t user) const {
        return user < sets_.size() ? std::span<const uint32_t>(sets_[user]) : std::span<const uint32_t>();
    }
    size_t users() const { return sets_.size(); }
    void save(ByteWriter& w) const;
    void load(ByteReader& r, size_t n_items, size_t max_users);
    size_t memory_bytes() const;

private:
    std::vector<std::vector<uint32_t>> sets_;
    std::vector<std::pair<uint32_t, uint32_t>> extra_;  // (user, item) learned again while held, sorted (a multiset)
};

// Rated sets plus the half-star total, checked with the owning model's name in every error.
class ImplicitPeople {
public:
    explicit ImplicitPeople(std::string who) : who_(std::move(who)) {}
    // Checks the rating (stars in range, item < n_items), counts it, and adds the item to the user's set; returns
    // true when the item is new to the set (the caller's cells change only then).
    bool learn(const Rating& r, size_t n_items);
    // The exact undo of learn(); returns true when the item left the set. Throws std::invalid_argument, with
    // nothing changed, for a rating never learned.
    bool forget(const Rating& r);
    // Counts a rating for the mean without keeping it in any set (prepare(): the catalogue's totals only).
    void count(const Rating& r);
    void clear_sets() { sets_.clear(); }
    // The global training mean in stars (kNoDataStars before any rating).
    double mean_stars() const;
    std::span<const uint32_t> of(uint32_t user) const { return sets_.of(user); }
    size_t users() const { return sets_.users(); }
    const InteractionSets& sets() const { return sets_; }
    // Payload: interaction sets | half-star sum | rating count.
    void save(ByteWriter& w) const;
    // Reads a payload written by save(); throws FormatError on a bad one (this object is then unchanged).
    void load(ByteReader& r, size_t n_items, size_t max_users);
    size_t memory_bytes() const { return sets_.memory_bytes(); }

private:
    std::string who_;
    InteractionSets sets_;
    uint64_t sum_ = 0, total_ = 0;
};

}  // namespace wl
