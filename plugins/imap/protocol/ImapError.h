// Error values of the IMAP protocol layer.
//
// Nothing in kith_imap_protocol throws out of a public function on bad
// input: the server's bytes are untrusted, and a malformed response must
// cost the session at most that one response. Problems come back as an
// Error inside an Expected<T> (or a failed state, for Framer). The entry
// points that see server bytes (Framer::feed, parse_response) report even
// allocation failure that way; the command builders, which only see our own
// small inputs, may let std::bad_alloc through like any std::string code.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

#include "kith/Expected.h"

namespace kith::imap {

struct Error {
  std::string message;  // for logs; English, no user data beyond a short excerpt
  // Where the problem was found: a byte offset into the response unit (parser),
  // into the stream since the last reset (framer), or 0 when not applicable.
  std::size_t offset = 0;
};

// A value or the Error that explains why there is none: the SDK's one
// Expected type, with this layer's error (it knows a byte offset).
template <typename T>
using Expected = kith::Expected<T, Error>;

}  // namespace kith::imap
