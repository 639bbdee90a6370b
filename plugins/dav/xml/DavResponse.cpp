#include "dav/xml/DavResponse.h"

namespace kith::dav {

bool DavResponse::is_missing(std::string_view ns_uri, std::string_view local) const noexcept {
  for (const DavName& name : missing) {
    if (name.is(ns_uri, local)) return true;
  }
  return false;
}

}  // namespace kith::dav
