// The carddav provider's decisions that need no server.
#include <gtest/gtest.h>

#include "sync/AddressBookDiscovery.h"

namespace kith::carddav {
namespace {

TEST(AddressBookSelection, ByDisplayNamePathOrLastSegment) {
  const std::vector<dav::DavCollection> all = {{"http://h/alex/contacts/", "/alex/contacts", "Contacts", {}, true, {}},
                                               {"http://h/alex/old/", "/alex/old", "Old phone", {}, true, {}},
                                               {"http://h/alex/work/", "/alex/work", "Colleagues", {}, true, {}}};
  CardDavSettings settings;
  EXPECT_EQ(select_addressbooks(all, settings).size(), 3u);
  settings.addressbooks = {"Contacts", "/alex/work/"};
  auto picked = select_addressbooks(all, settings);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[1].displayname, "Colleagues");
  settings.addressbooks.clear();
  settings.exclude_addressbooks = {"old"};
  picked = select_addressbooks(all, settings);
  ASSERT_EQ(picked.size(), 2u);
  EXPECT_EQ(picked[0].path, "/alex/contacts");
}

}  // namespace
}  // namespace kith::carddav
