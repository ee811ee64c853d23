// Data & privacy: what is stored and where, export / import, the share link, "forget everything", the
// catalogue's credits and the shortcuts. Also what arrives from outside a frame (a picked file, a link's fragment).
#include <imgui.h>
#include <imgui_stdlib.h>
#include <algorithm>

#include "app/logic/exchange.hpp"
#include "debug_probe.hpp"
#include "touch.hpp"
#include "app/platform/platform.hpp"
#include "ui.hpp"
#include "widgets.hpp"

namespace wl::app {

namespace {

void say(Ui& ui, std::string msg, bool bad) {
    ui.data_message = std::move(msg);
    ui.data_message_bad = bad;
}

void export_now(Ui& ui) {
    AppState& app = *ui.app;
    try {
        const auto bytes = export_file(app.person(), app.dataset(), app.wnn());
        const std::string err = platform::download_file("weightless-export.weightless", bytes);
        if (err.empty()) say(ui, "Exported " + std::to_string(app.person().ratings.size()) + " ratings, your settings and "
                                 "your network (" + human_bytes(bytes.size()) + ") as weightless-export.weightless.", false);
        else say(ui, "Export failed: " + err, true);
    } catch (const std::exception& e) {
        say(ui, std::string("Export failed: ") + e.what(), true);
    }
}

void make_share_link(Ui& ui) {
    AppState& app = *ui.app;
    ui.share_link = platform::page_url() + "#r=" + encode_share(app.person(), app.dataset());
    ui.share_copied = platform::copy_text(ui.share_link);
}

}  // namespace

void poll_outside(Ui& ui) {
    if (!ui.app) return;
    AppState& app = *ui.app;
    std::vector<uint8_t> bytes;
    std::string name, error;
    const int got = platform::take_picked_file(bytes, name, error);
    if (got == 2) say(ui, "Not imported (" + name + "): " + error + ". Nothing was changed.", true);
    if (got == 1 && !(bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, "WLEX"))) {
        read_history_file(ui, bytes, name);  // not a Weightless export: a rating history from another site
    } else if (got == 1) {
        try {
            Imported im = import_file(bytes, app.dataset());
            const size_t n = im.person.ratings.size();
            app.replace_person(std::move(im.person), im.model.get());
            say(ui, "Imported " + std::to_string(n) + " ratings, the settings and the network from " + name + ".", false);
        } catch (const std::exception& e) {
            say(ui, "Not imported (" + name + "): " + e.what() + ". Nothing was changed.", true);
        }
    }
    std::string frag;
    if (platform::take_fragment(frag) && !frag.empty() && frag != "#") {
        platform::clear_fragment();  // the link is read once: a reload does not ask again
        ui.share_prompt = false;
        ui.share_pending.clear();
        try {
            const auto code = share_code_of_fragment(frag);
            if (!code) throw FormatError("this address does not hold a Weightless share link (no r=)");
            ui.share_pending = decode_share(*code, app.dataset(), platform::unix_seconds());
            ui.share_prompt = true;
            ui.share_error.clear();
        } catch (const std::exception& e) {
            ui.share_error = std::string("The link you opened could not be read: ") + e.what() +
                             ". Nothing was changed.";
        }
    }
}

