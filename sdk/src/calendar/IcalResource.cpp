#include "IcalResource.h"

#include <cstdlib>
#include <optional>

#include "AsciiText.h"

namespace kith::calendar::detail {
namespace {

// Deeper nesting than VCALENDAR > VEVENT > VALARM (plus some slack for
// vendor extensions) is not a calendar; it also keeps libical's recursive
// free away from deep stacks.
constexpr std::size_t kMaxNesting = 16;

// Component names longer than this are cut (for error messages); real ones
// are short ("VTIMEZONE", "X-MICROSOFT-...").
constexpr std::size_t kMaxNameLength = 64;

// A component name as an error message shows it: control characters (a
// stray CR inside a line) become '?', so the message stays on one line.
std::string printable(std::string name) {
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return name;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view strip_bom(std::string_view s) noexcept {
  if (s.substr(0, kUtf8Bom.size()) == kUtf8Bom) s.remove_prefix(kUtf8Bom.size());
  return s;
}

// The characters C's isspace() accepts in the "C" locale (libical trims
// names with it).
constexpr bool is_c_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A logical (unfolded) content line and where it came from.
struct LogicalLine {
  std::string text;             // unfolded, without line breaks
  std::size_t line_number = 0;  // of its first physical line
  std::string_view raw;         // its physical lines, line breaks included
};

// Calls `fn` for each unfolded content line. RFC 5545 folding: a line
// starting with a space or tab continues the previous one, except (as in
// libical's reader) right after an empty line ("\n" alone; "\r\n" does
// count as a line to continue).
template <typename Fn>
Status for_each_logical_line(std::string_view ics, Fn&& fn) {
  std::optional<LogicalLine> pending;
  std::size_t line_number = 0;
  const char* const base = ics.data();
  std::size_t offset = 0;
  bool previous_was_empty = true;  // nothing to continue before the first line
  while (offset < ics.size()) {
    const std::size_t newline = ics.find('\n', offset);
    const std::size_t next = newline == std::string_view::npos ? ics.size() : newline + 1;
    std::string_view physical = ics.substr(offset, next - offset);
    ++line_number;
    if (!physical.empty() && physical.back() == '\n') physical.remove_suffix(1);
    const bool empty = physical.empty();
    while (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    const bool continuation = pending && !previous_was_empty && !physical.empty() &&
                              (physical.front() == ' ' || physical.front() == '\t');
    previous_was_empty = empty;
    if (continuation) {
      pending->text.append(physical.substr(1));
      pending->raw = std::string_view(pending->raw.data(), base + next - pending->raw.data());
    } else {
      if (pending) {
        Status st = fn(*pending);
        if (!st) return st;
      }
      pending = LogicalLine{std::string(physical), line_number, ics.substr(offset, next - offset)};
    }
    offset = next;
  }
  if (pending) return fn(*pending);
  return Status::ok();
}

// A content line's name as libical's parser sees it: up to the first ';'
// or ':', trailing (not leading) white space dropped. Empty when the line
// has neither separator.
std::string_view content_line_name(std::string_view text) noexcept {
  const std::size_t end = text.find_first_of(":;");
  if (end == std::string_view::npos) return {};
  std::string_view name = text.substr(0, end);
  while (!name.empty() && is_c_space(name.back())) name.remove_suffix(1);
  return name;
}

// Properties for which libical 3.0 prints "icalvalue_new_from_string got
// an unknown value type" to stderr whatever their value. Nothing here
// needs them, so they never reach the parser.
bool libical_prints_for(std::string_view name) noexcept {
  return ascii_iequals(name, "TASK-MODE") || ascii_iequals(name, "X-LIC-CLASS");
}

// The text handed to libical: no byte order mark, and none of the lines
// libical_prints_for().
std::string text_for_libical(std::string_view ics) {
  ics = strip_bom(ics);
  std::string out;
  out.reserve(ics.size());
  (void)for_each_logical_line(ics, [&](const LogicalLine& line) -> Status {
    if (!libical_prints_for(content_line_name(line.text))) out.append(line.raw);
    return Status::ok();
  });
  return out;
}

}  // namespace

void ComponentDeleter::operator()(icalcomponent* component) const noexcept {
  if (component != nullptr) icalcomponent_free(component);
}

void RecurIteratorDeleter::operator()(icalrecur_iterator* iterator) const noexcept {
  if (iterator != nullptr) icalrecur_iterator_free(iterator);
}

void MallocDeleter::operator()(char* text) const noexcept { std::free(text); }

IcalErrnoGuard::IcalErrnoGuard() noexcept : saved_(icalerrno) { icalerror_clear_errno(); }

IcalErrnoGuard::~IcalErrnoGuard() { icalerrno = saved_; }

Status check_structure(std::string_view ics) {
  if (ics.find('\0') != std::string_view::npos) {
    return Status::item("not an iCalendar resource: contains NUL bytes");
  }
  ics = strip_bom(ics);
  if (trim_blanks(ics).empty()) return Status::item("empty iCalendar resource");

  std::vector<std::string> open;  // component names, outermost first
  std::size_t top_level = 0;
  Status st = for_each_logical_line(ics, [&](const LogicalLine& line) -> Status {
    const std::string_view text = line.text;
    // Like libical: "  END:VEVENT" (indented) is a property line, not an END.
    const std::string_view name = content_line_name(text);
    const bool is_begin = ascii_iequals(name, "BEGIN");
    if (!is_begin && !ascii_iequals(name, "END")) return Status::ok();

    const std::size_t colon = text.find(':', name.size());
    // Names are cut short: they end up in error messages.
    const std::string component =
        colon == std::string_view::npos
            ? std::string()
            : ascii_to_upper(trim_blanks(text.substr(colon + 1)).substr(0, kMaxNameLength));
    const std::string where = " at line " + std::to_string(line.line_number);
    const std::string shown = printable(component);  // for messages
    if (component.empty()) {
      return Status::item(std::string(is_begin ? "BEGIN" : "END") + " without a component name" +
                          where);
    }
    if (is_begin) {
      if (open.empty()) {
        ++top_level;
        if (component != "VCALENDAR") {
          return Status::item("top-level component " + shown + where + " is not a VCALENDAR");
        }
      }
      if (open.size() >= kMaxNesting) return Status::item("components nested too deeply" + where);
      open.push_back(component);
      return Status::ok();
    }
    if (open.empty()) return Status::item("END:" + shown + where + " without a BEGIN");
    if (open.back() != component) {
      const std::string opened = printable(open.back());
      return Status::item("END:" + shown + where + " does not close BEGIN:" + opened);
    }
    open.pop_back();
    return Status::ok();
  });
  if (!st) return st;
  if (!open.empty()) {
    const std::string unclosed = printable(open.back());
    return Status::item("resource ends inside " + unclosed + " (truncated? missing END:" + unclosed + ")");
  }
  if (top_level == 0) return Status::item("no BEGIN:VCALENDAR found");
  return Status::ok();
}

Result<ParsedResource> parse_vcalendars(std::string_view ics) {
  Status st = check_structure(ics);
  if (!st) return st;

  IcalErrnoGuard errno_guard;
  const std::string text = text_for_libical(ics);  // also NUL-terminated, as libical needs
  ParsedResource parsed;
  parsed.root.reset(icalparser_parse_string(text.c_str()));
  if (!parsed.root) {
    const icalerrorenum err = icalerrno;
    std::string msg = "libical could not parse the resource";
    if (err != ICAL_NO_ERROR) msg += std::string(" (") + icalerror_strerror(err) + ")";
    return Status::item(msg);
  }

  icalcomponent* root = parsed.root.get();
  switch (icalcomponent_isa(root)) {
    case ICAL_VCALENDAR_COMPONENT: parsed.calendars.push_back(root); break;
    case ICAL_XROOT_COMPONENT:  // several top-level components
      for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
           c != nullptr; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
        parsed.calendars.push_back(c);
      }
      break;
    default: break;
  }
  if (parsed.calendars.empty()) return Status::item("libical found no VCALENDAR in the resource");
  return parsed;
}

std::string to_ical_text(const std::vector<icalcomponent*>& calendars) {
  std::string out;
  for (icalcomponent* calendar : calendars) {
    icalcomponent_strip_errors(calendar);
    IcalStringPtr text(icalcomponent_as_ical_string_r(calendar));
    if (!text) return {};
    out += text.get();
  }
  return out;
}

}  // namespace kith::calendar::detail
