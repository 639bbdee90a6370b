#include "kith/contacts/VCardReader.h"

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "CardBuilder.h"
#include "LineUnfolder.h"
#include "PropertyLine.h"
#include "kith/Ascii.h"

namespace kith::contacts {
namespace {

using detail::ContentLine;
using detail::PropertyLine;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string at_line(std::size_t line_number) { return "line " + std::to_string(line_number); }

bool is_card_boundary(const PropertyLine& property, std::string_view keyword) {
  return property.name == keyword && property.group.empty() && property.parameters.empty() &&
         kith::ascii::iequals(kith::ascii::trim(property.value), "VCARD");
}

// The card being read.
struct OpenCard {
  std::size_t first_line = 0;
  std::size_t property_count = 0;
  std::size_t nested = 0;  // depth inside an embedded card (2.1 AGENT), skipped
  std::vector<PropertyLine> properties;  // only those the builder reads
};

// The resource names of a file's cards: the first keeps the resource's,
// the others are "<resource>#<UID>", or "#<n>" without a UID of their own.
void name_resources(std::vector<ContactCard>& cards, std::string_view resource) {
  std::set<std::string> used;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    std::string name(resource);
    if (i > 0) {
      name += '#';
      name += cards[i].uid;
      if (cards[i].uid.empty() || used.count(name)) name = std::string(resource) + "#" + std::to_string(i + 1);
    }
    used.insert(name);
    cards[i].resource = std::move(name);
  }
}

}  // namespace

Result<std::vector<ContactCard>> read_vcards(std::string_view text, std::string_view collection,
                                             std::string_view resource, const VCardLimits& limits) {
  if (text.size() > limits.max_bytes)
    return Status::item("vCard resource larger than " + std::to_string(limits.max_bytes) + " bytes");
  // UTF-16 exports are the usual cause; no line of them is readable.
  if (text.find('\0') != std::string_view::npos) return Status::item("not a vCard resource: contains NUL bytes");
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  if (kith::ascii::trim(text).empty()) return Status::item("empty vCard resource");

  std::vector<ContactCard> cards;
  std::optional<OpenCard> open;
  detail::LineUnfolder lines(text, limits.max_value_bytes);
  ContentLine line;
  while (lines.next(line)) {
    if (kith::ascii::trim(line.text).empty()) continue;
    std::optional<PropertyLine> property = detail::parse_property_line(line.text);
    if (!open) {
      // Text between cards is ignored, as every reader does.
      if (!property || !is_card_boundary(*property, "BEGIN")) continue;
      if (cards.size() == limits.max_cards)
        return Status::item(at_line(line.line_number) + ": more than " + std::to_string(limits.max_cards) +
                            " cards");
      open.emplace();
      open->first_line = line.line_number;
      continue;
    }
    if (!property) return Status::item(at_line(line.line_number) + ": not a vCard property");
    if (is_card_boundary(*property, "END") && open->nested == 0) {
      ContactCard card = detail::build_card(open->properties);
      card.collection = std::string(collection);
      cards.push_back(std::move(card));
      open.reset();
      continue;
    }
    // Every other line counts, those of embedded cards too.
    if (++open->property_count > limits.max_properties)
      return Status::item("the card at " + at_line(open->first_line) + " has more than " +
                          std::to_string(limits.max_properties) + " properties");
    if (is_card_boundary(*property, "BEGIN")) {
      ++open->nested;
      continue;
    }
    if (is_card_boundary(*property, "END")) {
      --open->nested;
      continue;
    }
    // An over-long value (a PHOTO) is skipped, never cut and read.
    if (open->nested > 0 || line.oversized || !detail::is_read_property(property->name)) continue;
    open->properties.push_back(std::move(*property));
  }
  if (open) return Status::item("the card at " + at_line(open->first_line) + " has no END:VCARD");
  if (cards.empty()) return Status::item("not a vCard resource: no BEGIN:VCARD");
  name_resources(cards, resource);
  return cards;
}

}  // namespace kith::contacts
