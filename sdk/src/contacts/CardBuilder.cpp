#include "CardBuilder.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "PropertyValue.h"
#include "VCardDates.h"
#include "kith/Ascii.h"
#include "kith/Title.h"

namespace kith::contacts::detail {
namespace {

// Labels are for display next to a handle: a word or two.
constexpr std::size_t kMaxLabelBytes = 64;

constexpr std::string_view kReadProperties[] = {
    "VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "URL", "IMPP", "X-SOCIALPROFILE", "X-JABBER", "ORG", "TITLE",
    "BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-ABDATE",
    "CATEGORIES", "NOTE", "REV", "UID", "X-ABLABEL"};

// TYPE values that say nothing a person would call a label.
bool is_unlabelling_type(std::string_view type) {
  for (std::string_view plain : {"pref", "internet", "voice", "x400", "text"})
    if (kith::ascii::iequals(type, plain)) return true;
  return false;
}

// Apple writes its standard labels as "_$!<HomePage>!$_" and custom ones as
// written; the standard ones are lower-cased like TYPE values.
std::string clean_label(std::string_view label) {
  constexpr std::string_view kOpen = "_$!<", kClose = ">!$_";
  if (label.size() > kOpen.size() + kClose.size() && label.substr(0, kOpen.size()) == kOpen &&
      label.substr(label.size() - kClose.size()) == kClose) {
    return clean_title(kith::ascii::lower(label.substr(kOpen.size(), label.size() - kOpen.size() - kClose.size())),
                       kMaxLabelBytes);
  }
  return clean_title(label, kMaxLabelBytes);
}

std::string_view strip_scheme(std::string_view value, std::string_view scheme) {
  if (kith::ascii::istarts_with(value, scheme)) value.remove_prefix(scheme.size());
  return value;
}

// Profile URLs for Apple's X-SOCIALPROFILE when it names only the user.
std::string social_profile_url(std::string_view service, std::string_view user) {
  const std::string name = kith::ascii::lower(service);
  if (name == "twitter" || name == "x") return "https://twitter.com/" + std::string(user);
  if (name == "linkedin") return "https://www.linkedin.com/in/" + std::string(user);
  if (name == "facebook") return "https://www.facebook.com/" + std::string(user);
  if (name == "instagram") return "https://www.instagram.com/" + std::string(user);
  if (name == "github") return "https://github.com/" + std::string(user);
  return {};
}

class Builder {
 public:
  explicit Builder(const std::vector<PropertyLine>& properties) : properties_(properties) {
    for (const PropertyLine& p : properties_) {
      if (p.name == "VERSION") version_ = version_from(p.value);
    }
    for (const PropertyLine& p : properties_) {
      if (p.name != "X-ABLABEL" || p.group.empty()) continue;
      if (auto label = text(p)) labels_.emplace(kith::ascii::lower(p.group), clean_label(*label));
    }
  }

  ContactCard build() {
    for (const PropertyLine& p : properties_) read(p);
    return std::move(card_);
  }

 private:
  // The whole value, decoded and unescaped.
  std::optional<std::string> text(const PropertyLine& p) const {
    auto value = decoded_value(p);
    if (!value) return std::nullopt;
    return unescape(*value, version_);
  }

  // The components of a structured value, or the items of a list.
  std::optional<std::vector<std::string>> parts(const PropertyLine& p, char separator) const {
    auto value = decoded_value(p);
    if (!value) return std::nullopt;
    std::vector<std::string> out;
    for (std::string_view part : split_unescaped(*value, separator)) out.push_back(unescape(part, version_));
    return out;
  }

  // The handle's label: the X-ABLabel of its group, else its TYPE values.
  std::string label(const PropertyLine& p) const {
    if (!p.group.empty()) {
      auto it = labels_.find(kith::ascii::lower(p.group));
      if (it != labels_.end()) return it->second;
    }
    std::vector<std::string> types;
    for (const std::string& value : p.parameter_values("TYPE")) {
      // 4.0 writes TYPE="work,voice" as one quoted value.
      for (std::string_view type : split_unescaped(value, ',')) {
        std::string lower = kith::ascii::lower(kith::ascii::trim(type));
        if (lower.empty() || is_unlabelling_type(lower)) continue;
        if (std::find(types.begin(), types.end(), lower) == types.end()) types.push_back(std::move(lower));
      }
    }
    std::string out;
    for (const std::string& type : types) out += (out.empty() ? "" : ",") + type;
    return clean_title(out, kMaxLabelBytes);
  }

  void add_handle(HandleKind kind, std::string_view value, const PropertyLine& p) {
    std::string cleaned = clean_title(value);
    if (cleaned.empty()) return;
    card_.handles.push_back(Handle{kind, std::move(cleaned), label(p)});
  }

  void set_once(std::string& field, const PropertyLine& p, std::size_t max_bytes = kMaxSubjectBytes) {
    if (!field.empty()) return;
    if (auto value = text(p)) field = clean_title(*value, max_bytes);
  }

  void set_date(std::optional<PartialDate>& field, const PropertyLine& p) {
    if (field) return;
    auto value = text(p);
    if (!value) return;
    int omit_year = 0;
    const std::string omit = p.parameter("X-APPLE-OMIT-YEAR");
    (void)std::from_chars(omit.data(), omit.data() + omit.size(), omit_year);
    field = parse_partial_date(*value, omit_year);
  }

