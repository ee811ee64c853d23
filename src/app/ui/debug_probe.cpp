// Widget rectangles for tests (see debug_probe.hpp).
#include "debug_probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <map>
#include <vector>

namespace wl::app::probe {

namespace {
double g_dpr = 1.0;
std::map<std::string, ImRect> g_rects;
std::map<std::string, std::string> g_texts;
std::vector<std::string> g_cut;

// Returns whether clipping cut the rectangle at the left or right.
bool keep(const std::string& name, ImRect r) {
    const float w = r.GetWidth();
    r.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    const bool cut = r.GetWidth() < w - 0.5f;
    if (r.GetWidth() > 0 && r.GetHeight() > 0) g_rects[name] = r;
    return cut;
}
}  // namespace

void begin_frame(double dpr) {
    g_dpr = dpr > 0 ? dpr : 1.0;
    g_rects.clear();
    g_texts.clear();
    g_cut.clear();
}

void item(const std::string& name) { keep(name, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())); }

void rect(const std::string& name, float x0, float y0, float x1, float y1) {
    if (keep(name, ImRect(x0, y0, x1, y1))) g_cut.push_back(name);
}

void text(const std::string& name, const std::string& shown) { g_texts[name] = shown; }

std::string rects_json() {
    std::string s = "{";
    char buf[128];
    for (const auto& [name, r] : g_rects) {
        std::snprintf(buf, sizeof buf, ":[%.1f,%.1f,%.1f,%.1f]", r.Min.x / g_dpr, r.Min.y / g_dpr, r.GetWidth() / g_dpr,
                      r.GetHeight() / g_dpr);
        if (s.size() > 1) s += ',';
        s += quote(name);
        s += buf;
    }
    return s + "}";
}

std::string texts_json() {
    std::string s = "{";
    for (const auto& [name, t] : g_texts) {
        if (s.size() > 1) s += ',';
        s += quote(name) + ":" + quote(t);
    }
    return s + "}";
}

std::string cut_json() {
    std::string s = "[";
    for (const auto& name : g_cut) s += (s.size() > 1 ? "," : "") + quote(name);
    return s + "]";
}

std::string quote(const std::string& s) {
    std::string o = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            o += buf;
        } else {
            o += c;
        }
    }
    return o + "\"";
}

}  // namespace wl::app::probe
