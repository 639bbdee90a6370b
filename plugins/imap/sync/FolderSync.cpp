#include "sync/FolderSync.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "kith/kit/BatchWriter.h"
#include "kith/mail/HeaderParser.h"

namespace kith::imap {
namespace {

const std::vector<std::string> kHeaderFields = {"MESSAGE-ID", "DATE",        "FROM",     "TO",
                                                "CC",         "BCC",         "REPLY-TO", "IN-REPLY-TO",
                                                "LIST-ID",    "LIST-UNSUBSCRIBE", "PRECEDENCE", "AUTO-SUBMITTED",
                                                "SUBJECT"};

struct SelectedState {
  std::uint32_t uid_validity = 0;
  std::uint32_t uid_next = 0;
  std::uint64_t highest_modseq = 0;
  std::optional<std::uint32_t> exists;  // messages in the folder
};

// Hands out `todo` in chunks of at most `chunk_size` UIDs, ascending, one
// at a time: what is built never grows with the size of `todo`.
class ChunkCursor {
 public:
  ChunkCursor(const UidSet& todo, std::size_t chunk_size) : ranges_(todo.ranges()), chunk_size_(chunk_size) {}

  std::optional<UidSet> next() {
    UidSet chunk;
    std::uint64_t in_chunk = 0;
    while (range_ < ranges_.size() && in_chunk < chunk_size_) {
      const UidRange& range = ranges_[range_];
      const std::uint64_t first = std::max<std::uint64_t>(range.first, next_first_);
      const std::uint64_t take = std::min<std::uint64_t>(range.last - first + 1, chunk_size_ - in_chunk);
      chunk.add(UidRange{static_cast<Uid>(first), static_cast<Uid>(first + take - 1)});
      in_chunk += take;
      if (first + take - 1 >= range.last) {
        ++range_;
        next_first_ = 0;
      } else {
        next_first_ = first + take;
      }
    }
    if (in_chunk == 0) return std::nullopt;
    return chunk;
  }

 private:
  const std::vector<UidRange>& ranges_;
  std::size_t chunk_size_;
  std::size_t range_ = 0;
  std::uint64_t next_first_ = 0;
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
  // Rule 3: a draft yields nothing wherever a server also files it (Gmail
  // keeps each draft in [Gmail]/All Mail too, flagged \Draft).
  if (fetch.has_flag("\\Draft")) headers.folder_role = FolderRole::Drafts;
  headers.date = kith::mail::place_message(headers.date, fetch.internal_date);
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
    if (auto* exists = std::get_if<ExistsResponse>(&r)) selected.exists = exists->count;
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
  // No UID at or past UIDNEXT exists, and no folder holds more new UIDs
  // than messages: a server that says otherwise (ESEARCH ALL 1:4294967295)
  // is not believed, and the folder is skipped rather than fetched UID by
  // UID.
  if (selected.uid_next > 0 && !todo.ranges().empty() && todo.ranges().back().last >= selected.uid_next) {
    UidSet clipped;
    for (const auto& range : todo.ranges())
      if (range.first < selected.uid_next)
        clipped.add(UidRange{range.first, std::min<Uid>(range.last, selected.uid_next - 1)});
    todo = std::move(clipped);
  }
  if (selected.exists && todo.size() > *selected.exists)
    return Status::collection("folder '" + folder.name + "': the server listed " + std::to_string(todo.size()) +
                              " new messages in a folder of " + std::to_string(*selected.exists) + "; skipped");

  FetchItems items;
  items.internal_date = true;
  items.flags = true;  // \Draft marks drafts outside the drafts folder
  items.header_fields = kHeaderFields;

