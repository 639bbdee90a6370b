// Ownership, parsing and serializing of libical objects.
//
// Every libical object kith::calendar creates is held by one of the owning
// pointers below, so it is freed on every path. parse_vcalendars() is the
// only place that hands text to libical's parser; it screens the text first
// so that malformed input becomes an Item error instead of a NULL, a message
// on stderr or a half-built tree. to_ical_text() is the only place that
// turns a tree back into text.
#pragma once

#include <libical/ical.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Status.h"

namespace kith::calendar::detail {

struct ComponentDeleter {
  void operator()(icalcomponent* component) const noexcept;
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct RecurIteratorDeleter {
  void operator()(icalrecur_iterator* iterator) const noexcept;
};
using RecurIteratorPtr = std::unique_ptr<icalrecur_iterator, RecurIteratorDeleter>;

// Strings libical returns from its *_r functions (caller frees with free()).
struct MallocDeleter {
  void operator()(char* text) const noexcept;
};
using IcalStringPtr = std::unique_ptr<char, MallocDeleter>;

// libical reports errors through icalerrno, a per-thread global that other
// code in the process may also look at. The guard starts its scope with a
// clean icalerrno (so a stale error is never taken for ours) and puts the
// caller's value back when it ends (so ours never leak out).
class IcalErrnoGuard {
 public:
  IcalErrnoGuard() noexcept;
  ~IcalErrnoGuard();
  IcalErrnoGuard(const IcalErrnoGuard&) = delete;
  IcalErrnoGuard& operator=(const IcalErrnoGuard&) = delete;

 private:
  icalerrorenum saved_;
};

// Checks the content-line structure libical would otherwise trip over:
// NUL bytes, BEGIN/END that do not pair up (libical prints to stderr and
// re-nests silently), input that ends inside a component (truncated file),
// nesting deeper than any real calendar, and top-level components other
// than VCALENDAR. Lines outside any component are ignored, as libical does.
Status check_structure(std::string_view ics);

// The parsed resource: its top-level VCALENDARs (normally exactly one) and
// the tree that owns them.
struct ParsedResource {
  ComponentPtr root;
  std::vector<icalcomponent*> calendars;  // owned by root
};

// check_structure() plus libical's parser; Item error when either fails.
Result<ParsedResource> parse_vcalendars(std::string_view ics);

// The text of `calendars` (VCALENDARs), one after the other, escaped and
// folded by libical. The X-LIC-ERROR properties libical's parser leaves
// where it dropped a value it could not read are removed first: they are
// libical's notes, not the calendar's content. Empty when libical fails.
std::string to_ical_text(const std::vector<icalcomponent*>& calendars);

}  // namespace kith::calendar::detail
