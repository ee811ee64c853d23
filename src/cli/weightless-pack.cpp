// weightless-pack: converts a MovieLens dataset (or another .wlds) into a packed .wlds file.
#include <cstdio>
#include <exception>
#include <string>

#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace {

int usage() {
    std::fprintf(stderr,
                 "usage: weightless-pack SRC OUT.wlds\n"
                 "  SRC: a MovieLens directory (ml-100k with u.data, or ml-latest with ratings.csv + movies.csv),\n"
                 "       a Kaggle \"The Movies Dataset\" directory (movies_metadata.csv + links + ratings; links join,\n"
                 "       TMDB fields kept per item: .wlds format version 2),\n"
                 "       a .wlds file, or the word \"embedded\"\n"
                 "  OUT.wlds: the packed dataset to write (replaced atomically)\n");
    return 2;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return usage();
    const std::string src = argv[1], out = argv[2];
    if (src.empty() || src[0] == '-' || !ends_with(out, ".wlds") || out.size() == 5) return usage();
    try {
        const wl::Dataset ds = wl::load_dataset(src);
        const std::vector<uint8_t> bytes = wl::pack_dataset(ds);
        wl::write_file_bytes_atomic(out, bytes);
        std::printf("%s: %zu ratings, %zu users, %zu items, %zu genres -> %s (%zu bytes)\n", ds.name.c_str(), ds.ratings.size(),
                    ds.num_users(), ds.num_items(), ds.genre_names.size(), out.c_str(), bytes.size());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "weightless-pack: %s\n", e.what());
        return 1;
    }
}
