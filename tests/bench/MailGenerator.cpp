#include "MailGenerator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>
#include <utility>

namespace kith::bench {
namespace {

struct Name {
  const char* text;   // UTF-8
  const char* ascii;  // for the address
};

constexpr Name kFirst[] = {
    {"Anna", "anna"},     {"Ben", "ben"},         {"Carla", "carla"},   {"David", "david"},   {"Elena", "elena"},
    {"Frank", "frank"},   {"Grace", "grace"},     {"Henry", "henry"},   {"Irene", "irene"},   {"Jack", "jack"},
    {"Karen", "karen"},   {"Liam", "liam"},       {"Maya", "maya"},     {"Noah", "noah"},     {"Olivia", "olivia"},
    {"Paul", "paul"},     {"Quinn", "quinn"},     {"Rosa", "rosa"},     {"Sam", "sam"},       {"Tara", "tara"},
    {"Umar", "umar"},     {"Vera", "vera"},       {"Will", "will"},     {"Xenia", "xenia"},   {"Yusuf", "yusuf"},
    {"Zara", "zara"},     {"Adrian", "adrian"},   {"Bella", "bella"},   {"Caleb", "caleb"},   {"Diana", "diana"},
    {"Ethan", "ethan"},   {"Fiona", "fiona"},     {"George", "george"}, {"Hannah", "hannah"}, {"Ian", "ian"},
    {"Julia", "julia"},   {"Kevin", "kevin"},     {"Laura", "laura"},   {"Marco", "marco"},   {"Nina", "nina"},
    {"Oscar", "oscar"},   {"Priya", "priya"},     {"Rafael", "rafael"}, {"Sofia", "sofia"},   {"Tom", "tom"},
    {"Uma", "uma"},       {"Victor", "victor"},   {"Wendy", "wendy"},   {"Yara", "yara"},     {"Zoe", "zoe"},
};
constexpr Name kLast[] = {
    {"Adams", "adams"},     {"Baker", "baker"},     {"Clarke", "clarke"},   {"Dawson", "dawson"},
    {"Evans", "evans"},     {"Fischer", "fischer"}, {"Gordon", "gordon"},   {"Hughes", "hughes"},
    {"Ito", "ito"},         {"Jensen", "jensen"},   {"Keller", "keller"},   {"Larsen", "larsen"},
    {"Morgan", "morgan"},   {"Nakamura", "nakamura"}, {"O'Brien", "obrien"}, {"Patel", "patel"},
    {"Quinn", "quinn"},     {"Rossi", "rossi"},     {"Schmidt", "schmidt"}, {"Tanaka", "tanaka"},
    {"Ulrich", "ulrich"},   {"Vargas", "vargas"},   {"Walsh", "walsh"},     {"Young", "young"},
    {"Zimmer", "zimmer"},   {"Andersen", "andersen"}, {"Brooks", "brooks"}, {"Chen", "chen"},
    {"Diaz", "diaz"},       {"Ellis", "ellis"},     {"Foster", "foster"},   {"Grant", "grant"},
    {"Hayes", "hayes"},     {"Iqbal", "iqbal"},     {"Jones", "jones"},     {"Kim", "kim"},
    {"Lopez", "lopez"},     {"Murphy", "murphy"},   {"Novak", "novak"},     {"Owens", "owens"},
    {"Price", "price"},     {"Reyes", "reyes"},     {"Singh", "singh"},     {"Turner", "turner"},
    {"Vance", "vance"},     {"Wagner", "wagner"},   {"Xu", "xu"},           {"Yilmaz", "yilmaz"},
};
// Names that need RFC 2047 in a header.
constexpr Name kFirstIntl[] = {
    {"José", "jose"},     {"Zoë", "zoe"},       {"François", "francois"}, {"Søren", "soren"},
    {"Björn", "bjorn"},   {"Łukasz", "lukasz"}, {"Renée", "renee"},       {"Chloé", "chloe"},
    {"Jürgen", "juergen"}, {"Inés", "ines"},    {"Dagný", "dagny"},       {"Çağla", "cagla"},
    {"Ágnes", "agnes"},   {"Håkon", "hakon"},   {"Małgorzata", "malgorzata"}, {"Jiří", "jiri"},
};
constexpr Name kLastIntl[] = {
    {"Müller", "mueller"}, {"Martínez", "martinez"}, {"Ødegård", "odegard"}, {"Núñez", "nunez"},
    {"Dvořák", "dvorak"},  {"Çelik", "celik"},       {"Šimić", "simic"},     {"García", "garcia"},
    {"Lefèvre", "lefevre"}, {"Jönsson", "jonsson"},  {"Wróbel", "wrobel"},   {"Guðmundsdóttir", "gudmundsdottir"},
};
// Whole names in other scripts.
constexpr Name kWholeIntl[] = {
    {"山田 太郎", "taro.yamada"},   {"李娜", "li.na"},           {"Νίκος Παπαδόπουλος", "nikos.papadopoulos"},
    {"Дмитрий Иванов", "dmitry.ivanov"}, {"김민준", "minjun.kim"}, {"Ολυμπία Γεωργίου", "olympia.georgiou"},
    {"Анна Смирнова", "anna.smirnova"},  {"佐藤 花子", "hanako.sato"},
};
constexpr const char* kDomains[] = {
    "example.com",       "example.net",     "mail.example.org", "acme.example",     "globex.example",
    "initech.example",   "umbrella.example", "hooli.example",   "uni.example.edu",  "city.example.gov",
    "post.example.de",   "correo.example.es", "posta.example.it", "mail.example.fr", "example.co.uk",
    "studio.example",    "lab.example",     "foundation.example", "consulting.example", "family.example",
};
constexpr const char* kWords[] = {
    "project", "meeting", "draft",   "review",   "budget",  "schedule", "notes",   "update",  "plan",
    "report",  "idea",    "dinner",  "weekend",  "trip",    "invoice",  "contract", "photos", "question",
    "proposal", "agenda", "release", "feedback", "summary", "call",     "visit",   "slides",  "numbers",
    "garden",  "concert", "book",    "paper",    "design",  "launch",   "workshop", "lunch",  "party",
};
constexpr const char* kFiller[] = {
    "the",  "a",     "we",    "could", "should", "maybe", "next",  "week",  "after", "before", "about",
    "your", "our",   "this",  "that",  "it",     "looks", "good",  "fine",  "later", "today",  "tomorrow",
    "I",    "think", "agree", "will",  "send",   "you",   "check", "again", "with",  "team",   "all",
    "thanks", "sorry", "late", "soon", "here",   "there", "some",  "more",  "time",  "new",    "old",
};
constexpr int kOffsets[] = {0, 60, 120, -300, -240, -420, -480, 330, 540, 600, -180, 180};
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

template <typename T, std::size_t N>
constexpr std::size_t count_of(const T (&)[N]) {
  return N;
}

std::string base64(const std::string& in) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += abc[(v >> 6) & 63];
    out += abc[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += abc[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// RFC 2047 "Q": space as '_', anything but letters and digits as =XX.
std::string q_encode(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (c == ' ') {
      out += '_';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "=%02X", c);
      out += hex;
    }
  }
  return out;
}

// UTF-8 to ISO-8859-1, or false when a character does not fit.
bool to_latin1(const std::string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < in.size()) {
      out += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(in[++i]) & 0x3F));
    } else {
      return false;
    }
  }
  return true;
}

