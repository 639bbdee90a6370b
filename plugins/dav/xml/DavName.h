// An XML element name as the model keeps it: namespace URI plus local name.
#pragma once

#include <string>
#include <string_view>

namespace kith::dav {

struct DavName {
  std::string ns;     // namespace URI; empty for an element in no namespace
  std::string local;  // local name, without any prefix

  bool is(std::string_view ns_uri, std::string_view local_name) const noexcept {
    return ns == ns_uri && local == local_name;
  }
  friend bool operator==(const DavName&, const DavName&) = default;
};

}  // namespace kith::dav
