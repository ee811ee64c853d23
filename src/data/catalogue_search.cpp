// Title search over the catalogue (see catalogue_search.hpp).
#include "weightless/data/catalogue_search.hpp"

#include <algorithm>
#include <stdexcept>

#include "weightless/data/text_fold.hpp"
#include "weightless/data/utf8.hpp"

namespace wl {

void check_search_query(std::string_view query) {
    if (query.size() > kMaxSearchQueryBytes)
        throw std::invalid_argument("search text is " + std::to_string(query.size()) + " bytes long; at most " +
                                    std::to_string(kMaxSearchQueryBytes) + " are searched");
    const size_t bad = find_invalid_utf8(query);
    if (bad != std::string_view::npos)
        throw std::invalid_argument("search text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
}

CatalogueSearch::CatalogueSearch(const Dataset& ds) : ds_(ds) {
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
    for (const auto& r : ds.ratings)
        if (r.item < n) ++votes_[r.item];  // unpack_dataset already guarantees indices; stay safe anyway
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
}  // namespace

std::vector<uint32_t> CatalogueSearch::search(const SearchFilter& f) const {
    check_search_query(f.query);
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

std::vector<std::string> genre_labels(const Dataset& ds, uint32_t item) {
    std::vector<std::string> out;
    const uint32_t g = ds.items.at(item).genres;
    for (size_t k = 0; k < ds.genre_names.size() && k < 32; ++k)
        if ((g >> k & 1u) && ds.genre_names[k] != "(no genres listed)") out.push_back(ds.genre_names[k]);
    return out;
}

}  // namespace wl
