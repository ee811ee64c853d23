// The Kaggle "The Movies Dataset" loader (parse_kaggle): an input is ratings, links and movies_metadata text split
// by "--8<--" lines, read under both joins. A DataError, or a dataset whose every rating names a kept user and movie.
#include "fuzz_util.hpp"
#include "weightless/data/csv.hpp"
#include "weightless/data/kaggle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto files = wl::fuzz::parts({data, size}, 3);
    if (files.size() < 3) return 0;
    for (const auto join : {wl::KaggleJoin::Links, wl::KaggleJoin::Paper}) {
        try {
            wl::KaggleOptions opt;
            opt.join = join;
            const auto k = wl::parse_kaggle(wl::text_from_bytes("ratings_small.csv", std::string(files[0])),
                                            wl::text_from_bytes("links_small.csv", std::string(files[1])),
                                            wl::text_from_bytes("movies_metadata.csv", std::string(files[2])), opt, "fuzz");
            const wl::Dataset& ds = k.dataset;
            if (ds.ratings.empty()) __builtin_trap();
            for (const wl::Rating& r : ds.ratings)
                if (r.user >= ds.num_users() || r.item >= ds.num_items()) __builtin_trap();
        } catch (const wl::DataError&) {
        }
    }
    return 0;
}
