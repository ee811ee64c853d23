// The three-way merge of the person's data (see merge.hpp): key by key, this tab's changes over the stored state.
#include "merge.hpp"

namespace wl::app {

namespace {
bool same(const PersonRating* a, const PersonRating* b) {
    return !a || !b ? a == b : *a == *b;
}
template <class Map>
const typename Map::mapped_type* find(const Map& m, const typename Map::key_type& k) {
    const auto it = m.find(k);
    return it == m.end() ? nullptr : &it->second;
}
// One value: mine when this tab changed it since base, else theirs.
template <class T>
const T& pick(const T& base, const T& mine, const T& theirs) {
    return mine == base ? theirs : mine;
}

// Ratings key by key (item indices, or MovieLens ids for those set aside).
std::map<uint32_t, PersonRating> merge_ratings(const std::map<uint32_t, PersonRating>& base, const std::map<uint32_t, PersonRating>& mine,
                                               const std::map<uint32_t, PersonRating>& theirs) {
    std::map<uint32_t, PersonRating> out;
    std::set<uint32_t> keys;
    for (const auto* m : {&base, &mine, &theirs})
        for (const auto& [k, r] : *m) keys.insert(k);
    for (uint32_t k : keys) {
        const PersonRating *b = find(base, k), *m = find(mine, k), *t = find(theirs, k);
        const PersonRating* r = same(m, b) ? t : m;
        if (r) out.emplace(k, *r);
    }
    return out;
}

// Marks key by key; a rated key is never marked.
std::set<uint32_t> merge_marks(const std::set<uint32_t>& base, const std::set<uint32_t>& mine, const std::set<uint32_t>& theirs,
                               const std::map<uint32_t, PersonRating>& rated) {
    std::set<uint32_t> out, marked;
    for (const auto* s : {&base, &mine, &theirs}) marked.insert(s->begin(), s->end());
    for (uint32_t k : marked) {
        const bool b = base.count(k), m = mine.count(k), t = theirs.count(k);
        if ((m == b ? t : m) && !rated.count(k)) out.insert(k);
    }
    return out;
}
}  // namespace

PersonState merge_person(const PersonState& base, const PersonState& mine, const PersonState& theirs) {
    PersonState out;
    out.ratings = merge_ratings(base.ratings, mine.ratings, theirs.ratings);
    out.unseen = merge_marks(base.unseen, mine.unseen, theirs.unseen, out.ratings);
    out.aside = merge_ratings(base.aside, mine.aside, theirs.aside);
    out.unseen_aside = merge_marks(base.unseen_aside, mine.unseen_aside, theirs.unseen_aside, out.aside);
    // Seen marks stand beside a rating (a rated film stays seen), so no rating removes them here; a film rated or seen
    // in either tab comes off the watchlist after the merge (off_watchlist_when_watched).
    const std::map<uint32_t, PersonRating> none;
    out.seen = merge_marks(base.seen, mine.seen, theirs.seen, none);
    out.seen_aside = merge_marks(base.seen_aside, mine.seen_aside, theirs.seen_aside, none);
    out.watchlist = merge_marks(base.watchlist, mine.watchlist, theirs.watchlist, none);
    out.watchlist_aside = merge_marks(base.watchlist_aside, mine.watchlist_aside, theirs.watchlist_aside, none);
    out.hidden = merge_marks(base.hidden, mine.hidden, theirs.hidden, none);
    out.hidden_aside = merge_marks(base.hidden_aside, mine.hidden_aside, theirs.hidden_aside, none);
    off_watchlist_when_watched(out);
    const Settings &sb = base.settings, &sm = mine.settings, &st = theirs.settings;
    out.settings.wnn_config = pick(sb.wnn_config, sm.wnn_config, st.wnn_config);
    out.settings.rec_source = pick(sb.rec_source, sm.rec_source, st.rec_source);
    out.settings.min_votes = pick(sb.min_votes, sm.min_votes, st.min_votes);
    out.settings.welcome_done = pick(sb.welcome_done, sm.welcome_done, st.welcome_done);
    out.settings.recent_list = pick(sb.recent_list, sm.recent_list, st.recent_list);
    return out;
}

}  // namespace wl::app
