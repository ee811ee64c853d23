// WnnModel: fit, learn/forget, predictions and the saved form; see wnn_model.hpp.
#include "weightless/model/wnn_model.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "weightless/util/params.hpp"

namespace wl {

namespace {

// A stored user's index may lie this far beyond the number of users stored before it.
constexpr uint64_t kMaxUserGap = uint64_t{1} << 20;

// The smallest input width the config can produce on any catalogue (genre bits depend on the dataset).
uint32_t min_bits(const EncoderConfig& e) {
    if (e.layout == EncoderLayout::Paper) return 26;
    uint32_t b = 0;
    for (const ThermometerConfig* t : {&e.year, &e.popularity, &e.mean})
        if (t->enabled) b += static_cast<uint32_t>(t->bits);
    return b;
}

// offset=item baseline mu + b_i: each item's training mean shrunk toward the global mean `mu` by offset_prior
// pseudo-ratings, in 1/kResidualUnit stars rounded half up. Basic operations only (the value is positive, so the
// cast truncates like floor): native and wasm get the same integers.
std::vector<int32_t> item_baseline(const WnnConfig& cfg, uint32_t items, std::span<const Rating> ratings, double mu) {
    std::vector<uint64_t> count(items, 0), sum(items, 0);
    for (const Rating& r : ratings) {
        ++count[r.item];
        sum[r.item] += r.half_stars;
    }
    std::vector<int32_t> base(items);
    for (uint32_t i = 0; i < items; ++i) {
        const double n = static_cast<double>(count[i]) + cfg.offset_prior;
        const double mean = n > 0 ? (static_cast<double>(sum[i]) * 0.5 + cfg.offset_prior * mu) / n : mu;
        base[i] = static_cast<int32_t>(mean * WnnNetwork::kResidualUnit + 0.5);
    }
    return base;
}

// Given baselines in stars -> 1/kResidualUnit stars, clamped to [0.5, 5] and rounded half up (basic operations).
std::vector<int32_t> fixed_point_base(std::span<const double> stars) {
    std::vector<int32_t> base(stars.size());
    for (size_t i = 0; i < stars.size(); ++i) {
        if (!std::isfinite(stars[i])) throw std::invalid_argument("wnn: item baseline is not a finite number");
        const double s = stars[i] < 0.5 ? 0.5 : stars[i] > 5.0 ? 5.0 : stars[i];
        base[i] = static_cast<int32_t>(s * WnnNetwork::kResidualUnit + 0.5);
    }
    return base;
}

// The config as saved: the offset keys only when offset=item, so offset=none files are byte for byte those of
// builds without the option (and load in them), while builds without it refuse offset=item files by the unknown key.
std::string saved_config_text(const WnnConfig& cfg) {
    std::string s;
    for (const auto& p : list_params(cfg)) {
        if (cfg.offset == WnnOffset::None && (p.name == "offset" || p.name == "offset_prior" || p.name == "user_prior"))
            continue;
        s += (s.empty() ? "" : " ") + p.name + '=' + p.value;
    }
    return s;
}

}  // namespace

WnnModel::WnnModel(WnnConfig cfg, std::string name) : cfg_(cfg), name_(std::move(name)), enc_(cfg.encoder) {
    // Range checks come from the same parameter list as apply_params: a config built in code is held to them too.
    try {
        WnnConfig check;
        apply_params(check, params_to_text(cfg));
    } catch (const ParamError& e) {
        throw std::invalid_argument(std::string("wnn config: ") + e.what());
    }
    if (cfg.offset == WnnOffset::Item && cfg.mode != WnnMode::Regression)
        throw std::invalid_argument("wnn config: offset=item needs mode=regression");
    if (const uint32_t b = min_bits(cfg.encoder); b > 0) WnnNetwork::validate(cfg, b, 0);
}

std::string WnnModel::config_text() const { return params_to_text(cfg_); }

void WnnModel::require_fitted(const char* what) const {
    if (!fitted_) throw std::logic_error(name_ + ": " + what + " before fit()");
}

void WnnModel::fit(const TrainData& data) { fit(data, ExternalFeatures{}); }

void WnnModel::fit(const TrainData& data, const ExternalFeatures& external, std::span<const double> item_base) {
    // Built aside and committed at the end: a rating the network refuses leaves the old model as it was.
    Prepared p = prepared(data, external, item_base);
    for (const Rating& r : data.ratings) p.net.learn(r.user, r.item, r.half_stars);
    commit(std::move(p));
}

void WnnModel::prepare(const TrainData& data, const ExternalFeatures& external, std::span<const double> item_base) {
    commit(prepared(data, external, item_base));
}

WnnModel::Prepared WnnModel::prepared(const TrainData& data, const ExternalFeatures& external,
                                      std::span<const double> item_base) const {
    if (!item_base.empty() && cfg_.offset != WnnOffset::Item)
        throw std::invalid_argument(name_ + ": an item baseline was given but offset is not item");
    if (!item_base.empty() && item_base.size() != data.catalogue.items.size())
        throw std::invalid_argument(name_ + ": " + std::to_string(item_base.size()) + " item baselines for " +
                                    std::to_string(data.catalogue.items.size()) + " catalogue items");
    Prepared p{Encoder(cfg_.encoder), WnnNetwork()};
    p.enc.fit(data.catalogue, data.ratings, external);
    p.net.build(cfg_, p.enc.codes(), p.enc.bits(), p.enc.num_items());
    uint64_t sum = 0;
    for (const Rating& r : data.ratings) sum += r.half_stars;  // ratings were validated by the encoder
    p.net.set_global(sum, data.ratings.size());
    if (cfg_.offset == WnnOffset::Item)
        p.net.set_item_base(item_base.empty() ? item_baseline(cfg_, p.enc.num_items(), data.ratings, p.net.global_mean())
                                              : fixed_point_base(item_base));
    return p;
}

void WnnModel::commit(Prepared p) {
    enc_ = std::move(p.enc);
    net_ = std::move(p.net);
    fitted_ = true;
}

namespace {
// prepare() first, then the ratings a slice at a time, into a network built aside: the model changes only when
// the last slice is in, as with fit().
class WnnFitJob : public FitJob {
public:
    WnnFitJob(WnnModel& m, const TrainData& d) : m_(m), d_(d) {}
    bool step() override {
        if (!scratch_) {
            scratch_ = std::make_unique<WnnModel>(m_.config(), m_.name());
            scratch_->prepare(d_);
        } else {
            const size_t end = std::min(d_.ratings.size(), next_ + WnnModel::kFitSlice);
            for (; next_ < end; ++next_) scratch_->learn(d_.ratings[next_]);
        }
        if (next_ < d_.ratings.size()) return true;
        m_ = std::move(*scratch_);
        done_ = true;
        return false;
    }
    double progress() const override {
        if (done_) return 1.0;
        return d_.ratings.empty() ? 0.0 : static_cast<double>(next_) / static_cast<double>(d_.ratings.size());
    }

private:
    WnnModel& m_;
    TrainData d_;
    std::unique_ptr<WnnModel> scratch_;
    size_t next_ = 0;
    bool done_ = false;
};
}  // namespace

std::unique_ptr<FitJob> WnnModel::fit_in_steps(const TrainData& data) { return std::make_unique<WnnFitJob>(*this, data); }

void WnnModel::learn(const Rating& r) {
    require_fitted("learn");
    net_.learn(r.user, r.item, r.half_stars);
}

void WnnModel::forget(const Rating& r) {
    require_fitted("forget");
    net_.forget(r.user, r.item, r.half_stars);
}

double WnnModel::predict(uint32_t user, uint32_t item) const {
    require_fitted("predict");
    return net_.predict(user, item);
}

void WnnModel::predict_many(uint32_t user, std::span<const uint32_t> items, std::span<double> out) const {
    require_fitted("predict");
    if (out.size() < items.size()) throw std::invalid_argument(name_ + ": predict_many output shorter than the item list");
    net_.predict_many(user, items, out.first(items.size()));
}

int WnnModel::predict_thermometer(uint32_t user, uint32_t item) const {
    require_fitted("predict");
    return net_.predict_thermometer(user, item);
}

double WnnModel::confidence(uint32_t user, uint32_t item) const {
    require_fitted("confidence");
    return net_.confidence(user, item);
}

std::vector<Reason> WnnModel::explain(uint32_t user, uint32_t item, size_t max) const {
    std::vector<Reason> out;
    const WnnUser* u = fitted_ ? net_.user(user) : nullptr;
    if (!u || max == 0 || item >= net_.num_items()) return out;
    std::vector<uint32_t> rated;
    for (uint64_t key : u->history) {
        const auto it = static_cast<uint32_t>(key >> 8);
        if (rated.empty() || rated.back() != it) rated.push_back(it);  // history is sorted by item
    }
    for (const auto& [it, n] : net_.shared_cells(item, rated)) {
        if (out.size() == max || n == 0) break;
        out.push_back({it, static_cast<double>(n)});
    }
    return out;
}

std::vector<std::pair<uint32_t, uint32_t>> WnnModel::shared_cells(uint32_t /*user*/, uint32_t item,
                                                                  std::span<const uint32_t> rated_items) const {
    require_fitted("shared_cells");
    return net_.shared_cells(item, rated_items);
}

std::vector<WnnModel::FeatureInfluence> WnnModel::feature_influence(uint32_t user, uint32_t item) const {
    require_fitted("feature_influence");
    const WnnNetwork::CellTerms ct = net_.cell_terms(user, item);
    std::vector<FeatureInfluence> out;
    if (!ct.exact || ct.terms.empty()) return out;
    // Which feature each input bit belongs to, as it reads for this item.
    constexpr uint32_t kNone = UINT32_MAX;
    std::vector<uint32_t> feature_of(enc_.bits(), kNone);
    for (const FeatureSpan& span : enc_.layout()) {
        for (uint32_t b = span.first; b < span.first + span.count && b < enc_.bits(); ++b) {
            std::string label = span.name;
            if (span.count == 1 && label.rfind("genre:", 0) == 0) {
                label.erase(0, 6);  // in place: g++ 12 warns falsely (-Wrestrict) on "not " + substr
                if (!enc_.bit(item, b)) label.insert(0, "not ");
            }
            size_t k = 0;
            while (k < out.size() && out[k].feature != label) ++k;
            if (k == out.size()) out.push_back(FeatureInfluence{label, 0.0});
            feature_of[b] = static_cast<uint32_t>(k);
        }
    }
    uint32_t other = kNone;  // bits outside every named span (none today): counted, not hidden
    for (uint32_t& f : feature_of)
        if (f == kNone) {
            if (other == kNone) {
                other = static_cast<uint32_t>(out.size());
                out.push_back(FeatureInfluence{"other", 0.0});
            }
            f = other;
        }
    const uint32_t tuple = net_.tuple();
    for (const auto& t : ct.terms) {
        const auto bits = net_.mapping(t.member).subspan(static_cast<size_t>(t.ram) * tuple, tuple);
        for (uint32_t b : bits) out[feature_of[b]].stars += t.stars / static_cast<double>(tuple);
    }
    std::erase_if(out, [](const FeatureInfluence& f) { return f.stars == 0.0; });
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.stars > y.stars; });
    return out;
}

