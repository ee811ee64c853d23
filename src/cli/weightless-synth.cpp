// weightless-synth: synthetic ratings with MovieLens' shape (synthetic.hpp), to measure weightless-items at the
// full ml-latest's size. Exit codes: 0 done, 2 usage error, 1 bad data.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "weightless/data/movielens.hpp"
#include "weightless/data/synthetic.hpp"
#include "weightless/util/bytes.hpp"

namespace {

const char* kUsage =
    "usage: weightless-synth COMMAND ...\n"
    "  fit DATASET\n"
    "      the shape fitted to DATASET's ratings, and quantiles of the data against ratings generated at its size\n"
    "  generate --shape-from DATASET --catalogue DIR --ratings N --users U [--seed S] -o OUTDIR\n"
    "      writes OUTDIR/ratings.csv (N ratings by U users of DIR/movies.csv's movies) and a copy of movies.csv,\n"
    "      a MovieLens directory weightless-items reads\n";

struct UsageError {
    std::string what;
};

struct Args {
    std::string command, dataset, shape_from, catalogue, out;
    uint64_t ratings = 0, users = 0, seed = 1;
};

uint64_t number(const std::string& flag, const std::string& s) {
    uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) throw UsageError{flag + " needs a whole number (got '" + s + "')"};
    return v;
}

Args parse(int argc, char** argv) {
    if (argc < 2) throw UsageError{"no command"};
    Args a;
    a.command = argv[1];
    std::vector<std::string> pos;
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc || !*argv[i + 1]) throw UsageError{s + " needs a value"};
            return argv[++i];
        };
        if (s == "--shape-from") a.shape_from = value();
        else if (s == "--catalogue") a.catalogue = value();
        else if (s == "--ratings") a.ratings = number(s, value());
        else if (s == "--users") a.users = number(s, value());
        else if (s == "--seed") a.seed = number(s, value());
        else if (s == "-o") a.out = value();
        else if (!s.empty() && s[0] == '-') throw UsageError{"unknown option " + s};
        else pos.push_back(s);
    }
    if (a.command == "fit") {
        if (pos.size() != 1) throw UsageError{"fit takes one dataset"};
        a.dataset = pos[0];
    } else if (a.command == "generate") {
        if (!pos.empty()) throw UsageError{"generate takes only options"};
        if (a.shape_from.empty() || a.catalogue.empty() || a.out.empty() || !a.ratings || !a.users)
            throw UsageError{"generate needs --shape-from, --catalogue, --ratings, --users and -o"};
        if (a.users > UINT32_MAX) throw UsageError{"--users is too large"};
    } else {
        throw UsageError{"unknown command '" + a.command + "'"};
    }
    return a;
}

