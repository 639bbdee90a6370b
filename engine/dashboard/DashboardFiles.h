// The dashboard's two files beside the store, both 0600: the access token,
// made once at kithd's first start with the dashboard and kept, and the
// link kithd serves now (written when it listens, removed when it stops),
// which `kith dashboard` prints.
#pragma once

#include <filesystem>
#include <string>

#include "kith/Status.h"

namespace kith::engine {

struct DashboardFiles {
  std::filesystem::path token;  // <store>.dashboard-token
  std::filesystem::path link;   // <store>.dashboard-link
};

// For the SQLite file `store` (or, for a PostgreSQL store, the default
// file's place: the token is a local secret either way).
DashboardFiles dashboard_files(const std::filesystem::path& store);

// The token in `path`, made (32 random bytes as hex, mode 0600) if there is
// none. A token file others may read is refused: anyone who has it can
// change your decisions.
[[nodiscard]] Result<std::string> load_or_create_token(const std::filesystem::path& path);
[[nodiscard]] Result<std::string> read_token(const std::filesystem::path& path);

// The link file: written whole (a temporary file renamed), mode 0600.
[[nodiscard]] Status write_link(const std::filesystem::path& path, const std::string& url);
[[nodiscard]] Result<std::string> read_link(const std::filesystem::path& path);

// Whether two tokens are equal, in time independent of where they differ.
bool same_token(const std::string& a, const std::string& b);

}  // namespace kith::engine
