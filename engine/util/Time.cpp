#include "util/Time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace kith::engine {

UnixSeconds now_utc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::size_t format_rfc3339(UnixSeconds t, char* out) {
  using namespace std::chrono;
  const sys_seconds tp{seconds{t}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss hms{tp - day};
  const int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {
    // Without printf: lists print this for every row.
    constexpr std::string_view kLayout = "0000-00-00T00:00:00Z";
    std::memcpy(out, kLayout.data(), kLayout.size());
    auto put = [&](std::size_t at, long value, int digits) {
      for (int i = digits - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    put(5, static_cast<long>(static_cast<unsigned>(ymd.month())), 2);
    put(8, static_cast<long>(static_cast<unsigned>(ymd.day())), 2);
    put(11, static_cast<long>(hms.hours().count()), 2);
    put(14, static_cast<long>(hms.minutes().count()), 2);
    put(17, static_cast<long>(hms.seconds().count()), 2);
    return kLayout.size();
  }
  const int n = std::snprintf(out, kRfc3339Max, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                              static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                              static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                              static_cast<long>(hms.seconds().count()));
  return n < 0 ? 0 : std::min(static_cast<std::size_t>(n), kRfc3339Max - 1);
}

std::string format_rfc3339(UnixSeconds t) {
  char text[kRfc3339Max];
  return std::string(text, format_rfc3339(t, text));
}

std::optional<UnixSeconds> parse_rfc3339(std::string_view text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || copy.size() != 20)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{mo}, day{d}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return sys_days{ymd}.time_since_epoch().count() * 86400LL + h * 3600LL + mi * 60LL + s;
}

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t n, unsigned& out) {
  if (at + n > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<UnixSeconds> parse_moment(std::string_view text) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) || text[7] != '-' ||
      !digits(text, 8, 2, d))
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{year{static_cast<int>(y)}, month{mo}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  const UnixSeconds midnight = sys_days{ymd}.time_since_epoch().count() * kSecondsPerDay;
  if (text.size() == 10) return midnight;
  if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, h) || text.size() < 19 ||
      text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' || !digits(text, 17, 2, s) || h > 23 ||
      mi > 59 || s > 60)
    return std::nullopt;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return std::nullopt;
  }
  if (at >= text.size()) return std::nullopt;  // RFC 3339 requires the offset
  long offset = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    unsigned oh = 0, om = 0;
    if (!digits(text, at + 1, 2, oh) || text.size() < at + 6 || text[at + 3] != ':' || !digits(text, at + 4, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    offset = (text[at] == '+' ? 1 : -1) * static_cast<long>(oh * 3600 + om * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return midnight + h * 3600LL + mi * 60LL + s - offset;
}

std::string format_date(UnixSeconds t) { return format_rfc3339(t).substr(0, 10); }

int utc_quarter(UnixSeconds t) {
  const auto ymd = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(t))));
  return static_cast<int>(ymd.year()) * 4 + (static_cast<int>(static_cast<unsigned>(ymd.month())) - 1) / 3;
}

std::vector<std::string> utc_months_ending(UnixSeconds t, int count) {
  using namespace std::chrono;
  const year_month_day ymd(floor<days>(sys_seconds(seconds(t))));
  year_month month = ymd.year() / ymd.month();
  std::vector<std::string> out(static_cast<std::size_t>(std::max(count, 0)));
  for (auto it = out.rbegin(); it != out.rend(); ++it, month -= months(1)) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
    *it = text;
  }
  return out;
}

}  // namespace kith::engine
