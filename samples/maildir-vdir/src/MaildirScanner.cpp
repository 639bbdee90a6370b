#include "MaildirScanner.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <system_error>
#include <utility>

#include "LocalFiles.h"
#include "kith/Ascii.h"
#include "kith/mail/FolderRoles.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 16;
constexpr const char* kMessageDirs[] = {"new", "cur"};

bool directory_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool is_maildir(const fs::path& dir) { return directory_exists(dir / "cur") || directory_exists(dir / "new"); }

using kith::ascii::iequals;

// Calls `visit` for each entry of `dir`; false (and `ec` set) when the
// directory cannot be read.
template <typename Visit>
bool for_each_entry(const fs::path& dir, std::error_code& ec, Visit visit) {
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) visit(*it);
  return !ec;
}

}  // namespace

MaildirScanner::MaildirScanner(fs::path root, std::function<bool(const std::string&)> skip,
                               std::function<void(const std::string&)> warn)
    : root_(std::move(root)), skip_(std::move(skip)), warn_(std::move(warn)) {}

std::string MaildirScanner::unique_name_of(const std::string& file_name) {
  return file_name.substr(0, file_name.find(':'));
}

Result<std::vector<MaildirFolder>> MaildirScanner::folders() const {
  std::error_code ec;
  fs::directory_iterator probe(root_, ec);
  if (ec) return Status::account("cannot read maildir '" + root_.string() + "': " + ec.message());
  std::vector<MaildirFolder> found;
  Visited visited;
  struct stat st {};
  if (::stat(root_.c_str(), &st) == 0) visited.insert({st.st_dev, st.st_ino});
  if (is_maildir(root_)) add_folder(root_, "INBOX", "", found);
  walk(root_, "", 0, found, visited);
  std::sort(found.begin(), found.end(),
            [](const MaildirFolder& a, const MaildirFolder& b) { return a.name < b.name; });
  return found;
}

void MaildirScanner::add_folder(const fs::path& dir, std::string name, const std::string& relative,
                                std::vector<MaildirFolder>& found) const {
  if (skip_ && (skip_(name) || (!relative.empty() && skip_(relative)))) return;
  auto taken = [&found](const std::string& n) {
    return std::any_of(found.begin(), found.end(), [&n](const MaildirFolder& f) { return f.name == n; });
  };
  if (taken(name)) {
    // Both `.Sent` and `Sent/`, say: the second keeps its literal path.
    if (relative.empty() || relative == name || taken(relative)) {
      if (warn_) warn_("maildir folder '" + dir.string() + "' skipped: another folder is already named '" + name + "'");
      return;
    }
    name = relative;
  }
  FolderRole role = mail::role_from_name(name);
  found.push_back(MaildirFolder{std::move(name), dir, role});
}

bool MaildirScanner::may_enter(const fs::path& child, Visited& visited) const {
  std::error_code ec;
  if (fs::is_symlink(child, ec)) {
    const fs::path target = fs::canonical(child, ec);
    const fs::path root = fs::canonical(root_, ec);
    const auto [end, ignored] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (ec || end != root.end()) {
      if (warn_) warn_("maildir folder '" + child.string() + "' is a link out of the maildir root; not followed");
      return false;
    }
  }
  struct stat st {};
  if (::stat(child.c_str(), &st) != 0) return false;
  if (!visited.insert({st.st_dev, st.st_ino}).second) {
    if (warn_) warn_("maildir folder '" + child.string() + "' leads to a folder already read; not followed");
    return false;
  }
  return true;
}

