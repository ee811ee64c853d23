// The browser side of platform.hpp: IndexedDB (web/storage.js) for the person's file, the canvas at the page's pixel
// density, requestAnimationFrame through emscripten_set_main_loop, and window.weightless for tests.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/platform/platform.hpp"
#include "weightless/util/bytes.hpp"

// The durable folder is web/storage.js's (linked with --pre-js): IndexedDB read into the in-memory folder at start,
// then save cycles shared with the app's other tabs. Module.wlPersist is its state (0 restoring, 1 ready,
// 2 unavailable), read below and by the tests.
EM_JS(void, wl_js_persist_begin, (const char* dir), { Module.wlStore.begin(UTF8ToString(dir)); });
EM_JS(int, wl_js_persist_state, (), { return Module.wlPersist ? Module.wlPersist.state : 0; });
EM_JS(int, wl_js_persist_busy, (), { return Module.wlPersist && Module.wlPersist.busy ? 1 : 0; });
EM_JS(void, wl_js_persist_error, (char* buf, int cap), { stringToUTF8(Module.wlPersist ? Module.wlPersist.error : "", buf, cap); });
EM_JS(void, wl_js_persist_flush, (), { Module.wlStore.cycle(); });
// Records the time of the last input; listeners are passive and only watch (GLFW and ImGui handle the events).
EM_JS(void, wl_js_watch_input, (), {
    Module.wlLastInput = performance.now();
    var mark = function() { Module.wlLastInput = performance.now(); };
    ["mousemove", "mousedown", "mouseup", "wheel", "keydown", "keyup", "touchstart", "touchmove", "touchend", "resize",
     "focus", "blur"].forEach(function(t) { window.addEventListener(t, mark, {capture: true, passive: true}); });
    document.addEventListener("visibilitychange", mark);
});
EM_JS(double, wl_js_last_input, (), { return Module.wlLastInput || 0; });
EM_JS(void, wl_js_first_frame, (), {
    var el = document.getElementById("loading");
    if (el) el.remove();
});
// window.weightless: the app's state for tests (json when it changed, else null) plus the frame counter and the
// storage state.
EM_JS(void, wl_js_publish, (const char* json, double frame), {
    var w = window.weightless || (window.weightless = {});
    if (json) Object.assign(w, JSON.parse(UTF8ToString(json)));
    w.frame = frame;
    var p = Module.wlPersist;
    if (p) w.storage = {state: p.state, busy: p.busy || p.again, flushes: p.flushes, failures: p.failures, error: p.error};
});

// Downloads bytes through a Blob link: the file is made in the tab, nothing goes over the network.
EM_JS(void, wl_js_download, (const char* name, const uint8_t* data, int len), {
    var bytes = HEAPU8.slice(data, data + len);
    var url = URL.createObjectURL(new Blob([bytes], {type: "application/octet-stream"}));
    var a = document.createElement("a");
    a.href = url;
    a.download = UTF8ToString(name);
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});
// A hidden <input type=file>; the chosen file is copied into the in-memory file system at /tmp/picked.
EM_JS(void, wl_js_pick_file, (), {
    var st = Module.wlPicked = {state: 0, name: "", error: ""};
    var input = document.createElement("input");
    input.type = "file";
    input.accept = ".weightless";
    input.style.display = "none";
    input.addEventListener("change", function() {
        var f = input.files && input.files[0];
        input.remove();
        if (!f) return;
        st.name = f.name;
        if (f.size > 64 * 1024 * 1024) { st.error = "the file is larger than any export (" + f.size + " bytes)"; st.state = 2; return; }
        f.arrayBuffer().then(function(buf) {
            try { FS.writeFile("/tmp/picked", new Uint8Array(buf)); st.state = 1; }
            catch (e) { st.error = String(e && e.message || e); st.state = 2; }
            Module.wlLastInput = performance.now();  // the next drawn frame takes the file: an idle page would wait
        }, function(e) { st.error = String(e && e.message || e); st.state = 2; Module.wlLastInput = performance.now(); });
    });
    document.body.appendChild(input);
    input.click();
});
EM_JS(int, wl_js_picked_state, (), { return Module.wlPicked ? Module.wlPicked.state : 0; });
EM_JS(void, wl_js_picked_text, (int which, char* buf, int cap), {
    var st = Module.wlPicked;
    stringToUTF8(st ? (which ? st.error : st.name) : "", buf, cap);
    if (which) st.state = 0;
});
// The fragment is kept by JS until C++ takes it: at start and after every hashchange.
EM_JS(void, wl_js_watch_hash, (), {
    Module.wlHash = location.hash || "";
    // A new fragment (a share link) is handled by the next drawn frame: mark it as input, or an idle page waits.
    window.addEventListener("hashchange", function() { Module.wlHash = location.hash || ""; Module.wlLastInput = performance.now(); });
});
EM_JS(int, wl_js_hash_len, (), {
    var h = Module.wlHash;
    if (h === undefined || h === null) return -1;
    if (h.length > 70000) { Module.wlHash = h.slice(0, 70000); }
    return lengthBytesUTF8(Module.wlHash) + 1;
});
EM_JS(void, wl_js_take_hash, (char* buf, int cap), {
    stringToUTF8(Module.wlHash || "", buf, cap);
    Module.wlHash = null;
});
EM_JS(void, wl_js_clear_hash, (), {
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
});
EM_JS(int, wl_js_page_url_len, (), { return lengthBytesUTF8(location.href.split("#")[0]) + 1; });
EM_JS(void, wl_js_page_url, (char* buf, int cap), { stringToUTF8(location.href.split("#")[0], buf, cap); });
EM_JS(int, wl_js_copy, (const char* text), {
    var t = UTF8ToString(text);
    try {
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(t).then(function() {}, function() {});
            return 1;
        }
    } catch (e) {}
    return 0;
});

