// Every key the config file may hold outside [[account]] tables: the one
// list the loader checks unknown keys against and kith.toml(5) documents.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kith::engine {

struct ConfigKey {
  const char* section;  // "" for the top level, else the table: "identity"
  const char* key;
  const char* type;     // as the manual names it: "list of strings"
  const char* help;     // one sentence, with the default
};

const std::vector<ConfigKey>& config_keys();

// The keys of one section ("" for the top level, where tables count too).
std::set<std::string> known_config_keys(std::string_view section);

}  // namespace kith::engine
