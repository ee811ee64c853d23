// Config as plain data: every config struct lists its fields once in `visit`, and this header derives
// text serialisation ("key=value key=value"), parsing with range checks, and the list the app shows.
//
//   struct FooConfig {
//       int bits = 8; double k = 1.0; bool on = true; Kind kind = Kind::A;
//       template <class V> void visit(V& v) {
//           v.field("bits", bits, 1, 64, "thermometer bits");
//           v.field("k", k, 0.0, 100.0, "shrinkage");
//           v.flag("on", on, "use this feature");
//           v.choice("kind", kind, {"a", "b"}, "threshold kind");
//       }
//   };
//
// Nested structs use v.group("prefix", sub) and become "prefix.bits".
#pragma once
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace wl {

class ParamError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One field as a UI or a serializer sees it.
struct ParamInfo {
    enum class Kind { Int, Real, Flag, Choice } kind;
    std::string name;
    std::string help;
    double lo = 0, hi = 0;             // Int/Real ranges
    std::vector<std::string> choices;  // Choice
    std::string value;                 // current value as text
};

namespace detail {
std::string format_real(double v);
bool parse_int(std::string_view s, int64_t& out);
bool parse_real(std::string_view s, double& out);

// Collects ParamInfo for every field.
struct Lister {
    std::string prefix;
    std::vector<ParamInfo>* out;
    template <class T>
    void field(const char* name, T& v, T lo, T hi, const char* help) {
        ParamInfo p;
        p.name = prefix + name;
        p.help = help;
        p.lo = static_cast<double>(lo);
        p.hi = static_cast<double>(hi);
        if constexpr (std::is_floating_point_v<T>) {
            p.kind = ParamInfo::Kind::Real;
            p.value = format_real(v);
        } else {
            p.kind = ParamInfo::Kind::Int;
            p.value = std::to_string(v);
        }
        out->push_back(std::move(p));
    }
    void flag(const char* name, bool& v, const char* help) {
        out->push_back({ParamInfo::Kind::Flag, prefix + name, help, 0, 1, {}, v ? "1" : "0"});
    }
    template <class E>
    void choice(const char* name, E& v, std::initializer_list<const char*> names, const char* help) {
        ParamInfo p{ParamInfo::Kind::Choice, prefix + name, help, 0, 0, {}, {}};
        for (auto* n : names) p.choices.emplace_back(n);
        const auto i = static_cast<size_t>(v);
        p.value = i < p.choices.size() ? p.choices[i] : "?";
        out->push_back(std::move(p));
    }
    template <class S>
    void group(const char* name, S& sub) {
        Lister inner{prefix + name + ".", out};
        sub.visit(inner);
    }
};

// Sets one field by name; reports whether the name matched.
struct Setter {
    std::string prefix;
    std::string_view key, value;
    bool matched = false;
    template <class T>
    void field(const char* name, T& v, T lo, T hi, const char*) {
        if (key != prefix + name) return;
        matched = true;
        if constexpr (std::is_floating_point_v<T>) {
            double d;
            if (!parse_real(value, d)) bad("a number");
            if (!(d >= lo && d <= hi)) range(format_real(lo), format_real(hi));
            v = static_cast<T>(d);
        } else {
            int64_t i;
            if (!parse_int(value, i)) bad("a whole number");
            if (i < static_cast<int64_t>(lo) || i > static_cast<int64_t>(hi)) range(std::to_string(lo), std::to_string(hi));
            v = static_cast<T>(i);
        }
    }
    void flag(const char* name, bool& v, const char*) {
        if (key != prefix + name) return;
        matched = true;
        if (value == "1" || value == "true" || value == "on") v = true;
        else if (value == "0" || value == "false" || value == "off") v = false;
        else bad("1/0, true/false or on/off");
    }
    template <class E>
    void choice(const char* name, E& v, std::initializer_list<const char*> names, const char*) {
        if (key != prefix + name) return;
        matched = true;
        int i = 0;
        std::string all;
        for (auto* n : names) {
            if (value == n) {
                v = static_cast<E>(i);
                return;
            }
            all += (i ? ", " : "") + std::string(n);
            ++i;
        }
        bad("one of " + all);
    }
    template <class S>
    void group(const char* name, S& sub) {
        Setter inner{prefix + name + ".", key, value};
        sub.visit(inner);
        matched = matched || inner.matched;
    }
    [[noreturn]] void bad(const std::string& what) const {
        throw ParamError("parameter '" + std::string(key) + "': '" + std::string(value) + "' is not " + what);
    }
    [[noreturn]] void range(const std::string& lo, const std::string& hi) const {
        throw ParamError("parameter '" + std::string(key) + "': " + std::string(value) + " is outside [" + lo + ", " + hi + "]");
    }
};
}  // namespace detail

template <class Config>
std::vector<ParamInfo> list_params(const Config& c) {
    std::vector<ParamInfo> out;
    detail::Lister l{"", &out};
    const_cast<Config&>(c).visit(l);
    return out;
}

// "a=1 b.c=quantile ..." in declaration order; parse_params(to_text(c)) reproduces c.
template <class Config>
std::string params_to_text(const Config& c) {
    std::string s;
    for (const auto& p : list_params(c)) {
        if (!s.empty()) s += ' ';
        s += p.name + '=' + p.value;
    }
    return s;
}

// Sets one parameter; throws ParamError for an unknown key or a bad or out-of-range value.
template <class Config>
void set_param(Config& c, std::string_view key, std::string_view value) {
    detail::Setter s{"", key, value};
    c.visit(s);
    if (!s.matched) throw ParamError("unknown parameter '" + std::string(key) + "'");
}

// Applies "k=v k=v" (spaces, commas or semicolons between pairs) on top of c. All or nothing: on error c is unchanged.
template <class Config>
void apply_params(Config& c, std::string_view text) {
    Config tmp = c;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == ';' || text[i] == '\n' || text[i] == '\t')) ++i;
        if (i >= text.size()) break;
        size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != ';' && text[j] != '\n' && text[j] != '\t') ++j;
        const std::string_view pair = text.substr(i, j - i);
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0)
            throw ParamError("'" + std::string(pair) + "' is not of the form key=value");
        set_param(tmp, pair.substr(0, eq), pair.substr(eq + 1));
        i = j;
    }
    c = tmp;
}

}  // namespace wl
