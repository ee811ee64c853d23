// The trivial top-N baselines for movies nobody has rated (issue 17's cold-item protocol): each ranks from what is
// known of a movie without any community ratings of it: a seeded draw (`random`), its year (`newest`), the person's
// favourite genres (`genre-fav`). Like popularity, predict() stays an honest rating (the training global mean);
// only rank_score() carries the ranking. All learn and forget exactly.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/baselines.hpp"
#include "weightless/model/model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

// What the three share: the global mean as their rating, exact in half stars (a GlobalMeanModel, saved last).
class MeanRatedRanker : public Model {
public:
    void fit(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    double predict(uint32_t user, uint32_t item) const override { return mean_.predict(user, item); }
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;

protected:
    // The ranker's own part of fit/learn/forget (after the rating was checked), and of the saved state.
    virtual void fit_own(const TrainData& data) = 0;
    virtual void learn_own(const Rating&) {}
    virtual void forget_own(const Rating&) {}
    GlobalMeanModel mean_;
};

struct RandomRankConfig {
    int32_t seed = 1;
    template <class V>
    void visit(V& v) {
        v.field("seed", seed, 0, 2147483647, "seed of the draws");
    }
};

// Ranks by a draw in [0, 1) fixed per (seed, user, item): the same list on every call and platform, unrelated to
// anything known of the movie. The floor every ranker must clear.
class RandomRankModel final : public MeanRatedRanker {
public:
    explicit RandomRankModel(RandomRankConfig cfg = {}) : cfg_(cfg) {}
    std::string name() const override { return "random"; }
    std::string kind() const override { return "random"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    double rank_score(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override { return sizeof(*this); }

private:
    void fit_own(const TrainData&) override {}
    RandomRankConfig cfg_;
};

// Newest first: the score is the movie's release year (an unknown year, 0, ranks last); ties go to top_k's order.
class NewestModel final : public MeanRatedRanker {
public:
    std::string name() const override { return "newest"; }
    std::string kind() const override { return "newest"; }
    double rank_score(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override { return sizeof(*this) + years_.capacity() * sizeof(int16_t); }

private:
    void fit_own(const TrainData& data) override;
    std::vector<int16_t> years_;  // the catalogue's, per item
};

// The person's favourite genres: w_u(g) = the sum of the stars u gave the movies of genre g (how often times how
// well: many high ratings in a genre weigh most), and a movie's score is the sum of w_u(g) over its genres. A
// movie in several of the person's genres therefore beats one in a single genre; a user with no ratings scores
// every movie 0 (the list falls back to top_k's tie order).
class GenreFavModel final : public MeanRatedRanker {
public:
    static constexpr size_t kGenres = 32;  // Dataset::genre_names holds at most 32
    std::string name() const override { return "genre-fav"; }
    std::string kind() const override { return "genre-fav"; }
    double rank_score(uint32_t user, uint32_t item) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

private:
    using Weights = std::array<uint64_t, kGenres>;  // half stars per genre
    void fit_own(const TrainData& data) override;
    void learn_own(const Rating& r) override;
    void forget_own(const Rating& r) override;
    uint32_t genres_of(uint32_t item) const { return item < genres_.size() ? genres_[item] : 0u; }
    std::vector<uint32_t> genres_;  // the catalogue's genre bits, per item
    std::vector<Weights> users_;
};

}  // namespace wl
