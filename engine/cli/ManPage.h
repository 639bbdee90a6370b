// Man pages made from the same CLI11 parsers as `--help` (and the same key
// tables as the config loader), so the manual cannot drift from the
// programs. Written at build time by kith-manpages, installed by
// `cmake --install`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "plugin/PluginRegistry.h"

namespace kith::engine {

// A section of prose. Paragraphs are separated by blank lines; lines that
// start with two spaces are shown verbatim (examples).
struct ManSection {
  std::string title;
  std::string text;
};

struct ManPage {
  std::string name;     // "kith"
  std::string section;  // "1"
  std::string summary;  // for NAME: "kith - ..."
  std::string synopsis;
  std::vector<ManSection> before_options;  // DESCRIPTION ...
  std::vector<ManSection> after_options;   // EXIT STATUS, FILES, SEE ALSO ...
};

// The page of a program: its prose, then every option of `app` and, for
// each subcommand, its description, positionals and options.
std::string render_program_page(const ManPage& page, const CLI::App& app);

// kith.toml(5): the config keys, the keys every account has, and the keys
// of each provider in `plugins`.
std::string render_config_page(const ManPage& page, const PluginRegistry& plugins);

// troff-escaped text: backslashes, hyphens, and a leading '.' or '\''.
std::string man_escape(std::string_view text);

}  // namespace kith::engine
