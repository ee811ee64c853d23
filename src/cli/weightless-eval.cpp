// weightless-eval: runs models through an evaluation protocol and prints a table or one JSON object.
// Exit codes: 0 success, 1 bad data (or a failure while evaluating), 2 bad command line.
#include <charconv>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "weightless/data/kaggle.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/encode/encoder.hpp"
#include "weightless/eval/report.hpp"
#include "weightless/eval/run.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"

namespace {

struct UsageError {
    std::string what;
};

std::string join_with(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& n : v) {
        if (!s.empty()) s += sep;
        s += n;
    }
    return s;
}
std::string join(const std::vector<std::string>& v) { return join_with(v, ", "); }

std::string usage() {
    const std::string names = join(wl::model_names());
    return "usage: weightless-eval [options]\n"
           "  --dataset PATH|embedded  ml-100k dir, ml-latest dir, Kaggle \"The Movies Dataset\" dir (movies_metadata.csv),\n"
           "                           .wlds file or the embedded default (default embedded)\n"
           "  --join links|paper       Kaggle: links (default: movieId -> links.tmdbId -> metadata.id) or paper (movieId\n"
           "                           taken as the TMDB id: the reference's bug, to measure it; prints a warning)\n"
           "  --common-ratings         Kaggle: keep only ratings whose movie has metadata under both joins (the two\n"
           "                           joins then see the same ratings and differ only in the features)\n"
           "  --kaggle-files R,L,M     Kaggle: ratings, links and metadata file names in the directory (default\n"
           "                           ratings_small.csv|ratings.csv, links.csv|links_small.csv, movies_metadata.csv)\n"
           "  --protocol NAME          paper | split | folds | stream | ranking | cold (default split)\n"
           "                             paper:  N users with >= R ratings, R sampled ratings each, 80/20 per user\n"
           "                             split:  per-user random 80/20 of all ratings (users with >= 5 ratings)\n"
           "                             folds:  ml-100k official u1..u5 (needs an ml-100k directory)\n"
           "                             stream: 5 user groups; replay each user's ratings in time order, predict then learn\n"
           "                             ranking: per-user random 75/25 (users with >= 4 ratings); each test user gets a\n"
           "                                     top-k list of every item unrated in training; precision, recall, nDCG,\n"
           "                                     MAP at k (relevant = every test item of the user, whatever its rating)\n"
           "                             cold:   the ranking split with a random share of the rated films made cold (every\n"
           "                                     training rating of them withheld); top-k lists of the cold films alone,\n"
           "                                     the same lists when they keep their ratings, and the list of every film\n"
           "                                     vs the warm films alone (docs/DESIGN.md, Protocols)\n"
           "  --users N                paper: users to sample (default 100)\n"
           "  --reviews R              paper: ratings per user (default 50)\n"
           "  --seeds K                runs, with seeds S..S+K-1 (default 3; folds always run u1..u5)\n"
           "  --seed S                 base seed (default 1)\n"
           "  --k K                    ranking: length of the top list scored (default 10)\n"
           "  --filter TEXT            ranking: lists hold only movies it admits, e.g. 'genres=Comedy,Drama;exclude=Horror;\n"
           "                           years=1990-1999;min_votes=10' (community ratings = training ratings)\n"
           "  --cold-percent P         cold: share of the rated films made cold, in percent (default 10, 1..90)\n"
           "  --stream-rank N          stream: also rank every unrated movie before each of a user's first N\n"
           "                           ratings; hit rate and nDCG at k of the movie rated next, in the curve\n"
           "  --models a,b,c           model specs, name[:k=v k=v] (known: " + names + ")\n"
           "                           default: " + join(wl::default_model_specs()) + "; ranking adds popularity\n"
           "                           e.g. --models 'bias:reg_u=5,wnn-best:tuple_size=8 ensemble=2'\n"
           "                           any model that forgets takes recent=N / recent_days=D: it keeps only each\n"
           "                           person's latest N ratings / those within D days of their latest\n"
           "  --validation             score on a per-user 80/20 split of each run's TRAINING part (for tuning;\n"
           "                           the test part is never touched); stream: replay only the validation half\n"
           "                           of the users (a fixed cut, whatever the seed), on their ratings alone\n"
           "  --stream-test            stream: replay only the other half, the test half (every other rating\n"
           "                           stays the community)\n"
           "  --json                   print one JSON object instead of the table\n"
           "  --list-models [default|all]  print the default model specs (or every model name), comma-separated\n"
           "  --config SPEC            print the full config a model spec stands for (its defaults filled in)\n"
           "  --help                   this text\n";
}

