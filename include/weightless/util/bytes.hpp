// Little-endian binary writer/reader, CRC-32 and a versioned, checksummed container.
// Every saved file (embedded dataset, models) goes through here so corrupt input fails the same way.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wl {

// Thrown for any malformed binary input: wrong magic, version, checksum, truncation, absurd sizes.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

uint32_t crc32(std::span<const uint8_t> bytes, uint32_t crc = 0);

class ByteWriter {
public:
    void u8(uint8_t v) { buf_.push_back(v); }
    void u16(uint16_t v) { put_le(v, 2); }
    void u32(uint32_t v) { put_le(v, 4); }
    void u64(uint64_t v) { put_le(v, 8); }
    void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
    void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
    void f64(double v);
    void varint(uint64_t v);                  // LEB128
    void svarint(int64_t v);                  // zig-zag LEB128
    void str(std::string_view s);             // varint length + bytes
    void bytes(std::span<const uint8_t> b) { buf_.insert(buf_.end(), b.begin(), b.end()); }
    const std::vector<uint8_t>& data() const { return buf_; }
    std::vector<uint8_t> take() { return std::move(buf_); }
    size_t size() const { return buf_.size(); }

private:
    void put_le(uint64_t v, int n) {
        for (int i = 0; i < n; ++i) buf_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    std::vector<uint8_t> buf_;
};

// Every read checks bounds and throws FormatError naming `what` instead of reading past the end.
class ByteReader {
public:
    explicit ByteReader(std::span<const uint8_t> b, std::string what = "data") : b_(b), what_(std::move(what)) {}
    // The version of the container the bytes came from (0: not from a container, i.e. the current layout), for
    // readers of payloads whose layout changed with it.
    void set_version(uint32_t v) { version_ = v; }
    uint32_t version() const { return version_; }
    uint8_t u8();
    uint16_t u16() { return static_cast<uint16_t>(get_le(2)); }
    uint32_t u32() { return static_cast<uint32_t>(get_le(4)); }
    uint64_t u64() { return get_le(8); }
    int32_t i32() { return static_cast<int32_t>(u32()); }
    int64_t i64() { return static_cast<int64_t>(u64()); }
    double f64();
    uint64_t varint();
    int64_t svarint();
    std::string str(size_t max_len = 1u << 20);
    std::span<const uint8_t> bytes(size_t n);
    // A count that will size an allocation: rejects values that cannot fit in what is left.
    size_t count(size_t min_bytes_each, size_t hard_max = SIZE_MAX);
    size_t remaining() const { return b_.size() - pos_; }
    bool done() const { return pos_ == b_.size(); }
    void expect_done() const;
    [[noreturn]] void fail(const std::string& msg) const;

private:
    uint32_t version_ = 0;
    uint64_t get_le(int n);
    std::span<const uint8_t> b_;
    size_t pos_ = 0;
    std::string what_;
};

// Container: magic(4) | version u32 | payload length u64 | payload | crc32(payload) u32.
std::vector<uint8_t> wrap_container(std::string_view magic, uint32_t version, std::span<const uint8_t> payload);
// Verifies magic, version (must be <= max_version), length and checksum; returns the payload view.
std::span<const uint8_t> unwrap_container(std::span<const uint8_t> file, std::string_view magic, uint32_t max_version,
                                          uint32_t* version_out, const std::string& what);

std::vector<uint8_t> read_file_bytes(const std::string& path);  // throws std::runtime_error naming the path
void write_file_bytes_atomic(const std::string& path, std::span<const uint8_t> bytes);  // temp file + rename

}  // namespace wl
