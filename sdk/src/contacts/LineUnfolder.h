// Physical lines to logical vCard content lines.
//
// Folding: a line that starts with a space or tab continues the previous
// one (RFC 2425/6350; one blank is dropped, as 3.0 and 4.0 say and as 2.1
// writers expect). Quoted-printable soft breaks (vCard 2.1, Outlook and
// Android): when a property declares quoted-printable, a physical line that
// ends in '=' continues on the next one whatever it starts with, and the
// '=' goes. CRLF, LF and a lone CR before LF all end a line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kith::contacts::detail {

struct ContentLine {
  std::string text;             // unfolded, without line breaks
  std::size_t line_number = 0;  // of its first physical line, from 1
  // Longer than the limit: `text` holds only its first `max_line_bytes`
  // bytes, the rest was read and dropped.
  bool oversized = false;
};

class LineUnfolder {
 public:
  // `text` must outlive the unfolder. Memory stays within `max_line_bytes`
  // per line whatever the input holds.
  LineUnfolder(std::string_view text, std::size_t max_line_bytes);

  // The next logical line into `line`; false at the end of the input.
  bool next(ContentLine& line);

 private:
  // The next physical line without its line break; false at the end.
  bool read_physical(std::string_view& physical);
  void append(ContentLine& line, std::string_view part) const;

  std::string_view text_;
  std::size_t max_line_bytes_;
  std::size_t offset_ = 0;
  std::size_t line_number_ = 0;
  bool has_lookahead_ = false;
  std::string_view lookahead_;  // a physical line read but not yet used
};

}  // namespace kith::contacts::detail