bool needs_quotes(const std::string& name) { return name.find_first_of(",.'\"()<>@;:") != std::string::npos; }

std::string rfc5322_date(std::int64_t t, int offset_minutes) {
  const std::time_t local = static_cast<std::time_t>(t + offset_minutes * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %d %s %04d %02d:%02d:%02d %c%02d%02d", kWeekdays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace

MailGenerator::MailGenerator(std::uint64_t seed, std::string owner, std::size_t people)
    : rng_(seed), owner_(std::move(owner)) {
  std::set<std::string> used;
  used.insert(owner_);
  while (people_.size() < people) {
    Person p;
    std::string display, local;
    const double style = std::uniform_real_distribution<double>(0, 1)(rng_);
    bool encode = false;
    if (style < 0.04) {  // another script altogether
      const Name& n = kWholeIntl[pick(count_of(kWholeIntl))];
      display = n.text;
      local = n.ascii;
      p.first = n.text;
      encode = true;
    } else {
      const bool intl_first = style < 0.10;
      const bool intl_last = style >= 0.08 && style < 0.14;
      const Name& f = intl_first ? kFirstIntl[pick(count_of(kFirstIntl))] : kFirst[pick(count_of(kFirst))];
      const Name& l = intl_last ? kLastIntl[pick(count_of(kLastIntl))] : kLast[pick(count_of(kLast))];
      encode = intl_first || intl_last;
      p.first = f.text;
      switch (pick(4)) {
        case 0: local = std::string(f.ascii) + "." + l.ascii; break;
        case 1: local = std::string(1, f.ascii[0]) + l.ascii; break;
        case 2: local = std::string(f.ascii) + "_" + l.ascii; break;
        default: local = std::string(f.ascii) + l.ascii[0]; break;
      }
      display = chance(0.10) ? std::string(l.text) + ", " + f.text : std::string(f.text) + " " + l.text;
    }
    p.domain = kDomains[pick(count_of(kDomains))];
    p.address = local + "@" + p.domain;
    for (int n = 2; used.count(p.address); ++n) p.address = local + std::to_string(n) + "@" + p.domain;
    used.insert(p.address);

    if (!encode && chance(0.07)) {
      p.mailbox = p.address;  // no display name at all
    } else if (encode) {
      ++encoded_names_;
      std::string latin1;
      const double how = std::uniform_real_distribution<double>(0, 1)(rng_);
      if (how < 0.25 && to_latin1(display, latin1))
        p.mailbox = "=?ISO-8859-1?Q?" + q_encode(latin1) + "?=";
      else if (how < 0.55)
        p.mailbox = "=?UTF-8?Q?" + q_encode(display) + "?=";
      else
        p.mailbox = "=?UTF-8?B?" + base64(display) + "?=";
      p.mailbox += " <" + p.address + ">";
    } else {
      p.mailbox = (needs_quotes(display) ? "\"" + display + "\"" : display) + " <" + p.address + ">";
    }
    people_.push_back(std::move(p));
  }

  // A few people write a lot, most rarely (Zipf-like).
  double total = 0;
  for (std::size_t i = 0; i < people_.size(); ++i) {
    total += 1.0 / std::pow(static_cast<double>(i + 1), 0.9);
    cumulative_.push_back(total);
  }
  for (double& c : cumulative_) c /= total;

  const char* topics[] = {"dev", "announce", "users", "jobs", "events", "security", "release", "community",
                          "photography", "cycling", "book-club", "neighbours", "alumni", "parents", "research"};
  for (const char* topic : topics) {
    const std::string host = std::string("lists.") + kDomains[pick(count_of(kDomains))];
    List l;
    l.address = std::string(topic) + "@" + host;
    l.id = "\"" + std::string(topic) + " discussion\" <" + topic + "." + host + ">";
    l.unsubscribe = "<mailto:" + std::string(topic) + "-leave@" + host + ">, <https://" + host + "/unsubscribe/" + topic + ">";
    if (chance(0.4)) l.bot = "\"" + std::string(topic) + " digest\" <" + topic + "-bounces@" + host + ">";
    lists_.push_back(std::move(l));
  }
}

std::vector<std::int64_t> MailGenerator::times(std::size_t count, std::int64_t from, std::int64_t to) {
  std::uniform_int_distribution<std::int64_t> when(from, to - 1);
  std::vector<std::int64_t> out(count);
  for (auto& t : out) t = when(rng_);
  std::sort(out.begin(), out.end());
  return out;
}

const MailGenerator::Person& MailGenerator::correspondent() {
  const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
  const auto i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), people_.size() - 1);
  return people_[i];
}

