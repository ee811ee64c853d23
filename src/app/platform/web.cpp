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
    var w = window.weightless;
    if (!w) {
        w = window.weightless = {};
        // Enumerable getters: JSON.stringify (the tests' snapshot copy) reads them like the other fields.
        [["recs", "_wl_debug_recs"], ["pred_hash", "_wl_debug_pred_hash"]].forEach(function(k) {
            Object.defineProperty(w, k[0], {enumerable: true, get: function() { return JSON.parse(UTF8ToString(Module[k[1]]())); }});
        });
    }
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
// A file chosen in a hidden <input type=file>, or dropped on the page, is copied into the in-memory file system at
// /tmp/picked (Module.wlTakeFile, shared by both).
EM_JS(void, wl_js_pick_file, (), { Module.wlOpenPicker(false); });
EM_JS(void, wl_js_drop_setup, (), {
    Module.wlOpenPicker = function(fromTap) {
        // A tap on an import button opens the picker inside the tap itself (see wl_js_input_setup); the same tap's
        // press, when ImGui sees it a few frames later, must not open a second one.
        if (!fromTap && performance.now() - (Module.wlPickerAt || -1e9) < 5000) return;
        Module.wlPickerAt = fromTap ? performance.now() : -1e9;
        var input = document.createElement("input");
        input.type = "file";
        input.accept = ".weightless,.csv,text/csv";
        input.style.display = "none";
        input.addEventListener("change", function() {
            var f = input.files && input.files[0];
            input.remove();
            if (f) Module.wlTakeFile(f);
        });
        document.body.appendChild(input);
        input.click();
    };
    Module.wlTakeFile = function(f) {
        var st = Module.wlPicked = {state: 0, name: f.name, error: ""};
        Module.wlLastInput = performance.now();  // what arrives is shown: the page draws
        if (f.size > 64 * 1024 * 1024) { st.error = "the file is larger than any export (" + f.size + " bytes)"; st.state = 2; return; }
        f.arrayBuffer().then(function(buf) {
            Module.wlLastInput = performance.now();
            try { FS.writeFile("/tmp/picked", new Uint8Array(buf)); st.state = 1; }
            catch (e) { st.error = String(e && e.message || e); st.state = 2; }
        }, function(e) { st.error = String(e && e.message || e); st.state = 2; Module.wlLastInput = performance.now(); });
    };
    window.addEventListener("dragover", function(e) { e.preventDefault(); }, true);
    window.addEventListener("drop", function(e) {
        e.preventDefault();
        e.stopPropagation();
        var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
        if (f) Module.wlTakeFile(f);
    }, true);
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

// A page elsewhere (a movie's IMDb page), in a new tab: rel=noreferrer sends no Referer and no window.opener (the
// page's own referrer policy is no-referrer too), so the other site learns nothing of this page.
EM_JS(int, wl_js_open_link, (const char* url), {
    var a = document.createElement("a");
    a.href = UTF8ToString(url);
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    return 1;
});

// Touch and text on phones. Emscripten 3.1.6's GLFW presses the mouse at its last position on touchstart (it reads
// no touch coordinates), so one-finger touches are turned into mouse events at the finger here (and the browser's
// emulated mouse events after a tap are cancelled); two fingers are left to the browser, which pinch-zooms the page
// (the press is released off-canvas first, so nothing is clicked). A hidden <input> (wl-text) takes focus while
// ImGui wants text: soft keyboards, IME and paste reach it, and what GLFW's key events do not carry is queued for
// C++ (take_text_input).
EM_JS(void, wl_js_input_setup, (), {
    var c = Module.canvas;
    var t = Module.wlText = {queue: [], fields: [], want: false, touch: false, keypress: false, composing: false,
                             ourBlur: false, blurred: false};
    var el = document.createElement("input");
    el.id = "wl-text";
    el.type = "text";
    el.autocomplete = "off";
    el.spellcheck = false;
    el.setAttribute("autocapitalize", "off");
    el.setAttribute("autocorrect", "off");
    el.setAttribute("aria-label", "Text for the focused field");
    el.style.cssText = "position:fixed;left:0;top:0;width:2px;height:2px;opacity:0;border:0;padding:0;margin:0;" +
                       "font-size:16px;pointer-events:none;caret-color:transparent;background:transparent;color:transparent";
    document.body.appendChild(el);
    t.el = el;
    var backspace = String.fromCharCode(8);
    el.addEventListener("keypress", function() { t.keypress = true; });
    el.addEventListener("compositionstart", function() { t.composing = true; });
    el.addEventListener("compositionend", function(e) {
        t.composing = false;
        if (e.data) t.queue.push(e.data);
        el.value = "";
    });
    el.addEventListener("input", function(e) {
        if (t.composing || e.isComposing) return;
        if (!t.keypress) {  // a key GLFW saw as keypress is already in ImGui; soft keyboards send none
            if (e.inputType === "deleteContentBackward") t.queue.push(backspace);
            else if (e.data) t.queue.push(e.data);
        }
        t.keypress = false;
        el.value = "";
    });
    el.addEventListener("blur", function() {
        if (!t.ourBlur) t.blurred = true;
        t.ourBlur = false;
    });
    window.addEventListener("paste", function(e) {
        if (!t.want) return;
        var text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        if (text) t.queue.push(text);
        e.preventDefault();
    }, true);

    var down = false, pinch = false, lastX = 0, lastY = 0, leave = 0;
    var send = function(type, x, y) {
        c.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, button: 0, buttons: type === "mouseup" ? 0 : 1,
                                              bubbles: true, cancelable: true, view: window}));
    };
    var inRects = function(r, x, y) {
        for (var i = 0; r && i + 3 < r.length; i += 4)
            if (x >= r[i] && y >= r[i + 1] && x < r[i] + r[i + 2] && y < r[i + 1] + r[i + 3]) return true;
        return false;
    };
    var inField = function(x, y) { return inRects(t.fields, x, y); };
    var onTouch = function(e) {
        if (e.target !== c) return;
        t.touch = true;
        e.stopPropagation();
        if (pinch || e.touches.length > 1) {
            if (down) { send("mousemove", -10000, -10000); send("mouseup", -10000, -10000); down = false; }
            pinch = e.touches.length > 0;
            return;
        }
        var p = e.changedTouches[0];
        clearTimeout(leave);
        if (e.type === "touchstart") {
            lastX = p.clientX; lastY = p.clientY;
            send("mousemove", lastX, lastY);
            send("mousedown", lastX, lastY);
            down = true;
        } else if (e.type === "touchmove") {
            e.preventDefault();
            if (!down) return;
            lastX = p.clientX; lastY = p.clientY;
            send("mousemove", lastX, lastY);
        } else {
            e.preventDefault();
            if (down) send("mouseup", lastX, lastY);
            down = false;
            // A file picker opens only inside a user gesture: a tap on an import button opens it here, at once.
            if (e.type === "touchend" && inRects(t.pick, lastX, lastY)) Module.wlOpenPicker(true);
            if (e.type === "touchend" && inField(lastX, lastY)) {
                t.tapFocus = performance.now();  // the sync below must not undo it before ImGui sees the tap
                el.focus({preventScroll: true});
            }
            leave = setTimeout(function() { c.dispatchEvent(new MouseEvent("mouseleave")); }, 300);
        }
    };
    ["touchstart", "touchmove", "touchend", "touchcancel"].forEach(function(type) {
        window.addEventListener(type, onTouch, {capture: true, passive: false});
    });
    window.addEventListener("mousedown", function(e) { if (e.isTrusted) t.touch = false; }, true);
});
EM_JS(void, wl_js_text_sync, (int want, double x, double y, double h), {
    var t = Module.wlText;
    if (!t) return;
    t.want = !!want;
    var el = t.el;
    if (want) {
        el.style.left = x + "px";
        el.style.top = y + "px";
        el.style.height = Math.max(2, h) + "px";
        if (document.activeElement !== el) el.focus({preventScroll: true});
    } else if (document.activeElement === el && !(performance.now() - (t.tapFocus || -1e9) < 500)) {
        t.ourBlur = true;
        el.blur();
    }
});
EM_JS(void, wl_js_text_fields, (const float* r, int n, int which), {
    if (Module.wlText) Module.wlText[which ? "pick" : "fields"] = Array.from(HEAPF32.subarray(r >> 2, (r >> 2) + n));
});
// -1 nothing; else the byte length (+1) of the queued text, which wl_js_take_text then copies.
EM_JS(int, wl_js_text_len, (), {
    var t = Module.wlText;
    if (!t) return -1;
    if (t.blurred) { t.blurred = false; t.queue.unshift(String.fromCharCode(27)); }
    if (!t.queue.length) return -1;
    Module.wlLastInput = performance.now();  // typed text is input: the page draws it (see input_within)
    t.pending = t.queue.join("");
    t.queue = [];
    return lengthBytesUTF8(t.pending) + 1;
});
EM_JS(void, wl_js_take_text, (char* buf, int cap), { stringToUTF8(Module.wlText.pending || "", buf, cap); });
EM_JS(void, wl_js_paste, (), {
    var t = Module.wlText;
    try {
        if (navigator.clipboard && navigator.clipboard.readText)
            navigator.clipboard.readText().then(function(s) { if (s && t) t.queue.push(s); }, function() {});
    } catch (e) {}
});
EM_JS(int, wl_js_touch, (), { return Module.wlText && Module.wlText.touch ? 1 : 0; });
// navigator.storage.persist(), asked once: 0 not asked, 1 asking, 2 granted, 3 refused, 4 unavailable.
EM_JS(void, wl_js_durable_ask, (), {
    var d = Module.wlDurable || (Module.wlDurable = {state: 0});
    if (d.state) return;
    if (!navigator.storage || !navigator.storage.persist) { d.state = 4; return; }
    d.state = 1;
    navigator.storage.persisted().then(function(already) {
        if (already) { d.state = 2; return; }
        return navigator.storage.persist().then(function(ok) { d.state = ok ? 2 : 3; });
    }).catch(function() { d.state = 4; });
});
EM_JS(int, wl_js_durable, (), { return Module.wlDurable ? Module.wlDurable.state : 0; });
// The service worker's state, kept by the page shell (web/shell.html) in window.wlOffline.
EM_JS(void, wl_js_offline, (char* buf, int cap), { stringToUTF8(window.wlOffline || "", buf, cap); });

