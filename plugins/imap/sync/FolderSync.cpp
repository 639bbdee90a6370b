#include "sync/FolderSync.h"

#include <algorithm>
#include <map>
#include <vector>

#include "kith/mail/HeaderParser.h"

namespace kith::imap {
namespace {

const std::vector<std::string> kHeaderFields = {"MESSAGE-ID", "DATE",        "FROM",     "TO",
                                                "CC",         "BCC",         "REPLY-TO", "IN-REPLY-TO",
                                                "LIST-ID",    "LIST-UNSUBSCRIBE", "PRECEDENCE", "AUTO-SUBMITTED"};

struct SelectedState {
  std::uint32_t uid_validity = 0;
  std::uint32_t uid_next = 0;
  std::uint64_t highest_modseq = 0;
};

}  // namespace

bool folder_unchanged(const std::optional<FolderCursor>& cursor, const MailboxStatusResponse& status) {
  if (!cursor || !status.uid_validity || !status.uid_next) return false;
  return *status.uid_validity == cursor->uid_validity && *status.uid_next <= cursor->next_uid;
}

MessageHeaders FolderSync::to_headers(const Folder& folder, const FetchResponse& fetch, bool& ok) {
  MessageHeaders headers;
  const std::string item = "UID " + std::to_string(*fetch.uid);
  const FetchBody* body = fetch.find_body("HEADER.FIELDS");
  auto parsed = kith::mail::parse_headers(body && body->data ? std::string_view(*body->data) : std::string_view());
  if (parsed) {
    headers = std::move(*parsed);
  } else if (!body || !body->data || body->data->find_first_not_of("\r\n") == std::string::npos) {
    // No field we asked for at all: a message without headers is not an
    // error, it just names nobody.
  } else {
    ok = false;
    sink_.item_failed(folder.name, item, parsed.status());
    return headers;
  }
  headers.collection = folder.name;
  headers.item_id = item;
  headers.folder_role = folder.role;
  if (!headers.date && fetch.internal_date) headers.date = *fetch.internal_date;
  ok = true;
  return headers;
}

Status FolderSync::run(const Folder& folder, const std::optional<FolderCursor>& stored) {
  auto& log = context_.logger();

  // EXAMINE: read-only, so a sync never changes a flag.
  SelectedState selected;
  auto examine = session_.commands().examine(folder.name, ExamineParams{.condstore = features_.condstore});
  if (!examine) return Status::internal(examine.error().message);
  Status s = session_.run(*examine, [&](Response& r, std::size_t) {
    if (auto* status = std::get_if<StatusResponse>(&r); status && status->code) {
      if (status->code->kind == CodeKind::UidValidity) selected.uid_validity = static_cast<std::uint32_t>(status->code->number);
      if (status->code->kind == CodeKind::UidNext) selected.uid_next = static_cast<std::uint32_t>(status->code->number);
      if (status->code->kind == CodeKind::HighestModseq) selected.highest_modseq = status->code->number;
    }
  });
  if (!s) return Status::collection("cannot open folder '" + folder.name + "': " + s.message());
  if (selected.uid_validity == 0) return Status::collection("folder '" + folder.name + "' has no UIDVALIDITY");

  FolderCursor cursor;
  cursor.uid_validity = selected.uid_validity;
  if (stored && stored->uid_validity == selected.uid_validity) {
    cursor.next_uid = stored->next_uid;
  } else if (stored) {
    log.log(LogLevel::Info, "folder '" + folder.name + "' changed UIDVALIDITY; reading it again");
  }

  // The UIDs to fetch. "UID n:*" also matches the last message when every
  // UID is below n, hence the filter.
  UidSet todo;
  SearchCriteria criteria;
  criteria.uid_from = cursor.next_uid;
  criteria.esearch = features_.esearch;
  auto search = session_.commands().uid_search(criteria);
  if (!search) return Status::internal(search.error().message);
  std::vector<Uid> listed;
  s = session_.run(*search, [&](Response& r, std::size_t) {
    if (auto* es = std::get_if<EsearchResponse>(&r); es && es->all) {
      for (const auto& range : es->all->ranges())
        if (range.last >= cursor.next_uid) todo.add(UidRange{std::max<Uid>(range.first, cursor.next_uid), range.last});
    } else if (auto* plain = std::get_if<SearchResponse>(&r)) {
      for (auto uid : plain->numbers)
        if (uid >= cursor.next_uid) listed.push_back(uid);
    }
  });
  if (!s) return Status::collection("searching folder '" + folder.name + "' failed: " + s.message());
  if (!listed.empty()) {
    std::sort(listed.begin(), listed.end());
    todo = UidSet::from_uids(listed);
  }

  // Chunks of chunk_size UIDs, in ascending order.
  std::vector<UidSet> chunks;
  {
    UidSet chunk;
    std::uint64_t in_chunk = 0;
    for (const auto& range : todo.ranges()) {
      std::uint64_t first = range.first;
      while (first <= range.last) {
        const std::uint64_t take = std::min<std::uint64_t>(range.last - first + 1, settings_.chunk_size - in_chunk);
        chunk.add(UidRange{static_cast<Uid>(first), static_cast<Uid>(first + take - 1)});
        in_chunk += take;
        first += take;
        if (in_chunk == settings_.chunk_size) {
          chunks.push_back(std::move(chunk));
          chunk = UidSet();
          in_chunk = 0;
        }
      }
    }
    if (in_chunk) chunks.push_back(std::move(chunk));
  }

  FetchItems items;
  items.internal_date = true;
  items.header_fields = kHeaderFields;
  std::vector<Command> commands;
  std::vector<Uid> chunk_last;  // the cursor moves past this when the chunk's command completes
  for (const auto& chunk : chunks) {
    auto built = session_.commands().uid_fetch(chunk, items);
    if (!built) return Status::internal(built.error().message);
    for (auto& c : *built) {
      commands.push_back(std::move(c));
      chunk_last.push_back(chunk.ranges().back().last);
    }
  }

  const std::uint64_t total = todo.size();
  std::uint64_t done = 0;
  // Messages of completed and in-flight commands, held until their command
  // completes; commands complete in order on every server we know, and if
  // one does not, nothing is committed past an incomplete command.
  std::map<std::size_t, std::vector<MessageHeaders>> pending;
  std::vector<bool> completed(commands.size(), false);
  std::size_t committed = 0;
  Status refused;

  auto on_untagged = [&](Response& r, std::size_t in_flight) {
    auto* fetch = std::get_if<FetchResponse>(&r);
    if (!fetch || !fetch->uid || *fetch->uid < cursor.next_uid) return;  // flag pushes, stray answers
    bool ok = false;
    auto headers = to_headers(folder, *fetch, ok);
    if (ok) pending[in_flight].push_back(std::move(headers));
  };
  auto on_completion = [&](std::size_t index, const StatusResponse& status) -> Status {
    if (status.condition != Condition::Ok) {
      // A refused chunk must not be skipped silently: stop the folder here,
      // what came before is committed and the next sync resumes.
      refused = Status::collection("fetching from '" + folder.name + "' failed: " + status.text);
      return refused;
    }
    completed[index] = true;
    while (committed < commands.size() && completed[committed]) {
      Batch batch;
      batch.collection = folder.name;
      if (auto it = pending.find(committed); it != pending.end()) {
        batch.messages = std::move(it->second);
        pending.erase(it);
      }
      FolderCursor next = cursor;
      next.next_uid = chunk_last[committed] + 1;
      batch.cursor = next.encode();
      done += batch.messages.size();
      if (auto s2 = sink_.commit(batch); !s2) return s2;
      cursor = next;
      ++committed;
      sink_.progress(folder.name, done, total);
    }
    if (context_.cancellation().requested()) return Status::cancelled();
    return {};
  };
  auto on_malformed = [&](const std::string& problem, std::size_t) {
    sink_.item_failed(folder.name, "a FETCH response", Status::item("malformed IMAP response: " + problem));
  };

  s = session_.run_pipelined(commands, settings_.pipeline_depth, on_untagged, on_completion, on_malformed);
  if (!s) return s;

  // Everything below UIDNEXT is now known: remember where the folder stands.
  FolderCursor final_cursor = cursor;
  final_cursor.next_uid = std::max(cursor.next_uid, selected.uid_next);
  final_cursor.highest_modseq = selected.highest_modseq;
  if (final_cursor.encode() != (stored ? stored->encode() : std::string())) {
    Batch batch;
    batch.collection = folder.name;
    batch.cursor = final_cursor.encode();
    if (auto s2 = sink_.commit(batch); !s2) return s2;
  }
  return {};
}

}  // namespace kith::imap