size_t WnnModel::memory_bytes() const { return sizeof(*this) + enc_.memory_bytes() + net_.memory_bytes(); }

void WnnModel::save(ByteWriter& w) const {
    w.str(saved_config_text(cfg_));
    w.u8(fitted_ ? 1 : 0);
    if (!fitted_) return;
    enc_.save(w);
    w.u64(net_.global_sum_half());
    w.u64(net_.global_count());
    for (int32_t b : net_.item_base()) w.varint(static_cast<uint32_t>(b));  // offset=item only
    uint64_t users = 0;
    for (uint32_t u = 0; u < net_.num_users(); ++u) users += net_.user(u)->history.empty() ? 0 : 1;
    w.varint(users);
    int64_t prev_user = -1;
    for (uint32_t u = 0; u < net_.num_users(); ++u) {
        const auto& h = net_.user(u)->history;
        if (h.empty()) continue;
        w.varint(static_cast<uint64_t>(u - prev_user - 1));
        prev_user = u;
        w.varint(h.size());
        uint64_t prev_item = 0;
        for (uint64_t key : h) {
            w.varint((key >> 8) - prev_item);
            prev_item = key >> 8;
            w.u8(static_cast<uint8_t>(key & 0xFF));
        }
    }
    const auto tables = net_.dump_tables();
    w.varint(tables.size());
    w.u32(crc32(tables));
}

