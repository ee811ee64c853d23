// Evaluation protocols: how a dataset becomes train/test runs. paper = the paper's per-user sample,
// split = per-user random 80/20, folds = ml-100k u1..u5, stream = replay each user's ratings in time order,
// ranking = per-user random 75/25 scored as top-N lists (see ranking.hpp), cold = the ranking split with a random
// share of the films stripped of every training rating (movies without community ratings, issue 17).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/dataset.hpp"

namespace wl {

enum class Protocol { Paper, Split, Folds, Stream, Ranking, Cold };

// "paper", "split", "folds", "stream", "ranking", "cold"; anything else: std::invalid_argument naming the choices.
Protocol parse_protocol(std::string_view name);
const char* protocol_name(Protocol p);

struct ProtocolParams {
    uint32_t users = 100;   // paper: users sampled
    uint32_t reviews = 50;  // paper: ratings sampled per user (and the minimum a user needs)
    uint32_t seeds = 3;     // paper/split/stream/ranking: runs, with seeds seed, seed+1, ...
    uint64_t seed = 1;      // base seed
    // Evaluate on a validation split carved from each run's training part (per-user 80/20, users with >= 5
    // training ratings) instead of on its test part: the only data presets and hyperparameters may be chosen on.
    bool validation = false;
    uint32_t k = 10;        // ranking: length of the top-N list scored (>= 1)
    uint32_t groups = 5;    // stream: user groups
    // stream: also rank, before each of a user's first `stream_rank` ratings is learned, every movie the user has
    // not rated yet, and score the top k against the movie they rate next (hit rate, nDCG); 0: off.
    uint32_t stream_rank = 0;
    // stream: replay only the held-out test half of the users (StreamUsers::Test); with `validation`, the stream
    // replays the other half instead, on their own ratings alone (StreamUsers::Validation).
    bool stream_test = false;
    uint32_t cold_percent = 10;  // cold: share of the rated films made cold, in percent (1..90)
    // ranking: what the lists may hold (list_filter.hpp's text form, e.g. "genres=Comedy;years=1990-1999"), with
    // community ratings counted in each run's training part; "" ranks every movie the user has not rated.
    std::string filter;
};

// One train/test run over a Dataset's dense indices.
struct EvalRun {
    std::string label;          // "seed 1", "fold 3"
    std::vector<Rating> train;
    std::vector<Rating> test;   // in the order to predict
    uint32_t users = 0;         // users taking part (paper: sampled users)
};

// Replaces a run by its validation run: train' = 80% of each user's training ratings, test = the other 20%.
// The run's own test ratings are dropped, so nothing chosen on the result has seen them.
EvalRun make_validation_run(const EvalRun& run, uint64_t seed);

// Test share of n ratings: round(n / 5).
uint32_t test_count(uint32_t n);

// Paper: among users with >= reviews ratings, sample `users` of them (all when fewer qualify; then
// *qualifying, if given, says how many did), sample `reviews` ratings of each, and split each user's sample
// in sampled order: the first n - test_count(n) train, the rest test. reviews must be >= 1.
EvalRun make_paper_run(const Dataset& ds, uint32_t users, uint32_t reviews, uint64_t seed, uint32_t* qualifying = nullptr);

// Split: every user with >= 5 ratings has a random test_count(n) of them in test; the others train. Users
// with fewer ratings put all of them in train.
EvalRun make_split_run(const Dataset& ds, uint64_t seed);

// Ranking test share of n ratings: n - round(0.75 n), ties to even (Microsoft Recommenders' per-user
// stratified 75/25 split rounds the training share that way): 4 -> 1, 6 -> 2, 10 -> 2, 20 -> 5.
uint32_t ranking_test_count(uint32_t n);
// Ranking: every user with >= 4 ratings has a random ranking_test_count(n) of them in test; the others train.
// Users with fewer ratings put all of them in train. Seeded like split, from an unrelated stream.
EvalRun make_ranking_run(const Dataset& ds, uint64_t seed);

// Cold: a ranking run (or its validation run) with a random cold_percent % of the films that have a rating in it
// made cold: every training rating of a cold film is withheld, so the models know them only from the catalogue
// (genres, year, title). Users keep the rest of their training history exactly as the ranking split left it.
struct ColdRun {
    EvalRun warm;                    // the base run unchanged: the same split with nothing made cold
    std::vector<Rating> cold_train;  // warm.train without the cold films' ratings
    std::vector<Rating> cold_test;   // warm.test's ratings of cold films (what the cold-only lists are scored on)
    std::vector<uint8_t> is_cold;    // per item index: 1 for a film made cold
    // Per item index: a seeded random rank (a permutation), the order in which films without training ratings tie.
    // Not the catalogue's order: in MovieLens the lowest ids are the well-known films it started with, so ties broken
    // by index would rank unrated films by a popularity signal no model computed.
    std::vector<uint32_t> tie_order;
    uint32_t cold_films = 0;
};
ColdRun make_cold_run(EvalRun base, uint32_t n_items, uint64_t seed, uint32_t cold_percent);

// True when `path` is an ml-100k directory with the official fold files.
bool is_ml100k_dir(const std::string& path);
// Folds: u<fold>.base / u<fold>.test of the ml-100k directory `dir` that `ds` was loaded from.
EvalRun make_fold_run(const std::string& dir, const Dataset& ds, const std::string& fold);

// Stream: users with ratings are shuffled into `groups` groups. For each group, models are fitted on every
// rating of the other users (background), then each group user's ratings are replayed oldest first (ties
// in file order): predict, then learn.
struct StreamGroup {
    std::string label;
    std::vector<Rating> background;
    std::vector<std::vector<Rating>> users;  // each user's ratings in replay order
};
// Which users a stream replays. The users with ratings are cut once, by a fixed draw that no run seed changes, into
// a validation half and a test half, so a setting chosen on the validation half's replays (over any seeds) has never
// seen a prediction of the test half. Validation: the test half's ratings are dropped entirely and the stream runs on
// the validation half alone. Test: only test-half users are replayed; each group's background is every other rating
// (the validation half's included: it is community data, as the other groups' ratings are). All: every user.
enum class StreamUsers { All, Validation, Test };
std::vector<StreamGroup> make_stream_groups(const Dataset& ds, uint64_t seed, uint32_t groups = 5,
                                            StreamUsers part = StreamUsers::All);

}  // namespace wl
