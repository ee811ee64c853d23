// Data & privacy: what is stored and where, "forget everything", the catalogue's credits and the shortcuts.
#include <imgui.h>

#include "debug_probe.hpp"
#include "platform.hpp"
#include "ui.hpp"
#include "ui_widgets.hpp"

namespace wl::app {

void draw_data(Ui& ui) {
    AppState& app = *ui.app;
    ImGui::PushFont(ui.fonts.heading);
    ImGui::TextUnformatted("Data & privacy");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Everything stays in this tab: nothing is sent anywhere. The catalogue, the network and "
                           "every computation run inside this page; there is no server, no account and no tracking.");
    ImGui::Spacing();
    ImGui::SeparatorText("What is kept, and where");
    const size_t nr = app.person().ratings.size(), nu = app.person().unseen.size();
    ImGui::Text("%zu rating%s, %zu movie%s marked not seen, your settings.", nr, nr == 1 ? "" : "s", nu,
                nu == 1 ? "" : "s");
    if (!ui.storage_note.empty()) {
        ImGui::TextUnformatted(ui.storage_note.c_str());
    } else {
        ImGui::TextUnformatted("They are saved after every change in this browser's own storage for this site "
                               "(IndexedDB), as one small file written atomically.");
        ImGui::Text("Saved file: %s.", ui.saved->saved_bytes() ? human_bytes(ui.saved->saved_bytes()).c_str() : "none yet");
    }
    ImGui::TextUnformatted("Your network itself is not stored: it is rebuilt from your ratings when the page opens.");
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
    ImGui::SeparatorText("The catalogue");
    const Dataset& ds = app.dataset();
    ImGui::Text("MovieLens %s: %zu movies, %zu ratings by %zu people, %zu genres.", ds.name.c_str(), ds.num_items(),
                ds.ratings.size(), ds.num_users(), ds.genre_names.size());
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
