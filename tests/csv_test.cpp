// The text-reading layer under the MovieLens loaders: UTF-8/latin-1, lines, CSV quoting, strict numbers, years.
#include "weightless/data/csv.hpp"

#include "data_test_util.hpp"
#include "weightless/data/movielens.hpp"
#include "weightless/data/utf8.hpp"

namespace wl {
namespace {

TEST(Utf8, AcceptsValidAndFindsTheFirstBadByte) {
    EXPECT_TRUE(is_valid_utf8("plain ascii, long enough for the 8-byte fast path"));
    EXPECT_TRUE(is_valid_utf8("Mis\xC3\xA9rables \xE2\x80\x93 \xF0\x9F\x8E\xAC"));
    EXPECT_EQ(find_invalid_utf8("abcdefghij\xC3"), 10u);             // cut sequence at the end
    EXPECT_EQ(find_invalid_utf8("ab\xE9z"), 2u);                      // latin-1 byte
    EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);                     // overlong '/'
    EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);                // UTF-16 surrogate
    EXPECT_EQ(find_invalid_utf8("xy\xF4\x90\x80\x80"), 2u);           // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("0123456789\x80"), 10u);              // lone continuation byte
}

TEST(Utf8, Latin1ConvertsEveryByte) {
    EXPECT_EQ(latin1_to_utf8("Mis\xE9rables"), "Mis\xC3\xA9rables");
    EXPECT_EQ(latin1_to_utf8("\xC1 k\xF6ldum"), "\xC3\x81 k\xC3\xB6ldum");
    EXPECT_EQ(latin1_to_utf8("\xFF"), "\xC3\xBF");
    EXPECT_TRUE(is_valid_utf8(latin1_to_utf8(std::string("\x80\x9F\xA0\xFF", 4))));
}

TEST(TextFile, MissingEmptyAndInvalidFilesAreDataErrors) {
    const std::string dir = test::fresh_dir("csv_textfile");
    test::expect_data_error([&] { read_text_file(dir + "/nope.csv"); }, {"nope.csv", "cannot open"});
    test::write_text(dir + "/empty.csv", "");
    test::expect_data_error([&] { read_text_file(dir + "/empty.csv"); }, {"empty.csv", "empty file"});
    test::write_text(dir + "/bad.csv", "a,b\r\nok,line\r\nbad,\xFF here\r\n");
    test::expect_data_error([&] { read_text_file(dir + "/bad.csv"); }, {"bad.csv:3", "invalid UTF-8", "0xFF", "column 5"});
    test::write_text(dir + "/bom.csv", "\xEF\xBB\xBFh\n");
    EXPECT_EQ(read_text_file(dir + "/bom.csv").text, "h\n");
    test::write_text(dir + "/l1.txt", "caf\xE9\n");
    EXPECT_EQ(read_text_file(dir + "/l1.txt", TextEncoding::latin1).text, "caf\xC3\xA9\n");
}

TEST(LineReader, StripsCrlfAndKnowsAboutTheLastNewline) {
    const TextFile f{"f", "a\r\nb\n\nlast"};
    LineReader r(f);
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), "a");
    EXPECT_TRUE(r.terminated());
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), "b");
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), "");
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line(), "last");
    EXPECT_EQ(r.line_no(), 4u);
    EXPECT_FALSE(r.terminated());
    EXPECT_FALSE(r.next());

    const TextFile g{"g", "x\n"};
    LineReader s(g);
    ASSERT_TRUE(s.next());
    EXPECT_FALSE(s.next());  // nothing after the final newline is not a line
}

std::vector<std::string> csv(const std::string& line) {
    const TextFile f{"t.csv", line + "\n"};
    LineReader r(f);
    r.next();
    std::vector<std::string_view> fields;
    std::string scratch;
    split_csv(r, fields, scratch);
    return {fields.begin(), fields.end()};
}

TEST(Csv, QuotedFieldsWithCommasAndDoubledQuotes) {
    using V = std::vector<std::string>;
    EXPECT_EQ(csv("1,Toy Story (1995),Comedy"), (V{"1", "Toy Story (1995)", "Comedy"}));
    EXPECT_EQ(csv("11,\"American President, The (1995)\",Comedy|Drama"), (V{"11", "American President, The (1995)", "Comedy|Drama"}));
    EXPECT_EQ(csv("7789,\"11'09\"\"01 - September 11 (2002)\",Drama"), (V{"7789", "11'09\"01 - September 11 (2002)", "Drama"}));
    EXPECT_EQ(csv("\"a\",\"\",\"b,c\""), (V{"a", "", "b,c"}));
    EXPECT_EQ(csv("a,,"), (V{"a", "", ""}));
    EXPECT_EQ(csv("\"x\","), (V{"x", ""}));
    test::expect_data_error([] { csv("1,\"open,2"); }, {"t.csv:1", "unterminated quoted field"});
    test::expect_data_error([] { csv("1,\"a\"b,2"); }, {"t.csv:1", "after a closing quote"});
    test::expect_data_error([] { csv("1,a\"b,2"); }, {"t.csv:1", "quote inside an unquoted field"});
}

