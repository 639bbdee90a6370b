// Text for XML element content that we build ourselves (request bodies).
#pragma once

#include <string>
#include <string_view>

#include "dav/xml/DavXmlError.h"

namespace kith::dav {

// `text` with & < > " ' escaped, and CR as &#13; (a parser would turn a raw
// CR into LF). InvalidArgument when `text` is not valid UTF-8 or holds a
// character XML 1.0 cannot carry at all (NUL and the other C0 controls but
// tab and line ends, U+FFFE, U+FFFF), since no escaping makes those
// well-formed. Never throws.
Expected<std::string> xml_escape(std::string_view text) noexcept;

}  // namespace kith::dav
