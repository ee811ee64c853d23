// wnn-lookup: the reference WNN's nearest-pattern answer rule; see wnn_lookup.hpp.
#include "weightless/model/wnn_lookup.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "weightless/model/baselines.hpp"
#include "weightless/util/params.hpp"
#include "weightless/util/rng.hpp"

namespace wl {

namespace {

constexpr size_t kMaxUsers = size_t{1} << 26;
constexpr uint64_t kMappingLabel = 0x6C6F6F6B7570ull;  // "lookup": the input mapping's stream
constexpr uint64_t kAnswerLabel = 0x616E73776572ull;   // "answer": ties and random answers

EncoderConfig paper_encoder() {
    EncoderConfig c;
    c.layout = EncoderLayout::Paper;
    return c;
}

// A stream for one (user, pattern) question, so the same question always gets the same draw.
Rng question_rng(int32_t seed, uint32_t user, uint32_t pattern) {
    return Rng(derive_seed(derive_seed(static_cast<uint64_t>(seed), kAnswerLabel ^ user), pattern));
}

}  // namespace

WnnLookupModel::WnnLookupModel(WnnLookupConfig cfg) : cfg_(cfg), enc_(paper_encoder()) {
    WnnLookupConfig check;
    apply_params(check, params_to_text(cfg));  // range checks (ParamError)
    build_masks();
}

std::string WnnLookupModel::config_text() const { return params_to_text(cfg_); }

void WnnLookupModel::build_masks() {
    std::array<uint32_t, kBits> order;
    for (uint32_t k = 0; k < kBits; ++k) order[k] = k;
    Rng rng(derive_seed(static_cast<uint64_t>(cfg_.seed), kMappingLabel));
    rng.shuffle(std::span<uint32_t>(order));
    masks_.clear();
    const auto n = static_cast<uint32_t>(cfg_.tuple_size);
    for (uint32_t first = 0; first < kBits; first += n) {
        uint32_t m = 0;
        for (uint32_t k = first; k < std::min(kBits, first + n); ++k) m |= uint32_t{1} << order[k];
        masks_.push_back(m);  // the last RAM reads the 26 % n bits left over, when n does not divide 26
    }
}

uint32_t WnnLookupModel::pattern(uint32_t item) const {
    if (!fitted_) throw std::logic_error("wnn-lookup: used before fit()");
    const uint64_t w = enc_.code(item)[0];  // 26 bits fit in the first word
    return static_cast<uint32_t>(w & ((uint64_t{1} << kBits) - 1));
}

uint32_t WnnLookupModel::checked_pattern(uint32_t item, const char* what) const {
    if (!fitted_) throw std::logic_error(std::string("wnn-lookup: ") + what + " before fit()");
    return pattern(item);
}

void WnnLookupModel::fit(const TrainData& data) {
    Encoder enc(paper_encoder());
    enc.fit(data.catalogue, data.ratings);
    if (enc.bits() != kBits) throw std::logic_error("wnn-lookup: the paper layout is not 26 bits");
    enc_ = std::move(enc);
    fitted_ = true;
    users_.assign(data.catalogue.num_users(), {});
    for (const Rating& r : data.ratings) learn(r);
}

void WnnLookupModel::learn(const Rating& r) {
    check_rating(r, name());
    const uint32_t p = checked_pattern(r.item, "learn");
    if (r.user >= kMaxUsers) throw std::invalid_argument("wnn-lookup: user index out of range");
    if (r.user >= users_.size()) users_.resize(size_t{r.user} + 1);
    ++users_[r.user][p][r.half_stars / 2];  // target: floor(stars) * 2 thermometer ones -> class floor(stars)
}

void WnnLookupModel::forget(const Rating& r) {
    check_rating(r, name());
    const uint32_t p = checked_pattern(r.item, "forget");
    Memory* m = r.user < users_.size() ? &users_[r.user] : nullptr;
    const auto it = m ? m->find(p) : Memory::iterator{};
    if (!m || it == m->end() || it->second[r.half_stars / 2] == 0)
        throw std::invalid_argument("wnn-lookup: forget of a rating never learned");
    --it->second[r.half_stars / 2];
    if (std::all_of(it->second.begin(), it->second.end(), [](uint32_t c) { return c == 0; })) m->erase(it);
}

// The answer one stored pattern gives: its most frequent target; ties go to the tied target nearest the pattern's
// mean target, then to the lower one (integer arithmetic, so forget keeps answers exact).
int WnnLookupModel::stored_answer(const Counts& c) {
    uint64_t total = 0, sum = 0;
    for (uint32_t k = 0; k < kClasses; ++k) total += c[k], sum += uint64_t{k} * c[k];
    int best = 0;
    for (uint32_t k = 1; k < kClasses; ++k) {
        if (c[k] < c[best]) continue;
        const auto dist = [&](uint64_t j) { return j * total > sum ? j * total - sum : sum - j * total; };
        if (c[k] > c[best] || dist(k) < dist(best)) best = static_cast<int>(k);
    }
    return 2 * best;
}

WnnLookupModel::Answer WnnLookupModel::answer(uint32_t user, uint32_t q) const {
    Answer a;
    const Memory* m = user < users_.size() ? &users_[user] : nullptr;
    if (!m || m->empty()) {  // nothing stored: a random target
        a.count = 2 * static_cast<int>(question_rng(cfg_.seed, user, q).below(kClasses));
        return a;
    }
    if (const auto it = m->find(q); it != m->end()) return {stored_answer(it->second), Rule::Exact, q};

    // Discrimination: how many RAMs address the same cell for the stored pattern as for the question.
    std::vector<uint32_t> best;
    uint32_t best_response = 0, best_hamming = kBits + 1;
    for (const auto& [p, counts] : *m) {
        uint32_t response = 0;
        for (uint32_t mask : masks_) response += ((p ^ q) & mask) == 0;
        const auto hamming = static_cast<uint32_t>(std::popcount(p ^ q));
        if (response > best_response || (response == best_response && hamming < best_hamming)) {
            best_response = response, best_hamming = hamming;
            best.assign(1, p);
        } else if (response == best_response && hamming == best_hamming) {
            best.push_back(p);
        }
    }
    // Still tied: a seeded draw among the tied patterns, sorted so the draw does not depend on hash-map order.
    std::sort(best.begin(), best.end());
    const uint32_t p = best.size() == 1 ? best[0] : best[question_rng(cfg_.seed, user, q).below(best.size())];
    return {stored_answer(m->at(p)), best_response > 0 ? Rule::Discrimination : Rule::Hamming, p};
}

int WnnLookupModel::predict_thermometer(uint32_t user, uint32_t item) const {
    return answer(user, checked_pattern(item, "predict")).count;
}

double WnnLookupModel::predict(uint32_t user, uint32_t item) const {
    return std::max(0.5, 0.5 * predict_thermometer(user, item));
}

// Config text, the encoder (codes included), then each user's patterns in ascending order with their counts.
void WnnLookupModel::save(ByteWriter& w) const {
    w.str(config_text());
    w.u8(fitted_ ? 1 : 0);
    if (!fitted_) return;
    enc_.save(w);
    w.varint(users_.size());
    std::vector<uint32_t> keys;
    for (const Memory& m : users_) {
        keys.clear();
        for (const auto& kv : m) keys.push_back(kv.first);
        std::sort(keys.begin(), keys.end());
        w.varint(keys.size());
        for (uint32_t p : keys) {
            w.varint(p);
            for (uint32_t c : m.at(p)) w.varint(c);
        }
    }
}

void WnnLookupModel::load(ByteReader& r) {
    WnnLookupConfig cfg;
    try {
        apply_params(cfg, r.str(4096));
    } catch (const ParamError& e) {
        r.fail(std::string("wnn-lookup: bad config: ") + e.what());
    }
    WnnLookupModel next(cfg);
    const uint8_t fitted = r.u8();
    if (fitted > 1) r.fail("wnn-lookup: bad fitted flag");
    if (fitted) {
        next.enc_.load(r);
        if (next.enc_.config().layout != EncoderLayout::Paper || next.enc_.bits() != kBits)
            r.fail("wnn-lookup: the encoder is not the paper's 26-bit layout");
        next.fitted_ = true;
        next.users_.resize(r.count(1, kMaxUsers));
        for (Memory& m : next.users_) {
            const size_t n = r.count(1 + kClasses);
            uint64_t prev = 0;
            for (size_t k = 0; k < n; ++k) {
                const uint64_t p = r.varint();
                if (p >> kBits) r.fail("wnn-lookup: pattern wider than 26 bits");
                if (k && p <= prev) r.fail("wnn-lookup: patterns not in ascending order");
                prev = p;
                Counts c{};
                uint64_t total = 0;
                for (uint32_t& v : c) {
                    const uint64_t x = r.varint();
                    if (x > UINT32_MAX) r.fail("wnn-lookup: count out of range");
                    v = static_cast<uint32_t>(x);
                    total += x;
                }
                if (total == 0) r.fail("wnn-lookup: a stored pattern with no ratings");
                m.emplace(static_cast<uint32_t>(p), c);
            }
        }
    }
    r.expect_done();
    *this = std::move(next);
}

size_t WnnLookupModel::memory_bytes() const {
    size_t b = sizeof(*this) + enc_.memory_bytes() + masks_.capacity() * sizeof(uint32_t);
    for (const Memory& m : users_) b += sizeof(m) + m.size() * (sizeof(uint32_t) + sizeof(Counts) + 2 * sizeof(void*));
    return b;
}

}  // namespace wl
