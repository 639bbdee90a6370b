#include "common/LoopbackHost.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "kith/Ascii.h"

namespace kith::net {

bool resolves_to_loopback_only(const std::string& spelled) {
  std::string host = spelled;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return false;
  // RFC 6761 6.3: "localhost" and names under it are loopback, whether or
  // not /etc/hosts says so (a minimal system may have no hosts file; curl
  // resolves them to loopback itself).
  const std::string lower = kith::ascii::lower(host);
  if (lower == "localhost" || lower == "localhost." ||
      (lower.size() > 10 && lower.compare(lower.size() - 10, 10, ".localhost") == 0))
    return true;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return false;
  bool all_loopback = true;
  for (const addrinfo* a = found; a != nullptr && all_loopback; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      all_loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      const bool mapped_v4 = IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127;
      all_loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) || mapped_v4;
    } else {
      all_loopback = false;
    }
  }
  ::freeaddrinfo(found);
  return all_loopback;
}

}  // namespace kith::net
