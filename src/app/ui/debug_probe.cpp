// Widget rectangles for tests (see debug_probe.hpp).
#include "debug_probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <map>

namespace wl::app::probe {

namespace {
double g_dpr = 1.0;
std::map<std::string, ImRect> g_rects;
}  // namespace

void begin_frame(double dpr) {
    g_dpr = dpr > 0 ? dpr : 1.0;
    g_rects.clear();
}

void item(const std::string& name) {
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    g_rects[name] = r;
}

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
