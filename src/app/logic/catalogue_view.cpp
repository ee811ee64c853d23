// Statistics, genre text and the start queue over the catalogue (see catalogue_view.hpp).
#include "catalogue_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace wl::app {

CatalogueView::CatalogueView(const Dataset& ds) : ds_(ds), search_(ds) {
    const size_t n = ds.num_items();
    std::vector<uint64_t> sum(n, 0);
    for (const auto& r : ds.ratings)
        if (r.item < n) sum[r.item] += r.half_stars;  // unpack_dataset already guarantees indices; stay safe anyway
    mean_.assign(n, 0.0);
    for (uint32_t i = 0; i < n; ++i)
        if (votes(i)) mean_[i] = 0.5 * static_cast<double>(sum[i]) / votes(i);
}

std::string CatalogueView::genre_text(uint32_t item, size_t max) const {
    // The core's labels: MovieLens' "(no genres listed)" is a marker, not a genre, and reads as words here.
    const std::vector<std::string> labels = genre_labels(ds_, item);
    if (labels.empty()) return "genres unknown";
    std::string s;
    for (size_t k = 0; k < labels.size(); ++k) {
        if (k == max) return s + ", …";
        s += (k ? ", " : "") + labels[k];
    }
    return s;
}

std::vector<MovieLink> CatalogueView::links(uint32_t item) const {
    const Item& it = ds_.items[item];
    std::vector<MovieLink> out{{"MovieLens", "https://movielens.org/movies/" + std::to_string(it.id)}};
    if (it.imdb_id) {
        char tt[24];
        std::snprintf(tt, sizeof tt, "tt%07u", it.imdb_id);  // IMDb's ids are at least seven digits
        out.push_back({"IMDb", std::string("https://www.imdb.com/title/") + tt + "/"});
    }
    if (it.tmdb_id) out.push_back({"TMDB", "https://www.themoviedb.org/movie/" + std::to_string(it.tmdb_id)});
    return out;
}

namespace {
std::string grouped(size_t n) {
    std::string d = std::to_string(n), out;
    for (size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += ',';
        out += d[i];
    }
    return out;
}
}  // namespace

std::string CatalogueView::describe() const {
    size_t rated = 0;
    for (uint32_t v : all_votes()) rated += v > 0;
    return grouped(dataset().num_items()) + " movies released up to " + std::to_string(max_year()) + ", " + grouped(rated) +
           " of them with community ratings";
}

std::vector<uint32_t> CatalogueView::start_queue(size_t n) const {
    // Candidates: the most rated movies; each pick lowers the score of movies sharing its genres or decade.
    const auto by_votes = search_.by_votes();
    const size_t pool = std::min<size_t>(by_votes.size(), std::max<size_t>(n * 8, 200));
    std::vector<uint32_t> cand(by_votes.begin(), by_votes.begin() + static_cast<std::ptrdiff_t>(pool));
    std::vector<uint32_t> genre_picks(32, 0);
    std::map<int, uint32_t> decade_picks;
    std::vector<uint32_t> masks;  // genre sets already picked
    std::vector<uint32_t> out;
    std::vector<bool> used(cand.size(), false);
    while (out.size() < n && out.size() < cand.size()) {
        double best = -1e300;
        size_t best_k = 0;
        for (size_t k = 0; k < cand.size(); ++k) {
            if (used[k]) continue;
            const Item& it = ds_.items[cand[k]];
            double overlap = 0;
            int ng = 0;
            for (int g = 0; g < 32; ++g)
                if (it.genres >> g & 1u) {
                    overlap += genre_picks[static_cast<size_t>(g)];
                    ++ng;
                }
            const auto d = decade_picks.find(it.year / 10);
            const bool same_mix = std::find(masks.begin(), masks.end(), it.genres) != masks.end();  // e.g. a sequel
            const double score = std::log(1.0 + votes(cand[k])) - 0.8 * overlap / std::max(ng, 1) -
                                 0.25 * (d == decade_picks.end() ? 0 : d->second) - (same_mix ? 1.5 : 0.0);
            if (score > best) {
                best = score;
                best_k = k;
            }
        }
        used[best_k] = true;
        const Item& it = ds_.items[cand[best_k]];
        masks.push_back(it.genres);
        for (int g = 0; g < 32; ++g)
            if (it.genres >> g & 1u) ++genre_picks[static_cast<size_t>(g)];
        ++decade_picks[it.year / 10];
        out.push_back(cand[best_k]);
    }
    return out;
}

}  // namespace wl::app
