// Spark's part-file directories of item factors (spark_factors.hpp): the three layouts of tests/fixtures/spark-factors
// (written in Spark's own output format: part-<n>-<uuid>-c000 files, hidden .crc checksums, _SUCCESS) and each error.
#include "weightless/model/spark_factors.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_util.hpp"
#include "weightless/data/csv.hpp"

namespace wl {
namespace {

std::string fixture(const std::string& name) { return std::string(WL_ASSETS_DIR) + "/../tests/fixtures/spark-factors/" + name; }

void expect_fixture_factors(const ItemFactors& f, const CsvImport& rep) {
    const Dataset& cat = test::embedded_catalogue();
    EXPECT_EQ(rep.rows, 7u);
    EXPECT_EQ(rep.skipped, 1u);  // 288983 is a 2023 film, not in ml-latest-small
    ASSERT_EQ(f.dim, 4u);
    uint32_t known = 0;
    for (uint8_t k : f.known) known += k;
    EXPECT_EQ(known, 6u);
    const auto one = f.row(test::item_of(cat, 1));
    EXPECT_FLOAT_EQ(one[0], 0.11523149f);
    EXPECT_FLOAT_EQ(one[3], 1.0e-4f);
    EXPECT_FLOAT_EQ(f.row(test::item_of(cat, 3))[1], -1.2345e-5f);
    EXPECT_FLOAT_EQ(f.row(test::item_of(cat, 50))[0], 1.3107283f);
    EXPECT_FALSE(f.known[test::item_of(cat, 4)]);
}

TEST(SparkFactors, ReadsEveryLayoutSparkWrites) {
    for (const char* dir : {"json", "csv-string", "csv-columns"}) {
        SCOPED_TRACE(dir);
        CsvImport rep;
        const ItemFactors f = item_factors_from_spark_dir(fixture(dir), test::embedded_catalogue(), &rep);
        expect_fixture_factors(f, rep);
    }
}

TEST(SparkFactors, RefusesAnUnfinishedJob) {
    try {
        item_factors_from_spark_dir(fixture("unfinished"), test::embedded_catalogue());
        FAIL() << "read a directory without _SUCCESS";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("_SUCCESS"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("did not finish"), std::string::npos) << e.what();
    }
}

// A scratch directory with _SUCCESS and the given part files.
std::string spark_dir(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files, bool success = true) {
    namespace fs = std::filesystem;
    const std::string dir = test::tmp_path("spark-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    if (success) std::ofstream(dir + "/_SUCCESS").flush();
    for (const auto& [file, text] : files) std::ofstream(dir + "/" + file, std::ios::binary) << text;
    return dir;
}

std::string error_of(const std::string& dir) {
    try {
        item_factors_from_spark_dir(dir, test::embedded_catalogue());
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}

TEST(SparkFactors, ErrorsNameThePartAndTheProblem) {
    const auto has = [](const std::string& msg, const std::string& what) {
        EXPECT_NE(msg.find(what), std::string::npos) << "'" << msg << "' lacks '" << what << "'";
    };
    has(error_of(spark_dir("empty", {})), "no part-*.json or part-*.csv");
    has(error_of(spark_dir("gz", {{"part-00000-x-c000.json.gz", "x"}})), "compression");
    has(error_of(spark_dir("mixed", {{"part-00000.json", "{\"id\":1,\"features\":[1]}\n"}, {"part-00001.csv", "1,1\n"}})),
        "both .json and .csv");
    has(error_of(spark_dir("twice", {{"part-00000.json", "{\"id\":1,\"features\":[1]}\n"}, {"part-00001.json", "{\"id\":1,\"features\":[2]}\n"}})),
        "part-00001.json:1: item 1 appears twice");
    has(error_of(spark_dir("dims", {{"part-00000.json", "{\"id\":1,\"features\":[1,2]}\n{\"id\":2,\"features\":[1]}\n"}})),
        ":2: vector of 1 values where earlier rows have 2");
    has(error_of(spark_dir("nan", {{"part-00000.json", "{\"id\":1,\"features\":[\"NaN\"]}\n"}})), "NaN");
    has(error_of(spark_dir("key", {{"part-00000.json", "{\"id\":1,\"vec\":[1]}\n"}})), "unexpected key 'vec'");
    has(error_of(spark_dir("noid", {{"part-00000.json", "{\"features\":[1]}\n"}})), "row without id");
    has(error_of(spark_dir("trail", {{"part-00000.json", "{\"id\":1,\"features\":[1]} x\n"}})), "text after");
    has(error_of(spark_dir("open", {{"part-00000.json", "{\"id\":1,\"features\":[1,2\n"}})), "to close features");
    has(error_of(spark_dir("none", {{"part-00000.json", "{\"id\":999999999,\"features\":[1]}\n"}})), "none of the 1 item ids");
    has(error_of(spark_dir("csvwidth", {{"part-00000.csv", "1,0.5,0.25\n2,0.5\n"}})), "part-00000.csv:2");
    has(error_of(spark_dir("nosuccess", {{"part-00000.json", "{\"id\":1,\"features\":[1]}\n"}}, false)), "_SUCCESS");
    // An empty partition's file is no error; the other parts are read.
    CsvImport rep;
    const auto f = item_factors_from_spark_dir(spark_dir("emptypart", {{"part-00000.json", ""}, {"part-00001.json", " {\"features\": [0.5, -1E-3] , \"id\": 1}\r\n\n"}}),
                                               test::embedded_catalogue(), &rep);
    EXPECT_EQ(rep.rows, 1u);
    EXPECT_FLOAT_EQ(f.row(test::item_of(test::embedded_catalogue(), 1))[1], -1e-3f);
}

TEST(SparkFactors, OnePartFileReadsAlone) {
    const auto dir = fixture("json");
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("part-00000", 0) != 0) continue;
        const TextFile t = read_text_file(e.path().string());
        CsvImport rep;
        const auto f = item_factors_from_json_lines(t.text, test::embedded_catalogue(), name, &rep);
        EXPECT_EQ(rep.rows, 4u);
        EXPECT_EQ(f.dim, 4u);
    }
}

}  // namespace
}  // namespace wl
