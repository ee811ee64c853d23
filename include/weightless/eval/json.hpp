// A small streaming JSON writer for the evaluator's machine-readable output: escapes strings, writes
// numbers round-trip exact, and writes null for NaN/infinity (JSON has no such numbers).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wl {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);  // inside an object, before each value
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(double v);          // non-finite -> null
    JsonWriter& value(int64_t v);
    JsonWriter& value(uint64_t v);
    JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
    JsonWriter& value(uint32_t v) { return value(static_cast<uint64_t>(v)); }
    JsonWriter& value(bool v);
    JsonWriter& null();

    // The document; std::logic_error if objects/arrays are still open or a key lacks its value.
    const std::string& str() const;

private:
    void before_value();
    std::string out_;
    struct Level {
        bool object;
        bool first = true;
        bool after_key = false;
    };
    std::vector<Level> stack_;
};

std::string json_escape(std::string_view s);  // with the surrounding quotes
std::string json_number(double v);            // shortest round-trip text, "null" when not finite

}  // namespace wl