namespace wl::app::platform {
PersistHooks g_persist_hooks;
DebugHooks g_debug_hooks;
}  // namespace wl::app::platform

// Called by web/storage.js in a save cycle (see platform.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE int wl_store_merge() {
    const auto& h = wl::app::platform::g_persist_hooks;
    return h.merge && h.merge() ? 1 : 0;
}
// Read by window.weightless's getters (wl_js_publish).
extern "C" EMSCRIPTEN_KEEPALIVE const char* wl_debug_recs() {
    static std::string out;
    const auto& h = wl::app::platform::g_debug_hooks;
    out = h.recs ? h.recs() : "null";
    return out.c_str();
}
extern "C" EMSCRIPTEN_KEEPALIVE const char* wl_debug_pred_hash() {
    static std::string out;
    const auto& h = wl::app::platform::g_debug_hooks;
    out = h.pred_hash ? h.pred_hash() : "null";
    return out.c_str();
}
extern "C" EMSCRIPTEN_KEEPALIVE void wl_store_pushed(int durable) {
    const auto& h = wl::app::platform::g_persist_hooks;
    if (h.pushed) h.pushed(durable != 0);
}

namespace wl::app::platform {

std::string dataset_path() { return "/data/catalogue.wlds"; }  // --preload-file (src/app/CMakeLists.txt)
std::string items_path() { return "/data/catalogue.items.wlim"; }
std::string community_path() { return "/data/community.wlds"; }
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
void set_debug_hooks(DebugHooks hooks) { g_debug_hooks = hooks; }
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
    wl_js_input_setup();
    wl_js_drop_setup();
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
bool open_link(const std::string& url) { return wl_js_open_link(url.c_str()) != 0; }

void text_input_sync(bool want, float x, float y, float h) { wl_js_text_sync(want, x, y, h); }
void set_text_fields(const std::vector<float>& rects) { wl_js_text_fields(rects.data(), static_cast<int>(rects.size()), 0); }
void set_pick_buttons(const std::vector<float>& rects) { wl_js_text_fields(rects.data(), static_cast<int>(rects.size()), 1); }

bool take_text_input(std::string& out) {
    const int n = wl_js_text_len();
    if (n < 0) return false;
    std::string buf(static_cast<size_t>(n), '\0');
    wl_js_take_text(buf.data(), n);
    buf.resize(std::strlen(buf.c_str()));
    out = std::move(buf);
    return true;
}

void paste_clipboard() { wl_js_paste(); }
bool touch_input() { return wl_js_touch() != 0; }

void request_durable_storage() { wl_js_durable_ask(); }
Durable durable_storage() {
    switch (wl_js_durable()) {
        case 0: return Durable::NotAsked;
        case 1: return Durable::Asking;
        case 2: return Durable::Granted;
        case 3: return Durable::Refused;
    }
    return Durable::Unavailable;
}

std::string offline_state() {
    char buf[512] = {};
    wl_js_offline(buf, sizeof buf);
    return buf;
}

void publish_debug(const std::string& json, uint64_t frame) {
    wl_js_publish(json.empty() ? nullptr : json.c_str(), static_cast<double>(frame));
}

}  // namespace wl::app::platform