void draw_share_prompt(Ui& ui) {
    if (!ui.share_prompt) return;
    AppState& app = *ui.app;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.13f, 0.25f, 0.42f, 1));
    ImGui::BeginChild("##share", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushTextWrapPos(0.0f);
    const size_t mine = app.person().ratings.size();
    ImGui::Text("This link holds someone's %zu movie ratings. Load them to see what a network trained on them "
                "recommends (it is trained here, in this tab), or keep your own %zu ratings.",
                ui.share_pending.size(), mine);
    ImGui::PopTextWrapPos();
    if (ImGui::Button(mine ? "Load the shared ratings (replaces yours)" : "Load the shared ratings")) {
        PersonState p = app.person();
        p.ratings = ui.share_pending.ratings;
        p.aside = ui.share_pending.aside;
        p.settings.welcome_done = true;
        app.replace_person(std::move(p), nullptr);
        ui.share_prompt = false;
        ui.share_pending.clear();
        ui.page = Page::Recs;
    }
    probe::item("share:load");
    ImGui::SameLine();
    if (ImGui::Button("Keep my own ratings")) {
        ui.share_prompt = false;
        ui.share_pending.clear();
    }
    probe::item("share:keep");
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_data(Ui& ui) {
    AppState& app = *ui.app;
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Data & privacy");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Everything stays in this tab: nothing is sent anywhere. The catalogue, the network and "
                           "every computation run inside this page; there is no server, no account and no tracking. "
                           "Your browser holds the page to it: the page's security policy (Content-Security-Policy) "
                           "lets it connect to no address but the one it came from.");
    ImGui::Spacing();
    ImGui::SeparatorText("What is kept, and where");
    const size_t nr = app.person().ratings.size(), nu = app.person().unseen.size();
    const size_t ns = app.person().seen.size() + app.person().seen_aside.size();
    const size_t nw = app.person().watchlist.size() + app.person().watchlist_aside.size();
    ImGui::Text("%zu rating%s, %zu movie%s marked not seen, %zu film%s you have seen (from an imported watched list: "
                "your list leaves them out), %zu on your watchlist, your settings.", nr, nr == 1 ? "" : "s", nu,
                nu == 1 ? "" : "s", ns, ns == 1 ? "" : "s", nw);
    probe::item("data:kept");
    if (const size_t nh = app.person().hidden.size()) {
        ImGui::Text("%zu film%s you are not interested in (\"Not interested\" on your list: it leaves them out).", nh,
                    nh == 1 ? "" : "s");
        same_line_if_fits(ImGui::CalcTextSize("Show them again").x + 2 * ImGui::GetStyle().FramePadding.x);
        if (ImGui::SmallButton("Show them again")) {
            const std::set<uint32_t> hidden = app.person().hidden;
            for (uint32_t item : hidden) app.set_hidden(item, false);
        }
        probe::item("data:unhide");
    }
    // Ratings a file from another catalogue held for movies this one lacks: kept (saved, exported, shared) and named.
    const auto& aside = app.person().aside;
    if (!aside.empty() || !app.person().unseen_aside.empty()) {
        std::string ids;
        for (const auto& [id, r] : aside) {
            if (ids.size() > 200) {
                ids += ", …";
                break;
            }
            char stars[16];
            std::snprintf(stars, sizeof stars, "%.1f", r.half_stars * 0.5);
            ids += (ids.empty() ? "" : ", ") + std::to_string(id) + " (" + stars + "★)";
        }
        ImGui::TextWrapped("Kept aside: %zu rating%s and %zu not-seen mark%s of movies this catalogue does not have "
                           "(MovieLens ids %s). They are saved and exported with the rest, and come back if a later "
                           "catalogue has those movies.",
                           aside.size(), aside.size() == 1 ? "" : "s", app.person().unseen_aside.size(),
                           app.person().unseen_aside.size() == 1 ? "" : "s", ids.empty() ? "none" : ids.c_str());
        probe::item("aside");
    }
    if (!ui.storage_note.empty()) {
        ImGui::TextUnformatted(ui.storage_note.c_str());
    } else {
        ImGui::TextUnformatted("They are saved after every change in this browser's own storage for this site "
                               "(IndexedDB), as one small file written atomically.");
        ImGui::Text("Saved file: %s.", ui.saved->saved_bytes() ? human_bytes(ui.saved->saved_bytes()).c_str() : "none yet");
    }
    ImGui::TextUnformatted("Your network itself is not stored: it is rebuilt from your ratings when the page opens.");
    switch (platform::durable_storage()) {
        case platform::Durable::NotAsked: ImGui::TextUnformatted("Persistent storage: asked of the browser after your first rating."); break;
        case platform::Durable::Asking: ImGui::TextUnformatted("Persistent storage: asking the browser…"); break;
        case platform::Durable::Granted: ImGui::TextUnformatted("Persistent storage: granted. The browser will not clear this site's data to free space."); break;
        case platform::Durable::Refused:
            ImGui::TextUnformatted("Persistent storage: not granted. The browser may clear this site's data when space runs low; "
                                   "an export keeps a copy.");
            break;
        case platform::Durable::Unavailable: ImGui::TextUnformatted("Persistent storage: this browser cannot promise it; an export keeps a copy."); break;
    }
    probe::item("durable");
    if (const std::string off = platform::offline_state(); !off.empty()) {
        ImGui::TextUnformatted(off.c_str());
        probe::item("offline");
    }
    ImGui::Spacing();
    ImGui::SeparatorText("Export and import");
    ImGui::TextUnformatted("A file with your ratings, your settings and your network (versioned and checksummed), "
                           "made in this tab and saved by your browser. Importing one replaces what is here; a "
                           "damaged or foreign file changes nothing.");
    if (ImGui::Button("Export to a file")) export_now(ui);
    probe::item("export");
    ImGui::SameLine();
    if (ImGui::Button("Import a file…")) platform::pick_file();
    probe::item("import");
    note_pick_button(ui);
    if (!ui.data_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui.data_message_bad ? ImVec4(1, 0.45f, 0.4f, 1) : ImVec4(0.55f, 0.85f, 0.55f, 1));
        ImGui::TextUnformatted(ui.data_message.c_str());
        ImGui::PopStyleColor();
        probe::item("data:message");
    }
    ImGui::Spacing();
    ImGui::SeparatorText("Share");
    ImGui::TextUnformatted("A link whose address holds your ratings (after the #, which browsers never send to a "
                           "server). Whoever opens it chooses whether to load them; their tab trains the same "
                           "network from them.");
    if (ImGui::Button("Copy share link")) make_share_link(ui);
    probe::item("share");
    if (!ui.share_link.empty()) {
        ImGui::SameLine();
        dim_text(ui.share_copied ? "Copied (if the browser allowed it); also here to select:" : "Select and copy it here:");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##link", &ui.share_link, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
        probe::item("share:link");
    }
    ImGui::Spacing();
    ImGui::SeparatorText("Forget everything");
    ImGui::TextUnformatted("Erases your ratings, your not-seen marks and your settings from this browser, and "
                           "your network unlearns every rating.");
    if (!ui.confirm_forget) {
        if (ImGui::Button("Forget everything")) ui.confirm_forget = true;
        probe::item("forget");
    } else {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.6f, 0.16f, 0.16f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.75f, 0.2f, 0.2f, 1));
        if (ImGui::Button("Yes, erase it all")) {
            app.forget_everything();
            ui.saved->erase();  // nothing stays stored: not even an empty state
            ui.saved->mark_saved(app.revision());
            platform::persist_flush();
            ui.confirm_forget = false;
            ui.page = Page::Rate;
        }
        probe::item("forget:confirm");
        ImGui::PopStyleColor(2);
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ui.confirm_forget = false;
        probe::item("forget:cancel");
    }
    ImGui::Spacing();
    draw_history(ui);
    ImGui::Spacing();
    ImGui::SeparatorText("The catalogue");
    const Dataset& ds = app.dataset();
    ImGui::TextWrapped("MovieLens %s (July 2023): %s. Community ratings: %zu by %zu people (ml-latest-small, 2018). "
                       "%zu genres.", ds.name.c_str(), app.view().describe().c_str(), ds.ratings.size(), ds.num_users(),
                       ds.genre_names.size());
    dim_text("F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context. ACM "
             "Transactions on Interactive Intelligent Systems 5, 4: 19:1-19:19. Used under the GroupLens licence.");
    ImGui::Text("Models fitted on it in %.0f ms when the page opened.", app.fit_ms());
    ImGui::Spacing();
    ImGui::SeparatorText("Keyboard");
    ImGui::TextUnformatted("/ or Ctrl+F: search.  Tab and arrow keys: move between controls, Space or Enter: "
                           "press.  On focused stars: 1-5 rate, Shift+1-5 half a star less, Delete removes.");
    ImGui::PopTextWrapPos();
}

}  // namespace wl::app
