#include "rows/ProfileUrl.h"

#include "kith/Ascii.h"

namespace kith::linkedin {

std::string profile_key(std::string_view url) {
  url = ascii::trim(url);
  if (const std::size_t end = url.find_first_of("?#"); end != std::string_view::npos) url = url.substr(0, end);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string key;
  for (char c : url)
    if (!ascii::is_control(c)) key += ascii::to_lower(c);
  return key;
}

}  // namespace kith::linkedin
