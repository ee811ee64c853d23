// Turns a Dataset into the runs of each protocol, deterministically from a seed (wl::Rng only, so native
// and wasm sample the same ratings).
#include "weightless/eval/protocol.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <unordered_set>

#include "weightless/data/movielens.hpp"
#include "weightless/util/rng.hpp"

namespace wl {

namespace {

// Stream labels for derive_seed, so the protocols draw unrelated numbers from the same user seed.
constexpr uint64_t kPaperUsers = 0x7061706572'01;
constexpr uint64_t kPaperRatings = 0x7061706572'02;
constexpr uint64_t kSplit = 0x73706c6974;
constexpr uint64_t kStream = 0x73747265616d;
constexpr uint64_t kValidation = 0x76616c6964;
constexpr uint64_t kRanking = 0x72616e6b;
constexpr uint64_t kCold = 0x636f6c64;
constexpr uint64_t kStreamHalves = 0x686f6c646f7574;  // the fixed validation/test cut of the stream's users

// Indices into ds.ratings for each user, in file order.
std::vector<std::vector<uint32_t>> ratings_by_user(const Dataset& ds) {
    size_t n_users = ds.num_users();
    for (const auto& r : ds.ratings) n_users = std::max(n_users, size_t{r.user} + 1);
    std::vector<std::vector<uint32_t>> by(n_users);
    for (uint32_t i = 0; i < ds.ratings.size(); ++i) by[ds.ratings[i].user].push_back(i);
    return by;
}

uint32_t distinct_users(const std::vector<Rating>& v) {
    std::unordered_set<uint32_t> s;
    for (const auto& r : v) s.insert(r.user);
    return static_cast<uint32_t>(s.size());
}

}  // namespace

Protocol parse_protocol(std::string_view name) {
    if (name == "paper") return Protocol::Paper;
    if (name == "split") return Protocol::Split;
    if (name == "folds") return Protocol::Folds;
    if (name == "stream") return Protocol::Stream;
    if (name == "ranking") return Protocol::Ranking;
    if (name == "cold") return Protocol::Cold;
    throw std::invalid_argument("unknown protocol '" + std::string(name) +
                                "' (known: paper, split, folds, stream, ranking, cold)");
}

const char* protocol_name(Protocol p) {
    switch (p) {
        case Protocol::Paper: return "paper";
        case Protocol::Split: return "split";
        case Protocol::Folds: return "folds";
        case Protocol::Stream: return "stream";
        case Protocol::Ranking: return "ranking";
        case Protocol::Cold: return "cold";
    }
    return "?";
}

uint32_t test_count(uint32_t n) { return (n + 2) / 5; }  // n/5 never has a fraction of exactly .5

EvalRun make_paper_run(const Dataset& ds, uint32_t users, uint32_t reviews, uint64_t seed, uint32_t* qualifying) {
    if (reviews < 1) throw std::invalid_argument("paper protocol: reviews must be at least 1");
    const auto by = ratings_by_user(ds);
    std::vector<uint32_t> pool;
    for (uint32_t u = 0; u < by.size(); ++u)
        if (by[u].size() >= reviews) pool.push_back(u);
    if (qualifying) *qualifying = static_cast<uint32_t>(pool.size());

    Rng pick(derive_seed(seed, kPaperUsers));
    pick.shuffle(std::span<uint32_t>(pool));
    pool.resize(std::min<size_t>(pool.size(), users));

    EvalRun run;
    run.label = "seed " + std::to_string(seed);
    run.users = static_cast<uint32_t>(pool.size());
    const uint32_t n_train = reviews - test_count(reviews);
    for (uint32_t u : pool) {
        // Each user's sample has its own stream, so it does not depend on who else was drawn.
        Rng rng(derive_seed(derive_seed(seed, kPaperRatings), u));
        std::vector<uint32_t> idx = by[u];
        for (uint32_t k = 0; k < reviews; ++k)  // partial Fisher-Yates: idx[0..reviews) in sampled order
            std::swap(idx[k], idx[k + rng.below(idx.size() - k)]);
        for (uint32_t k = 0; k < reviews; ++k) (k < n_train ? run.train : run.test).push_back(ds.ratings[idx[k]]);
    }
    return run;
}

namespace {

// Every user with >= min_ratings ratings puts a random n_test(n) of them in test (a shuffle of the user's own
// stream); everything else trains.
template <class TestCount>
EvalRun per_user_split(const Dataset& ds, uint64_t seed, uint64_t stream, uint32_t min_ratings, TestCount n_test_of) {
    const auto by = ratings_by_user(ds);
    std::vector<uint8_t> in_test(ds.ratings.size(), 0);
    EvalRun run;
    run.label = "seed " + std::to_string(seed);
    for (uint32_t u = 0; u < by.size(); ++u) {
        if (by[u].size() < min_ratings) continue;
        Rng rng(derive_seed(derive_seed(seed, stream), u));
        std::vector<uint32_t> idx = by[u];
        rng.shuffle(std::span<uint32_t>(idx));
        const uint32_t n_test = n_test_of(static_cast<uint32_t>(idx.size()));
        for (size_t k = idx.size() - n_test; k < idx.size(); ++k) {
            in_test[idx[k]] = 1;
            run.test.push_back(ds.ratings[idx[k]]);
        }
        ++run.users;
    }
    for (size_t i = 0; i < ds.ratings.size(); ++i)
        if (!in_test[i]) run.train.push_back(ds.ratings[i]);
    return run;
}

}  // namespace

EvalRun make_split_run(const Dataset& ds, uint64_t seed) { return per_user_split(ds, seed, kSplit, 5, test_count); }

uint32_t ranking_test_count(uint32_t n) {
    // train = round(0.75 n) with ties to even (Python's round, as Microsoft Recommenders' splitter uses).
    const uint64_t q = uint64_t{3} * n / 4, r = uint64_t{3} * n % 4;
    const uint64_t train = r < 2 ? q : r > 2 ? q + 1 : q + (q & 1);
    return static_cast<uint32_t>(n - train);
}

EvalRun make_ranking_run(const Dataset& ds, uint64_t seed) {
    return per_user_split(ds, seed, kRanking, 4, ranking_test_count);
}

EvalRun make_validation_run(const EvalRun& run, uint64_t seed) {
    uint32_t n_users = 0;
    for (const auto& r : run.train) n_users = std::max(n_users, r.user + 1);
    std::vector<std::vector<uint32_t>> by(n_users);
    for (uint32_t i = 0; i < run.train.size(); ++i) by[run.train[i].user].push_back(i);
    std::vector<uint8_t> held(run.train.size(), 0);
    EvalRun val;
    val.label = run.label + " (validation)";
    for (uint32_t u = 0; u < n_users; ++u) {
        if (by[u].size() < 5) continue;
        Rng rng(derive_seed(derive_seed(seed, kValidation), u));
        std::vector<uint32_t> idx = by[u];
        rng.shuffle(std::span<uint32_t>(idx));
        const uint32_t n_val = test_count(static_cast<uint32_t>(idx.size()));
        for (size_t k = idx.size() - n_val; k < idx.size(); ++k) {
            held[idx[k]] = 1;
            val.test.push_back(run.train[idx[k]]);
        }
        ++val.users;
    }
    for (size_t i = 0; i < run.train.size(); ++i)
        if (!held[i]) val.train.push_back(run.train[i]);
    return val;
}

ColdRun make_cold_run(EvalRun base, uint32_t n_items, uint64_t seed, uint32_t cold_percent) {
    if (cold_percent < 1 || cold_percent > 90) throw std::invalid_argument("cold protocol: the cold share must be 1..90 %");
    for (const auto* part : {&base.train, &base.test})
        for (const auto& r : *part) n_items = std::max(n_items, r.item + 1);
    // The films with a rating in the run, in index order, then a seeded shuffle: the first share of them go cold.
    std::vector<uint8_t> rated(n_items, 0);
    for (const auto* part : {&base.train, &base.test})
        for (const auto& r : *part) rated[r.item] = 1;
    std::vector<uint32_t> films;
    for (uint32_t i = 0; i < n_items; ++i)
        if (rated[i]) films.push_back(i);
    Rng rng(derive_seed(seed, kCold));
    rng.shuffle(std::span<uint32_t>(films));
    ColdRun run;
    run.cold_films = static_cast<uint32_t>((uint64_t{films.size()} * cold_percent + 50) / 100);
    run.is_cold.assign(n_items, 0);
    for (uint32_t k = 0; k < run.cold_films; ++k) run.is_cold[films[k]] = 1;
    run.tie_order.resize(n_items);
    for (uint32_t i = 0; i < n_items; ++i) run.tie_order[i] = i;
    rng.shuffle(std::span<uint32_t>(run.tie_order));
    for (const auto& r : base.train)
        if (!run.is_cold[r.item]) run.cold_train.push_back(r);
    for (const auto& r : base.test)
        if (run.is_cold[r.item]) run.cold_test.push_back(r);
    run.warm = std::move(base);
    return run;
}

bool is_ml100k_dir(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path p(path);
    return fs::is_directory(p, ec) && fs::exists(p / "u.data", ec) && fs::exists(p / "u1.base", ec) &&
           fs::exists(p / "u1.test", ec);
}

EvalRun make_fold_run(const std::string& dir, const Dataset& ds, const std::string& fold) {
    RatingSplit s = load_ml100k_fold(dir, ds, fold);
    EvalRun run;
    run.label = "fold " + fold;
    run.train = std::move(s.train);
    run.test = std::move(s.test);
    run.users = distinct_users(run.test);
    return run;
}

std::vector<StreamGroup> make_stream_groups(const Dataset& ds, uint64_t seed, uint32_t groups, StreamUsers part) {
    if (groups < 2) throw std::invalid_argument("stream protocol: needs at least 2 groups");
    const auto by = ratings_by_user(ds);
    std::vector<uint32_t> users;
    for (uint32_t u = 0; u < by.size(); ++u)
        if (!by[u].empty()) users.push_back(u);
    // The halves: one draw from a constant, whatever the run's seed (the first half validates, the second tests).
    std::vector<uint8_t> replayed(by.size(), 1), kept(by.size(), 1);
    if (part != StreamUsers::All) {
        std::vector<uint32_t> cut = users;
        Rng halves(derive_seed(kStreamHalves, kStream));
        halves.shuffle(std::span<uint32_t>(cut));
        for (size_t k = 0; k < cut.size(); ++k) {
            const bool validation = k < cut.size() / 2;
            replayed[cut[k]] = part == StreamUsers::Validation ? validation : !validation;
            kept[cut[k]] = part == StreamUsers::Validation ? validation : 1;
        }
        std::erase_if(users, [&](uint32_t u) { return !replayed[u]; });
    }
    Rng rng(derive_seed(seed, kStream));
    rng.shuffle(std::span<uint32_t>(users));
    if (part != StreamUsers::All && users.size() < groups)
        throw std::invalid_argument("stream protocol: " + std::to_string(users.size()) + " users to replay, fewer than " +
                                    std::to_string(groups) + " groups");

    constexpr uint32_t kNone = UINT32_MAX;
    std::vector<uint32_t> group_of(by.size(), kNone);
    for (size_t k = 0; k < users.size(); ++k) group_of[users[k]] = static_cast<uint32_t>(k % groups);

    std::vector<StreamGroup> out(groups);
    for (uint32_t g = 0; g < groups; ++g) out[g].label = "seed " + std::to_string(seed) + " group " + std::to_string(g + 1);
    for (const auto& r : ds.ratings) {
        if (!kept[r.user]) continue;
        for (uint32_t g = 0; g < groups; ++g)
            if (group_of[r.user] != g) out[g].background.push_back(r);
    }
    for (size_t k = 0; k < users.size(); ++k) {
        const uint32_t u = users[k];
        std::vector<uint32_t> idx = by[u];
        std::stable_sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) {
            return ds.ratings[a].timestamp < ds.ratings[b].timestamp;
        });
        std::vector<Rating> seq;
        seq.reserve(idx.size());
        for (uint32_t i : idx) seq.push_back(ds.ratings[i]);
        out[k % groups].users.push_back(std::move(seq));
    }
    return out;
}

}  // namespace wl
