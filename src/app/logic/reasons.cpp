// Reasons in words (see reasons.hpp).
#include "reasons.hpp"

namespace wl::app {

std::string stars_text(uint8_t half_stars) {
    std::string s = std::to_string(half_stars / 2);
    if (half_stars % 2) s += ".5";
    return s + "\xE2\x98\x85";  // ★
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
        names += app.view().title(out.cited[k]) + " (" + stars_text(*app.rating_of(out.cited[k])) + ")";
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
