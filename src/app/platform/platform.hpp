// What differs between the browser and a desktop window: durable storage, the drawing surface and its pixel
// density, the clock, the main loop and the debug object tests read. web.cpp / native.cpp.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

struct GLFWwindow;

namespace wl::app::platform {

// The embedded catalogue and font (read-only), and the folder of the person's file (durable).
std::string dataset_path();
std::string items_path();    // its public item model (.wlim, keyed by movie id)
std::string community_path();  // the community's data set as released (ml-latest-small): the lab's
std::string font_path();
std::string persist_dir();

// Starts restoring the durable folder (browser: IndexedDB into the in-memory file system).
void persist_begin();
enum class PersistState { Restoring, Ready, Unavailable };
PersistState persist_state();
std::string persist_error();
// Asks for a save: a cycle that reads the durable folder into persist_dir() (browser: under a Web Lock shared by
// the app's tabs), calls the merge hook, and when it wrote makes the folder durable (one IndexedDB transaction,
// all or nothing) and calls the pushed hook. Overlapping requests are merged. Another tab's save also runs a cycle
// here (browser: BroadcastChannel), so this tab merges what it stored. Natively the cycle runs at once.
void persist_flush();
bool persist_busy();
struct PersistHooks {
    bool (*merge)() = nullptr;             // merges the folder as read with this tab's state; true when it wrote
    void (*pushed)(bool durable) = nullptr;  // whether that write became durable (persist_error() says why not)
};
void set_persist_hooks(PersistHooks hooks);

// The drawing surface: size in CSS pixels, device pixels per CSS pixel, and the framebuffer in device pixels.
struct Surface {
    int css_w = 0, css_h = 0;
    double dpr = 1.0;
    int fb_w = 0, fb_h = 0;
};
// Reads the current size and density and resizes the framebuffer to match (call once per frame).
Surface update_surface(GLFWwindow* window);

double now_ms();          // milliseconds since the page (or program) started
int64_t unix_seconds();   // wall clock, for rating timestamps

// Whether the person touched the mouse, keyboard or window size in the last `ms` milliseconds (native: always
// true). An idle page skips drawing, so it does not spend a laptop's battery on an unchanged picture.
bool input_within(double ms);

// Runs `frame` until the window closes (browser: once per animation frame, returns at once).
void run_main_loop(GLFWwindow* window, void (*frame)());

// The page's loading message goes away after the first drawn frame.
void first_frame_drawn();
// Offers `bytes` as a file download named `name` (browser: a Blob link; native: a file in the current folder).
// Returns "" or what went wrong.
std::string download_file(const std::string& name, std::span<const uint8_t> bytes);
// Opens the browser's file picker; the chosen file arrives later through take_picked_file.
void pick_file();
// 0 nothing yet, 1 a file (bytes and name filled), 2 an error (error filled). Each file is delivered once.
int take_picked_file(std::vector<uint8_t>& bytes, std::string& name, std::string& error);
// The URL fragment when it is new (at start and after each change), once; false when nothing new.
bool take_fragment(std::string& out);
// Removes the fragment from the address bar without reloading (history.replaceState).
void clear_fragment();
// The page's address without its fragment ("" natively).
std::string page_url();
// Puts text on the clipboard when the browser allows it; false when it offers no clipboard API.
bool copy_text(const std::string& text);
// Opens `url` in a new tab, with no referrer and no way back to this page (noopener): only ever on the person's click
// (the browser: a link clicked from script, within the click's user activation). Natively: prints it, returns false.
bool open_link(const std::string& url);

// Phones: while the UI wants text, a hidden DOM <input> holds focus so the soft keyboard opens (`x`, `y`, `h`: the
// caret in CSS pixels, so the browser keeps it in view); `want` false blurs it, which closes the keyboard. A tap
// inside one of `fields` (CSS rects x, y, w, h of the text boxes drawn last frame) focuses it within the tap's own
// event, which is what lets a phone open its keyboard. Native: nothing.
void text_input_sync(bool want, float x, float y, float h);
void set_text_fields(const std::vector<float>& rects);
// The same for buttons that open the file picker (which browsers open only inside a user gesture).
void set_pick_buttons(const std::vector<float>& rects);
// What arrived outside GLFW's key events since the last call: soft-keyboard and IME text, a paste (the DOM paste
// event, or navigator.clipboard.readText after paste_clipboard()), '\b' for a soft Backspace. false: nothing.
bool take_text_input(std::string& out);
// Asks the browser for the clipboard's text (where it allows it); the text arrives through take_text_input.
void paste_clipboard();
// Whether the last pointer on the page was a finger (touch scrolling and touch layout apply).
bool touch_input();

// navigator.storage.persist(): asked once (after the first rating); the answer for Data & privacy.
enum class Durable { NotAsked, Asking, Granted, Refused, Unavailable };
void request_durable_storage();
Durable durable_storage();
// The service worker's state for Data & privacy: "" while unknown, else a sentence.
std::string offline_state();

// Publishes a JSON object as window.weightless (browser; native: nothing) and the frame counter.
void publish_debug(const std::string& json, uint64_t frame);
// The snapshot's costly parts (the list, a hash of the predictions) are computed only when a test reads them: built
// every frame, they forced the list and ~9,700 predictions after every change, 10-20 ms per frame while a long
// history was learned. Each returns a JSON value; the browser reads them through getters on window.weightless.
struct DebugHooks {
    std::string (*recs)() = nullptr;
    std::string (*pred_hash)() = nullptr;
};
void set_debug_hooks(DebugHooks hooks);

}  // namespace wl::app::platform
