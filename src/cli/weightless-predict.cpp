// weightless-predict: fits models on a seeded per-user 80/20 split and prints every test prediction exactly
// (%.17g). The same binary built natively and with Emscripten must print byte-identical output: that is how
// scripts/crosscheck.sh proves native and wasm agree.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "weightless/data/movielens.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace {

int usage(const char* msg) {
    if (msg) std::fprintf(stderr, "weightless-predict: %s\n", msg);
    std::fprintf(stderr,
                 "usage: weightless-predict [--dataset PATH|embedded] [--models a,b,... (default: all)] [--seed N] [--users N]\n"
                 "  Fits each model on a seeded per-user 80/20 split of the first N users (default 60)\n"
                 "  and prints 'model user item stars prediction thermometer' for every test rating.\n");
    return 2;
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t j = s.find(',', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dataset = "embedded";
    std::string models;  // default: every registered model
    uint64_t seed = 1;
    int64_t max_users = 60;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "--help" || a == "-h") return usage(nullptr), 0;
        const char* v = next();
        if (!v) return usage(("missing value for " + a).c_str());
        int64_t n = 0;
        if (a == "--dataset") dataset = v;
        else if (a == "--models") models = v;
        else if (a == "--seed" && wl::detail::parse_int(v, n) && n >= 0) seed = static_cast<uint64_t>(n);
        else if (a == "--users" && wl::detail::parse_int(v, n) && n > 0) max_users = n;
        else return usage(("bad argument " + a + " " + v).c_str());
    }
    try {
        if (models.empty())
            for (const auto& n : wl::model_names()) models += (models.empty() ? "" : ",") + n;
        const wl::Dataset ds = wl::load_dataset(dataset);
        // Per-user ratings of the first max_users users, shuffled per user with the seed, first 80% train.
        std::vector<std::vector<wl::Rating>> by_user(ds.num_users());
        for (const auto& r : ds.ratings)
            if (r.user < static_cast<uint64_t>(max_users)) by_user[r.user].push_back(r);
        std::vector<wl::Rating> train, test;
        for (size_t u = 0; u < by_user.size(); ++u) {
            auto& rs = by_user[u];
            wl::Rng rng(wl::derive_seed(seed, u));
            rng.shuffle(std::span<wl::Rating>(rs));
            const size_t cut = rs.size() - rs.size() / 5;
            train.insert(train.end(), rs.begin(), rs.begin() + static_cast<std::ptrdiff_t>(cut));
            test.insert(test.end(), rs.begin() + static_cast<std::ptrdiff_t>(cut), rs.end());
        }
        for (const auto& spec : split_list(models)) {
            auto m = wl::make_model(spec);
            m->fit({ds, train});
            for (const auto& r : test)
                std::printf("%s\t%u\t%u\t%.1f\t%.17g\t%d\n", spec.c_str(), ds.user_ids[r.user], ds.items[r.item].id, r.stars(),
                            m->predict(r.user, r.item), m->predict_thermometer(r.user, r.item));
        }
    } catch (const wl::ParamError& e) {
        return usage(e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "weightless-predict: %s\n", e.what());
        return 1;
    }
    return 0;
}
