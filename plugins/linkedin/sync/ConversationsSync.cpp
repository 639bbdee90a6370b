#include "sync/ConversationsSync.h"

#include <functional>

#include "rows/InvitationRows.h"
#include "rows/MessageRows.h"
#include "sync/ExportFile.h"

namespace kith::linkedin {
namespace {

// What one row of the file is: a message, nothing (a skipped folder), or an
// Item error.
using RowConverter = std::function<Result<std::optional<ConversationMessage>>(const ColumnMap&, const CsvRow&)>;

// Reads `file_name` into messages under the cursor `collection`; how many
// it delivered goes to `delivered`.
Status sync_file(SyncPass& pass, std::string_view file_name, const char* collection,
                 std::span<const ColumnSpec> columns, const RowConverter& convert, std::size_t& delivered) {
  auto file = ExportFile::find(pass.source(), file_name);
  if (!file) {
    pass.file_failed(file.status());
    return Status::ok();
  }
  if (!*file) {
    pass.log(LogLevel::Info, "the export has no " + std::string(file_name));
    return Status::ok();
  }
  auto fingerprint = (*file)->fingerprint();
  if (!fingerprint) {
    pass.file_failed(fingerprint.status());
    return Status::ok();
  }
  const std::optional<FileCursor> previous = pass.stored(collection);
  if (previous && previous->fingerprint == *fingerprint) return Status::ok();  // unchanged since the last import

  kit::BatchWriter out(pass.sink(), collection, {.batch_size = pass.batch_size()});
  out.resuming_from(pass.stored_text(collection));
  bool complete = false;
  const std::string cursor = encode_cursor(FileCursor{*fingerprint, std::nullopt});
  out.cursor_after([&]() -> std::optional<std::string> {
    if (!complete) return std::nullopt;
    return cursor;
  });
  Status stop;
  Status read = (*file)->read_table(columns, pass.settings().csv_limits, [&](const ColumnMap& map, const CsvRow& row) {
    if (pass.cancelled()) return stop = Status::cancelled();
    auto message = convert(map, row);
    if (!message) {
      pass.item_failed(out, std::string(file_name) + " line " + std::to_string(row.line), message.status());
      return Status::ok();
    }
    if (!*message) return Status::ok();
    ++delivered;
    return stop = out.add(std::move(**message));
  });
  if (!stop.is_ok()) return stop;
  if (!read) {
    pass.file_failed(read);
    return Status::ok();
  }
  complete = true;
  Status status = out.finish();
  pass.items += out.committed();
  return status;
}

}  // namespace

Status sync_messages(SyncPass& pass) {
  std::string sent_by;
  std::size_t delivered = 0;
  MessageOrdinals ordinals;
  const RowConverter convert = [&](const ColumnMap& columns,
                                   const CsvRow& row) -> Result<std::optional<ConversationMessage>> {
    auto parsed = message_row(columns, row);
    if (!parsed) return parsed.status();
    if (parsed->message) parsed->message->message_id = ordinals.number(std::move(parsed->message->message_id));
    if (parsed->in_sent_folder && sent_by.empty() && parsed->message) sent_by = parsed->message->sender->value;
    return std::move(parsed->message);
  };
  Status status = sync_file(pass, kMessagesFile, kMessagesCursor, message_columns(), convert, delivered);
  if (delivered > 0) pass.warn_owner_unknown(sent_by);
  return status;
}

Status sync_invitations(SyncPass& pass) {
  std::size_t delivered = 0;
  const RowConverter convert = [&](const ColumnMap& columns,
                                   const CsvRow& row) -> Result<std::optional<ConversationMessage>> {
    auto message = invitation_message(columns, row, pass.settings().profile_url);
    if (!message) return message.status();
    return std::optional<ConversationMessage>(std::move(*message));
  };
  Status status = sync_file(pass, kInvitationsFile, kInvitationsCursor, invitation_columns(), convert, delivered);
  if (delivered > 0) pass.warn_owner_unknown({});
  return status;
}

}  // namespace kith::linkedin