void WnnModel::load(ByteReader& r) {
    WnnConfig cfg;
    try {
        apply_params(cfg, r.str(8192));
        WnnModel probe(cfg, name_);  // same checks as the constructor
    } catch (const ParamError& e) {
        r.fail(std::string("wnn config: ") + e.what());
    } catch (const std::invalid_argument& e) {
        r.fail(std::string("wnn config: ") + e.what());
    }
    const uint8_t fitted = r.u8();
    if (fitted > 1) r.fail("wnn: bad fitted flag");
    if (!fitted) {
        r.expect_done();
        cfg_ = cfg;
        fitted_ = false;
        enc_ = Encoder(cfg.encoder);
        net_ = WnnNetwork();
        return;
    }
    Encoder enc;
    enc.load(r);
    if (!enc.fitted() || params_to_text(enc.config()) != params_to_text(cfg.encoder))
        r.fail("wnn: the encoder section does not match the model's encoder config");
    cfg.encoder.external = enc.config().external;  // not in the config text (see EncoderConfig::external)
    WnnNetwork net;
    try {
        net.build(cfg, enc.codes(), enc.bits(), enc.num_items());
    } catch (const std::invalid_argument& e) {
        r.fail(std::string("wnn: ") + e.what());
    }
    const uint64_t gsum = r.u64(), gcount = r.u64();
    if (gsum < gcount || gsum > 10 * gcount) r.fail("wnn: training rating totals are inconsistent");
    net.set_global(gsum, gcount);
    if (cfg.offset == WnnOffset::Item) {
        std::vector<int32_t> base(enc.num_items());
        for (int32_t& b : base) {
            const uint64_t v = r.varint();
            if (v < WnnNetwork::kResidualUnit / 2 || v > 5 * WnnNetwork::kResidualUnit)
                r.fail("wnn: item baseline outside [0.5, 5] stars");
            b = static_cast<int32_t>(v);
        }
        net.set_item_base(std::move(base));
    }
    // Every stored rating is read and checked first, then what relearning them will allocate is bounded and
    // checked, and only then are they learned: a small file cannot make the load allocate more than its ratings
    // justify (cells stay hashed, see learn_stored) nor more than kMaxLoadBytes.
    struct Stored {
        uint32_t user, item;
        uint8_t hs;
    };
    std::vector<Stored> stored;
    uint64_t cells = 0;
    const uint64_t cells_per_item = uint64_t{net.members()} * net.rams();
    const size_t users = r.count(3, WnnNetwork::kMaxUsers);
    int64_t prev_user = -1;
    for (size_t k = 0; k < users; ++k) {
        const uint64_t user_delta = r.varint();
        if (user_delta >= WnnNetwork::kMaxUsers) r.fail("wnn: user index out of range");
        const uint64_t user = static_cast<uint64_t>(prev_user + 1) + user_delta;
        if (user >= WnnNetwork::kMaxUsers) r.fail("wnn: user index out of range");
        // Every index below the highest costs an (empty) user: far beyond the stored users it is a cost the file
        // does not justify (the app's person sits at the catalogue's user count, within the gap).
        if (user >= k + kMaxUserGap) r.fail("wnn: user index " + std::to_string(user) + " far beyond the stored users");
        prev_user = static_cast<int64_t>(user);
        const size_t n = r.count(2);
        if (n == 0) r.fail("wnn: a stored user has no ratings");
        uint64_t item = 0, distinct = 0;
        for (size_t j = 0; j < n; ++j) {
            const uint64_t item_delta = r.varint();
            if (item_delta >= enc.num_items()) r.fail("wnn: rating for an item index outside the catalogue");
            item += item_delta;
            const uint8_t hs = r.u8();
            if (item >= enc.num_items()) r.fail("wnn: rating for item index " + std::to_string(item) + " outside the catalogue");
            if (hs < 1 || hs > 10) r.fail("wnn: rating of " + std::to_string(hs) + " half stars");
            distinct += j == 0 || item_delta > 0;
            stored.push_back({static_cast<uint32_t>(user), static_cast<uint32_t>(item), hs});
        }
        cells += std::min<uint64_t>(distinct * cells_per_item, net.shape().slots);
    }
    const uint64_t table_size = r.varint();
    const uint32_t table_crc = r.u32();
    r.expect_done();
    const uint64_t bound = net.stored_bytes_bound(prev_user < 0 ? 0 : static_cast<uint64_t>(prev_user), cells, stored.size());
    if (bound > WnnNetwork::kMaxLoadBytes)
        r.fail("wnn: relearning the stored ratings could take " + std::to_string(bound >> 20) + " MB, over the " +
               std::to_string(WnnNetwork::kMaxLoadBytes >> 20) + " MB a load may use");
    for (const Stored& s : stored) net.learn_stored(s.user, s.item, s.hs);
    const auto tables = net.dump_tables();
    if (table_size != tables.size() || table_crc != crc32(tables))
        r.fail("wnn: the RAM tables rebuilt from the stored ratings do not match the saved checksum");
    cfg_ = cfg;
    fitted_ = true;
    enc_ = std::move(enc);
    net_ = std::move(net);
}

}  // namespace wl
