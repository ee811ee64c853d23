// weightless-items: builds, imports, exports and describes public item models (WLIM files, item_model.hpp).
// Exit codes: 0 done, 2 usage error, 1 bad data (the message says what and where).
#include <cstdio>
#include <filesystem>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "weightless/data/csv.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/model/cooccurrence.hpp"
#include "weightless/model/ease_large.hpp"
#include "weightless/model/ials.hpp"
#include "weightless/model/item_model.hpp"
#include "weightless/model/item_neighbours_model.hpp"
#include "weightless/model/registry.hpp"
#include "weightless/model/spark_factors.hpp"
#include "weightless/util/bytes.hpp"
#include "weightless/util/params.hpp"

namespace {

struct UsageError {
    std::string what;
};

const char* kUsage =
    "usage: weightless-items COMMAND ...\n"
    "  fit SPEC [--dataset PATH] -o OUT.wlim\n"
    "      fits SPEC (ease[:params], ease-large[:params], knn-implicit[:params], ials[:params]) on ALL the dataset's\n"
    "      ratings and writes the public item model; ease-large (EASE on the `dense` most-watched movies, cosine\n"
    "      neighbours for the rest) is the one for a catalogue of more than ~20,000 rated movies (full ml-latest)\n"
    "  import-csv --kind neighbours|factors IN.csv [--dataset PATH] -o OUT.wlim\n"
    "      neighbours: header item,neighbour,weight; factors: header id,features with \"[a, b, ...]\" (Spark ALS\n"
    "      itemFactors) or id,f0,f1,...; ids are the dataset's movie ids, rows of unknown ids are skipped and counted.\n"
    "      factors also from a directory Spark wrote (itemFactors.write.json or .write.csv: part-* files and\n"
    "      _SUCCESS), or one JSON-lines part file (.json)\n"
    "  export-csv IN.wlim [--dataset PATH]      the model as CSV on standard output (the import forms)\n"
    "  info IN.wlim [--dataset PATH]            what the file holds\n"
    "  --dataset: ml-100k dir, ml-latest dir, .wlds file or \"embedded\" (default): the catalogue the ids refer to\n";

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::string dataset = "embedded", out, kind;
};

Args parse(int argc, char** argv) {
    Args a;
    if (argc < 2) throw UsageError{"no command"};
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        const auto value = [&](std::string& into) {
            if (i + 1 >= argc) throw UsageError{s + " needs a value"};
            into = argv[++i];
            if (into.empty()) throw UsageError{s + " needs a value"};
        };
        if (s == "--dataset") value(a.dataset);
        else if (s == "-o" || s == "--out") value(a.out);
        else if (s == "--kind") value(a.kind);
        else if (!s.empty() && s[0] == '-') throw UsageError{"unknown option " + s};
        else a.positional.push_back(s);
    }
    const auto need = [&](size_t n, bool out, bool kind) {
        if (a.positional.size() != n) throw UsageError{a.command + " takes " + std::to_string(n) + " argument(s)"};
        if (out != !a.out.empty()) throw UsageError{out ? a.command + " needs -o OUT.wlim" : a.command + " takes no -o"};
        if (kind != !a.kind.empty()) throw UsageError{kind ? a.command + " needs --kind" : a.command + " takes no --kind"};
    };
    if (a.command == "fit") need(1, true, false);
    else if (a.command == "import-csv") {
        need(1, true, true);
        if (a.kind != "neighbours" && a.kind != "factors") throw UsageError{"--kind must be neighbours or factors"};
    } else if (a.command == "export-csv" || a.command == "info") need(1, false, false);
    else throw UsageError{"unknown command '" + a.command + "'"};
    return a;
}

// The public item model a fitted model holds, as a WLIM file.
bool has_item_model(const wl::Model& m) {
    return dynamic_cast<const wl::ItemNeighboursModel*>(&m) || dynamic_cast<const wl::ItemFactorsModel*>(&m);
}

std::vector<uint8_t> fit_file(wl::Model& model, const wl::Dataset& ds, std::string& summary) {
    auto* m = &model;
    auto* nb = dynamic_cast<wl::ItemNeighboursModel*>(m);
    auto* fa = dynamic_cast<wl::ItemFactorsModel*>(m);
    const wl::Dataset catalogue = wl::without_ratings(ds);
    const wl::TrainData data{catalogue, ds.ratings};
    if (auto* ease = dynamic_cast<wl::EaseModel*>(m)) {
        // Plain EASE holds three dense n x n matrices of doubles: past ~20,000 movies that is tens of GB. Say so
        // before allocating them.
        wl::EaseConfig cfg;
        wl::apply_params(cfg, ease->config_text());
        const size_t n = wl::items_by_popularity(wl::interaction_csr(data), static_cast<uint32_t>(cfg.min_users)).size();
        const double gb = 3.0 * double(n) * double(n) * 8 / 1e9;
        if (n > 20000)
            throw std::runtime_error("ease on " + std::to_string(n) + " movies needs about " + std::to_string(int(gb)) +
                                     " GB; use ease-large (EASE on the most-watched movies, neighbours for the rest), "
                                     "e.g. ease-large:dense=20000");
    }
    m->fit(data);
    if (const auto* large = dynamic_cast<const wl::EaseLargeModel*>(m)) {
        const auto& st = large->stats();
        std::printf("ease-large: %u movies solved, %u with cosine neighbours (scaled by %.3g); seconds: index %.1f, gram %.1f, "
                    "solve %.1f, sparsify %.1f, neighbours %.1f\n",
                    st.dense_items, st.tail_items, st.tail_scale, st.seconds_index, st.seconds_gram, st.seconds_solve,
                    st.seconds_sparsify, st.seconds_tail);
    }
    if (nb) {
        summary = std::to_string(nb->neighbours().nnz()) + " weights";
        // An EASE fit is already rounded to the precision it names (bits=): the file stores it at that precision.
        const auto* ease = dynamic_cast<const wl::EaseModel*>(nb);
        return wl::save_item_neighbours(nb->neighbours(), ds, ease ? ease->config().bits : wl::WeightBits::F32);
    }
    summary = std::to_string(fa->factors().dim) + " factors per item";
    return wl::save_item_factors(fa->factors(), ds);
}

