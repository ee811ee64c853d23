// Binary IO primitives; see bytes.hpp.
#include "weightless/util/bytes.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace wl {

namespace {
std::array<uint32_t, 256> make_crc_table() {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    return t;
}
}  // namespace

uint32_t crc32(std::span<const uint8_t> bytes, uint32_t crc) {
    static const auto table = make_crc_table();
    crc = ~crc;
    for (uint8_t b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

void ByteWriter::f64(double v) {
    uint64_t u;
    std::memcpy(&u, &v, 8);
    u64(u);
}

void ByteWriter::varint(uint64_t v) {
    while (v >= 0x80) {
        buf_.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    buf_.push_back(static_cast<uint8_t>(v));
}

void ByteWriter::svarint(int64_t v) {
    varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

void ByteWriter::str(std::string_view s) {
    varint(s.size());
    buf_.insert(buf_.end(), s.begin(), s.end());
}

void ByteReader::fail(const std::string& msg) const {
    throw FormatError(what_ + ": " + msg + " (at byte " + std::to_string(pos_) + ")");
}

uint8_t ByteReader::u8() {
    if (pos_ >= b_.size()) fail("unexpected end of data");
    return b_[pos_++];
}

uint64_t ByteReader::get_le(int n) {
    if (remaining() < static_cast<size_t>(n)) fail("unexpected end of data");
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(b_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
}

double ByteReader::f64() {
    uint64_t u = u64();
    double v;
    std::memcpy(&v, &u, 8);
    return v;
}

uint64_t ByteReader::varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const uint8_t b = u8();
        v |= static_cast<uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
    fail("varint longer than 10 bytes");
}

int64_t ByteReader::svarint() {
    const uint64_t u = varint();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::string ByteReader::str(size_t max_len) {
    const uint64_t n = varint();
    if (n > max_len || n > remaining()) fail("string length " + std::to_string(n) + " out of range");
    std::string s(reinterpret_cast<const char*>(b_.data() + pos_), n);
    pos_ += n;
    return s;
}

std::span<const uint8_t> ByteReader::bytes(size_t n) {
    if (n > remaining()) fail("unexpected end of data");
    auto s = b_.subspan(pos_, n);
    pos_ += n;
    return s;
}

size_t ByteReader::count(size_t min_bytes_each, size_t hard_max) {
    const uint64_t n = varint();
    if (n > hard_max) fail("count " + std::to_string(n) + " exceeds the limit " + std::to_string(hard_max));
    if (min_bytes_each > 0 && n > remaining() / min_bytes_each) fail("count " + std::to_string(n) + " larger than the data left");
    return static_cast<size_t>(n);
}

void ByteReader::expect_done() const {
    if (!done()) const_cast<ByteReader*>(this)->fail(std::to_string(remaining()) + " unexpected trailing bytes");
}

std::vector<uint8_t> wrap_container(std::string_view magic, uint32_t version, std::span<const uint8_t> payload) {
    ByteWriter w;
    for (char c : magic) w.u8(static_cast<uint8_t>(c));
    w.u32(version);
    w.u64(payload.size());
    w.bytes(payload);
    w.u32(crc32(payload));
    return w.take();
}

std::span<const uint8_t> unwrap_container(std::span<const uint8_t> file, std::string_view magic, uint32_t max_version,
                                          uint32_t* version_out, const std::string& what) {
    ByteReader r(file, what);
    for (char c : magic)
        if (r.u8() != static_cast<uint8_t>(c)) throw FormatError(what + ": not a " + std::string(magic) + " file (wrong magic)");
    const uint32_t version = r.u32();
    if (version == 0 || version > max_version)
        throw FormatError(what + ": format version " + std::to_string(version) + " is not supported (this build reads up to " +
                          std::to_string(max_version) + ")");
    const uint64_t len = r.u64();
    if (len > r.remaining() || r.remaining() - len != 4)
        throw FormatError(what + ": truncated or padded (payload length " + std::to_string(len) + ", " +
                          std::to_string(r.remaining()) + " bytes follow the header)");
    auto payload = r.bytes(static_cast<size_t>(len));
    const uint32_t stored = r.u32();
    if (stored != crc32(payload)) throw FormatError(what + ": checksum mismatch (file is corrupt)");
    if (version_out) *version_out = version;
    return payload;
}

std::vector<uint8_t> read_file_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open file");
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (f.bad()) throw std::runtime_error(path + ": read error");
    return b;
}

void write_file_bytes_atomic(const std::string& path, std::span<const uint8_t> bytes) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw std::runtime_error(tmp + ": cannot open for writing");
        f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        f.flush();
        if (!f) throw std::runtime_error(tmp + ": write failed");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw std::runtime_error(path + ": cannot replace file");
    }
}

}  // namespace wl