  // The kit's batch writer: one commit per completed FETCH command, each
  // with the cursor just past the UIDs that command asked for.
  kit::BatchWriter out(sink_, folder.name, {.batch_size = SIZE_MAX, .total = todo.size()});
  out.cursor_after([&cursor] { return std::optional<std::string>(cursor.encode()); });
  if (stored) out.resuming_from(stored->encode());
  // Per command sent and not yet committed: the UIDs it asked for, the
  // messages it brought (held until it completes; commands complete in
  // order on every server we know, and if one does not, nothing is
  // committed past an incomplete command), and whether it completed.
  struct Outstanding {
    UidSet asked;
    std::vector<MessageHeaders> messages;
    std::set<Uid> seen;
    bool completed = false;
  };
  std::map<std::size_t, Outstanding> outstanding;
  std::size_t sent = 0;
  std::size_t committed = 0;
  Status refused;
  ChunkCursor chunks(todo, settings_.chunk_size);
  std::vector<Command> built_parts;  // one chunk may need several commands (a very long UID set)
  std::size_t next_part = 0;
  std::optional<UidSet> current_chunk;
  Status build_error;

  auto next_command = [&]() -> std::optional<Command> {
    if (next_part >= built_parts.size()) {
      current_chunk = chunks.next();
      if (!current_chunk) return std::nullopt;
      auto built = session_.commands().uid_fetch(*current_chunk, items);
      if (!built) {
        build_error = Status::internal(built.error().message);
        return std::nullopt;
      }
      built_parts = std::move(*built);
      next_part = 0;
      if (built_parts.empty()) return std::nullopt;
    }
    outstanding[sent++].asked = *current_chunk;
    return std::move(built_parts[next_part++]);
  };
  auto on_untagged = [&](Response& r, std::size_t) {
    auto* fetch = std::get_if<FetchResponse>(&r);
    if (!fetch || !fetch->uid || *fetch->uid < cursor.next_uid) return;  // flag pushes, stray answers
    // The command a response answers is the one that asked for its UID.
    // Not the oldest in flight: Dovecot starts a pipelined FETCH before it
    // has completed the one before, so their answers interleave, and
    // trusting the order once dropped whole chunks. Only UIDs a command
    // still running asked for, each once: a server repeating a FETCH
    // response must not make one message count many times.
    for (auto& [index, command] : outstanding) {
      if (command.completed || !command.asked.contains(*fetch->uid)) continue;
      if (!command.seen.insert(*fetch->uid).second) return;
      bool ok = false;
      auto headers = to_headers(folder, *fetch, ok);
      if (ok) command.messages.push_back(std::move(headers));
      return;
    }
  };
  auto on_completion = [&](std::size_t index, const StatusResponse& status) -> Status {
    if (status.condition != Condition::Ok) {
      // A refused chunk must not be skipped silently: stop the folder here,
      // what came before is committed and the next sync resumes.
      refused = Status::collection("fetching from '" + folder.name + "' failed: " + status.text);
      return refused;
    }
    outstanding[index].completed = true;
    for (auto it = outstanding.find(committed); it != outstanding.end() && it->second.completed;
         it = outstanding.find(committed)) {
      const FolderCursor before = cursor;
      cursor.next_uid = it->second.asked.ranges().back().last + 1;
      if (auto s2 = out.add_group(std::move(it->second.messages)); !s2) return s2;
      if (auto s2 = out.commit(); !s2) {
        cursor = before;
        return s2;
      }
      outstanding.erase(it);
      ++committed;
    }
    if (context_.cancellation().requested()) return Status::cancelled();
    return {};
  };
  auto on_malformed = [&](const std::string& problem, std::size_t) {
    sink_.item_failed(folder.name, "a FETCH response", Status::item("malformed IMAP response: " + problem));
  };

  s = session_.run_pipelined(next_command, settings_.pipeline_depth, on_untagged, on_completion, on_malformed);
  if (!s) return s;
  if (!build_error) return build_error;

  // Everything below UIDNEXT is now known: remember where the folder
  // stands (stored only if that moved).
  cursor.next_uid = std::max(cursor.next_uid, selected.uid_next);
  cursor.highest_modseq = selected.highest_modseq;
  return out.finish();
}

}  // namespace kith::imap