uint64_t parse_number(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi) {
    uint64_t v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size())
        throw UsageError{flag + ": '" + text + "' is not a whole number"};
    if (v < lo || v > hi)
        throw UsageError{flag + ": " + text + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]"};
    return v;
}

// Splits on commas, except that a piece holding "k=v" and no model name continues the previous spec's
// parameters, so "wnn-best:tuple_size=8,ensemble=2" stays one spec.
std::vector<std::string> split_specs(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        std::string piece = text.substr(i, j - i);
        const size_t eq = piece.find('='), colon = piece.find(':');
        if (!out.empty() && eq != std::string::npos && (colon == std::string::npos || eq < colon) &&
            out.back().find(':') != std::string::npos)
            out.back() += " " + piece;
        else
            out.push_back(piece);
        i = j + 1;
    }
    return out;
}

struct Options {
    std::string dataset = "embedded";
    wl::Protocol protocol = wl::Protocol::Split;
    wl::ProtocolParams params;
    std::vector<std::string> models;  // empty: the protocol's default set
    wl::KaggleOptions kaggle;
    bool kaggle_flags = false;  // --join or --kaggle-files given
    bool json = false;
    bool help = false;
    std::string list;  // --list-models: "default" or "all"
    std::string config_of;  // --config: the spec whose full config is printed
};

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i], value;
        bool has_value = false;
        if (const size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        const auto next = [&]() -> std::string {
            if (has_value) return value;
            if (i + 1 >= argc) throw UsageError{arg + " needs a value"};
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            o.help = true;
        } else if (arg == "--list-models") {
            // The value is optional: the next word is taken only when it is not another flag.
            o.list = has_value ? value : i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0 ? argv[++i] : "default";
            if (o.list != "default" && o.list != "all")
                throw UsageError{"--list-models: '" + o.list + "' is neither 'default' nor 'all'"};
        } else if (arg == "--config") {
            o.config_of = next();
        } else if (arg == "--json") {
            o.json = true;
        } else if (arg == "--validation") {
            o.params.validation = true;
        } else if (arg == "--dataset") {
            o.dataset = next();
        } else if (arg == "--protocol") {
            const std::string p = next();
            try {
                o.protocol = wl::parse_protocol(p);
            } catch (const std::invalid_argument& e) {
                throw UsageError{e.what()};
            }
        } else if (arg == "--users") {
            o.params.users = static_cast<uint32_t>(parse_number(arg, next(), 1, 10'000'000));
        } else if (arg == "--reviews") {
            o.params.reviews = static_cast<uint32_t>(parse_number(arg, next(), 1, 10'000'000));
        } else if (arg == "--seeds") {
            o.params.seeds = static_cast<uint32_t>(parse_number(arg, next(), 1, 1000));
        } else if (arg == "--seed") {
            o.params.seed = parse_number(arg, next(), 0, UINT64_MAX - 1000);
        } else if (arg == "--k") {
            o.params.k = static_cast<uint32_t>(parse_number(arg, next(), 1, 100'000));
        } else if (arg == "--filter") {
            o.params.filter = next();
        } else if (arg == "--cold-percent") {
            o.params.cold_percent = static_cast<uint32_t>(parse_number(arg, next(), 1, 90));
        } else if (arg == "--stream-test") {
            o.params.stream_test = true;
        } else if (arg == "--stream-rank") {
            o.params.stream_rank = static_cast<uint32_t>(parse_number(arg, next(), 0, 1'000'000));
        } else if (arg == "--join") {
            const std::string j = next();
            if (j != "links" && j != "paper") throw UsageError{"--join: '" + j + "' is not links or paper"};
            o.kaggle.join = j == "paper" ? wl::KaggleJoin::Paper : wl::KaggleJoin::Links;
            o.kaggle_flags = true;
        } else if (arg == "--common-ratings") {
            o.kaggle.common = true;
            o.kaggle_flags = true;
        } else if (arg == "--kaggle-files") {
            const std::string v = next();
            const size_t a = v.find(','), b = a == std::string::npos ? a : v.find(',', a + 1);
            if (b == std::string::npos || v.find(',', b + 1) != std::string::npos || a == 0 || b == a + 1 || b + 1 == v.size())
                throw UsageError{"--kaggle-files: expected three names RATINGS,LINKS,METADATA, got '" + v + "'"};
            o.kaggle.ratings = v.substr(0, a), o.kaggle.links = v.substr(a + 1, b - a - 1), o.kaggle.metadata = v.substr(b + 1);
            o.kaggle_flags = true;
        } else if (arg == "--models") {
            o.models = split_specs(next());
        } else {
            throw UsageError{"unknown argument '" + arg + "'"};
        }
    }
    return o;
}

int run(int argc, char** argv) {
    Options opt;
    std::vector<wl::ModelEntry> models;
    try {
        opt = parse_args(argc, argv);
        if (opt.help) {
            std::cout << usage();
            return 0;
        }
        if (!opt.list.empty()) {  // one line, comma-separated: what the scripts ask for instead of a copy of their own
            std::cout << join_with(opt.list == "all" ? wl::model_names() : wl::default_model_specs(), ",") << "\n";
            return 0;
        }
        if (!opt.config_of.empty()) {  // what a spec stands for in this build (the tuning reports name the default)
            std::cout << wl::make_model(opt.config_of)->config_text() << "\n";
            return 0;
        }
        if (opt.models.empty()) {
            opt.models = wl::default_model_specs();
            if (opt.protocol == wl::Protocol::Ranking || opt.protocol == wl::Protocol::Cold) opt.models.push_back("popularity");
            if (opt.protocol == wl::Protocol::Cold)
                for (const char* m : {"random", "newest", "genre-fav"}) opt.models.push_back(m);
        }
        if (opt.params.stream_test && opt.protocol != wl::Protocol::Stream)
            throw UsageError{"--stream-test applies to the stream protocol only"};
        if (opt.params.stream_test && opt.params.validation)
            throw UsageError{"--stream-test and --validation name the two halves of the stream's users: give one"};
        models = wl::model_entries(opt.models);
        if (opt.protocol == wl::Protocol::Folds && !wl::is_ml100k_dir(opt.dataset))
            throw UsageError{"--protocol folds needs --dataset to be an ml-100k directory with u1..u5 files, not '" +
                             opt.dataset + "'"};
        if (opt.kaggle_flags && !wl::is_kaggle_dir(opt.dataset, opt.kaggle))
            throw UsageError{"--join, --common-ratings and --kaggle-files apply to a Kaggle \"The Movies Dataset\" directory (with " +
                             std::string(opt.kaggle.metadata.empty() ? "movies_metadata.csv" : opt.kaggle.metadata) + "), not '" +
                             opt.dataset + "'"};
    } catch (const UsageError& e) {
        std::cerr << "weightless-eval: " << e.what << "\n\n" << usage();
        return 2;
    } catch (const wl::ParamError& e) {
        std::cerr << "weightless-eval: " << e.what() << "\n\n" << usage();
        return 2;
    }

    wl::Dataset ds;
    std::vector<std::string> notes;  // what the loader did, put first in the report's notes
    try {
        const auto t0 = std::chrono::steady_clock::now();
        if (wl::is_kaggle_dir(opt.dataset, opt.kaggle)) {
            if (opt.kaggle.join == wl::KaggleJoin::Paper)
                std::cerr << "weightless-eval: WARNING: --join paper takes each MovieLens movieId as a TMDB id, the paper's "
                             "bug: every rating gets an unrelated film's metadata. Use it only to measure that mistake.\n";
            wl::KaggleData k = wl::load_kaggle(opt.dataset, opt.kaggle);
            ds = std::move(k.dataset);
            notes = k.report.lines();
            for (const auto& l : notes) std::cerr << l << "\n";
        } else {
            ds = wl::load_dataset(opt.dataset);
        }
        notes.push_back("paper 26-bit input: " + wl::paper_sources_text(wl::paper_sources(ds)));
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "loaded %s: %zu users, %zu items, %zu ratings (%.2f s)\n", ds.name.c_str(), ds.num_users(),
                     ds.num_items(), ds.ratings.size(), s);
    } catch (const std::exception& e) {
        std::cerr << "weightless-eval: cannot load dataset '" << opt.dataset << "': " << e.what() << "\n";
        return 1;
    }

    try {
        auto rep = wl::run_evaluation(ds, opt.dataset, opt.protocol, opt.params, models,
                                      [](const std::string& line) { std::cerr << line << std::endl; });
        rep.notes.insert(rep.notes.begin(), notes.begin(), notes.end());
        std::cout << (opt.json ? wl::report_json(rep) : wl::report_table(rep));
        std::cout.flush();
    } catch (const std::exception& e) {
        std::cerr << "weightless-eval: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
