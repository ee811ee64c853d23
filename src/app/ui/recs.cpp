// Recommendations: the person's list (by default the weightless ranker blended with EASE and their predicted stars)
// with the reasons from the list model's own cells, predicted stars beside each movie, a switch to other lists
// for comparison, and the short list beside the rating page.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/logic/reasons.hpp"
#include "debug_probe.hpp"
#include "list_rating.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

// One line per reason, in the unit of the list's model: the ranker's shared input bits, the rating WNN's shared
// RAM cells, or EASE's public weight.
std::string why_text(const AppState& app, const Recommendation& r, size_t max) {
    const RecSource src = app.person().settings.rec_source;
    std::string s;
    size_t n = 0;
    for (const auto& reason : r.why) {
        if (n++ == max) break;
        const uint32_t item = reason.item;
        const auto mine = app.rating_of(item);
        char buf[96];
        if (src == RecSource::Wnn)
            std::snprintf(buf, sizeof buf, "%.0f/%u cells, you %.1f: ", reason.strength, app.cells_per_item(), mine.value_or(0) * 0.5);
        else if (src == RecSource::Blend)
            std::snprintf(buf, sizeof buf, "%.0f/%u bits, you %.1f: ", reason.strength, app.ranker_bits(r.item), mine.value_or(0) * 0.5);
        else
            std::snprintf(buf, sizeof buf, "weight %.3f, you %.1f: ", reason.strength, mine.value_or(0) * 0.5);
        if (!s.empty()) s += '\n';
        s += buf;
        s += app.view().title(item);
    }
    return s;
}

// A feature as a person reads it: the encoder's thermometer names spelled out, genres as they are.
std::string feature_label(const std::string& f) {
    if (f == "year") return "its year";
    if (f == "popularity") return "its popularity";
    if (f == "mean") return "its average rating";
    // MovieLens' pseudo-genre for "none": its absence means the movie has genres.
    if (f == "not (no genres listed)") return "having genres";
    if (f == "(no genres listed)") return "no genres listed";
    return f;
}

// "lifted by its year +0.03, Comedy +0.02": the features that raise this movie's predicted stars most.
std::string lift_text(const Recommendation& r) {
    std::string lift = "lifted by";
    for (size_t k = 0; k < r.lifted_by.size(); ++k) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%s %s +%.2f", k ? "," : "", feature_label(r.lifted_by[k].feature).c_str(),
                      r.lifted_by[k].stars);
        lift += buf;
    }
    return lift;
}

// Everything behind a pick in the list model's own units: the reasons' strengths and the lifting features.
std::string technical_detail(const AppState& app, const Recommendation& r, bool wnn) {
    if (!wnn) return {};
    std::string s = r.why.empty() ? std::string("(nothing in common with your ratings yet)") : why_text(app, r, 3);
    if (!r.lifted_by.empty()) s += "\n" + lift_text(r);
    return s;
}

// "Removed X from your list. Undo": right after a "Not interested", so a slip of the finger costs nothing.
void undo_hidden_bar(Ui& ui) {
    AppState& app = *ui.app;
    if (ui.undo_hidden < 0) return;
    const auto item = static_cast<uint32_t>(ui.undo_hidden);
    if (item >= app.dataset().num_items() || !app.is_hidden(item)) {
        ui.undo_hidden = -1;
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("Took " + app.view().title(item) + " off your list.").c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    if (ImGui::SmallButton("Undo")) {
        app.set_hidden(item, false);
        ui.undo_hidden = -1;
    }
    probe::item("undo-hide");
}

void controls(Ui& ui) {
    AppState& app = *ui.app;
    const RecSource cur = app.person().settings.rec_source;
    const char* list_help =
        "Your list ranks what you are likely to watch: your weightless ranker (which of your movies share its "
        "public neighbours) blended with EASE's public item weights and your network's predicted stars. The "
        "other lists are there to compare: EASE alone, the most rated movies, the highest predicted stars, "
        "and simple averages. A recommender is only useful when it beats them: the project's documentation "
        "reports how this list compares with each.";
    const char* votes_help = "Skip obscure movies that too few people rated to describe well.";
    // Phone: each label above its full-width control, its help mark beside the label (the opened text below it).
    if (ui.phone) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("List from");
        ImGui::SameLine();
        help_mark(ui, "source", list_help);
    }
    ImGui::SetNextItemWidth(ui.phone ? -1.0f : 340 * ui.scale);
    if (ImGui::BeginCombo(ui.phone ? "##List from" : "List from", rec_source_label(cur))) {
        for (const RecSource s : kRecSourceOrder)
            if (ImGui::Selectable(rec_source_label(s), s == cur)) app.set_rec_source(s);
        ImGui::EndCombo();
    }
    probe::item("source");
    if (!ui.phone) {
        ImGui::SameLine();
        help_mark(ui, "source", list_help);
    }
    // The watchlist is ranked whole: the person chose its films, however few community ratings they have.
    if (app.list_scope() == ListScope::Watchlist) return;
    int min_votes = static_cast<int>(app.person().settings.min_votes);
    if (ui.phone) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Minimum community ratings");
        ImGui::SameLine();
        help_mark(ui, "min-votes", votes_help);
    }
    ImGui::SetNextItemWidth(ui.phone ? -1.0f : 200 * ui.scale);
    if (ImGui::SliderInt(ui.phone ? "##Minimum community ratings" : "Minimum community ratings", &min_votes, 1, 100, "%d",
                         ImGuiSliderFlags_AlwaysClamp))
        app.set_min_votes(static_cast<uint32_t>(min_votes));
    if (!ui.phone) {
        ImGui::SameLine();
        help_mark(ui, "min-votes", votes_help);
    }
}

