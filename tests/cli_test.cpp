// weightless-eval as a user runs it: exit codes for bad arguments and bad data, and the JSON it prints.
// Native only (needs a shell); skipped when the tool has not been built next to the tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#ifndef __EMSCRIPTEN__
#include <sys/wait.h>
#endif

#include "test_util.hpp"

namespace wl {
namespace {

// The tools are built in the build directory's root; the tests' tmp dir is <build>/tests/tmp.
std::string tool_path() {
    return (std::filesystem::path(WL_TEST_TMP).parent_path().parent_path() / "weightless-eval").string();
}

#define WL_REQUIRE_TOOL()                                                                                   \
    do {                                                                                                    \
        if (!std::filesystem::exists(tool_path())) GTEST_SKIP() << "not built: " << tool_path();           \
    } while (0)

struct Result {
    int code = -1;
    std::string out, err;
};

[[maybe_unused]] std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

Result run_tool(const std::string& args) {
#ifdef __EMSCRIPTEN__
    (void)args;
    return {};
#else
    // Per-test file names: ctest runs tests in parallel processes.
    const std::string tag = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const std::string out = test::tmp_path("cli_out_" + tag + ".txt"), err = test::tmp_path("cli_err_" + tag + ".txt");
    std::string cmd = "'";  // appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "x" + std::string
    cmd += tool_path();
    cmd += "' " + args + " >'" + out + "' 2>'" + err + "'";
    const int status = std::system(cmd.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
#endif
}

TEST(EvalCli, UsageErrorsExitTwo) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "no shell under node";
#endif
    WL_REQUIRE_TOOL();
    for (const char* args : {"--bogus", "--protocol nope", "--users abc", "--users 0", "--seeds", "--models svd",
                             "--models bias:reg_u=-1", "--protocol folds --dataset embedded"}) {
        const Result r = run_tool(args);
        EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
        EXPECT_NE(r.err.find("usage: weightless-eval"), std::string::npos) << args;
        EXPECT_TRUE(r.out.empty()) << args;
    }
    const Result h = run_tool("--help");
    EXPECT_EQ(h.code, 0);
    EXPECT_NE(h.out.find("--protocol"), std::string::npos);
}

TEST(EvalCli, DataErrorsExitOne) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "no shell under node";
#endif
    WL_REQUIRE_TOOL();
    const std::string bad = test::tmp_path("cli_bad.wlds");
    std::ofstream(bad) << "not a dataset";
    const Result r = run_tool("--dataset '" + bad + "' --models global-mean");
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cli_bad.wlds"), std::string::npos) << r.err;
}

TEST(EvalCli, JsonOnEmbeddedData) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "no shell under node";
#endif
    WL_REQUIRE_TOOL();
    const Result r = run_tool("--json --seeds 1 --models global-mean,bias:reg_u=5");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.find("{\"dataset\":\"ml-latest-small\""), 0u) << r.out.substr(0, 100);
    EXPECT_EQ(r.out.find('\n'), r.out.size() - 1);  // one object, one line
    EXPECT_NE(r.out.find("\"name\":\"bias:reg_u=5\""), std::string::npos);
    EXPECT_NE(r.err.find("[seed 1] bias:reg_u=5: rmse"), std::string::npos) << r.err;  // progress on stderr
}

// The recency window's smoke: the stream's two halves run with a windowed model (user-mean: cheap), each half says
// which it is, and the flags that cannot go together are usage errors.
TEST(EvalCli, StreamHalvesWithARecencyWindow) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "no shell under node";
#endif
    WL_REQUIRE_TOOL();
    const Result val = run_tool("--json --protocol stream --validation --seeds 1 --models user-mean,user-mean:recent=20");
    ASSERT_EQ(val.code, 0) << val.err;
    EXPECT_NE(val.out.find("\"validation\":true"), std::string::npos);
    EXPECT_NE(val.out.find("\"name\":\"user-mean:recent=20\""), std::string::npos);
    EXPECT_NE(val.out.find("recent=20 recent_days=0"), std::string::npos);  // the window is in the model's config
    const Result test = run_tool("--json --protocol stream --stream-test --seeds 1 --models user-mean:recent_days=30");
    ASSERT_EQ(test.code, 0) << test.err;
    EXPECT_NE(test.out.find("\"stream_test\":true"), std::string::npos);
    for (const char* args : {"--protocol stream --stream-test --validation", "--protocol split --stream-test",
                             "--protocol stream --models user-mean:recent=-1", "--protocol stream --models mf:recent=5"}) {
        const Result r = run_tool(args);
        EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
    }
}

// The paper's data: both protocols print every default model; --join paper runs and warns; Kaggle flags elsewhere
// are usage errors.
TEST(EvalCli, KaggleJoins) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "no shell under node";
#endif
    WL_REQUIRE_TOOL();
    WL_REQUIRE_DATA("the-movies-dataset-partial/movies_metadata.csv");
    // Built piece by piece: g++ 12 warns falsely (-Wrestrict) on "x" + std::string.
    std::string dir = "--dataset '";
    dir += test::shared_data("the-movies-dataset-partial");
    dir += "' ";
    for (const std::string extra : {"--protocol paper --users 100 --reviews 50", "--protocol split", "--protocol paper --join paper"}) {
        std::string args = dir;
        args += "--seeds 1 ";
        args += extra;
        const Result r = run_tool(args);
        ASSERT_EQ(r.code, 0) << extra << "\n" << r.err;
        for (const char* m : {"global-mean", "user-mean", "user-mode", "bias", "wnn-paper", "wnn-best"}) {
            std::string row = "\n";
            row += m;
            row += ' ';
            EXPECT_NE(r.out.find(row), std::string::npos) << extra << ": " << m << " missing\n" << r.out;
        }
        const bool paper = extra.find("--join paper") != std::string::npos;
        EXPECT_EQ(r.err.find("WARNING: --join paper") != std::string::npos, paper) << extra;
        EXPECT_NE(r.out.find(paper ? "9034 of 46206" : "34116 of 46206"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("vote_average: TMDB"), std::string::npos) << r.out;
    }
    const Result e = run_tool("--dataset embedded --join paper");
    EXPECT_EQ(e.code, 2) << e.err;
    EXPECT_NE(e.err.find("apply to a Kaggle"), std::string::npos) << e.err;
    EXPECT_EQ(run_tool(dir + "--join sideways").code, 2);
}

}  // namespace
}  // namespace wl
