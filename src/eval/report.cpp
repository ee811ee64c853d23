// Text and JSON renderings of evaluation results; numbers come from EvalReport only.
#include "weightless/eval/report.hpp"

#include <algorithm>
#include <cstdio>

#include "weightless/eval/json.hpp"

namespace wl {

namespace {

std::string fixed(double v, int digits) {
    if (!(v == v)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string seeds_text(const EvalReport& rep) {
    if (rep.protocol == Protocol::Folds) return "folds u1..u5";
    std::string s = "seeds ";
    for (size_t i = 0; i < rep.seeds.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(rep.seeds[i]);
    }
    return s;
}

std::string bucket_name(const CurvePoint& p) {
    if (p.seen_hi == CurvePoint::kOpen) return std::to_string(p.seen_lo) + "+";
    if (p.seen_lo == p.seen_hi) return std::to_string(p.seen_lo);
    return std::to_string(p.seen_lo) + "-" + std::to_string(p.seen_hi);
}

// Left-aligned first column, right-aligned others, two spaces apart.
std::string render(const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> w;
    for (const auto& r : rows)
        for (size_t c = 0; c < r.size(); ++c) {
            if (w.size() <= c) w.push_back(0);
            w[c] = std::max(w[c], r[c].size());
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (size_t c = 0; c < r.size(); ++c) {
            const std::string pad(w[c] - r[c].size(), ' ');
            line += c == 0 ? r[c] + pad : "  " + pad + r[c];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

void stat_fields(JsonWriter& j, const char* name, const Stat& s) {
    j.key(name).value(s.mean);
    j.key(std::string(name) + "_std").value(s.std);
}

// Ranking replaces the rating metrics: "k", then precision/recall/ndcg/map/map_norm means with their "_std".
// "map" divides by the number of relevant items (Microsoft Recommenders' benchmark MAP), "map_norm" by min(k, that).
void ranking_fields(JsonWriter& j, uint32_t k, const ModelSummary& m) {
    j.key("k").value(k);
    stat_fields(j, "precision", m.precision);
    stat_fields(j, "recall", m.recall);
    stat_fields(j, "ndcg", m.ndcg);
    stat_fields(j, "map", m.map);
    stat_fields(j, "map_norm", m.map_norm);
    stat_fields(j, "liked_precision", m.liked_precision);
    stat_fields(j, "liked_recall", m.liked_recall);
    stat_fields(j, "liked_ndcg", m.liked_ndcg);
    stat_fields(j, "liked_map", m.liked_map);
    j.key("liked_users").value(m.liked_users.mean);
}

// Cold: one object per kind of list, each with the ListStats means ("_std" beside the main three).
void cold_fields(JsonWriter& j, const ModelSummary& m) {
    const std::pair<const char*, const ListStats*> kinds[] = {
        {"cold", &m.cold}, {"with_ratings", &m.with_ratings}, {"mixed", &m.mixed}, {"warm_only", &m.warm_only}};
    j.key("lists").begin_object();
    for (const auto& [name, l] : kinds) {
        j.key(name).begin_object();
        stat_fields(j, "precision", l->precision);
        stat_fields(j, "recall", l->recall);
        stat_fields(j, "ndcg", l->ndcg);
        stat_fields(j, "hit", l->hit);
        j.key("liked_precision").value(l->liked_precision.mean);
        j.key("liked_ndcg").value(l->liked_ndcg.mean);
        j.key("liked_hit").value(l->liked_hit.mean);
        j.key("users").value(l->users.mean);
        j.key("liked_users").value(l->liked_users.mean);
        if (l == &m.mixed) j.key("cold_share").value(l->flagged.mean);
        j.end_object();
    }
    j.end_object();
}

// Cold: the cold-only lists beside the same lists with the films' ratings kept, then mixed vs warm-only.
std::vector<std::vector<std::string>> cold_rows(const EvalReport& rep) {
    std::string at = "@";
    at += std::to_string(rep.params.k);
    const auto col = [&](const char* name) { return std::string(name) + at; };
    std::vector<std::vector<std::string>> rows = {
        {"model", "cold: " + col("P"), col("nDCG"), "hit", col("liked nDCG"), "| kept: " + col("nDCG"), "hit", "| mixed: " + col("nDCG"),
         col("liked nDCG"), "cold in list", "| warm only: " + col("nDCG"), col("liked nDCG"), "users", "train s"}};
    for (const auto& m : rep.models)
        rows.push_back({m.spec, fixed(m.cold.precision.mean, 4), fixed(m.cold.ndcg.mean, 4), fixed(m.cold.hit.mean, 4),
                        fixed(m.cold.liked_ndcg.mean, 4), fixed(m.with_ratings.ndcg.mean, 4), fixed(m.with_ratings.hit.mean, 4),
                        fixed(m.mixed.ndcg.mean, 4), fixed(m.mixed.liked_ndcg.mean, 4), fixed(m.mixed.flagged.mean, 4),
                        fixed(m.warm_only.ndcg.mean, 4),
                        fixed(m.warm_only.liked_ndcg.mean, 4), fixed(m.cold.users.mean, 0), fixed(m.train_s.mean, 4)});
    return rows;
}

std::vector<std::vector<std::string>> ranking_rows(const EvalReport& rep) {
    std::string at = "@";  // built in steps: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string
    at += std::to_string(rep.params.k);
    const auto col = [&](const char* name) { return std::string(name) + at; };
    std::vector<std::vector<std::string>> rows = {
        {"model", col("P"), "+-", col("R"), col("nDCG"), "+-", col("MAP"), col("MAPn"), col("liked P"), col("liked nDCG"),
         "users", "train s", "rank s"}};
    for (const auto& m : rep.models)
        rows.push_back({m.spec, fixed(m.precision.mean, 4), fixed(m.precision.std, 4), fixed(m.recall.mean, 4),
                        fixed(m.ndcg.mean, 4), fixed(m.ndcg.std, 4), fixed(m.map.mean, 4), fixed(m.map_norm.mean, 4),
                        fixed(m.liked_precision.mean, 4), fixed(m.liked_ndcg.mean, 4), fixed(m.users.mean, 0),
                        fixed(m.train_s.mean, 4), fixed(m.predict_s.mean, 4)});
    return rows;
}

}  // namespace

std::string report_json(const EvalReport& rep) {
    const bool cold = rep.protocol == Protocol::Cold;
    const bool ranking = rep.protocol == Protocol::Ranking || cold;
    JsonWriter j;
    j.begin_object();
    j.key("dataset").value(rep.dataset);
    j.key("dataset_path").value(rep.dataset_path);
    j.key("protocol").value(protocol_name(rep.protocol));
    j.key("seeds").begin_array();
    for (uint64_t s : rep.seeds) j.value(s);
    j.end_array();
    j.key("runs").begin_array();
    for (const auto& l : rep.run_labels) j.value(l);
    j.end_array();
    j.key("protocol_params").begin_object();
    j.key("users").value(rep.params.users);
    j.key("reviews").value(rep.params.reviews);
    j.key("seeds").value(rep.params.seeds);
    j.key("seed").value(rep.params.seed);
    j.key("validation").value(rep.params.validation);
    if (rep.params.stream_test) j.key("stream_test").value(true);
    if (ranking) j.key("k").value(rep.params.k);
    if (!rep.params.filter.empty()) j.key("filter").value(rep.params.filter);
    if (cold) j.key("cold_percent").value(rep.params.cold_percent);
    j.end_object();
    j.key("users").value(rep.users);
    if (rep.protocol == Protocol::Paper) j.key("qualifying_users").value(rep.qualifying_users);
    j.key("notes").begin_array();
    for (const auto& n : rep.notes) j.value(n);
    j.end_array();

    j.key("models").begin_array();
    for (const auto& m : rep.models) {
        j.begin_object();
        j.key("name").value(m.spec);
        j.key("model").value(m.name);
        j.key("config").value(m.config);
        if (ranking) {
            ranking_fields(j, rep.params.k, m);
            if (cold) cold_fields(j, m);
        } else {
            stat_fields(j, "rmse", m.rmse);
            stat_fields(j, "mae", m.mae);
            stat_fields(j, "within1", m.within1_mean);
            j.key("within1_median").value(m.within1_median.mean);
            j.key("within1_pooled").value(m.within1_pooled.mean);
            stat_fields(j, "binary", m.binary_mean);
            j.key("binary_median").value(m.binary_median.mean);
            j.key("binary_pooled").value(m.binary_pooled.mean);
        }
        j.key("users").value(m.users.mean);
        uint64_t n = 0;  // ranking: items scored (every test user's unrated items)
        for (const auto& r : m.runs) n += ranking ? r.ranking.candidates : r.metrics.n;
        j.key("predictions").value(m.runs.empty() ? 0.0 : static_cast<double>(n) / m.runs.size());
        stat_fields(j, "train_s", m.train_s);
        stat_fields(j, "predict_s", m.predict_s);
        if (rep.protocol == Protocol::Stream) stat_fields(j, "learn_s", m.learn_s);
        j.key("memory_bytes").value(m.memory_bytes.mean);
        if (!m.curve.empty()) {
            j.key("curve").begin_array();
            for (const auto& p : m.curve) {
                j.begin_object();
                j.key("seen").value(p.seen_lo);
                j.key("seen_max");
                if (p.seen_hi == CurvePoint::kOpen) j.null(); else j.value(p.seen_hi);
                j.key("n").value(p.n);
                j.key("rmse").value(p.rmse);
                j.key("mae").value(p.mae);
                j.key("within1").value(p.within1);
                if (p.ranked > 0) {
                    j.key("ranked").value(p.ranked);
                    j.key("hit").value(p.hit);
                    j.key("ndcg").value(p.ndcg);
                }
                j.end_object();
            }
            j.end_array();
        }
        j.key("per_run").begin_array();
        for (const auto& r : m.runs) {
            j.begin_object();
            j.key("run").value(r.label);
            if (ranking) {
                j.key("precision").value(r.ranking.precision);
                j.key("recall").value(r.ranking.recall);
                j.key("ndcg").value(r.ranking.ndcg);
                j.key("map").value(r.ranking.map);
                j.key("map_norm").value(r.ranking.map_norm);
                j.key("liked_precision").value(r.ranking.liked.precision);
                j.key("liked_recall").value(r.ranking.liked.recall);
                j.key("liked_ndcg").value(r.ranking.liked.ndcg);
                j.key("liked_map").value(r.ranking.liked.map);
                j.key("liked_users").value(r.ranking.liked.users);
                j.key("users").value(r.ranking.users);
                j.key("predictions").value(r.ranking.candidates);
                if (cold) {
                    const std::pair<const char*, const RankingMetrics*> kinds[] = {
                        {"with_ratings", &r.cold.with_ratings}, {"mixed", &r.cold.mixed}, {"warm_only", &r.cold.warm_only}};
                    for (const auto& [name, l] : kinds) {
                        j.key(name).begin_object();
                        j.key("precision").value(l->precision);
                        j.key("ndcg").value(l->ndcg);
                        j.key("hit").value(l->hit);
                        j.key("liked_ndcg").value(l->liked.ndcg);
                        j.key("users").value(l->users);
                        if (l == &r.cold.mixed) j.key("cold_share").value(l->flagged);
                        j.end_object();
                    }
                }
            } else {
                j.key("rmse").value(r.metrics.rmse);
                j.key("mae").value(r.metrics.mae);
                j.key("within1").value(r.metrics.within1_mean);
                j.key("binary").value(r.metrics.binary_mean);
                j.key("users").value(r.metrics.users);
                j.key("predictions").value(r.metrics.n);
            }
            j.key("train_s").value(r.train_s);
            j.key("predict_s").value(r.predict_s);
            j.end_object();
        }
        j.end_array();
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str() + "\n";
}

std::string report_table(const EvalReport& rep) {
    std::string out = "dataset " + rep.dataset + " (" + rep.dataset_path + "), protocol " + protocol_name(rep.protocol);
    if (rep.protocol == Protocol::Paper)
        out += " (" + std::to_string(rep.params.users) + " users x " + std::to_string(rep.params.reviews) + " ratings)";
    if (rep.protocol == Protocol::Ranking)
        out += " (top " + std::to_string(rep.params.k) + " of every unrated item; per-user 75/25; relevant = all test items; \"liked\": test items rated >= 4 stars)";
    if (rep.protocol == Protocol::Cold)
        out += " (" + std::to_string(rep.params.cold_percent) + " % of the rated films lose every training rating; top " +
               std::to_string(rep.params.k) + "; cold: only cold films ranked, against the user's test ratings of them; kept: the same lists when those films keep their ratings; mixed: every unrated film vs warm only: warm films alone, both against all test ratings)";
    out += ", " + seeds_text(rep) + "\n";
    for (const auto& n : rep.notes) out += "note: " + n + "\n";
    if (rep.protocol == Protocol::Cold) {
        out += render(cold_rows(rep));
        return out;
    }
    if (rep.protocol == Protocol::Ranking) {
        out += render(ranking_rows(rep));
        out += "MAP divides by the user's relevant items (Microsoft Recommenders' benchmark MAP); MAPn by min(k, them)\n";
        return out;
    }

    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head = {"model", "RMSE", "+-", "MAE", "within1", "w1 med", "binary", "bin med", "users", "train s", "predict s"};
    if (rep.protocol == Protocol::Stream) head.push_back("learn s");
    rows.push_back(head);
    for (const auto& m : rep.models) {
        std::vector<std::string> r = {m.spec,
                                      fixed(m.rmse.mean, 4),
                                      fixed(m.rmse.std, 4),
                                      fixed(m.mae.mean, 4),
                                      fixed(m.within1_mean.mean, 4),
                                      fixed(m.within1_median.mean, 4),
                                      fixed(m.binary_mean.mean, 4),
                                      fixed(m.binary_median.mean, 4),
                                      fixed(m.users.mean, 0),
                                      fixed(m.train_s.mean, 4),
                                      fixed(m.predict_s.mean, 4)};
        if (rep.protocol == Protocol::Stream) r.push_back(fixed(m.learn_s.mean, 4));
        rows.push_back(r);
    }
    out += render(rows);

    if (rep.protocol == Protocol::Stream && !rep.models.empty() && !rep.models[0].curve.empty()) {
        out += "\nlearning curve: RMSE / within1 by ratings of the user already learned (n = predictions per run)\n";
        std::vector<std::vector<std::string>> c;
        std::vector<std::string> h = {"model"};
        for (const auto& p : rep.models[0].curve) h.push_back(bucket_name(p));
        c.push_back(h);
        std::vector<std::string> nrow = {"n"};
        const double runs = static_cast<double>(std::max<size_t>(1, rep.models[0].runs.size()));
        for (const auto& p : rep.models[0].curve) nrow.push_back(fixed(static_cast<double>(p.n) / runs, 0));
        c.push_back(nrow);
        for (const auto& m : rep.models) {
            std::vector<std::string> r = {m.spec};
            for (const auto& p : m.curve) r.push_back(fixed(p.rmse, 3) + " / " + fixed(p.within1, 3));
            c.push_back(r);
        }
        out += render(c);
    }
    return out;
}

}  // namespace wl
