// What the MovieLens loaders share: dense users, duplicate checks, title years, and load_dataset's autodetection.
#include "weightless/data/movielens.hpp"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "movielens_detail.hpp"
#include "weightless/data/kaggle.hpp"
#include "weightless/data/packed.hpp"

namespace wl {

namespace detail {

void finish_ratings(Dataset& ds, const std::vector<RawRating>& raw, const std::string& file) {
    if (raw.empty()) throw DataError(file, 0, "no ratings (only a header or nothing)");
    std::vector<uint32_t> ids;
    ids.reserve(raw.size());
    for (const auto& r : raw) ids.push_back(r.user_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ds.user_ids = ids;

    std::unordered_map<uint32_t, uint32_t> user_of_id;
    user_of_id.reserve(ids.size());
    for (uint32_t u = 0; u < ids.size(); ++u) user_of_id.emplace(ids[u], u);

    // (user, item) -> first line, so a duplicate names both lines.
    std::unordered_map<uint64_t, uint32_t> first_line;
    first_line.reserve(raw.size());
    ds.ratings.clear();
    ds.ratings.reserve(raw.size());
    for (const auto& r : raw) {
        const uint32_t u = user_of_id.at(r.user_id);
        const auto [it, fresh] = first_line.emplace(uint64_t{u} << 32 | r.item, r.line);
        if (!fresh)
            throw DataError(file, r.line,
                            "duplicate rating: user " + std::to_string(r.user_id) + " already rated item " +
                                std::to_string(ds.items[r.item].id) + " at line " + std::to_string(it->second));
        ds.ratings.push_back({u, r.item, r.half_stars, r.timestamp});
    }
    ds.index();
}

std::string dir_name(const std::string& dir) {
    namespace fs = std::filesystem;
    fs::path p = fs::path(dir).lexically_normal();
    if (!p.empty() && !p.has_filename()) p = p.parent_path();  // "a/b/" -> "a/b"
    std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..") {
        std::error_code ec;
        const fs::path abs = fs::absolute(p, ec).lexically_normal();
        name = ec ? std::string() : (abs.has_filename() ? abs : abs.parent_path()).filename().string();
    }
    return name.empty() ? "movielens" : name;
}

std::string join_path(const std::string& dir, const std::string& file) {
    if (dir.empty()) return file;
    return dir.back() == '/' ? dir + file : dir + "/" + file;
}

}  // namespace detail

int16_t year_from_title(std::string_view title) {
    while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
    if (title.empty() || title.back() != ')') return 0;
    const size_t open = title.rfind('(');
    if (open == std::string_view::npos) return 0;
    const std::string_view in = title.substr(open + 1, title.size() - open - 2);
    if (in.size() < 4) return 0;
    int year = 0;
    for (size_t i = 0; i < 4; ++i) {
        if (in[i] < '0' || in[i] > '9') return 0;
        year = year * 10 + (in[i] - '0');
    }
    const std::string_view rest = in.substr(4);
    // A range like "(2006–2007)" or "(1999-)" (en dash or hyphen): its first year is the release year.
    const bool ok = rest.empty() || rest[0] == '-' || rest.substr(0, 3) == "\xE2\x80\x93";
    return ok ? static_cast<int16_t>(year) : 0;
}

Dataset load_dataset(const std::string& path_or_word) {
    namespace fs = std::filesystem;
    if (path_or_word == "embedded") return load_packed(embedded_dataset_path());
    const std::string& p = path_or_word;
    std::error_code ec;
    if (p.size() > 5 && p.compare(p.size() - 5, 5, ".wlds") == 0 && !fs::is_directory(p, ec)) return load_packed(p);
    if (fs::is_directory(p, ec)) {
        if (is_kaggle_dir(p)) return load_kaggle(p).dataset;  // before ratings.csv: the full Kaggle set has one too
        if (fs::exists(detail::join_path(p, "u.data"), ec)) return load_ml100k(p);
        if (fs::exists(detail::join_path(p, "ratings.csv"), ec)) return load_ml_latest(p);
        throw DataError(p, 0, "directory has neither u.data (ml-100k) nor ratings.csv (ml-latest) nor movies_metadata.csv (Kaggle)");
    }
    throw DataError(p, 0,
                    std::string(fs::exists(p, ec) ? "not a dataset" : "no such file or directory") +
                        ": expected a MovieLens directory (with u.data for ml-100k or ratings.csv for ml-latest), "
                        "a .wlds file, or the word \"embedded\"");
}

}  // namespace wl
