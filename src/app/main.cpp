// The app's entry point: GLFW window + Dear ImGui (WebGL2 / OpenGL 3), the frame loop, the start-up stages
// (restore the saved folder, load the catalogue and fit the models, then run), saving after each change, and the
// debug snapshot for tests. Platform differences live in platform_*.cpp.
#include <GLFW/glfw3.h>
#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "app/logic/app_state.hpp"
#include "weightless/model/item_model.hpp"
#include "app/ui/debug_json.hpp"
#include "app/ui/debug_probe.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/touch.hpp"
#include "app/logic/persist.hpp"
#include "app/platform/platform.hpp"
#include "app/ui/ui.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app {
namespace {

enum class Stage { Restoring, Loading, Ready, Failed };

struct Main {
    GLFWwindow* window = nullptr;
    double fonts_dpr = 0;
    Stage stage = Stage::Restoring;
    uint64_t frame = 0, stage_frame = 0;
    bool was_busy = false;
    Timings times;
    std::unique_ptr<AppState> app;
    std::unique_ptr<SavedState> saved;
    Ui ui;
    std::string last_json;
};
Main* g = nullptr;

// Reads the catalogue, restores the person's file and fits every model (the slow part of start-up).
void load() {
    try {
        const std::string data = platform::dataset_path();
        const Dataset ds = unpack_dataset(read_file_bytes(data), "the embedded catalogue");
        // The public item model ships beside the catalogue (scripts/make-embedded.sh writes both).
        ItemNeighbours public_items = load_item_neighbours(read_file_bytes(platform::items_path()), ds);
        g->saved = std::make_unique<SavedState>(platform::persist_dir());
        PersonState person;
        g->saved->load(ds, person);  // a damaged file: fresh person, saving paused, the banner explains
        g->app = std::make_unique<AppState>(ds, std::move(person), std::move(public_items));
        g->saved->start(*g->app);
        // The title index a history import matches against (every title folded and sorted: about a tenth of a second
        // in the browser) is built here, while the page says it is preparing, not in an import's frame.
        g->ui.history_index = std::make_unique<HistoryIndex>(g->app->dataset());
        g->ui.app = g->app.get();
        g->ui.saved = g->saved.get();
        g->stage = Stage::Ready;
        g->stage_frame = 0;
        g->times.ready_ms = platform::now_ms();
    } catch (const std::exception& e) {
        g->stage = Stage::Failed;
        g->ui.storage_note = std::string("The app could not start: ") + e.what();
    }
}

void step_stages() {
    ++g->stage_frame;
    if (g->stage == Stage::Restoring && platform::persist_state() != platform::PersistState::Restoring) {
        if (platform::persist_state() == platform::PersistState::Unavailable)
            g->ui.storage_note = "This browser does not let the page keep data (" + platform::persist_error() +
                                 "): your ratings last until the tab closes. Use Your data > Export to keep them in "
                                 "a file, and Import it next time.";
        g->stage = Stage::Loading;
        g->stage_frame = 0;
    } else if (g->stage == Stage::Loading && g->stage_frame >= 2) {
        load();  // after a drawn frame that says what is happening
    }
    if (g->stage != Stage::Ready && g->stage != Stage::Failed && g->ui.storage_note.empty())
        g->ui.storage_note = "Preparing the catalogue and your network…";
    else if (g->stage == Stage::Ready && g->ui.storage_note == "Preparing the catalogue and your network…")
        g->ui.storage_note.clear();
}

// The lab works between frames within a time budget, and its frame pacing is recorded. 4 ms keeps most frames
// within one 60 Hz vsync slot even in a software renderer (headless Chromium on two shared cores draws the idle page
// at 60 fps); a frame that misses its slot waits for the next one, so the rate halves.
constexpr double kLabBudgetMs = 4.0;
void step_lab() {
    LabJob* lab = g->ui.lab.get();
    if (!lab || lab->state() != LabJob::State::Running) return;
    const double now = platform::now_ms();
    LabFrames& f = g->ui.lab_frames;
    f.worst_ms = std::max(f.worst_ms, now - f.last_ms);
    f.last_ms = f.end_ms = now;
    ++f.frames;
    lab->step(kLabBudgetMs);
}

// An imported history is learned in slices of the same budget, so a long file never freezes the page.
void step_import() {
    Ui& ui = g->ui;
    if (!ui.import_job || ui.import_job->done() || !ui.app) return;
    if (ui.import_job->step(*ui.app, kLabBudgetMs)) finish_import(ui, platform::now_ms());
}

#ifdef __EMSCRIPTEN__
// The mouse wheel, from the canvas. ImGui's GLFW backend listens on the document and cancels the event, but Chromium
// treats a document's wheel listeners as passive: each turn of the wheel logged "Unable to preventDefault inside
// passive event listener". On the canvas the listener may cancel (the page itself never scrolls). The step sizes are
// the backend's (ImGui_ImplEmscripten_WheelCallback, which is file-local there).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
    float step = 1.0f / 100.0f;                                   // pixels: 100 make a step
    if (ev->deltaMode == DOM_DELTA_LINE) step = 1.0f / 3.0f;      // lines: 3 make a step
    else if (ev->deltaMode == DOM_DELTA_PAGE) step = 80.0f;       // a page: 80 steps
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-ev->deltaX) * step, static_cast<float>(-ev->deltaY) * step);
    return EM_TRUE;
}
#endif

