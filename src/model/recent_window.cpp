// The recency window around a model that forgets exactly; see recent_window.hpp.
#include "weightless/model/recent_window.hpp"

#include <algorithm>
#include <stdexcept>

#include "weightless/util/params.hpp"

namespace wl {

namespace {
constexpr uint32_t kMaxUsers = 1u << 22;  // as the WNN's limit: a person index past it is refused
constexpr int64_t kDay = 86400;

bool separator(char c) { return c == ' ' || c == ',' || c == ';' || c == '\n' || c == '\t'; }
}  // namespace

std::pair<RecentConfig, std::string> split_recent_params(std::string_view params) {
    RecentConfig cfg;
    std::string rest;
    size_t i = 0;
    while (i < params.size()) {
        while (i < params.size() && separator(params[i])) ++i;
        size_t j = i;
        while (j < params.size() && !separator(params[j])) ++j;
        const std::string_view pair = params.substr(i, j - i);
        if (pair.empty()) break;
        const std::string_view key = pair.substr(0, pair.find('='));
        if (key == "recent" || key == "recent_days" || key == "recent_stars") {
            set_param(cfg, key, pair.find('=') == std::string_view::npos ? std::string_view{} : pair.substr(key.size() + 1));
        } else {
            if (!rest.empty()) rest += ' ';
            rest += pair;
        }
        i = j;
    }
    return {cfg, rest};
}

RecentWindowModel::RecentWindowModel(std::unique_ptr<Model> inner, RecentConfig cfg) : inner_(std::move(inner)), cfg_(cfg) {
    if (!inner_) throw std::invalid_argument("recent: no model to wrap");
    if (!inner_->can_forget())
        throw std::invalid_argument("recent: " + inner_->name() + " cannot forget a rating, so it cannot keep a window");
    if (!cfg_.active()) throw std::invalid_argument("recent: the window is off (recent=0 recent_days=0)");
    if (!cfg_.stars) {
        lists_only_ = dynamic_cast<WnnBlendModel*>(inner_.get());
        if (!lists_only_) throw std::invalid_argument("recent: recent_stars=0 windows a wnn-blend's list only, not " + inner_->name());
    }
}

void RecentWindowModel::enter(const Rating& r) {
    if (lists_only_) lists_only_->learn_lists(r);
    else inner_->learn(r);
}

void RecentWindowModel::leave(const Rating& r) {
    if (lists_only_) lists_only_->forget_lists(r);
    else inner_->forget(r);
}

std::string RecentWindowModel::config_text() const {
    const std::string inner = inner_->config_text();
    return inner + (inner.empty() ? "" : " ") + params_to_text(cfg_);
}

size_t RecentWindowModel::window_start(const RecentConfig& cfg_, std::span<const Rating> h) {
    size_t s = 0;
    if (cfg_.ratings > 0 && h.size() > static_cast<size_t>(cfg_.ratings)) s = h.size() - static_cast<size_t>(cfg_.ratings);
    if (cfg_.days > 0 && !h.empty()) {
        const int64_t from = h.back().timestamp - int64_t{cfg_.days} * kDay;
        const auto it = std::lower_bound(h.begin(), h.end(), from, [](const Rating& r, int64_t t) { return r.timestamp < t; });
        s = std::max(s, static_cast<size_t>(it - h.begin()));
    }
    return s;
}

void RecentWindowModel::settle(Person& p) {
    const size_t s = window_start(cfg_, p.history);
    for (size_t i = p.start; i < s; ++i) leave(p.history[i]);
    for (size_t i = s; i < p.start; ++i) enter(p.history[i]);
    p.start = s;
}

void RecentWindowModel::fit(const TrainData& data) {
    inner_->fit(data);
    std::vector<Person> people;
    for (const Rating& r : data.ratings) {
        if (r.user >= kMaxUsers) throw std::invalid_argument("recent: user index beyond the limit");
        if (r.user >= people.size()) people.resize(size_t{r.user} + 1);
        people[r.user].history.push_back(r);
    }
    for (Person& p : people) {
        std::stable_sort(p.history.begin(), p.history.end(),
                         [](const Rating& a, const Rating& b) { return a.timestamp < b.timestamp; });
        settle(p);
    }
    people_ = std::move(people);
}

void RecentWindowModel::prepare(const TrainData& data) {
    inner_->prepare(data);
    people_.clear();
}

void RecentWindowModel::learn(const Rating& r) {
    if (r.user >= kMaxUsers) throw std::invalid_argument("recent: user index beyond the limit");
    inner_->learn(r);  // first, whole: the inner model checks the rating (and a refused one changes nothing here)
    if (r.user >= people_.size()) people_.resize(size_t{r.user} + 1);
    Person& p = people_[r.user];
    const auto at = std::upper_bound(p.history.begin(), p.history.end(), r.timestamp,
                                     [](int64_t t, const Rating& x) { return t < x.timestamp; });
    const size_t pos = static_cast<size_t>(at - p.history.begin());
    p.history.insert(at, r);
    if (pos < p.start) {  // older than the window: held in the history (and, recent_stars=0, the blend's stars) only
        leave(r);
        ++p.start;
    }
    settle(p);
}

void RecentWindowModel::forget(const Rating& r) {
    Person* p = r.user < people_.size() ? &people_[r.user] : nullptr;
    size_t pos = SIZE_MAX;
    if (p)
        for (size_t i = 0; i < p->history.size(); ++i) {
            const Rating& x = p->history[i];
            if (x.item != r.item || x.half_stars != r.half_stars) continue;
            if (pos == SIZE_MAX || x.timestamp == r.timestamp) pos = i;
            if (x.timestamp == r.timestamp) break;
        }
    if (pos == SIZE_MAX)
        throw std::invalid_argument("recent: cannot forget user " + std::to_string(r.user) + ", item " +
                                    std::to_string(r.item) + ": that rating was never learned");
    if (pos >= p->start) {
        inner_->forget(p->history[pos]);
    } else {
        if (lists_only_) lists_only_->stars_mut().forget(p->history[pos]);
        --p->start;
    }
    p->history.erase(p->history.begin() + static_cast<std::ptrdiff_t>(pos));
    settle(*p);
}

std::span<const Rating> RecentWindowModel::history(uint32_t user) const {
    return user < people_.size() ? std::span<const Rating>(people_[user].history) : std::span<const Rating>{};
}

size_t RecentWindowModel::memory_bytes() const {
    size_t b = sizeof(*this) + inner_->memory_bytes() + people_.capacity() * sizeof(Person);
    for (const Person& p : people_) b += p.history.capacity() * sizeof(Rating);
    return b;
}

void RecentWindowModel::save(ByteWriter& w) const {
    w.str(params_to_text(cfg_));
    w.str(inner_->kind());
    ByteWriter inner;
    inner_->save(inner);
    w.varint(inner.size());
    w.bytes(inner.data());
    uint64_t users = 0;
    for (const Person& p : people_) users += p.history.empty() ? 0 : 1;
    w.varint(users);
    for (uint32_t u = 0; u < people_.size(); ++u) {
        const Person& p = people_[u];
        if (p.history.empty()) continue;
        w.varint(u);
        w.varint(p.history.size());
        int64_t prev = 0;
        for (const Rating& r : p.history) {
            w.varint(r.item);
            w.u8(r.half_stars);
            w.svarint(r.timestamp - prev);
            prev = r.timestamp;
        }
    }
}

void RecentWindowModel::load(ByteReader& r) {
    RecentConfig cfg;
    try {
        apply_params(cfg, r.str(256));
    } catch (const ParamError& e) {
        r.fail(std::string("recent: ") + e.what());
    }
    if (!cfg.active()) r.fail("recent: the saved window is off");
    if (r.str(64) != inner_->kind()) r.fail("recent: the saved model is not a " + inner_->kind());
    WnnBlendModel* lists_only = cfg.stars ? nullptr : dynamic_cast<WnnBlendModel*>(inner_.get());
    if (!cfg.stars && !lists_only) r.fail("recent: recent_stars=0 saved for a model that is not a wnn-blend");
    const uint64_t n = r.varint();
    if (n > r.remaining()) r.fail("recent: the inner model is longer than the file");
    const auto inner_bytes = r.bytes(static_cast<size_t>(n));
    // Every history is read and checked before anything changes (ratings on the scale, in time order); where each
    // window starts follows from the rules, so it is not stored. The inner model's own file holds what it learned
    // and is loaded last, all or nothing, so a failure anywhere leaves this model as it was.
    const size_t users = r.count(3, kMaxUsers);
    std::vector<Person> people;
    int64_t prev_user = -1;
    for (size_t k = 0; k < users; ++k) {
        const uint64_t u = r.varint();
        if (u >= kMaxUsers || static_cast<int64_t>(u) <= prev_user) r.fail("recent: user indices out of order or range");
        prev_user = static_cast<int64_t>(u);
        const size_t count = r.count(3);
        if (count == 0) r.fail("recent: a stored user has no ratings");
        Person p;
        p.history.reserve(count);
        int64_t t = 0;
        for (size_t j = 0; j < count; ++j) {
            Rating x;
            x.user = static_cast<uint32_t>(u);
            const uint64_t item = r.varint();
            if (item > UINT32_MAX) r.fail("recent: item index out of range");
            x.item = static_cast<uint32_t>(item);
            x.half_stars = r.u8();
            if (!valid_half_stars(x.half_stars)) r.fail("recent: a rating off the scale");
            const int64_t d = r.svarint();
            if (j > 0 && d < 0) r.fail("recent: a history out of time order");
            t += d;
            x.timestamp = t;
            p.history.push_back(x);
        }
        p.start = window_start(cfg, p.history);
        if (u >= people.size()) people.resize(u + 1);
        people[u] = std::move(p);
    }
    r.expect_done();
    ByteReader inner(inner_bytes, "model file");
    inner.set_version(r.version());
    inner_->load(inner);  // throws FormatError with the inner model unchanged
    cfg_ = cfg;
    lists_only_ = lists_only;
    people_ = std::move(people);
}

}  // namespace wl