std::string MailGenerator::message_id(std::int64_t time, const std::string& domain) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "<%llx.%llu.%06llx@", static_cast<unsigned long long>(time),
                static_cast<unsigned long long>(++counter_), static_cast<unsigned long long>(pick(0xffffff)));
  std::string id = buf + domain + ">";
  if (recent_ids_.size() < 256)
    recent_ids_.push_back(id);
  else
    recent_ids_[pick(recent_ids_.size())] = id;
  return id;
}

std::string MailGenerator::subject(bool reply) {
  std::string s = reply ? "Re: " : "";
  const std::string first = kWords[pick(count_of(kWords))];
  s += static_cast<char>(first[0] - 'a' + 'A');
  s += first.substr(1);
  for (std::size_t i = 0, n = 1 + pick(4); i < n; ++i) {
    s += ' ';
    s += pick(3) ? kFiller[pick(count_of(kFiller))] : kWords[pick(count_of(kWords))];
  }
  return s;
}

std::string MailGenerator::body(const std::string& greeting_name, const std::string& signature) {
  std::string b = "Hi " + greeting_name + ",\r\n\r\n";
  const std::size_t target = 180 + pick(400);
  std::size_t line = 0;
  std::string text;
  while (text.size() < target) {
    std::string w = pick(4) ? kFiller[pick(count_of(kFiller))] : kWords[pick(count_of(kWords))];
    if (pick(9) == 0) w += '.';
    if (line + w.size() + 1 > 72) {
      text += "\r\n";
      line = 0;
    } else if (line > 0) {
      text += ' ';
      ++line;
    }
    text += w;
    line += w.size();
  }
  return b + text + "\r\n\r\n-- \r\n" + signature + "\r\n";
}

