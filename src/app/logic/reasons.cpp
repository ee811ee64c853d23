// Reasons in words (see reasons.hpp).
#include "reasons.hpp"

#include "weightless/data/title_match.hpp"

namespace wl::app {

// "3½★" rather than "3.5★": the text wraps after a full stop, and "(3." at a line's end reads as a typo.
std::string stars_text(uint8_t half_stars) {
    std::string s = half_stars >= 2 ? std::to_string(half_stars / 2) : std::string();
    if (half_stars % 2) s += "\xC2\xBD";  // ½
    return s + "\xE2\x98\x85";            // ★
}

std::string reason_title(std::string_view movielens_title) {
    const TitleParts parts = split_movielens_title(movielens_title);
    return parts.main.empty() ? std::string(movielens_title) : parts.main;
}

PlainReason plain_reason(const AppState& app, const Recommendation& r, RecSource src, size_t max_films) {
    PlainReason out;
    if (app.person().ratings.empty()) return out;
    // Which models explain a pick by the person's own films: the weightless ranker and EASE (through the films'
    // public neighbours: "people who watch X often watch this") and the rating network (shared memory cells: the
    // films it was taught that address the same cells). The baselines (averages, popularity) give no films.
    const bool by_neighbours = src == RecSource::Blend || src == RecSource::Ease;
    if (!by_neighbours && src != RecSource::Wnn) return out;
    std::string names;
    for (const auto& reason : r.why) {
        if (out.cited.size() == max_films) break;
        if (reason.strength <= 0) continue;  // an EASE weight below zero speaks against the pick, not for it
        const auto mine = app.rating_of(reason.item);
        if (!mine || *mine < kLikedHalfStars) continue;
        out.cited.push_back(reason.item);
    }
    for (size_t k = 0; k < out.cited.size(); ++k) {
        if (k > 0) names += k + 1 == out.cited.size() ? " and " : ", ";
        names += reason_title(app.dataset().items[out.cited[k]].title) + " (" + stars_text(*app.rating_of(out.cited[k])) + ")";
    }
    if (out.cited.empty()) {
        out.text = by_neighbours ? "Not from a film you liked: it ranks high among what the community watches beside your films."
                                 : "Not from a film you liked: your network rates it from its genres, year and popularity.";
        return out;
    }
    const bool one = out.cited.size() == 1;
    out.text = "Because you liked " + names +
               (by_neighbours ? (one ? ": people who watch it often watch this." : ": people who watch them often watch this.")
                              : (one ? ": your network files it beside that film." : ": your network files it beside those films."));
    return out;
}

}  // namespace wl::app
