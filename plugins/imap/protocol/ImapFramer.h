// Splits the server's byte stream into complete response units.
//
// A unit is one server response: a line ending in CRLF, except that a line
// ending in a literal marker "{n}" (also "{n+}", or literal8 "~{n}") is
// followed by exactly n raw bytes and then continues with the next line,
// which may in turn end in a literal marker. So
//
//   * 12 FETCH (UID 42 BODY[HEADER] {5}\r\nab\r\nc)\r\n
//
// is one unit of 37 bytes. The framer knows nothing else of the grammar; it
// only finds where units end, so a unit it yields may still be malformed
// for the parser. A bare LF is accepted as a line end (the CR is optional);
// CR and LF inside a literal are data.
//
// One ambiguity is inherent to IMAP and resolved the way every client
// does: free text that happens to end in "{5}" right before CRLF (e.g. a
// "* OK" text) is taken as a literal marker. Servers avoid sending that.
//
// Memory is bounded: a line, a literal and a whole unit each have a cap
// (FramerLimits); crossing one puts the framer into a permanent error state
// and frees the partial unit. Complete units wait in the buffer until taken,
// so the bound holds when the caller drains next() after each feed(). The session cannot resynchronize after that
// (it no longer knows where the next response starts) and must drop the
// connection. Complete units found before the error can still be taken
// with next(), so e.g. a BYE that preceded the garbage is not lost.
//
// Feeding is incremental in chunks of any size (a byte at a time works),
// and the total work is linear in the bytes fed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/ImapError.h"

namespace kith::imap {

struct FramerLimits {
  // One line including its CRLF, literal payloads excluded. Big enough for
  // a plain SEARCH answer listing ~100,000 UIDs; FETCH lines are far shorter.
  std::size_t max_line_bytes = 1024 * 1024;
  // One literal's payload. We fetch header fields only; 16 MiB covers any
  // sane header block and still bounds a lying server.
  std::size_t max_literal_bytes = 16 * 1024 * 1024;
  // One whole unit: all its lines and literals.
  std::size_t max_unit_bytes = 32 * 1024 * 1024;
};

class Framer {
 public:
  explicit Framer(FramerLimits limits = {});

  // Appends bytes read from the connection and finds the units they
  // complete. Returns false when the framer is in the error state (now or
  // already; bytes fed after an error are ignored). Invalidates every view
  // returned by next() so far.
  bool feed(std::string_view bytes);

  // The oldest complete unit not yet taken, including its final CRLF, or
  // nullopt when none is complete yet. The view points into the framer's
  // buffer and stays valid until the next feed() or reset(), so take all
  // available units (parse or copy them) before feeding again.
  std::optional<std::string_view> next();

  // Complete units waiting to be taken with next().
  std::size_t pending_units() const noexcept { return unit_ends_.size() - next_unit_; }

  bool failed() const noexcept { return failed_; }
  // Why the framer failed; meaningful only when failed(). The offset counts
  // bytes fed since construction or the last reset().
  const Error& error() const noexcept { return error_; }

  // Bytes held: untaken units plus the partial one.
  std::size_t buffered_bytes() const noexcept { return buffer_.size() - taken_; }

  // Back to the initial state (e.g. for a new connection); limits are kept.
  void reset();

  const FramerLimits& limits() const noexcept { return limits_; }

 private:
  void scan();
  void compact();
  void fail(std::string message, std::size_t buffer_position);

  FramerLimits limits_;
  std::string buffer_;
  std::size_t taken_ = 0;        // buffer_[0, taken_) was returned by next()
  std::size_t unit_start_ = 0;   // first byte of the unit being framed
  std::size_t line_start_ = 0;   // first byte of its current line
  std::size_t scan_pos_ = 0;     // bytes before this were already examined
  std::size_t literal_left_ = 0; // literal payload bytes still to come
  std::vector<std::size_t> unit_ends_;  // one past the end of each complete unit
  std::size_t next_unit_ = 0;           // index into unit_ends_ of the next unit to take
  std::size_t discarded_ = 0;           // stream bytes dropped by compact(), for error offsets
  bool failed_ = false;
  Error error_;
};

}  // namespace kith::imap
