// The person's ratings sorted and filtered (see ratings_view.hpp).
#include "ratings_view.hpp"

#include <algorithm>
#include <string_view>

#include "weightless/data/catalogue_search.hpp"
#include "weightless/data/text_fold.hpp"

namespace wl::app {

const char* ratings_sort_label(RatingsSort s) {
    switch (s) {
        case RatingsSort::Newest: return "Newest first";
        case RatingsSort::Oldest: return "Oldest first";
        case RatingsSort::StarsHigh: return "Most stars first";
        case RatingsSort::StarsLow: return "Fewest stars first";
        case RatingsSort::TitleAZ: return "Title A-Z";
        case RatingsSort::TitleZA: return "Title Z-A";
    }
    return "?";
}

namespace {

// A title's place in an alphabetical list: folded (accents, case, punctuation) and without a leading article, so
// "The Matrix (1999)" sorts under M, as in a shop or on Letterboxd. The year, folded in at the end, orders remakes.
std::string title_key(std::string k) {  // k: the folded display title
    const size_t start = k.find_first_not_of(' ');
    k.erase(0, start == std::string::npos ? k.size() : start);
    for (const std::string_view article : {"the ", "a ", "an "})
        if (k.size() > article.size() && k.compare(0, article.size(), article) == 0) {
            k.erase(0, article.size());
            break;
        }
    return k;
}

}  // namespace

std::vector<uint32_t> ratings_view(const std::map<uint32_t, PersonRating>& ratings, const CatalogueView& view,
                                   const RatingsQuery& q) {
    check_search_query(q.text);
    const std::vector<std::string> words = search_words(q.text);
    const Dataset& ds = view.dataset();
    struct Row {
        uint32_t item;
        PersonRating r;
        std::string key;  // title_key
    };
    std::vector<Row> rows;
    rows.reserve(ratings.size());
    for (const auto& [item, r] : ratings) {
        if (item >= ds.num_items() || r.half_stars < q.min_half || r.half_stars > q.max_half) continue;
        if (q.genre >= 0 && (q.genre >= 32 || !(ds.items[item].genres & (uint32_t{1} << q.genre)))) continue;
        std::string folded = fold_for_search(view.title(item));
        // Words match the title as shown or as MovieLens spells it ("Matrix, The"), as the search does.
        if (!words.empty() && !matches_all(folded, words) &&
            !matches_all(fold_for_search(ds.items[item].title), words))
            continue;
        rows.push_back({item, r, title_key(std::move(folded))});
    }
    const auto by_title = [](const Row& a, const Row& b) { return a.key != b.key ? a.key < b.key : a.item < b.item; };
    const auto by_date = [&](const Row& a, const Row& b) {
        return a.r.timestamp != b.r.timestamp ? a.r.timestamp > b.r.timestamp : by_title(a, b);
    };
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        switch (q.sort) {
            case RatingsSort::Newest: return by_date(a, b);
            case RatingsSort::Oldest:
                return a.r.timestamp != b.r.timestamp ? a.r.timestamp < b.r.timestamp : by_title(a, b);
            case RatingsSort::StarsHigh:
                return a.r.half_stars != b.r.half_stars ? a.r.half_stars > b.r.half_stars : by_date(a, b);
            case RatingsSort::StarsLow:
                return a.r.half_stars != b.r.half_stars ? a.r.half_stars < b.r.half_stars : by_date(a, b);
            case RatingsSort::TitleAZ: return by_title(a, b);
            case RatingsSort::TitleZA: return by_title(b, a);
        }
        return false;
    });
    std::vector<uint32_t> out;
    out.reserve(rows.size());
    for (const Row& row : rows) out.push_back(row.item);
    return out;
}

}  // namespace wl::app
