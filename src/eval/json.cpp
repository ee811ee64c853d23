// JSON writer; see json.hpp. Misuse (a value without a key in an object, unbalanced ends) is a logic_error.
#include "weightless/eval/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "weightless/util/params.hpp"

namespace wl {

std::string json_escape(std::string_view s) {
    std::string o = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            case '\b': o += "\\b"; break;
            case '\f': o += "\\f"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    o += "\\u00";
                    o += hex[c >> 4];
                    o += hex[c & 15];
                } else {
                    o += ch;  // UTF-8 passes through unchanged
                }
        }
    }
    o += '"';
    return o;
}

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    if (v == 0) return "0";  // also for -0
    // Shortest text that parses back to v; no exponent for ordinary magnitudes (10, not 1e+01).
    const double a = std::fabs(v);
    const bool plain = a >= 1e-4 && a < 1e16;
    char buf[40];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (plain && std::strchr(buf, 'e')) continue;
        double back = 0;
        if (detail::parse_real(buf, back) && back == v) return buf;
    }
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

void JsonWriter::before_value() {
    if (stack_.empty()) {
        if (!out_.empty()) throw std::logic_error("json: more than one top-level value");
        return;
    }
    Level& l = stack_.back();
    if (l.object) {
        if (!l.after_key) throw std::logic_error("json: value in an object without a key");
        l.after_key = false;
    } else {
        if (!l.first) out_ += ',';
        l.first = false;
    }
}

JsonWriter& JsonWriter::key(std::string_view k) {
    if (stack_.empty() || !stack_.back().object || stack_.back().after_key)
        throw std::logic_error("json: key outside an object or twice in a row");
    Level& l = stack_.back();
    if (!l.first) out_ += ',';
    l.first = false;
    out_ += json_escape(k);
    out_ += ':';
    l.after_key = true;
    return *this;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ += '{';
    stack_.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    if (stack_.empty() || !stack_.back().object || stack_.back().after_key)
        throw std::logic_error("json: end_object without a matching open object");
    stack_.pop_back();
    out_ += '}';
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ += '[';
    stack_.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    if (stack_.empty() || stack_.back().object) throw std::logic_error("json: end_array without a matching open array");
    stack_.pop_back();
    out_ += ']';
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value();
    out_ += json_escape(s);
    return *this;
}

JsonWriter& JsonWriter::value(double v) {
    before_value();
    if (!std::isfinite(v)) {
        out_ += "null";
        return *this;
    }
    out_ += json_number(v);
    return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
    before_value();
    out_ += std::to_string(v);
    return *this;
}

JsonWriter& JsonWriter::value(uint64_t v) {
    before_value();
    out_ += std::to_string(v);
    return *this;
}

JsonWriter& JsonWriter::value(bool v) {
    before_value();
    out_ += v ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

const std::string& JsonWriter::str() const {
    if (!stack_.empty()) throw std::logic_error("json: unclosed object or array");
    return out_;
}

}  // namespace wl
