// The desktop side of platform.hpp (GLFW window, files under $XDG_DATA_HOME/weightless): for working on the UI
// without a browser. Durable storage is the file system itself, so flushing is immediate.
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "app/platform/platform.hpp"
#include "weightless/util/bytes.hpp"

namespace wl::app::platform {

namespace {
const auto kStart = std::chrono::steady_clock::now();
}

// The native build reads the catalogue and the font where CMake found them.
std::string dataset_path() { return WL_APP_DATASET; }
std::string items_path() { return WL_APP_ITEMS; }
std::string community_path() { return WL_APP_COMMUNITY; }
std::string font_path() { return WL_APP_FONT; }

std::string persist_dir() {
    if (const char* x = std::getenv("WEIGHTLESS_STATE_DIR"); x && *x) return x;
    std::filesystem::path base = ".";
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = std::filesystem::path(h) / ".local" / "share";
    return (base / "weightless").string();
}

void persist_begin() {
    std::error_code ec;
    std::filesystem::create_directories(persist_dir(), ec);
}
PersistState persist_state() { return PersistState::Ready; }
std::string persist_error() { return {}; }
namespace {
PersistHooks g_hooks;
}  // namespace
void set_persist_hooks(PersistHooks hooks) { g_hooks = hooks; }
// The folder is the durable copy and only this process writes it: merge, and the write is durable at once.
void persist_flush() {
    if (g_hooks.merge && g_hooks.merge() && g_hooks.pushed) g_hooks.pushed(true);
}
bool persist_busy() { return false; }

Surface update_surface(GLFWwindow* window) {
    Surface s;
    glfwGetWindowSize(window, &s.css_w, &s.css_h);
    glfwGetFramebufferSize(window, &s.fb_w, &s.fb_h);
    s.dpr = s.css_w > 0 ? static_cast<double>(s.fb_w) / s.css_w : 1.0;
    return s;
}

double now_ms() { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart).count(); }
int64_t unix_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

bool input_within(double) { return true; }

void run_main_loop(GLFWwindow* window, void (*frame)()) {
    while (!glfwWindowShouldClose(window)) frame();
}

void first_frame_drawn() {}

std::string download_file(const std::string& name, std::span<const uint8_t> bytes) {
    try {
        write_file_bytes_atomic(name, bytes);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}
// The desktop build has no file picker: WEIGHTLESS_IMPORT names the file to import instead.
void pick_file() {}
int take_picked_file(std::vector<uint8_t>& bytes, std::string& name, std::string& error) {
    static bool done = false;
    const char* p = std::getenv("WEIGHTLESS_IMPORT");
    if (done || !p || !*p) return 0;
    done = true;
    name = p;
    try {
        bytes = read_file_bytes(p);
    } catch (const std::exception& e) {
        error = e.what();
        return 2;
    }
    return 1;
}
bool take_fragment(std::string&) { return false; }
void clear_fragment() {}
std::string page_url() { return {}; }
bool open_link(const std::string& url) {
    std::printf("weightless: open %s in a browser\n", url.c_str());
    return false;
}
bool copy_text(const std::string& text) {
    glfwSetClipboardString(nullptr, text.c_str());
    return true;
}
void text_input_sync(bool, float, float, float) {}
void set_text_fields(const std::vector<float>&) {}
void set_pick_buttons(const std::vector<float>&) {}
bool take_text_input(std::string&) { return false; }
void paste_clipboard() {}
bool touch_input() { return false; }
void request_durable_storage() {}
Durable durable_storage() { return Durable::Unavailable; }
std::string offline_state() { return "A desktop program: it never needs the network."; }

void publish_debug(const std::string&, uint64_t) {}
void set_debug_hooks(DebugHooks) {}

}  // namespace wl::app::platform
