// Search, filters and the start queue over the catalogue (see catalogue_view.hpp).
#include "catalogue_view.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "text_fold.hpp"

namespace wl::app {

CatalogueView::CatalogueView(const Dataset& ds) : ds_(ds) {
    const size_t n = ds.num_items();
    titles_.reserve(n);
    folded_.reserve(n);
    folded_display_.reserve(n);
    for (const auto& it : ds.items) {
        titles_.push_back(display_title(it.title));
        folded_.push_back(fold_for_search(it.title));
        folded_display_.push_back(fold_for_search(titles_.back()));
    }
    votes_.assign(n, 0);
    std::vector<uint64_t> sum(n, 0);
    for (const auto& r : ds.ratings) {
        if (r.item >= n) continue;  // unpack_dataset already guarantees indices; stay safe anyway
        ++votes_[r.item];
        sum[r.item] += r.half_stars;
    }
    mean_.assign(n, 0.0);
    for (size_t i = 0; i < n; ++i)
        if (votes_[i]) mean_[i] = 0.5 * static_cast<double>(sum[i]) / votes_[i];
    by_votes_.resize(n);
    for (uint32_t i = 0; i < n; ++i) by_votes_[i] = i;
    std::stable_sort(by_votes_.begin(), by_votes_.end(), [&](uint32_t a, uint32_t b) { return votes_[a] > votes_[b]; });
    min_year_ = 9999;
    max_year_ = 0;
    for (const auto& it : ds.items) {
        if (it.year <= 0) continue;
        min_year_ = std::min<int32_t>(min_year_, it.year);
        max_year_ = std::max<int32_t>(max_year_, it.year);
    }
    if (max_year_ == 0) min_year_ = 0;
}

std::string CatalogueView::genre_text(uint32_t item, size_t max) const {
    std::string s;
    size_t shown = 0;
    const uint32_t g = ds_.items[item].genres;
    for (size_t k = 0; k < ds_.genre_names.size(); ++k) {
        if (!(g >> k & 1u)) continue;
        if (shown == max) return s + ", …";
        s += (shown++ ? ", " : "") + ds_.genre_names[k];
    }
    return s;
}

namespace {
// Whether a folded title is the folded query and nothing more but its year ("parasite 2019 " for "parasite").
bool whole_title(std::string_view folded, std::string_view query) {
    if (query.empty() || folded.rfind(query, 0) != 0) return false;
    return std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(query.size()), folded.end(),
                       [](char c) { return c == ' ' || (c >= '0' && c <= '9'); });
}
std::string trimmed(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
}
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
    for (uint32_t v : votes_) rated += v > 0;
    return grouped(ds_.num_items()) + " movies released up to " + std::to_string(max_year_) + ", " + grouped(rated) +
           " of them with community ratings";
}

std::vector<uint32_t> CatalogueView::search(const SearchFilter& f) const {
    const auto words = search_words(f.query);
    const std::string prefix = trimmed(fold_for_search(f.query));
    std::vector<uint32_t> whole, starts, rest;
    for (uint32_t i : by_votes_) {
        const Item& it = ds_.items[i];
        if (f.genre >= 0 && !(it.genres >> f.genre & 1u)) continue;
        if (it.year != 0 && (it.year < f.year_from || it.year > f.year_to)) continue;
        if (it.year == 0 && (f.year_from > min_year_ || f.year_to < max_year_)) continue;  // unknown year: only unfiltered
        if (!matches_all(folded_[i], words)) continue;
        if (whole_title(folded_display_[i], prefix) || whole_title(folded_[i], prefix)) {
            whole.push_back(i);
            continue;
        }
        const bool starts_with = !prefix.empty() && (folded_display_[i].rfind(prefix, 0) == 0 || folded_[i].rfind(prefix, 0) == 0);
        (starts_with ? starts : rest).push_back(i);
    }
    // Films called just that: most rated first, then the newest (a film too recent for the community's ratings
    // before an old namesake nobody rated either).
    std::stable_sort(whole.begin(), whole.end(), [&](uint32_t a, uint32_t b) {
        return votes_[a] != votes_[b] ? votes_[a] > votes_[b] : ds_.items[a].year > ds_.items[b].year;
    });
    whole.insert(whole.end(), starts.begin(), starts.end());
    whole.insert(whole.end(), rest.begin(), rest.end());
    return whole;
}

std::vector<uint32_t> CatalogueView::start_queue(size_t n) const {
    // Candidates: the most rated movies; each pick lowers the score of movies sharing its genres or decade.
    const size_t pool = std::min<size_t>(by_votes_.size(), std::max<size_t>(n * 8, 200));
    std::vector<uint32_t> cand(by_votes_.begin(), by_votes_.begin() + static_cast<std::ptrdiff_t>(pool));
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
            const double score = std::log(1.0 + votes_[cand[k]]) - 0.8 * overlap / std::max(ng, 1) -
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