std::vector<double> quantiles(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::vector<double> q;
    for (double p : {0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) q.push_back(v[std::min(v.size() - 1, static_cast<size_t>(p * double(v.size())))]);
    return q;
}

// Ratings per user, ratings per rated movie, and timestamps (years), of `ds` and of the same-sized synthetic set.
void compare(const wl::Dataset& ds, const wl::SyntheticShape& shape) {
    std::vector<uint32_t> ids;
    for (const auto& it : ds.items) ids.push_back(it.id);
    std::vector<double> du(ds.num_users()), dm(ds.num_items()), dt, su, sm, st;
    for (const auto& r : ds.ratings) ++du[r.user], ++dm[r.item], dt.push_back(1970 + double(r.timestamp) / 31557600.0);
    std::vector<double> mcount(ds.num_items(), 0);
    std::vector<double> ucount;
    std::vector<int64_t> index_of(*std::max_element(ids.begin(), ids.end()) + 1, -1);
    for (size_t i = 0; i < ids.size(); ++i) index_of[ids[i]] = static_cast<int64_t>(i);
    wl::generate_ratings(shape, {ds.ratings.size(), static_cast<uint32_t>(ds.num_users()), 1}, ids,
                         [&](uint32_t u, uint32_t id, uint8_t, int64_t ts) {
                             if (ucount.size() < u) ucount.resize(u, 0);
                             ++ucount[u - 1];
                             ++mcount[static_cast<size_t>(index_of[id])];
                             st.push_back(1970 + double(ts) / 31557600.0);
                         });
    std::erase(dm, 0.0);
    std::erase(mcount, 0.0);
    std::printf("| quantile | 10 %% | 25 %% | 50 %% | 75 %% | 90 %% | 99 %% |\n|---|---|---|---|---|---|---|\n");
    const auto line = [](const char* what, const std::vector<double>& v, const char* fmt) {
        std::printf("| %s |", what);
        for (double q : quantiles(v)) std::printf(fmt, q);
        std::printf("\n");
    };
    line("ratings per user, data", du, " %.0f |");
    line("ratings per user, synthetic", ucount, " %.0f |");
    line("ratings per rated movie, data", dm, " %.0f |");
    line("ratings per rated movie, synthetic", mcount, " %.0f |");
    line("rating time (year), data", dt, " %.1f |");
    line("rating time (year), synthetic", st, " %.1f |");
    std::printf("\nrated movies: data %zu, synthetic %zu of %zu\n", dm.size(), mcount.size(), ids.size());
}

int run(int argc, char** argv) {
    Args a;
    try {
        if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "help")) {
            std::cout << kUsage;
            return 0;
        }
        a = parse(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "weightless-synth: " << e.what << "\n\n" << kUsage;
        return 2;
    }
    try {
        if (a.command == "fit") {
            const wl::Dataset ds = wl::load_dataset(a.dataset);
            const auto s = wl::fit_shape(ds);
            std::printf("shape of %s (%zu ratings, %zu users, %zu movies):\n", ds.name.c_str(), ds.ratings.size(), ds.num_users(),
                        ds.num_items());
            std::printf("  ratings per user: %u + lognormal, sigma %.3f (of log(ratings - %u + 1))\n", s.min_ratings,
                        s.activity_sigma, s.min_ratings);
            std::printf("  popularity: (rank / movies + q)^-s, s = %.3f, q = %.5f\n", s.popularity_s, s.popularity_q);
            std::printf("  time: first rating uniform over %lld..%lld; %.1f %% of users within one day (log seconds %.2f +- %.2f), "
                        "else log seconds %.2f +- %.2f\n",
                        static_cast<long long>(s.first_ts), static_cast<long long>(s.last_ts), 100 * s.session_share,
                        s.session_log_mu, s.session_log_sigma, s.span_log_mu, s.span_log_sigma);
            std::printf("  stars (0.5..5):");
            for (double f : s.stars) std::printf(" %.3f", f);
            std::printf("\n\n");
            compare(ds, s);
            return 0;
        }
        const auto shape = wl::fit_shape(wl::load_dataset(a.shape_from));
        const wl::Dataset cat = wl::load_ml_latest_catalogue(a.catalogue);
        std::vector<uint32_t> ids;
        for (const auto& it : cat.items) ids.push_back(it.id);
        std::filesystem::create_directories(a.out);
        std::filesystem::copy_file(a.catalogue + "/movies.csv", a.out + "/movies.csv",
                                   std::filesystem::copy_options::overwrite_existing);
        // The copy keeps the source's mode: a read-only data folder would make the next run's copy fail.
        std::filesystem::permissions(a.out + "/movies.csv", std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
        const std::string path = a.out + "/ratings.csv";
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) throw std::runtime_error("cannot write " + path);
        std::string buf = "userId,movieId,rating,timestamp\n";
        uint64_t n = 0;
        const auto flush = [&] {
            if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) throw std::runtime_error("cannot write " + path);
            buf.clear();
        };
        static const char* kStars[] = {"0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"};
        wl::generate_ratings(shape, {a.ratings, static_cast<uint32_t>(a.users), a.seed}, ids,
                             [&](uint32_t u, uint32_t id, uint8_t half, int64_t ts) {
                                 buf += std::to_string(u) + ',' + std::to_string(id) + ',' + kStars[half - 1] + ',' +
                                        std::to_string(ts) + '\n';
                                 ++n;
                                 if (buf.size() > (1u << 20)) flush();
                             });
        flush();
        if (std::fclose(f) != 0) throw std::runtime_error("cannot write " + path);
        std::printf("%s: %llu ratings by %llu users of %zu movies\n", path.c_str(), static_cast<unsigned long long>(n),
                    static_cast<unsigned long long>(a.users), ids.size());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "weightless-synth: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
