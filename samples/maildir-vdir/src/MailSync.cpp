#include "MailSync.h"

#include <optional>
#include <system_error>

#include "LocalFiles.h"
#include "MaildirScanner.h"
#include "kith/mail/HeaderParser.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNanosecondsPerSecond = 1'000'000'000;

// The Maildir info after ":2," (or "!2,", the separator some systems use
// where ':' is not allowed) holds the flags in ASCII order; D is Draft.
// Lower-case letters are keywords, not flags.
bool maildir_draft(const std::string& file_name) {
  std::size_t info = file_name.rfind(":2,");
  if (info == std::string::npos) info = file_name.rfind("!2,");
  return info != std::string::npos && file_name.find('D', info + 3) != std::string::npos;
}

// Reads and parses one message file. nullopt when it failed (reported) or
// vanished (a deleted message needs no report).
std::optional<MessageHeaders> read_message(SyncPass& pass, kit::BatchWriter& out, const MaildirScanner& scanner,
                                           const MaildirFolder& folder, MaildirFile file) {
  auto block = read_header_block(file.path);
  if (!block) {
    std::error_code ec;
    if (!fs::exists(file.path, ec)) {
      // Its flags changed (renamed, or moved from new/ to cur/) since the listing.
      auto moved = scanner.locate(folder, file.unique_name);
      if (!moved) {
        pass.log(LogLevel::Debug, folder.name + "/" + file.file_name + ": gone before it was read");
        return std::nullopt;
      }
      file.path = moved->path;
      file.file_name = moved->file_name;
      block = read_header_block(file.path);
    }
    if (!block) {
      pass.item_failed(out, file.file_name, block.status());
      return std::nullopt;
    }
  }
  auto parsed = mail::parse_headers(*block);
  if (!parsed) {
    pass.item_failed(out, file.file_name, parsed.status());
    return std::nullopt;
  }
  MessageHeaders headers = std::move(*parsed);
  headers.collection = folder.name;
  headers.item_id = file.file_name;
  headers.folder_role = folder.role;
  // Rule 3: a draft yields nothing wherever it is filed. Maildir marks one
  // with the D flag in the file name's info ("...:2,DS").
  if (maildir_draft(file.file_name)) headers.folder_role = FolderRole::Drafts;
  headers.date = mail::place_message(headers.date, file.mtime_ns / kNanosecondsPerSecond);
  return headers;
}

Status sync_folder(SyncPass& pass, const MaildirScanner& scanner, const MaildirFolder& folder) {
  auto files = scanner.list_files(folder);
  if (!files) return files.status();
  CollectionCursor& cursor = pass.cursor(folder.name);
  const auto pending = MaildirScanner::not_delivered(*files, cursor.mail);
  if (pending.empty()) {
    pass.log(LogLevel::Debug, folder.name + ": nothing new in " + std::to_string(files->size()) + " files");
    return Status::ok();
  }
  pass.log(LogLevel::Debug, folder.name + ": " + std::to_string(pending.size()) + " new of " +
                                std::to_string(files->size()) + " files");

  kit::BatchWriter out(pass.sink(), folder.name, {pass.batch_size(), pending.size()});
  pass.track_cursor(out);
  for (const MaildirFile& file : pending) {
    if (pass.cancelled()) return Status::cancelled();
    auto headers = read_message(pass, out, scanner, folder, file);
    // The cursor moves past the file whatever became of it; files come in
    // mtime order, so it never passes one that is not yet added.
    if (!cursor.mail || file.mtime_ns > cursor.mail->mtime_ns) cursor.mail = MaildirCursor{file.mtime_ns, {}};
    cursor.mail->names_at_mtime.insert(file.unique_name);
    if (headers)
      if (Status status = out.add(std::move(*headers)); !status) return status;
  }
  if (Status status = out.finish(); !status) return status;
  pass.count(out);
  pass.log(LogLevel::Info, folder.name + ": " + std::to_string(out.committed()) + " messages");
  return Status::ok();
}

}  // namespace

Status sync_maildir(SyncPass& pass, const fs::path& root) {
  MaildirScanner scanner(
      root, [&pass](const std::string& name) { return pass.settings().excluded(name); },
      [&pass](const std::string& message) { pass.log(LogLevel::Warn, message); });
  auto folders = scanner.folders();
  if (!folders) return folders.status();
  for (const auto& folder : *folders) {
    if (pass.cancelled()) return Status::cancelled();
    Status status = sync_folder(pass, scanner, folder);
    if (status.kind() == ErrorKind::Collection) {
      pass.collection_failed(status.with_context("maildir folder '" + folder.name + "'"));
    } else if (!status) {
      return status;
    }
  }
  return Status::ok();
}

}  // namespace kith::local
