// What a JsonWriter writes, read back: the writer writes to a descriptor,
// here a temporary file's.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli/JsonWriter.h"

namespace kith::engine {

template <typename Write>
std::string written_by_json_writer(Write write) {
  std::FILE* file = std::tmpfile();
  EXPECT_NE(file, nullptr);
  if (!file) return {};
  {
    JsonWriter w(fileno(file));
    write(w);
    w.finish();
  }
  std::rewind(file);
  std::string out;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, file)) > 0;) out.append(chunk, n);
  std::fclose(file);
  return out;
}

}  // namespace kith::engine
