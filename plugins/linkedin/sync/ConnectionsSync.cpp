#include "sync/ConnectionsSync.h"

#include "rows/ConnectionRows.h"
#include "rows/Digest.h"
#include "sync/ExportFile.h"

namespace kith::linkedin {
namespace {

// What a card says, for telling whether a newer export changed it.
std::string card_digest(const ContactCard& card) {
  Digest digest;
  digest.field(card.formatted_name).field(card.given_name).field(card.family_name);
  for (const Handle& h : card.handles) digest.field(to_string(h.kind)).field(h.value).field(h.name);
  digest.field(card.organization).field(card.title);
  if (card.connected) {
    digest.field(std::to_string(card.connected->year) + "-" + std::to_string(card.connected->month) + "-" +
                 std::to_string(card.connected->day));
  }
  return digest.hex();
}

}  // namespace

Status sync_connections(SyncPass& pass) {
  auto file = ExportFile::find(pass.source(), kConnectionsFile);
  if (!file) {
    pass.file_failed(file.status());
    return Status::ok();
  }
  if (!*file) {
    pass.log(LogLevel::Info, std::string("the export has no ") + std::string(kConnectionsFile));
    return Status::ok();
  }
  auto fingerprint = (*file)->fingerprint();
  if (!fingerprint) {
    pass.file_failed(fingerprint.status());
    return Status::ok();
  }
  const std::optional<FileCursor> previous = pass.stored(kConnectionsCursor);
  if (previous && previous->fingerprint == *fingerprint) return Status::ok();  // unchanged since the last import

  kit::BatchWriter out(pass.sink(), kConnectionsCursor, {.batch_size = pass.batch_size()});
  out.resuming_from(pass.stored_text(kConnectionsCursor));
  FileCursor next{*fingerprint, std::map<std::string, std::string>()};
  // The cursor moves only when the whole file is in: after a crash half way
  // the file is read again, and the cards it delivers again replace themselves.
  bool complete = false;
  out.cursor_after([&]() -> std::optional<std::string> {
    if (!complete) return std::nullopt;
    return encode_cursor(next);
  });
  const bool tracked_before = previous && previous->cards;
  bool rows_failed = false;
  Status stop;
  Status read = (*file)->read_table(
      connection_columns(), pass.settings().csv_limits, [&](const ColumnMap& columns, const CsvRow& row) {
        if (pass.cancelled()) return stop = Status::cancelled();
        auto card = connection_card(columns, row);
        if (!card) {
          rows_failed = true;
          pass.item_failed(out, std::string(kConnectionsFile) + " line " + std::to_string(row.line), card.status());
          return Status::ok();
        }
        std::string digest = card_digest(*card);
        if (tracked_before) {
          const auto it = previous->cards->find(card->resource);
          if (it != previous->cards->end() && it->second == digest) {
            next.cards->insert_or_assign(card->resource, std::move(digest));
            return Status::ok();  // the same as the last import delivered
          }
        }
        next.cards->insert_or_assign(card->resource, std::move(digest));
        return stop = out.add(std::move(*card));
      });
  if (!stop.is_ok()) return stop;
  if (!read) {
    pass.file_failed(read);
    return Status::ok();
  }

  if (tracked_before) {
    // A connection the new export lacks is gone, unless the new export is
    // in doubt: rows it could not read may be those people, and an export
    // listing nobody is more likely broken than a network left empty. Then
    // nothing is removed and the old cards stay remembered.
    const bool trusted = !rows_failed && !next.cards->empty();
    for (const auto& [resource, digest] : *previous->cards) {
      if (next.cards->count(resource)) continue;
      if (!trusted) {
        next.cards->emplace(resource, digest);
        continue;
      }
      if (Status s = out.add(ContactRemoval{kConnectionsCollection, resource}); !s) return s;
    }
  }
  if (next.cards->size() > kMaxTrackedCards) next.cards.reset();
  complete = true;
  Status status = out.finish();
  pass.items += out.committed();
  return status;
}

}  // namespace kith::linkedin
