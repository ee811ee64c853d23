// Number formatting and parsing for params.hpp, locale-independent and round-trip exact.
#include "weightless/util/params.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace wl::detail {

std::string format_real(double v) {
    // Whole numbers as plain integers (%g would print 10 as "1e+01"); otherwise the shortest text that parses back
    // to the same double.
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    for (int prec = 1; prec <= 17; ++prec) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        double back = 0;
        if (parse_real(buf, back) && back == v) return buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

bool parse_int(std::string_view s, int64_t& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parse_real(std::string_view s, double& out) {
    if (s.empty() || s.size() > 64) return false;
    // strtod on a NUL-terminated copy: from_chars for double is missing in some standard libraries.
    char buf[72];
    s.copy(buf, s.size());
    buf[s.size()] = '\0';
    char* end = nullptr;
    out = std::strtod(buf, &end);
    return end == buf + s.size() && std::isfinite(out);
}

}  // namespace wl::detail