namespace wl::app::platform {
PersistHooks g_persist_hooks;
}  // namespace wl::app::platform

// Called by web/storage.js in a save cycle (see platform.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE int wl_store_merge() {
    const auto& h = wl::app::platform::g_persist_hooks;
    return h.merge && h.merge() ? 1 : 0;
}
extern "C" EMSCRIPTEN_KEEPALIVE void wl_store_pushed(int durable) {
    const auto& h = wl::app::platform::g_persist_hooks;
    if (h.pushed) h.pushed(durable != 0);
}

namespace wl::app::platform {

std::string dataset_path() { return "/data/ml-latest-small.wlds"; }  // --preload-file (src/app/CMakeLists.txt)
std::string font_path() { return "/data/DejaVuSans.ttf"; }
std::string persist_dir() { return "/persist"; }

void persist_begin() { wl_js_persist_begin(persist_dir().c_str()); }

PersistState persist_state() {
    switch (wl_js_persist_state()) {
        case 0: return PersistState::Restoring;
        case 1: return PersistState::Ready;
    }
    return PersistState::Unavailable;
}

std::string persist_error() {
    char buf[512] = {};
    wl_js_persist_error(buf, sizeof buf);
    return buf;
}

void persist_flush() { wl_js_persist_flush(); }
void set_persist_hooks(PersistHooks hooks) { g_persist_hooks = hooks; }
bool persist_busy() { return wl_js_persist_busy() != 0; }

Surface update_surface(GLFWwindow*) {
    Surface s;
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    s.dpr = std::clamp(emscripten_get_device_pixel_ratio(), 0.5, 4.0);
    s.css_w = std::max(1, static_cast<int>(std::lround(w)));
    s.css_h = std::max(1, static_cast<int>(std::lround(h)));
    s.fb_w = std::max(1, static_cast<int>(std::lround(w * s.dpr)));
    s.fb_h = std::max(1, static_cast<int>(std::lround(h * s.dpr)));
    int cw = 0, ch = 0;
    emscripten_get_canvas_element_size("#canvas", &cw, &ch);
    if (cw != s.fb_w || ch != s.fb_h) emscripten_set_canvas_element_size("#canvas", s.fb_w, s.fb_h);
    return s;
}

double now_ms() { return emscripten_get_now(); }
int64_t unix_seconds() { return static_cast<int64_t>(emscripten_date_now() / 1000.0); }

bool input_within(double ms) { return emscripten_get_now() - wl_js_last_input() < ms; }

void run_main_loop(GLFWwindow*, void (*frame)()) {
    wl_js_watch_input();
    wl_js_watch_hash();
    emscripten_set_main_loop(frame, 0, false);
}

void first_frame_drawn() { wl_js_first_frame(); }

std::string download_file(const std::string& name, std::span<const uint8_t> bytes) {
    wl_js_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    return {};
}

void pick_file() { wl_js_pick_file(); }

int take_picked_file(std::vector<uint8_t>& bytes, std::string& name, std::string& error) {
    const int st = wl_js_picked_state();
    if (st == 0) return 0;
    char buf[1024] = {};
    wl_js_picked_text(0, buf, sizeof buf);
    name = buf;
    if (st == 2) {
        wl_js_picked_text(1, buf, sizeof buf);
        error = buf;
        return 2;
    }
    wl_js_picked_text(1, buf, sizeof buf);  // marks it taken
    try {
        bytes = read_file_bytes("/tmp/picked");
    } catch (const std::exception& e) {
        error = e.what();
        std::remove("/tmp/picked");
        return 2;
    }
    std::remove("/tmp/picked");
    return 1;
}

bool take_fragment(std::string& out) {
    const int n = wl_js_hash_len();
    if (n < 0) return false;
    std::string buf(static_cast<size_t>(n), '\0');
    wl_js_take_hash(buf.data(), n);
    buf.resize(std::strlen(buf.c_str()));
    out = std::move(buf);
    return true;
}

void clear_fragment() { wl_js_clear_hash(); }

std::string page_url() {
    const int n = wl_js_page_url_len();
    std::string buf(static_cast<size_t>(n), '\0');
    wl_js_page_url(buf.data(), n);
    buf.resize(std::strlen(buf.c_str()));
    return buf;
}

bool copy_text(const std::string& text) { return wl_js_copy(text.c_str()) != 0; }

void publish_debug(const std::string& json, uint64_t frame) {
    wl_js_publish(json.empty() ? nullptr : json.c_str(), static_cast<double>(frame));
}

}  // namespace wl::app::platform