  void add_list(std::vector<std::string>& field, const PropertyLine& p) {
    auto items = parts(p, ',');
    if (!items) return;
    for (const std::string& item : *items) {
      std::string cleaned = clean_title(item);
      if (!cleaned.empty() && std::find(field.begin(), field.end(), cleaned) == field.end())
        field.push_back(std::move(cleaned));
    }
  }

  void read_name(const PropertyLine& p) {
    if (!card_.family_name.empty() || !card_.given_name.empty()) return;
    auto value = decoded_value(p);
    if (!value) return;
    std::vector<std::string_view> components = split_unescaped(*value, ';');
    components.resize(std::max<std::size_t>(components.size(), 5));
    // 3.0 and 4.0 allow a list in a component ("Jr.,M.D."), shown with
    // blanks; in 2.1 a comma is text.
    const auto component = [&](std::size_t i) {
      if (version_ == VCardVersion::V21) return clean_title(unescape(components[i], version_));
      std::string joined;
      for (std::string_view item : split_unescaped(components[i], ',')) {
        if (!joined.empty()) joined += ' ';  // appended: GCC 12 -O3 warns (-Wrestrict) on "lit" + string&&
        joined += unescape(item, version_);
      }
      return clean_title(joined);
    };
    card_.family_name = component(0);
    card_.given_name = component(1);
    card_.additional_names = component(2);
    card_.honorific_prefix = component(3);
    card_.honorific_suffix = component(4);
  }

  void read_social_profile(const PropertyLine& p) {
    auto value = text(p);
    if (!value) return;
    const std::string_view url = kith::ascii::trim(*value);
    // Apple names some profiles only by user ("x-apple:ann" or no value).
    if (!url.empty() && !kith::ascii::istarts_with(url, "x-apple:")) return add_handle(HandleKind::Uri, url, p);
    const std::string user = p.parameter("X-USER");
    for (const std::string& service : p.parameter_values("TYPE")) {
      std::string profile = social_profile_url(service, user);
      if (!user.empty() && !profile.empty()) return add_handle(HandleKind::Uri, profile, p);
    }
    add_handle(HandleKind::Uri, url, p);
  }

  void read(const PropertyLine& p) {
    const std::string& name = p.name;
    if (name == "FN") return set_once(card_.formatted_name, p);
    if (name == "N") return read_name(p);
    if (name == "NICKNAME") return add_list(card_.nicknames, p);
    if (name == "CATEGORIES") return add_list(card_.categories, p);
    if (name == "TITLE") return set_once(card_.title, p);
    if (name == "UID") return set_once(card_.uid, p);
    if (name == "ORG") {
      // The organization; its units (further components) have no field.
      if (!card_.organization.empty()) return;
      if (auto components = parts(p, ';'); components && !components->empty())
        card_.organization = clean_title(components->front());
      return;
    }
    if (name == "NOTE") {
      // Several notes are kept as one line.
      auto value = text(p);
      if (!value) return;
      const std::string joined = card_.note.empty() ? *value : card_.note + " " + *value;
      card_.note = clean_title(joined, kMaxNoteBytes);
      return;
    }
    if (name == "BDAY") return set_date(card_.birthday, p);
    if (name == "ANNIVERSARY" || name == "X-ANNIVERSARY" || name == "X-MS-ANNIVERSARY" ||
        name == "X-EVOLUTION-ANNIVERSARY")
      return set_date(card_.anniversary, p);
    if (name == "X-ABDATE") {
      // Apple's dated items; the one labelled _$!<Anniversary>!$_ is one.
      if (label(p) == "anniversary") set_date(card_.anniversary, p);
      return;
    }
    if (name == "REV") {
      if (card_.revision) return;
      if (auto value = text(p)) card_.revision = parse_timestamp(*value);
      return;
    }
    if (name == "EMAIL" || name == "TEL" || name == "URL" || name == "IMPP" || name == "X-JABBER") {
      auto value = text(p);
      if (!value) return;
      const std::string_view trimmed = kith::ascii::trim(*value);
      if (name == "EMAIL") return add_handle(HandleKind::Email, kith::ascii::trim(strip_scheme(trimmed, "mailto:")), p);
      if (name == "TEL") return add_handle(HandleKind::Phone, kith::ascii::trim(strip_scheme(trimmed, "tel:")), p);
      if (name == "X-JABBER") {
        if (!trimmed.empty()) add_handle(HandleKind::Uri, "xmpp:" + std::string(strip_scheme(trimmed, "xmpp:")), p);
        return;
      }
      return add_handle(HandleKind::Uri, trimmed, p);
    }
    if (name == "X-SOCIALPROFILE") return read_social_profile(p);
  }

  const std::vector<PropertyLine>& properties_;
  VCardVersion version_ = VCardVersion::V30;
  std::map<std::string, std::string> labels_;  // lower-case group -> label
  ContactCard card_;
};

}  // namespace

bool is_read_property(std::string_view name) noexcept {
  return std::find(std::begin(kReadProperties), std::end(kReadProperties), name) != std::end(kReadProperties);
}

ContactCard build_card(const std::vector<PropertyLine>& properties) { return Builder(properties).build(); }

}  // namespace kith::contacts::detail