// Text that did not come through GLFW's key events (soft keyboards, IME, paste) goes to ImGui as typed characters.
void feed_text_input() {
    std::string text;
    if (!platform::take_text_input(text)) return;
    ImGuiIO& io = ImGui::GetIO();
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\b' && text[i] != '\x1b') continue;
        if (i > start) io.AddInputCharactersUTF8(text.substr(start, i - start).c_str());
        if (i < text.size() && text[i] == '\b') {
            io.AddKeyEvent(ImGuiKey_Backspace, true);
            io.AddKeyEvent(ImGuiKey_Backspace, false);
        } else if (i < text.size()) {
            ImGui::ClearActiveID();  // the hidden input lost focus by the person's hand: the text field closes too
        }
        start = i + 1;
    }
}

// A part of the snapshot read by a test between frames (platform::DebugHooks). A failure must not throw into
// JavaScript: the getter reads null.
std::string debug_part(std::string (*part)(Ui&)) {
    try {
        return g ? part(g->ui) : "null";
    } catch (const std::exception&) {
        return "null";
    }
}

void frame() {
    glfwPollEvents();
    feed_text_input();
    if (g->stage == Stage::Ready) poll_outside(g->ui);
    // Idle and settled: keep the last picture (tooltips and highlights settle within two seconds).
    const bool lab_running = g->ui.lab && g->ui.lab->state() == LabJob::State::Running;
    const bool import_running = g->ui.import_job && !g->ui.import_job->done();
    // A history file just read (history_scroll until its preview is drawn): reading a long one takes longer than
    // the input window below, and an idle page would not show the preview until the mouse moved.
    const bool busy = platform::persist_busy() || lab_running || import_running || g->ui.history_scroll;
    // Ten drawn frames after the catalogue is ready before the page may idle: an auto-sized window (the welcome) shows
    // from its second frame, and a load that took longer than the idle delay left the page on the first one.
    const bool settled = g->stage == Stage::Ready && g->stage_frame > 10 && !busy && !g->was_busy;
    g->was_busy = busy;  // one more frame after saving ends, to show it
    if (settled && !platform::input_within(2000.0)) {
        platform::publish_debug({}, ++g->frame);
        return;
    }
    const platform::Surface s = platform::update_surface(g->window);
    if (s.dpr != g->fonts_dpr) {
        g->fonts_dpr = s.dpr;
        g->ui.scale = static_cast<float>(s.dpr);
        g->ui.fonts = build_fonts_and_style(platform::font_path(), g->ui.scale);
        ImGui_ImplOpenGL3_DestroyDeviceObjects();  // recreated with the new font texture by NewFrame
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // ImGui works in device pixels (mouse positions arrive in canvas pixels), so text is rasterised sharp.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(s.fb_w), static_cast<float>(s.fb_h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    g->ui.phone = s.css_w < kPhoneWidth;
    g->ui.touch = platform::touch_input();
    g->ui.text_fields.clear();
    g->ui.pick_buttons.clear();
    probe::begin_frame(s.dpr);
    ImGui::NewFrame();
    step_stages();
    try {
        draw_ui(g->ui);
    } catch (const std::exception& e) {
        // A failed action must not stop the page: close what the exception left open and say what happened.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        g->ui.action_error = std::string("Something went wrong: ") + e.what();
    }
    touch_scroll(g->ui);
    {
        // The hidden DOM input follows ImGui's text focus (phones open their keyboard for it).
        const ImGuiPlatformImeData& ime = ImGui::GetCurrentContext()->PlatformImeData;
        const float k = static_cast<float>(s.dpr);
        platform::text_input_sync(io.WantTextInput, ime.InputPos.x / k, ime.InputPos.y / k, ime.InputLineHeight / k);
        for (float& v : g->ui.text_fields) v /= k;
        for (float& v : g->ui.pick_buttons) v /= k;
        platform::set_text_fields(g->ui.text_fields);
        platform::set_pick_buttons(g->ui.pick_buttons);
    }
    ImGui::Render();
    glViewport(0, 0, s.fb_w, s.fb_h);
    glClearColor(0.105f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(g->window);
    step_lab();
    step_import();
    // Ask the browser to keep the person's data once there is something to keep (Data & privacy shows the answer).
    if (g->app && !g->app->person().ratings.empty()) platform::request_durable_storage();

    if (g->frame == 0) {
        g->times.first_frame_ms = platform::now_ms();
        platform::first_frame_drawn();
    }
    if (g->app && g->saved->revision_behind(g->app->revision())) platform::persist_flush();
    std::string json = debug_json(g->ui, s, g->times, g->stage == Stage::Ready ? "ready" : g->stage == Stage::Failed ? "failed" : "loading");
    if (json == g->last_json) json.clear();
    else g->last_json = json;
    platform::publish_debug(json, ++g->frame);
}

}  // namespace
}  // namespace wl::app

