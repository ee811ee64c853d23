// weightless-pack: converts a MovieLens dataset (or another .wlds) into a packed .wlds file, optionally listed on a
// newer catalogue (the app's: MovieLens' 2023 movies with ml-latest-small's community ratings).
#include <cstdio>
#include <exception>
#include <string>

#include "weightless/data/catalogue_merge.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace {

int usage() {
    std::fprintf(stderr,
                 "usage: weightless-pack SRC [--catalogue DIR] OUT.wlds\n"
                 "  SRC: a MovieLens directory (ml-100k with u.data, or ml-latest with ratings.csv + movies.csv),\n"
                 "       a Kaggle \"The Movies Dataset\" directory (movies_metadata.csv + links + ratings; links join,\n"
                 "       TMDB fields kept per item: .wlds format version 2),\n"
                 "       a .wlds file, or the word \"embedded\"\n"
                 "  --catalogue DIR: an ml-latest catalogue (movies.csv + links.csv; no ratings needed) that lists the\n"
                 "       movies: SRC's ratings are mapped onto it by movieId, a movie MovieLens merged into another id\n"
                 "       by its IMDb/TMDB id (the old id kept as an alias), a movie it lacks kept (.wlds version 3)\n"
                 "  OUT.wlds: the packed dataset to write (replaced atomically)\n");
    return 2;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string src, out, catalogue;
    if (argc == 3) {
        src = argv[1], out = argv[2];
    } else if (argc == 5 && std::string(argv[2]) == "--catalogue") {
        src = argv[1], catalogue = argv[3], out = argv[4];
        if (catalogue.empty() || catalogue[0] == '-') return usage();
    } else {
        return usage();
    }
    if (src.empty() || src[0] == '-' || !ends_with(out, ".wlds") || out.size() == 5) return usage();
    try {
        wl::Dataset ds = wl::load_dataset(src);
        if (!catalogue.empty()) {
            const wl::Dataset movies = wl::load_ml_latest_catalogue(catalogue);
            wl::CatalogueMerge m;
            ds = wl::merge_into_catalogue(ds, movies, movies.name, &m);
            for (const auto& line : m.lines()) std::printf("%s: %s\n", movies.name.c_str(), line.c_str());
        }
        const std::vector<uint8_t> bytes = wl::pack_dataset(ds);
        wl::write_file_bytes_atomic(out, bytes);
        std::printf("%s: %zu ratings, %zu users, %zu items, %zu genres, %zu id aliases -> %s (%zu bytes)\n", ds.name.c_str(),
                    ds.ratings.size(), ds.num_users(), ds.num_items(), ds.genre_names.size(), ds.id_aliases.size(), out.c_str(),
                    bytes.size());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "weightless-pack: %s\n", e.what());
        return 1;
    }
}
