// Measures the importer's title matching on real exports, for scripts/match-report.sh (docs/IMPORT_MATCHING.md).
//
// It calls only what the importer offered before the matcher was rewritten (parse_history, HistoryIndex's id
// look-ups, HistoryRow's kind and candidates), so the script compiles this same file against the older commit too
// and both sets of figures come from one measurement.
//
//   weightless_match_report CATALOGUE.wlds EXPORTS_DIR [--list]
//
// Prints tab-separated lines (see the script for their meaning); --list also prints every IMDb row that was missed
// or matched wrongly, for studying the failures. An IMDb ratings file is any CSV with Const, Title, Year and Title
// Type columns.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/logic/history_import.hpp"
#include "weightless/data/csv.hpp"
#include "weightless/data/packed.hpp"
#include "weightless/data/text_fold.hpp"
#include "weightless/util/bytes.hpp"

namespace {

using namespace wl;
using namespace wl::app;
namespace fs = std::filesystem;

constexpr size_t kMaxChoices = 5;  // "the right film among at most 5 choices" counts as found

std::string csv_field(std::string_view s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}

// A CSV file's header and records as strings.
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    int col(std::string_view name) const {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return static_cast<int>(i);
        return -1;
    }
};
Table read_table(const fs::path& p) {
    const TextFile f = read_text_file(p.string());
    CsvRecordReader r(f);
    Table t;
    if (!r.next()) return t;
    for (auto v : r.fields()) t.header.emplace_back(v);
    while (r.next()) {
        if (r.malformed() || r.fields().size() != t.header.size()) continue;
        t.rows.emplace_back(r.fields().begin(), r.fields().end());
    }
    return t;
}

HistoryPreview parse_text(const std::string& csv, const Dataset& ds, const HistoryIndex& index) {
    return parse_history(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()), ds, index, 0);
}

const char* kind_name(MatchKind k) {
    switch (k) {
        case MatchKind::Exact: return "exact";
        case MatchKind::YearOff: return "year-off";
        case MatchKind::Ambiguous: return "ambiguous";
        case MatchKind::Unmatched: return "unmatched";
    }
    return "?";
}

// How a row's title matched, where the importer says (the older one did not).
template <class Row>
std::string fit_of(const Row& r) {
    if constexpr (requires { r.fit; }) return title_fit_name(r.fit);
    else return "";
}

// Whether two titles share a word of four letters or more (folded): a row that shares none with its film's catalogue
// title names it in words the catalogue does not have, mostly in another language ("Druk" for "Another Round").
bool share_a_word(std::string_view a, std::string_view b) {
    const auto wa = search_words(a), wb = search_words(b);
    for (const auto& w : wa)
        if (w.size() >= 4 && std::find(wb.begin(), wb.end(), w) != wb.end()) return true;
    return false;
}

std::string describe(const Dataset& ds, const HistoryRow& r) {
    std::string s = kind_name(r.kind);
    if (const std::string f = fit_of(r); !f.empty()) s += " (" + f + ")";
    for (size_t k = 0; k < r.candidates.size() && k < 6; ++k) s += (k ? " | " : ": ") + ds.items[r.candidates[k]].title;
    if (r.candidates.size() > 6) s += " | ... (" + std::to_string(r.candidates.size()) + ")";
    return s;
}

