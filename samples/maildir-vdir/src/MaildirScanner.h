// Finds the folders of a Maildir tree and lists their message files.
//
// Both layouts mbsync and offlineimap write are understood:
// - Maildir++: the root is INBOX and subfolders are `.Name` (`.Archive.2025`
//   for nested ones) directly under it; the collection is the name without
//   the leading dot ("Sent", "Archive.2025");
// - verbatim: subfolders are plain directories (`INBOX/`, `Sent/`,
//   `Archive/2025/`); the collection is the path relative to the root with
//   '/' separators ("Archive/2025").
// A folder is a directory holding cur/ or new/ (tmp/ is never read).
#pragma once

#include <cstdint>
#include <filesystem>
#include <sys/types.h>

#include <functional>
#include <set>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "LocalCursor.h"
#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::local {

struct MaildirFolder {
  std::string name;  // collection name: "INBOX", "Sent", "Archive/2025"
  std::filesystem::path path;
  FolderRole role = FolderRole::Other;
};

struct MaildirFile {
  std::filesystem::path path;
  std::string file_name;    // "1733000000.M1P100.host:2,S"
  std::string unique_name;  // before ':' — stable across flag changes and new/ -> cur/
  std::int64_t mtime_ns = 0;
};

class MaildirScanner {
 public:
  // `skip` says which collection names not to return (exclude_folders);
  // `warn` receives problems that skip a part of the tree.
  MaildirScanner(std::filesystem::path root, std::function<bool(const std::string&)> skip,
                 std::function<void(const std::string&)> warn);

  // Every folder under the root, sorted by name. An Account error when the
  // root itself cannot be read.
  Result<std::vector<MaildirFolder>> folders() const;

  // The message files of a folder (new/ and cur/), sorted by mtime, then
  // unique name; one entry per unique name. A Collection error when the
  // folder cannot be listed.
  Result<std::vector<MaildirFile>> list_files(const MaildirFolder& folder) const;

  // Where the message with `unique_name` is now (after a flag change moved
  // it), or nullopt when it is gone.
  std::optional<MaildirFile> locate(const MaildirFolder& folder, const std::string& unique_name) const;

  // The files a sync that committed `cursor` has not delivered: newer than
  // its mtime, or at exactly its mtime under a name it does not list.
  // `files` as list_files returns them; nullopt cursor = all.
  static std::vector<MaildirFile> not_delivered(const std::vector<MaildirFile>& files,
                                                const std::optional<MaildirCursor>& cursor);

  // The unique name of a Maildir file name: the part before ':'.
  static std::string unique_name_of(const std::string& file_name);

 private:
  // Folders already read, by device and inode: a symlinked folder that
  // leads back to one (`ln -s . loop`) is read once.
  using Visited = std::set<std::pair<dev_t, ino_t>>;
  void walk(const std::filesystem::path& dir, const std::string& relative, int depth,
            std::vector<MaildirFolder>& found, Visited& visited) const;
  // Whether `child` (a folder found under the root) may be read: not a link
  // that leaves the root, not a folder already read.
  bool may_enter(const std::filesystem::path& child, Visited& visited) const;
  void add_folder(const std::filesystem::path& dir, std::string name, const std::string& relative,
                  std::vector<MaildirFolder>& found) const;

  std::filesystem::path root_;
  std::function<bool(const std::string&)> skip_;
  std::function<void(const std::string&)> warn_;
};

}  // namespace kith::local