int main() {
    using namespace wl::app;
    // A save cycle (platform.hpp): merge this tab's changes with the stored folder, write, learn whether it stuck.
    platform::set_persist_hooks({[] { return g && g->app && g->saved->sync(*g->app); },
                                 [](bool durable) {
                                     if (g && g->saved) g->saved->pushed(durable, platform::persist_error());
                                 }});
    platform::set_debug_hooks({[] { return debug_part(debug_recs_json); }, [] { return debug_part(debug_pred_hash_json); }});
    platform::persist_begin();
    if (!glfwInit()) {
        std::fprintf(stderr, "weightless: GLFW could not start\n");
        return 1;
    }
#ifdef __EMSCRIPTEN__
    const char* glsl = "#version 300 es";
#else
    const char* glsl = "#version 130";
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#endif
    // ImGui draws flat triangles: no depth or stencil buffer, and an opaque canvas (no alpha for the page
    // compositor to blend). In software renderers every buffer costs time each frame.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Weightless", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "weightless: no OpenGL window\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no layout file: nothing is written besides the person's own file
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
#ifdef __EMSCRIPTEN__
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);  // the backend's, removed
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    // Emscripten 3.1.6's GLFW clipboard is an empty stub: copying goes to navigator.clipboard, and pasting arrives as
    // text from the DOM paste event (platform::take_text_input), so ImGui's own paste finds nothing to insert.
    io.SetClipboardTextFn = [](void*, const char* text) { platform::copy_text(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
#endif
    ImGui_ImplOpenGL3_Init(glsl);
    g = new Main();  // lives as long as the page
    g->window = window;
    platform::run_main_loop(window, frame);
    return 0;
}
