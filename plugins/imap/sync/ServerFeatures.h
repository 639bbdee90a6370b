// What the server announced in CAPABILITY, as far as a sync cares.
#pragma once

namespace kith::imap {

struct ServerFeatures {
  bool condstore = false;
  bool esearch = false;
  bool special_use = false;
  bool xlist = false;  // XLIST announced; used for folder roles only without SPECIAL-USE
  bool idle = false;
};

}  // namespace kith::imap