// The IMDb file with its ids dropped: every film row rewritten as a Letterboxd ratings row (title, year, stars), so
// it is matched by title and year alone; the true IMDb id then says whether the match was right.
void imdb_without_ids(const std::string& name, const Table& t, const Dataset& ds, const HistoryIndex& index, bool list) {
    const int c_const = t.col("Const"), c_title = t.col("Title"), c_year = t.col("Year"), c_type = t.col("Title Type");
    std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n";
    std::vector<std::optional<uint32_t>> truth;
    for (const auto& row : t.rows) {
        const std::string& type = row[static_cast<size_t>(c_type)];
        if (type != "movie" && type != "tvMovie" && type != "video") continue;  // the films, as the importer counts them
        truth.push_back(index.find_imdb(static_cast<uint32_t>(std::stoul(row[static_cast<size_t>(c_const)].substr(2)))));
        csv += "2020-01-01," + csv_field(row[static_cast<size_t>(c_title)]) + ',' + row[static_cast<size_t>(c_year)] + ",u,3\n";
    }
    const HistoryPreview p = parse_text(csv, ds, index);
    if (p.rows.size() != truth.size()) throw std::runtime_error("the rewritten IMDb file lost rows");
    size_t in_catalogue = 0, right = 0, right_choice = 0, right_many = 0, wrong = 0, wrong_absent = 0, wrong_choice = 0,
           unmatched_known = 0, unmatched_foreign = 0, year_off_right = 0, choice_rows = 0, choice_total = 0;
    for (size_t k = 0; k < p.rows.size(); ++k) {
        const HistoryRow& r = p.rows[k];
        const auto& want = truth[k];
        const bool single = r.kind == MatchKind::Exact || r.kind == MatchKind::YearOff;
        const bool has = want && std::find(r.candidates.begin(), r.candidates.end(), *want) != r.candidates.end();
        const char* what = nullptr;
        if (list && r.kind != MatchKind::Unmatched)
            std::cout << "#\tFIT\t" << kind_name(r.kind) << ' ' << fit_of(r) << ' ' << (has ? (single ? "right" : "among") : "wrong")
                      << '\t' << r.title << " (" << r.year << ")\t" << describe(ds, r) << '\n';
        if (want) ++in_catalogue;
        if (r.kind == MatchKind::Ambiguous) {
            ++choice_rows;
            choice_total += r.candidates.size();
        }
        if (single && has) {
            ++right;
            if (r.kind == MatchKind::YearOff) ++year_off_right;
        } else if (single) {
            ++wrong;
            if (!want) ++wrong_absent;
            what = "WRONG";
        } else if (r.kind == MatchKind::Ambiguous && has) {
            if (r.candidates.size() <= kMaxChoices) ++right_choice;
            else {
                ++right_many;
                what = "MANY";
            }
        } else if (r.kind == MatchKind::Ambiguous) {
            ++wrong_choice;
            what = "NOT-AMONG";
        } else if (want) {
            ++unmatched_known;
            if (!share_a_word(r.title, ds.items[*want].title)) ++unmatched_foreign;
            what = "MISSED";
        }
        if (list && what)
            std::cout << "#\t" << what << '\t' << r.title << " (" << r.year << ")\t"
                      << (want ? ds.items[*want].title : std::string("(not in the catalogue)")) << '\t' << describe(ds, r) << '\n';
    }
    const auto line = [&](const char* k, size_t v) { std::cout << "imdb\t" << name << '\t' << k << '\t' << v << '\n'; };
    line("film_rows", p.rows.size());
    line("in_catalogue", in_catalogue);
    line("right", right);
    line("right_year_off", year_off_right);
    line("right_in_choices", right_choice);
    line("right_in_many_choices", right_many);
    line("wrong", wrong);
    line("wrong_not_in_catalogue", wrong_absent);
    line("choices_without_it", wrong_choice);
    line("missed", unmatched_known);
    line("missed_sharing_no_word", unmatched_foreign);
    line("choice_rows", choice_rows);
    line("choice_candidates", choice_total);
}

void counts(const char* what, const std::string& name, const HistoryPreview& p) {
    std::cout << what << '\t' << name << '\t' << history_format_name(p.format) << '\t' << p.rows.size() << '\t'
              << p.count(MatchKind::Exact) << '\t' << p.count(MatchKind::YearOff) << '\t' << p.count(MatchKind::Ambiguous)
              << '\t' << p.count(MatchKind::Unmatched) << '\t' << p.not_movies << '\t' << p.unrated << '\t' << p.malformed << '\n';
}

// Every export as the importer reads it, and, for Letterboxd files (whose rows carry no id), every row's title and
// year matched as if it were rated: watched and watchlist files test the matcher on thousands more titles.
void exports(const fs::path& dir, const Dataset& ds, const HistoryIndex& index, bool list) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".csv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const std::string name = fs::relative(f, dir).string();
        try {
            counts("file", name, parse_history(read_file_bytes(f.string()), ds, index, 0));
        } catch (const std::exception& e) {
            std::string msg = e.what();
            std::replace(msg.begin(), msg.end(), '\t', ' ');
            std::cout << "refused\t" << name << '\t' << msg.substr(0, 100) << '\n';
        }
        const Table t = read_table(f);
        if (t.col("Const") >= 0 && t.col("Title") >= 0 && t.col("Year") >= 0 && t.col("Title Type") >= 0)
            imdb_without_ids(name, t, ds, index, list);
        const int c_name = t.col("Name"), c_year = t.col("Year");
        if (c_name < 0 || c_year < 0) continue;
        std::string csv = "Date,Name,Year,Letterboxd URI,Rating\n";
        for (const auto& row : t.rows)
            csv += "2020-01-01," + csv_field(row[static_cast<size_t>(c_name)]) + ',' + row[static_cast<size_t>(c_year)] + ",u,3\n";
        const HistoryPreview p = parse_text(csv, ds, index);
        counts("titles", name, p);
        if (list)
            for (const HistoryRow& r : p.rows)
                if (r.kind == MatchKind::Unmatched || r.kind == MatchKind::Ambiguous)
                    std::cout << "#\tLETTERBOXD\t" << name << '\t' << r.title << " (" << r.year << ")\t" << describe(ds, r) << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: weightless_match_report CATALOGUE.wlds EXPORTS_DIR [--list]\n";
        return 2;
    }
    try {
        const Dataset ds = load_packed(argv[1]);
        const HistoryIndex index(ds);
        const bool list = argc > 3 && std::string(argv[3]) == "--list";
        exports(argv[2], ds, index, list);
    } catch (const std::exception& e) {
        std::cerr << "weightless_match_report: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
