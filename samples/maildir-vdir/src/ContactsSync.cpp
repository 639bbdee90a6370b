#include "ContactsSync.h"

#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include "LocalFiles.h"
#include "VdirScanner.h"
#include "kith/contacts/VCardReader.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

enum class FileRead { Gone, Failed, Read };

// The cards of one .vcf file (usually one; an export may hold many). Gone
// when the file vanished since the listing (it is then left out of the
// cursor, so the next pass reports it removed if it was delivered before);
// Failed when it cannot be read or parsed, which is reported: its cards
// stay as they were last delivered.
FileRead read_cards(SyncPass& pass, kit::BatchWriter& out, const VdirCollection& book, const std::string& name,
                    std::vector<ContactCard>& cards) {
  const fs::path path = book.path / name;
  const contacts::VCardLimits limits;
  auto text = read_file(path, limits.max_bytes);
  if (!text) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return FileRead::Gone;
    pass.item_failed(out, name, text.status());
    return FileRead::Failed;
  }
  auto read = contacts::read_vcards(*text, book.name, name, limits);
  if (!read) {
    pass.item_failed(out, name, read.status());
    return FileRead::Failed;
  }
  cards = std::move(*read);
  return FileRead::Read;
}

// Removals for the file's first card and every other card it held.
std::vector<ContactRemoval> removals_of(const std::string& book, const std::string& name,
                                        const std::set<std::string>& extra_cards) {
  std::vector<ContactRemoval> removals{{book, name}};
  for (const std::string& card : extra_cards) removals.push_back({book, card});
  return removals;
}

// The file's cards after its first, as AddressBookCursor keeps them.
std::set<std::string> extra_cards_of(const std::vector<ContactCard>& cards) {
  std::set<std::string> extra;
  for (std::size_t i = 1; i < cards.size(); ++i) extra.insert(cards[i].resource);
  return extra;
}

Status deliver_file(SyncPass& pass, kit::BatchWriter& out, const VdirCollection& book, const std::string& name,
                    const FileVersion& version, AddressBookCursor& committed) {
  std::vector<ContactCard> cards;
  const FileRead read = read_cards(pass, out, book, name, cards);
  if (read == FileRead::Gone) return Status::ok();
  if (read == FileRead::Failed) {
    committed.files[name] = version;  // not reported again until it changes
    return Status::ok();
  }
  // Cards the file no longer holds go first, under the old cursor: a crash
  // after their commit reads the file again and removes nothing new.
  std::set<std::string> extra = extra_cards_of(cards);
  std::vector<ContactRemoval> gone;
  if (auto before = committed.extra_cards.find(name); before != committed.extra_cards.end()) {
    for (const std::string& card : before->second)
      if (!extra.count(card)) gone.push_back({book.name, card});
  }
  if (!gone.empty()) {
    if (Status status = out.add_group(std::move(gone)); !status) return status;
  }
  // The cursor covers the file before its cards go in, and they go in
  // together: a commit never splits one file.
  committed.files[name] = version;
  if (extra.empty()) {
    committed.extra_cards.erase(name);
  } else {
    committed.extra_cards[name] = std::move(extra);
  }
  return out.add_group(std::move(cards));
}

Status sync_address_book(SyncPass& pass, const VdirScanner& scanner, const VdirCollection& book) {
  auto listing = scanner.list(book);
  if (!listing) return listing.status();
  CollectionCursor& cursor = pass.cursor(book.name);
  const bool first = !cursor.contacts;
  if (first) cursor.contacts.emplace();
  AddressBookCursor& committed = *cursor.contacts;
  const VdirChanges changes = VdirScanner::diff(committed.files, *listing);
  if (changes.changed.empty() && changes.removed.empty()) {
    pass.log(LogLevel::Debug, book.name + ": no change in " + std::to_string(listing->size()) + " cards");
    if (!first) return Status::ok();
    // An empty address book: still remember it, to notice if it goes away.
    kit::BatchWriter out(pass.sink(), book.name, {pass.batch_size(), 0});
    pass.track_cursor(out);
    return out.finish();
  }
  pass.log(LogLevel::Debug, book.name + ": " + std::to_string(changes.changed.size()) + " changed, " +
                                std::to_string(changes.removed.size()) + " removed");

  kit::BatchWriter out(pass.sink(), book.name, {pass.batch_size(), changes.changed.size() + changes.removed.size()});
  pass.track_cursor(out);
  for (const auto& name : changes.removed) {
    std::vector<ContactRemoval> removals = removals_of(book.name, name, committed.extra_cards[name]);
    committed.files.erase(name);
    committed.extra_cards.erase(name);
    if (Status status = out.add_group(std::move(removals)); !status) return status;
  }
  for (const auto& name : changes.changed) {
    if (pass.cancelled()) return Status::cancelled();
    if (Status status = deliver_file(pass, out, book, name, listing->at(name), committed); !status) return status;
  }
  if (Status status = out.finish(); !status) return status;
  pass.count(out);
  pass.log(LogLevel::Info, book.name + ": " + std::to_string(out.committed()) + " cards and removals");
  return Status::ok();
}

// An address book whose folder is gone: every card it had is removed.
Status remove_address_book(SyncPass& pass, const std::string& name) {
  CollectionCursor& cursor = pass.cursor(name);
  if (!cursor.contacts || cursor.contacts->files.empty()) return Status::ok();
  AddressBookCursor& book = *cursor.contacts;
  pass.log(LogLevel::Info, "address book '" + name + "' is gone; removing its " + std::to_string(book.files.size()) +
                               " files of cards");
  kit::BatchWriter out(pass.sink(), name, {pass.batch_size(), book.files.size()});
  pass.track_cursor(out);
  while (!book.files.empty()) {
    const std::string file = book.files.begin()->first;
    std::vector<ContactRemoval> removals = removals_of(name, file, book.extra_cards[file]);
    book.files.erase(file);
    book.extra_cards.erase(file);
    if (Status status = out.add_group(std::move(removals)); !status) return status;
  }
  if (Status status = out.finish(); !status) return status;
  pass.count(out);
  return Status::ok();
}

}  // namespace

Status sync_contacts(SyncPass& pass, const fs::path& root) {
  VdirScanner scanner(
      root, [&pass](const std::string& name) { return pass.settings().excluded(name); },
      [&pass](const std::string& message) { pass.log(LogLevel::Warn, message); }, kAddressBookLayout);
  auto books = scanner.collections();
  if (!books) return books.status();
  std::set<std::string> present;
  for (const auto& book : *books) {
    if (pass.cancelled()) return Status::cancelled();
    present.insert(book.name);
    Status status = sync_address_book(pass, scanner, book);
    if (status.kind() == ErrorKind::Collection) {
      pass.collection_failed(status.with_context("address book '" + book.name + "'"));
    } else if (!status) {
      return status;
    }
  }
  // An empty folder more likely means an unmounted disk than that every
  // address book was deleted: then nothing is removed.
  if (present.empty()) return Status::ok();
  std::vector<std::string> stored;
  for (const auto& entry : pass.state().cursors) stored.push_back(entry.first);
  for (const auto& name : stored) {
    if (present.count(name) || pass.settings().excluded(name)) continue;
    if (pass.cancelled()) return Status::cancelled();
    if (Status status = remove_address_book(pass, name); !status) return status;
  }
  return Status::ok();
}

}  // namespace kith::local