void MailGenerator::common_tail(std::string& m, const std::string& subject_line, std::int64_t time, bool reply,
                                const std::string& domain) {
  // The parent is picked before this message's own ID joins the candidates.
  const std::string parent = reply && !recent_ids_.empty() ? recent_ids_[pick(recent_ids_.size())] : std::string();
  m += "Subject: " + subject_line + "\r\n";
  m += "Message-ID: " + message_id(time, domain) + "\r\n";
  if (!parent.empty()) m += "In-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n";
  m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n"
       "Content-Transfer-Encoding: 8bit\r\n";
}

std::vector<GeneratedMessage> MailGenerator::inbox(std::size_t count, std::int64_t from, std::int64_t to,
                                                   std::size_t unseen) {
  std::vector<GeneratedMessage> out;
  out.reserve(count);
  const auto when = times(count, from, to);
  const std::string owner_mailbox = "Alex Morgan <" + owner_ + ">";
  for (std::size_t i = 0; i < count; ++i) {
    GeneratedMessage g;
    g.time = when[i];
    g.seen = i + unseen < count;
    const int offset = kOffsets[pick(count_of(kOffsets))];
    const std::string date = rfc5322_date(g.time, offset);
    std::string& m = g.raw;
    m.reserve(1600);
    const double kind = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (kind < 0.12) {  // mailing list
      ++list_messages_;
      const List& l = lists_[pick(lists_.size())];
      const Person& poster = correspondent();
      const std::string from_line = !l.bot.empty() && chance(0.5) ? l.bot : poster.mailbox;
      const std::string host = l.address.substr(l.address.find('@') + 1);
      m += "Return-Path: <" + l.address.substr(0, l.address.find('@')) + "-bounces@" + host + ">\r\n";
      m += "Received: from " + host + " (" + host + " [192.0.2." + std::to_string(1 + pick(250)) +
           "])\r\n\tby mx.example.org (Postfix) with ESMTPS id " + std::to_string(100000 + pick(900000)) +
           "\r\n\tfor <" + owner_ + ">; " + date + "\r\n";
      m += "Date: " + date + "\r\nFrom: " + from_line + "\r\nTo: " + l.address + "\r\n";
      common_tail(m, "[" + l.address.substr(0, l.address.find('@')) + "] " + subject(chance(0.5)), g.time, false,
                  host);
      m += "List-Id: " + l.id + "\r\nList-Unsubscribe: " + l.unsubscribe + "\r\nList-Post: <mailto:" + l.address +
           ">\r\nPrecedence: list\r\n\r\n";
      m += body("all", poster.first);
    } else if (kind < 0.15) {  // automated, no list headers
      m += "Return-Path: <bounce@notify.shop.example>\r\nDate: " + date +
           "\r\nFrom: \"Shop\" <noreply@notify.shop.example>\r\nTo: " + owner_mailbox + "\r\n";
      common_tail(m, "Your order " + std::to_string(10000 + pick(90000)) + " has shipped", g.time, false,
                  "notify.shop.example");
      m += "Auto-Submitted: auto-generated\r\n\r\n";
      m += body("there", "The Shop team");
    } else {  // a person
      const Person& sender = correspondent();
      const bool reply = chance(0.4);
      m += "Return-Path: <" + sender.address + ">\r\n";
      m += "Received: from mx" + std::to_string(1 + pick(4)) + "." + sender.domain + " (mx." + sender.domain +
           " [198.51.100." + std::to_string(1 + pick(250)) + "])\r\n\tby mx.example.org (Postfix) with ESMTPS id " +
           std::to_string(100000 + pick(900000)) + "\r\n\tfor <" + owner_ + ">; " + date + "\r\n";
      m += "Date: " + date + "\r\nFrom: " + sender.mailbox + "\r\nTo: " + owner_mailbox;
      if (chance(0.25))
        for (std::size_t k = 0, n = 1 + pick(3); k < n; ++k) m += ",\r\n " + correspondent().mailbox;
      m += "\r\n";
      if (chance(0.2)) {
        m += "Cc: " + correspondent().mailbox;
        for (std::size_t k = 0, n = pick(3); k < n; ++k) m += ",\r\n " + correspondent().mailbox;
        m += "\r\n";
      }
      common_tail(m, subject(reply), g.time, reply, sender.domain);
      if (chance(0.3)) m += "User-Agent: Mozilla Thunderbird\r\n";
      m += "\r\n";
      m += body("Alex", sender.first);
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<GeneratedMessage> MailGenerator::sent(std::size_t count, std::int64_t from, std::int64_t to) {
  std::vector<GeneratedMessage> out;
  out.reserve(count);
  const auto when = times(count, from, to);
  const std::string owner_domain = owner_.substr(owner_.find('@') + 1);
  for (std::size_t i = 0; i < count; ++i) {
    GeneratedMessage g;
    g.time = when[i];
    const int offset = chance(0.5) ? 60 : 120;
    const std::string date = rfc5322_date(g.time, offset);
    std::string& m = g.raw;
    m.reserve(1400);
    const Person& to_first = correspondent();
    const bool reply = chance(0.5);
    m += "Date: " + date + "\r\nFrom: Alex Morgan <" + owner_ + ">\r\nTo: " + to_first.mailbox;
    if (chance(0.3))
      for (std::size_t k = 0, n = 1 + pick(2); k < n; ++k) m += ",\r\n " + correspondent().mailbox;
    m += "\r\n";
    if (chance(0.25)) {
      m += "Cc: " + correspondent().mailbox;
      if (chance(0.3)) m += ",\r\n " + correspondent().mailbox;
      m += "\r\n";
    }
    if (chance(0.03)) m += "Bcc: " + correspondent().mailbox + "\r\n";
    common_tail(m, subject(reply), g.time, reply, owner_domain);
    m += "User-Agent: Mozilla Thunderbird\r\n\r\n";
    m += body(to_first.first, "Alex");
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace kith::bench
