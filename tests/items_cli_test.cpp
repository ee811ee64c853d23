// weightless-items as a user runs it, on a small MovieLens-format directory written here: fit, info, export and
// import round trips, exit 2 on usage errors and 1 on bad data. Native only (needs a shell).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#ifndef __EMSCRIPTEN__
#include <sys/wait.h>
#endif

#include "data_test_util.hpp"

namespace wl {
namespace {

std::string tool() {
    return (std::filesystem::path(WL_TEST_TMP).parent_path().parent_path() / "weightless-items").string();
}

struct Result {
    int code = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

Result run(const std::string& args) {
    Result r;
#ifndef __EMSCRIPTEN__
    const std::string tag = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const std::string out = test::tmp_path("items_out_" + tag), err = test::tmp_path("items_err_" + tag);
    std::string cmd = "'";
    cmd += tool();
    cmd += "' " + args + " >'" + out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
#else
    (void)args;
#endif
    return r;
}

// Six movies, two tastes of users (as in ials_test), ids 101..106.
std::string tiny_dataset() {
    const std::string dir = test::fresh_dir("items_cli_ds");
    std::string movies = "movieId,title,genres\n";
    for (int i = 1; i <= 6; ++i) movies += std::to_string(100 + i) + ",Movie " + std::to_string(i) + " (2000),Drama\n";
    test::write_text(dir + "/movies.csv", movies);
    std::string ratings = "userId,movieId,rating,timestamp\n";
    for (int u = 1; u <= 12; ++u)
        for (int i = u <= 6 ? 101 : 104, end = i + 3; i < end; ++i)
            ratings += std::to_string(u) + "," + std::to_string(i) + ",4.0," + std::to_string(1000 + u) + "\n";
    test::write_text(dir + "/ratings.csv", ratings);
    return dir;
}

#define WL_REQUIRE_ITEMS_TOOL()                                                       \
    do {                                                                              \
        if (!std::filesystem::exists(tool())) GTEST_SKIP() << "not built: " << tool(); \
    } while (0)

#ifdef __EMSCRIPTEN__
#define WL_NATIVE_ONLY() GTEST_SKIP() << "no shell under node"
#else
#define WL_NATIVE_ONLY() (void)0
#endif

TEST(ItemsCli, UsageErrorsExitTwo) {
    WL_NATIVE_ONLY();
    WL_REQUIRE_ITEMS_TOOL();
    for (const char* args : {"", "bogus", "fit", "fit ease", "fit svd -o x.wlim", "fit bias -o x.wlim", "fit ease:lambda=-1 -o x.wlim",
                             "import-csv a.csv -o x.wlim", "import-csv --kind trees a.csv -o x.wlim", "info", "info a b",
                             "export-csv x.wlim -o y", "info x.wlim --bogus", "fit ease -o"}) {
        const Result r = run(args);
        EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
        EXPECT_NE(r.err.find("usage: weightless-items"), std::string::npos) << args;
    }
    EXPECT_EQ(run("--help").code, 0);
}

TEST(ItemsCli, FitInfoExportImport) {
    WL_NATIVE_ONLY();
    WL_REQUIRE_ITEMS_TOOL();
    const std::string ds = tiny_dataset(), dir = test::fresh_dir("items_cli_out");
    const Result fit = run("fit 'ease:lambda=1 min_users=1' --dataset '" + ds + "' -o '" + dir + "/ease.wlim'");
    ASSERT_EQ(fit.code, 0) << fit.err;
    EXPECT_NE(fit.out.find("36 ratings"), std::string::npos) << fit.out;
    const Result info = run("info '" + dir + "/ease.wlim' --dataset '" + ds + "'");
    ASSERT_EQ(info.code, 0) << info.err;
    EXPECT_NE(info.out.find("neighbours, source 'ease:"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("6 of 6 items have a row"), std::string::npos) << info.out;
    const Result csv = run("export-csv '" + dir + "/ease.wlim' --dataset '" + ds + "'");
    ASSERT_EQ(csv.code, 0) << csv.err;
    EXPECT_EQ(csv.out.rfind("item,neighbour,weight\n101,10", 0), 0u) << csv.out;  // 101's neighbours are 102, 103
    EXPECT_EQ(csv.out.find("101,104"), std::string::npos) << "no weight across the tastes";
    test::write_text(dir + "/ease.csv", csv.out + "999,101,0.5\n");
    const Result imp = run("import-csv --kind neighbours '" + dir + "/ease.csv' --dataset '" + ds + "' -o '" + dir + "/back.wlim'");
    ASSERT_EQ(imp.code, 0) << imp.err;
    EXPECT_NE(imp.out.find("13 rows, 1 skipped"), std::string::npos) << imp.out;
    EXPECT_EQ(run("export-csv '" + dir + "/back.wlim' --dataset '" + ds + "'").out, csv.out);

    const Result ials = run("fit 'ials:factors=3 iterations=5' --dataset '" + ds + "' -o '" + dir + "/ials.wlim'");
    ASSERT_EQ(ials.code, 0) << ials.err;
    const Result finfo = run("info '" + dir + "/ials.wlim' --dataset '" + ds + "'");
    EXPECT_NE(finfo.out.find("6 of 6 items have a vector of 3 values"), std::string::npos) << finfo.out;
    const Result fcsv = run("export-csv '" + dir + "/ials.wlim' --dataset '" + ds + "'");
    ASSERT_EQ(fcsv.code, 0);
    EXPECT_EQ(fcsv.out.rfind("id,features\n101,\"[", 0), 0u) << fcsv.out;
    test::write_text(dir + "/f.csv", fcsv.out);
    const Result fimp = run("import-csv --kind factors '" + dir + "/f.csv' --dataset '" + ds + "' -o '" + dir + "/f.wlim'");
    ASSERT_EQ(fimp.code, 0) << fimp.err;
    EXPECT_NE(fimp.out.find("6 rows, 0 skipped"), std::string::npos) << fimp.out;
    EXPECT_EQ(run("export-csv '" + dir + "/f.wlim' --dataset '" + ds + "'").out, fcsv.out);  // %.9g: floats exact
    EXPECT_EQ(run("fit 'knn-implicit:k=2 min_users=1' --dataset '" + ds + "' -o '" + dir + "/knn.wlim'").code, 0);
}

TEST(ItemsCli, BadDataExitsOne) {
    WL_NATIVE_ONLY();
    WL_REQUIRE_ITEMS_TOOL();
    const std::string ds = tiny_dataset(), dir = test::fresh_dir("items_cli_bad");
    test::write_text(dir + "/bad.csv", "id,features\n101,\"[1, 2]\"\n102,\"[1, x]\"\n");
    const Result r = run("import-csv --kind factors '" + dir + "/bad.csv' --dataset '" + ds + "' -o '" + dir + "/o.wlim'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("bad.csv:3:"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/o.wlim"));
    test::write_text(dir + "/junk.wlim", "WLIM not really");
    const Result j = run("info '" + dir + "/junk.wlim' --dataset '" + ds + "'");
    EXPECT_EQ(j.code, 1);
    EXPECT_NE(j.err.find("item model"), std::string::npos) << j.err;
    EXPECT_EQ(run("info '" + dir + "/missing.wlim' --dataset '" + ds + "'").code, 1);
    EXPECT_EQ(run("fit ease --dataset '" + dir + "/nowhere' -o '" + dir + "/x.wlim'").code, 1);
}

// A directory Spark wrote (tests/fixtures/spark-factors) imports as it is; one without _SUCCESS is refused.
TEST(ItemsCli, ImportsSparkDirectories) {
    WL_NATIVE_ONLY();
    WL_REQUIRE_ITEMS_TOOL();
    const std::string fixtures = std::string(WL_ASSETS_DIR) + "/../tests/fixtures/spark-factors/";
    const std::string dir = test::fresh_dir("items_cli_spark");
    for (const char* layout : {"json", "csv-string", "csv-columns"}) {
        const Result r = run("import-csv --kind factors '" + fixtures + layout + "' --dataset embedded -o '" + dir + "/f.wlim'");
        EXPECT_EQ(r.code, 0) << layout << ": " << r.err;
        EXPECT_NE(r.out.find("7 rows, 1 skipped"), std::string::npos) << r.out;
        const Result info = run("info '" + dir + "/f.wlim'");
        EXPECT_NE(info.out.find("6 of 9742 items have a vector of 4 values"), std::string::npos) << info.out;
    }
    const Result bad = run("import-csv --kind factors '" + fixtures + "unfinished' --dataset embedded -o '" + dir + "/u.wlim'");
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.err.find("no _SUCCESS file"), std::string::npos) << bad.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/u.wlim"));
    EXPECT_EQ(run("import-csv --kind neighbours '" + fixtures + "json' --dataset embedded -o '" + dir + "/n.wlim'").code, 1);
}

// A spec of ease-large fits and reports what it solved.
TEST(ItemsCli, FitsEaseLarge) {
    WL_NATIVE_ONLY();
    WL_REQUIRE_ITEMS_TOOL();
    const std::string ds = tiny_dataset();
    const std::string dir = test::fresh_dir("items_cli_large");
    const Result r = run("fit 'ease-large:lambda=1 min_users=1 dense=3 tail_k=2' --dataset '" + ds + "' -o '" + dir + "/e.wlim'");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("ease-large: 3 movies solved, 3 with cosine neighbours"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace wl
