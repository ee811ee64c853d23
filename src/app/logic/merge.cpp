// The three-way merge of the person's data (see merge.hpp): key by key, this tab's changes over the stored state.
#include "merge.hpp"

namespace wl::app {

namespace {
bool same(const PersonRating* a, const PersonRating* b) {
    if (!a || !b) return a == b;
    return a->half_stars == b->half_stars && a->timestamp == b->timestamp;
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
}  // namespace

PersonState merge_person(const PersonState& base, const PersonState& mine, const PersonState& theirs) {
    PersonState out;
    std::set<uint32_t> items;
    for (const auto* m : {&base.ratings, &mine.ratings, &theirs.ratings})
        for (const auto& [item, r] : *m) items.insert(item);
    for (uint32_t item : items) {
        const PersonRating *b = find(base.ratings, item), *m = find(mine.ratings, item), *t = find(theirs.ratings, item);
        const PersonRating* r = same(m, b) ? t : m;
        if (r) out.ratings.emplace(item, *r);
    }
    std::set<uint32_t> marked;
    for (const auto* s : {&base.unseen, &mine.unseen, &theirs.unseen}) marked.insert(s->begin(), s->end());
    for (uint32_t item : marked) {
        const bool b = base.unseen.count(item), m = mine.unseen.count(item), t = theirs.unseen.count(item);
        if ((m == b ? t : m) && !out.ratings.count(item)) out.unseen.insert(item);
    }
    const Settings &sb = base.settings, &sm = mine.settings, &st = theirs.settings;
    out.settings.wnn_config = pick(sb.wnn_config, sm.wnn_config, st.wnn_config);
    out.settings.rec_source = pick(sb.rec_source, sm.rec_source, st.rec_source);
    out.settings.min_votes = pick(sb.min_votes, sm.min_votes, st.min_votes);
    out.settings.welcome_done = pick(sb.welcome_done, sm.welcome_done, st.welcome_done);
    return out;
}

}  // namespace wl::app