void compact_list(Ui& ui) {
    AppState& app = *ui.app;
    const auto& recs = app.recommendations();
    ImGui::TextUnformatted(app.list_scope() == ListScope::Watchlist ? "From your watchlist" : "Recommended for you");
    if (app.person().settings.rec_source != RecSource::Blend) dim_text(rec_source_label(app.person().settings.rec_source));
    if (app.person().ratings.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        dim_text("Rate a few movies: until then this list knows nothing about you.");
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
    const float right = ImGui::GetContentRegionAvail().x;
    int k = 0;
    for (const auto& r : recs) {
        if (++k > 10) break;
        char pred[16];
        std::snprintf(pred, sizeof pred, "%.2f", r.stars);
        const float pw = ImGui::CalcTextSize(pred).x;
        ImGui::PushTextWrapPos(right - pw - ImGui::GetStyle().ItemSpacing.x);
        ImGui::Text("%d. %s", k, app.view().title(r.item).c_str());
        ImGui::PopTextWrapPos();
        probe::item("side:" + std::to_string(app.dataset().items[r.item].id));
        title_links(ui, r.item, "side:" + std::to_string(app.dataset().items[r.item].id));
        ImGui::SameLine(right - pw + ImGui::GetStyle().WindowPadding.x);
        ImGui::TextUnformatted(pred);
        // The strongest film the person liked behind it (never one they rated low), as on the full page.
        const PlainReason plain = plain_reason(app, r, app.person().settings.rec_source, 1);
        if (!plain.cited.empty()) dim_text(fit_text("   because you liked " + app.view().title(plain.cited.front()), right));
    }
    ImGui::Spacing();
    if (ImGui::Button("All recommendations and why")) ui.page = Page::Recs;
}

// Phone: one column, each movie as lines that wrap (rank and title, predicted stars, why, the rating controls); the
// page scrolls, not the table.
void phone_list(Ui& ui, const std::vector<Recommendation>& recs, bool wnn, const char* tag = "rec") {
    AppState& app = *ui.app;
    if (!ImGui::BeginTable(tag, 1, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("Movie", ImGuiTableColumnFlags_WidthStretch);
    int rank = 0;
    for (const auto& r : with_rated_row(ui, recs, tag)) {
        if (list_row(ui, r.item, tag)) continue;
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text("%d. %s", ++rank, app.view().title(r.item).c_str());
        const std::string key = std::string(tag) + ":" + std::to_string(app.dataset().items[r.item].id);
        probe::item(key + ":title");
        title_links(ui, r.item, key);
        star_display(ui, r.stars);
        if (wnn) {
            // The reason in words; a finger cannot hover, so "How?" opens the technical detail in place.
            const PlainReason plain = plain_reason(app, r, app.person().settings.rec_source, 2);
            dim_text(plain.text.empty() ? "Rate a few movies: until then nothing of yours points anywhere." : plain.text);
            probe::item("why:" + std::to_string(app.dataset().items[r.item].id));
            const std::string detail = technical_detail(app, r, wnn);
            if (!detail.empty()) {
                const bool open = ui.detail_item == static_cast<int64_t>(r.item);
                ImGui::PushID(static_cast<int>(r.item));
                if (ImGui::SmallButton(open ? "Hide how" : "How?")) ui.detail_item = open ? -1 : static_cast<int64_t>(r.item);
                ImGui::PopID();
                probe::item("how:" + std::to_string(app.dataset().items[r.item].id));
                if (open) dim_text(detail);
            }
        }
        ImGui::PopTextWrapPos();
        rating_controls(ui, r.item, tag);
        watchlist_button_after(ui, r.item, tag);
        end_list_row(ui, r.item, tag);
    }
    ImGui::EndTable();
}

// Films newer than the community's ratings: no list can place them, so they are their own section, ranked by how well
// their genres match the person's ratings (genre-fav: what ranked such films best, docs/RESULTS.md), and labelled so.
constexpr const char* kNewFilmsHeading = "New since 2018, without community ratings: matched on genres and years only";

float new_films_height(Ui& ui) {
    const size_t n = ui.app->new_films().size();
    if (n == 0) return 0;
    const float header = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
    if (!ui.new_films_open) return header;
    const float row = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    return header + row * static_cast<float>(n) + 2 * ImGui::GetTextLineHeightWithSpacing();
}

void new_films_section(Ui& ui) {
    AppState& app = *ui.app;
    const auto& films = app.new_films();
    if (films.empty()) return;
    ImGui::Spacing();
    // Folded away with one click: the list above is the product, this is a guess on far less.
    ImGui::SetNextItemOpen(ui.new_films_open);
    ui.new_films_open = ImGui::CollapsingHeader(ui.phone ? "New since 2018: on genres and years only" : kNewFilmsHeading);
    probe::item("new-films");
    if (!ui.new_films_open) return;
    ImGui::PushTextWrapPos(0.0f);
    dim_text("Nobody in the community had rated these by 2018, so only their genres and year are known: ordered by "
             "how well their genres match what you rate highly, with your network's guess beside them. Measured, such "
             "guesses find far fewer of the films people go on to rate than the list above.");
    ImGui::PopTextWrapPos();
    if (ui.phone) {
        phone_list(ui, films, false, "new");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##new", 4, flags)) return;
    // One line per film: the title gets the room (cut in the middle only when it must), the genres what is left.
    ImGui::TableSetupColumn("Movie", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Your network guesses", ImGuiTableColumnFlags_WidthFixed, 170 * ui.scale);
    ImGui::TableSetupColumn("Genres", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Seen it? Rate it", ImGuiTableColumnFlags_WidthFixed, 260 * ui.scale);
    for (const auto& r : with_rated_row(ui, films, "new")) {
        if (list_row(ui, r.item, "new")) continue;
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        movie_title(ui, r.item, "new");
        probe::item("new:" + std::to_string(app.dataset().items[r.item].id));
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        star_display(ui, r.stars);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        // The genres leave room for the watchlist button at the cell's end (the actions column holds the rating's).
        const float wb = watchlist_button_width(ui, r.item, "new");
        const float room = ImGui::GetContentRegionAvail().x - (wb > 0 ? wb + ImGui::GetStyle().ItemSpacing.x : 0.0f);
        dim_text(fit_text(app.view().genre_text(r.item), room));
        if (wb > 0) {
            ImGui::SameLine();
            watchlist_button(ui, r.item, "new");
        }
        ImGui::TableNextColumn();
        rating_controls(ui, r.item, "new");
        end_list_row(ui, r.item, "new");
    }
    ImGui::EndTable();
}

// Desktop: the list as a table that scrolls in `height`: rank and title, the network's guess, the reason in words
// (the technical detail on hover), the rating controls and the watchlist button. `tag` names the rows for the tests:
// "rec" for the list, "wl" for the watchlist view.
void desktop_list(Ui& ui, const std::vector<Recommendation>& recs, bool wnn, const char* tag, float height) {
    AppState& app = *ui.app;
    const RecSource src = app.person().settings.rec_source;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##recs", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Movie", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Your network guesses", ImGuiTableColumnFlags_WidthFixed, 170 * ui.scale);
    ImGui::TableSetupColumn(wnn ? "Why" : "Why (your list explains itself)", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Seen it? Rate it", ImGuiTableColumnFlags_WidthFixed, 260 * ui.scale);
    ImGui::TableHeadersRow();
    int rank = 0;
    for (const auto& r : with_rated_row(ui, recs, tag)) {
        if (list_row(ui, r.item, tag)) continue;
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%2d.", ++rank);
        ImGui::SameLine();
        const float title_x = ImGui::GetCursorPosX();
        movie_title(ui, r.item, tag, true);
        // Below the title: the rows are as tall as their reason, so the button costs no height there.
        if (watchlist_button_width(ui, r.item, tag) > 0) {
            ImGui::SetCursorPosX(title_x);
            watchlist_button(ui, r.item, tag);
        }
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        star_display(ui, r.stars);
        ImGui::TableNextColumn();
        // The reason in words, wrapped in its column; hovering shows how the list model got there (bits, cells,
        // weights, and the features that lift the predicted stars): the technical detail one step away.
        ImGui::BeginGroup();
        const PlainReason plain = plain_reason(app, r, src, 2);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        if (!plain.text.empty()) ImGui::TextUnformatted(plain.text.c_str());
        else if (wnn) dim_text("Rate a few movies: until then nothing of yours points anywhere.");
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const std::string detail = technical_detail(app, r, wnn);
        if (!detail.empty()) {
            ImGui::SetItemTooltip("How your list got there:\n%s", detail.c_str());
            probe::item("why:" + std::to_string(app.dataset().items[r.item].id));
        }
        ImGui::TableNextColumn();
        rating_controls(ui, r.item, tag);
        end_list_row(ui, r.item, tag);
    }
    ImGui::EndTable();
}

}  // namespace

void draw_recs(Ui& ui, bool compact) {
    if (compact) {
        compact_list(ui);
        return;
    }
    AppState& app = *ui.app;
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Recommendations");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    if (ui.phone)  // the list needs the height: the short form of the explanation below
        dim_text("The movies your list ranks highest for you, the stars your network guesses you would give, and why.");
    else
        // A list that ranks by relevance puts a lower guess above a higher one now and then: said, so it reads as meant.
        dim_text(std::string(rec_source_is_rating(app.person().settings.rec_source)
                                 ? "Movies you have not rated, ranked by the rating this list predicts. "
                                 : "Movies you have not rated, ranked by how likely you are to watch and like them (so a "
                                   "lower guess can rank higher). ") +
                 "Beside each: the stars your own network guesses you would give it (not a rating of yours), and why "
                 "it is here, from the films you liked. Hover a reason to see how your list weighed it.");
    ImGui::PopTextWrapPos();
    list_scope_switch(ui);
    if (!ui.phone) controls(ui);
    list_filter_controls(ui, ui.phone ? controls : nullptr);  // a phone: inside the filter's section
    const bool watchlist = app.list_scope() == ListScope::Watchlist;
    const auto& recs = app.recommendations();
    const RecSource src = app.person().settings.rec_source;
    const bool wnn = src == RecSource::Wnn || src == RecSource::Blend || src == RecSource::Ease;  // lists that explain themselves
    if (watchlist) {
        watchlist_undo_bar(ui);
        if (!watchlist_view_intro(ui)) {
            if (!app.person().watchlist.empty()) watchlist_export_buttons(ui);  // all filtered out: still exportable
            return;
        }
    } else {
        undo_hidden_bar(ui);
        if (recs.empty()) {
            dim_text(app.list_filter().restricts()
                         ? "No movie you have not rated passes this filter. Clear it, or lower the minimum number of community ratings."
                         : "No movie passes the filter. Lower the minimum number of community ratings.");
            new_films_section(ui);
            return;
        }
    }
    if (ui.phone) {
        phone_list(ui, recs, wnn, watchlist ? "wl" : "rec");
        show_more_button(ui);
        if (!watchlist) new_films_section(ui);
        return;
    }
    // The list scrolls in what the new films' section leaves, and keeps at least 60 % of the height: it is the product.
    const float avail = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();  // "show more" below
    desktop_list(ui, recs, wnn, watchlist ? "wl" : "rec", watchlist ? avail : std::max(0.6f * avail, avail - new_films_height(ui)));
    show_more_button(ui);
    if (!watchlist) new_films_section(ui);
}

}  // namespace wl::app