void MaildirScanner::walk(const fs::path& dir, const std::string& relative, int depth,
                          std::vector<MaildirFolder>& found, Visited& visited) const {
  if (depth > kMaxDepth) {
    if (warn_) warn_("maildir folder '" + dir.string() + "' is nested too deep; not descending further");
    return;
  }
  const bool dir_is_maildir = is_maildir(dir);
  std::vector<std::string> children;
  std::error_code ec;
  bool ok = for_each_entry(dir, ec, [&](const fs::directory_entry& entry) {
    std::error_code entry_ec;
    if (entry.is_directory(entry_ec)) children.push_back(entry.path().filename().string());
  });
  if (!ok) {
    if (warn_) warn_("cannot read maildir folder '" + dir.string() + "': " + ec.message());
    return;
  }
  // Plain names first: on a clash (`Sent/` and `.Sent`), the verbatim
  // folder keeps the name and the Maildir++ one its literal path.
  std::sort(children.begin(), children.end(), [](const std::string& a, const std::string& b) {
    const bool a_dot = a[0] == '.', b_dot = b[0] == '.';
    return a_dot != b_dot ? b_dot : a < b;
  });
  for (const auto& name : children) {
    if (dir_is_maildir && (name == "cur" || name == "new" || name == "tmp")) continue;
    const fs::path child = dir / name;
    if (!may_enter(child, visited)) continue;
    const std::string child_relative = relative.empty() ? name : relative + "/" + name;
    const bool child_is_maildir = is_maildir(child);
    if (child_is_maildir) {
      std::string folder_name = child_relative;
      if (relative.empty() && name.size() > 1 && name[0] == '.') {
        folder_name = name.substr(1);  // Maildir++
      }
      if (relative.empty() && iequals(folder_name, "INBOX")) folder_name = "INBOX";
      add_folder(child, std::move(folder_name), child_relative, found);
    } else if (name[0] == '.') {
      continue;  // .notmuch, .git and the like
    }
    walk(child, child_relative, depth + 1, found, visited);
  }
}

Result<std::vector<MaildirFile>> MaildirScanner::list_files(const MaildirFolder& folder) const {
  std::vector<MaildirFile> files;
  for (const char* sub : kMessageDirs) {
    const fs::path dir = folder.path / sub;
    if (!directory_exists(dir)) continue;
    std::error_code ec;
    bool ok = for_each_entry(dir, ec, [&](const fs::directory_entry& entry) {
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') return;
      std::error_code entry_ec;
      if (!entry.is_regular_file(entry_ec)) return;
      auto time = entry.last_write_time(entry_ec);
      if (entry_ec) return;  // gone since it was listed
      std::string unique = unique_name_of(name);
      files.push_back(MaildirFile{entry.path(), std::move(name), std::move(unique), to_unix_nanoseconds(time)});
    });
    if (!ok) return Status::collection("cannot list '" + dir.string() + "': " + ec.message());
  }
  std::sort(files.begin(), files.end(), [](const MaildirFile& a, const MaildirFile& b) {
    return std::tie(a.mtime_ns, a.unique_name, a.file_name) < std::tie(b.mtime_ns, b.unique_name, b.file_name);
  });
  // A message caught between new/ and cur/ is listed twice: keep one.
  std::set<std::string> seen;
  std::erase_if(files, [&seen](const MaildirFile& f) { return !seen.insert(f.unique_name).second; });
  return files;
}

std::optional<MaildirFile> MaildirScanner::locate(const MaildirFolder& folder, const std::string& unique_name) const {
  for (const char* sub : kMessageDirs) {
    std::optional<MaildirFile> hit;
    std::error_code ec;
    for_each_entry(folder.path / sub, ec, [&](const fs::directory_entry& entry) {
      std::string name = entry.path().filename().string();
      if (hit || unique_name_of(name) != unique_name) return;
      std::error_code entry_ec;
      auto time = entry.last_write_time(entry_ec);
      if (!entry_ec) hit = MaildirFile{entry.path(), name, unique_name, to_unix_nanoseconds(time)};
    });
    if (hit) return hit;
  }
  return std::nullopt;
}

std::vector<MaildirFile> MaildirScanner::not_delivered(const std::vector<MaildirFile>& files,
                                                       const std::optional<MaildirCursor>& cursor) {
  if (!cursor) return files;
  std::vector<MaildirFile> result;
  for (const auto& file : files) {
    if (file.mtime_ns > cursor->mtime_ns ||
        (file.mtime_ns == cursor->mtime_ns && !cursor->names_at_mtime.count(file.unique_name))) {
      result.push_back(file);
    }
  }
  return result;
}

}  // namespace kith::local