std::string factors_csv(const wl::ItemFactors& f, const wl::Dataset& ds) {
    std::string s = "id,features\n";
    char buf[32];
    for (uint32_t i = 0; i < f.n_items; ++i) {
        if (!f.known[i]) continue;
        s += std::to_string(ds.items[i].id) + ",\"[";
        for (uint32_t d = 0; d < f.dim; ++d) {
            std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(f.row(i)[d]));
            s += (d ? ", " : "") + std::string(buf);
        }
        s += "]\"\n";
    }
    return s;
}

int run(int argc, char** argv) {
    Args a;
    std::unique_ptr<wl::Model> model;
    try {
        if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "help")) {
            std::cout << kUsage;
            return 0;
        }
        a = parse(argc, argv);
        if (a.command == "fit") {  // a bad spec is a usage error, found before the dataset loads
            model = wl::make_model(a.positional[0]);
            if (!has_item_model(*model))
                throw UsageError{"model '" + a.positional[0] + "' has no public item model (use ease, knn-implicit or ials)"};
        }
    } catch (const UsageError& e) {
        std::cerr << "weightless-items: " << e.what << "\n\n" << kUsage;
        return 2;
    } catch (const wl::ParamError& e) {
        std::cerr << "weightless-items: " << e.what() << "\n\n" << kUsage;
        return 2;
    }
    try {
        const wl::Dataset ds = wl::load_dataset(a.dataset);
        const std::string& in = a.positional[0];
        if (a.command == "fit") {
            std::string summary;
            const auto bytes = fit_file(*model, ds, summary);
            wl::write_file_bytes_atomic(a.out, bytes);
            std::printf("%s on %s (%zu ratings): %s -> %s (%zu bytes)\n", in.c_str(), ds.name.c_str(), ds.ratings.size(),
                        summary.c_str(), a.out.c_str(), bytes.size());
        } else if (a.command == "import-csv") {
            wl::CsvImport rep;
            std::error_code ec;
            const bool spark_dir = std::filesystem::is_directory(in, ec);
            const bool json = in.size() > 5 && in.compare(in.size() - 5, 5, ".json") == 0;
            if (a.kind == "neighbours" && spark_dir) throw wl::DataError(in, 0, "a directory is read only with --kind factors");
            std::vector<uint8_t> bytes;
            if (a.kind == "factors" && spark_dir) {
                bytes = wl::save_item_factors(wl::item_factors_from_spark_dir(in, ds, &rep), ds);
            } else {
                const wl::TextFile text = wl::read_text_file(in);
                bytes = a.kind == "neighbours" ? wl::save_item_neighbours(wl::item_neighbours_from_csv(text.text, ds, in, &rep), ds)
                        : json                 ? wl::save_item_factors(wl::item_factors_from_json_lines(text.text, ds, in, &rep), ds)
                                               : wl::save_item_factors(wl::item_factors_from_csv(text.text, ds, in, &rep), ds);
            }
            wl::write_file_bytes_atomic(a.out, bytes);
            std::printf("%s: %u rows, %u skipped (ids not in %s) -> %s (%zu bytes)\n", in.c_str(), rep.rows, rep.skipped,
                        ds.name.c_str(), a.out.c_str(), bytes.size());
        } else {
            const auto bytes = wl::read_file_bytes(in);
            const auto kind = wl::item_model_kind(bytes);
            if (kind == wl::ItemModelKind::Neighbours) {
                const auto g = wl::load_item_neighbours(bytes, ds);
                if (a.command == "export-csv") {
                    std::cout << wl::item_neighbours_to_csv(g, ds);
                } else {
                    uint32_t rows = 0;
                    for (uint32_t j = 0; j < g.n_items; ++j) rows += !g.row_items(j).empty();
                    std::printf("%s: neighbours, source '%s'\n  %u of %u items have a row, %zu weights (%.1f per row), %zu bytes\n",
                                in.c_str(), g.source.c_str(), rows, g.n_items, g.nnz(), rows ? double(g.nnz()) / rows : 0.0,
                                bytes.size());
                }
            } else {
                const auto f = wl::load_item_factors(bytes, ds);
                if (a.command == "export-csv") {
                    std::cout << factors_csv(f, ds);
                } else {
                    uint32_t rows = 0;
                    for (uint8_t k : f.known) rows += k;
                    std::printf("%s: factors, source '%s'\n  %u of %u items have a vector of %u values, %zu bytes\n", in.c_str(),
                                f.source.c_str(), rows, f.n_items, f.dim, bytes.size());
                }
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "weightless-items: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