uint8_t stars(const std::string& s, bool whole_only = false) {
    const TextFile f{"r.csv", "x\n" + s + "\n"};
    LineReader r(f);
    r.next();
    r.next();
    return parse_half_stars(r, s, whole_only);
}

TEST(Csv, RatingsAreExactHalfStars) {
    EXPECT_EQ(stars("0.5"), 1);
    EXPECT_EQ(stars("1"), 2);
    EXPECT_EQ(stars("3.5"), 7);
    EXPECT_EQ(stars("4.0"), 8);
    EXPECT_EQ(stars("4.50"), 9);
    EXPECT_EQ(stars("5.0"), 10);
    EXPECT_EQ(stars("05"), 10);
    EXPECT_EQ(stars("3", true), 6);
    for (const char* bad : {"5.5", "0", "0.0", "-1", "-0.5", "6", "100000000000"})
        test::expect_data_error([&] { stars(bad); }, {"r.csv:2", std::string("'") + bad + "'", "out of range"});
    for (const char* bad : {"4.25", "3.7", "4.51"})
        test::expect_data_error([&] { stars(bad); }, {"r.csv:2", "not a multiple of 0.5"});
    for (const char* bad : {"abc", "", "4.", ".5", " 4", "4 ", "4,0", "1e0", "+4", "4.5x"})
        test::expect_data_error([&] { stars(bad); }, {"r.csv:2", "not a number"});
    test::expect_data_error([] { stars("3.5", true); }, {"r.csv:2", "not a whole number"});
    test::expect_data_error([] { stars("0.5", true); }, {"r.csv:2", "not a whole number"});
}

TEST(Csv, IdsAndTimestampsAreStrict) {
    const TextFile f{"n.csv", "x\n"};
    LineReader r(f);
    r.next();
    EXPECT_EQ(parse_id(r, "193609", "movieId"), 193609u);
    EXPECT_EQ(parse_timestamp(r, "964982703"), 964982703);
    EXPECT_EQ(parse_timestamp(r, "0"), 0);
    for (const char* bad : {"", "-1", "1.5", "x", "4294967296", " 7"})
        test::expect_data_error([&] { parse_id(r, bad, "movieId"); }, {"n.csv:1", "bad movieId"});
    test::expect_data_error([&] { parse_timestamp(r, "-5"); }, {"n.csv:1", "negative"});
    test::expect_data_error([&] { parse_timestamp(r, "12x"); }, {"n.csv:1", "bad timestamp"});
}

TEST(Csv, FieldCountErrorsTellTruncationApart) {
    const TextFile f{"c.csv", "a,b,c\n\na,b\n1,2"};
    LineReader r(f);
    std::vector<std::string_view> fields;
    r.next();
    split_fields(r.line(), ',', fields);
    expect_fields(r, fields, 3);
    r.next();
    split_fields(r.line(), ',', fields);
    test::expect_data_error([&] { expect_fields(r, fields, 3); }, {"c.csv:2", "empty line"});
    r.next();
    split_fields(r.line(), ',', fields);
    test::expect_data_error([&] { expect_fields(r, fields, 3); }, {"c.csv:3", "2 fields, expected 3"});
    r.next();
    split_fields(r.line(), ',', fields);
    test::expect_data_error([&] { expect_fields(r, fields, 3); }, {"c.csv:4", "truncated file"});
}

TEST(Year, FromTitle) {
    EXPECT_EQ(year_from_title("Toy Story (1995)"), 1995);
    EXPECT_EQ(year_from_title("From Dusk Till Dawn 2: Texas Blood Money (1999) "), 1999);
    EXPECT_EQ(year_from_title("Death Note: Desu n\xC3\xB4to (2006\xE2\x80\x93" "2007)"), 2006);
    EXPECT_EQ(year_from_title("Some Series (2010-)"), 2010);
    EXPECT_EQ(year_from_title("Babylon 5"), 0);
    EXPECT_EQ(year_from_title("Blade Runner 2049"), 0);
    EXPECT_EQ(year_from_title("Something (a.k.a. Else)"), 0);
    EXPECT_EQ(year_from_title("Short (95)"), 0);
    EXPECT_EQ(year_from_title("unknown"), 0);
    EXPECT_EQ(year_from_title(""), 0);
    EXPECT_EQ(year_from_title(")"), 0);
}

}  // namespace
}  // namespace wl
