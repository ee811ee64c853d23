// Item factors as Spark writes them: a DataFrame saved with `.write.json(dir)` or `.write.csv(dir)` is a
// directory of part files (part-00000-<uuid>-c000.json, ...), hidden .crc checksums beside them on a local disk,
// and an empty _SUCCESS file written last, when the job committed. For ALS's `itemFactors`:
// - JSON: one object per line, {"id":1,"features":[0.1,-0.2,...]} (numbers as Java prints floats: 1.0E-4);
// - CSV (Spark cannot write an array column to CSV, so the person turns it into a string or into columns):
//   `1,"[0.1, -0.2]"` or `1,0.1,-0.2`, with a header line when written with option("header", true).
// Ids are catalogue ids; ids the catalogue lacks are counted in CsvImport::skipped, as for the CSV import.
#pragma once
#include <string>
#include <string_view>

#include "weightless/data/dataset.hpp"
#include "weightless/model/item_model.hpp"

namespace wl {

// One JSON-lines part. Errors are DataError naming `path` and the line. Blank lines are skipped.
ItemFactors item_factors_from_json_lines(std::string_view text, const Dataset& catalogue, const std::string& path,
                                         CsvImport* report = nullptr);

// The whole directory. Refused (DataError naming the directory) when _SUCCESS is missing (the job did not
// finish, or is still writing), when it holds no part file, both kinds, or compressed parts; an id in two parts
// and vectors of different lengths are errors naming the part file and line.
ItemFactors item_factors_from_spark_dir(const std::string& dir, const Dataset& catalogue, CsvImport* report = nullptr);

}  // namespace wl
