// wnn-rank: a personal weightless ranker that learns *which* movies the person watches (a rating of any value is a
// positive), so its response ranks the catalogue for them.
//
// Input bits: each movie is described by a sparse binary vector over "anchor" movies, derived from a public item
// model fitted on the community's training ratings (EASE by default): the movie itself, and its strongest public
// neighbours with a positive weight (EASE's negative weights score in EASE itself, but "rarely watched together"
// cannot be a shared memory cell), each neighbour thermometer-coded in `levels` strength bits (a stronger tie sets
// more bits). Genre bits can be added as further anchors.
// The network: one RAM of tuple size 1 per input bit, whose "1" cell counts how many of the person's movies had
// that bit set (a "0" cell would be written by nearly every movie, so it is not kept). Learning a movie is one
// counter increment per set bit; forgetting it is the exact decrement. The response to a candidate is the sum of
// the counters its set bits address: how much of the person's history lives in the candidate's neighbourhood.
// Two movies share a cell when one is among the other's neighbours, or both share a neighbour.
// Scoring the whole catalogue: only the anchors the person's own movies wrote hold non-zero cells, so the
// response is pushed from those anchors to the movies whose codes hold them (an inverted list of the codes), at a
// cost of the person's written cells times their fan-out, not the catalogue's size; a person whose cells reach
// most of the catalogue is scored by reading every movie's code instead (the same sums, in the same order).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "weightless/model/implicit_people.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/model.hpp"
#include "weightless/util/params.hpp"

namespace wl {

enum class RankSource { Ease, Knn };

struct WnnRankConfig {
    RankSource source = RankSource::Ease;
    EaseConfig ease;
    ImplicitKnnConfig knn;
    int32_t code_k = 32;       // neighbours in a movie's input code
    int32_t levels = 4;        // thermometer bits per neighbour
    int32_t self_level = 4;    // bits of the movie's own anchor
    int32_t genre_level = 0;   // bits per genre anchor (0: no genre bits)
    double idf = 0.0;          // a RAM's vote is scaled by (movies whose code has its anchor)^-idf
    template <class V>
    void visit(V& v) {
        v.choice("source", source, {"ease", "knn"}, "public item model the input bits come from");
        v.group("ease", ease);
        v.group("knn", knn);
        v.field("code_k", code_k, 1, 4096, "strongest public neighbours coded into a movie's input bits");
        v.field("levels", levels, 1, 16, "thermometer bits per neighbour (a stronger tie sets more)");
        v.field("self_level", self_level, 0, 64, "bits of the movie's own anchor");
        v.field("genre_level", genre_level, 0, 64, "bits per genre of the movie (0: genres not coded)");
        v.field("idf", idf, 0.0, 4.0, "damps RAMs of anchors that many movies share (hubs): vote x count^-idf");
    }
};

// The public part: every movie's input code, as (anchor, bits) pairs sorted by anchor, and its transpose.
struct RankCodes {
    uint32_t n_items = 0, n_anchors = 0, max_level = 0;
    std::vector<uint64_t> offsets;    // n_items + 1
    std::vector<uint32_t> anchors;
    std::vector<uint8_t> level;       // 1..max_level bits set for that anchor
    std::vector<double> vote;         // per anchor: the weight of its RAM's counter in the response
    // The transpose: per anchor, the movies whose code holds it (ascending) with their level there.
    std::vector<uint64_t> inv_offsets;  // n_anchors + 1
    std::vector<uint32_t> inv_items;
    std::vector<uint8_t> inv_level;
    std::span<const uint32_t> anchors_of(uint32_t i) const { return {anchors.data() + offsets[i], anchors.data() + offsets[i + 1]}; }
    std::span<const uint8_t> levels_of(uint32_t i) const { return {level.data() + offsets[i], level.data() + offsets[i + 1]}; }
};
// Codes from a public neighbour list: anchors 0..n_items-1 are movies, n_items.. the catalogue's genres.
RankCodes make_rank_codes(const ItemNeighbours& g, const Dataset& catalogue, const WnnRankConfig& cfg);
// The RAM votes (anchor frequency ^ -idf; 1 when idf = 0) and the inverted list, from the codes.
void index_codes(RankCodes& c, double idf);

class WnnRankModel : public Model {
public:
    explicit WnnRankModel(WnnRankConfig cfg = {});
    // Over a fixed public list (the app's shipped one): fit() then builds only the codes.
    WnnRankModel(WnnRankConfig cfg, ItemNeighbours public_model);

    std::string name() const override { return "wnn-rank"; }
    std::string kind() const override { return "wnn-rank"; }
    std::string config_text() const override { return params_to_text(cfg_); }
    const WnnRankConfig& config() const { return cfg_; }

    void fit(const TrainData& data) override;
    // The public list and codes, the training totals, and no user's table.
    void prepare(const TrainData& data) override;
    void learn(const Rating& r) override;
    bool can_forget() const override { return true; }
    void forget(const Rating& r) override;
    // The global training mean for everyone: the ranker's response is not a rating.
    double predict(uint32_t user, uint32_t item) const override;
    double rank_score(uint32_t user, uint32_t item) const override;
    void rank_scores(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const override;
    void save(ByteWriter& w) const override;
    void load(ByteReader& r) override;
    size_t memory_bytes() const override;

    // The response to every catalogue item (index = item).
    void score_all(uint32_t user, std::vector<double>& out) const;
    // The person's movies that wrote cells `item` addresses, with how many of its bits they share, most first.
    std::vector<std::pair<uint32_t, uint32_t>> shared_cells(uint32_t user, uint32_t item) const;
    std::vector<Reason> explain(uint32_t user, uint32_t item, size_t max) const override;
    const RankCodes& codes() const { return codes_; }
    const ItemNeighbours& public_model() const { return public_; }
    std::span<const uint32_t> rated(uint32_t user) const { return people_.of(user); }

private:
    void build_public(const TrainData& data);
    void write(uint32_t user, uint32_t item, int delta);
    double response(const std::vector<uint32_t>& table, uint32_t item) const;
    // The person's movies by anchor, for explaining many candidates: anchor a's (movie, level, times held) entries are
    // at [offsets[a], offsets[a + 1]). Built once per state of the person (stamp = changes_ when built).
    struct PersonAnchors {
        uint32_t user = UINT32_MAX;
        uint64_t stamp = ~uint64_t{0};
        std::vector<uint32_t> offsets, movie, times;
        std::vector<uint8_t> level;
    };
    const PersonAnchors& person_anchors(uint32_t user) const;
    uint64_t changes_ = 0;  // bumped by every learn and forget (and fit, prepare, load)
    mutable PersonAnchors anchors_cache_;

    WnnRankConfig cfg_;
    bool fixed_public_ = false;
    ItemNeighbours public_;
    RankCodes codes_;
    ImplicitPeople people_{"wnn-rank"};
    // Per user: n_anchors x max_level counters, stored as prefix sums over levels (cell [a][l] = movies with at
    // least 1..l+1 bits of anchor a, summed), so a thermometer read is one lookup. Empty until the user learns.
    std::vector<std::vector<uint32_t>> tables_;
};

}  // namespace wl
