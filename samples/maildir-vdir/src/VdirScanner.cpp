#include "VdirScanner.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "LocalFiles.h"

namespace kith::local {
namespace fs = std::filesystem;

namespace {

bool is_resource_name(const std::string& name, std::string_view extension) {
  return name.size() > extension.size() && name[0] != '.' &&
         std::string_view(name).substr(name.size() - extension.size()) == extension;
}

}  // namespace

VdirScanner::VdirScanner(fs::path root, std::function<bool(const std::string&)> skip,
                         std::function<void(const std::string&)> warn, VdirLayout layout)
    : root_(std::move(root)), skip_(std::move(skip)), warn_(std::move(warn)), layout_(layout) {}

Result<std::vector<VdirCollection>> VdirScanner::collections() const {
  std::vector<VdirCollection> found;
  bool loose_resources = false;
  std::error_code ec;
  fs::directory_iterator it(root_, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) {
      if (name.empty() || name[0] == '.' || (skip_ && skip_(name))) continue;
      found.push_back(VdirCollection{std::move(name), it->path()});
    } else if (is_resource_name(name, layout_.extension)) {
      loose_resources = true;
    }
  }
  const std::string setting(layout_.setting);
  if (ec) return Status::account("cannot read " + setting + " '" + root_.string() + "': " + ec.message());
  if (loose_resources && warn_) {
    warn_(setting + " '" + root_.string() + "' holds " + std::string(layout_.extension) +
          " files directly; they are not read: set '" + setting + "' to the folder that holds one subfolder per " +
          std::string(layout_.subfolder));
  }
  std::sort(found.begin(), found.end(), [](const VdirCollection& a, const VdirCollection& b) { return a.name < b.name; });
  return found;
}

Result<VdirListing> VdirScanner::list(const VdirCollection& collection) const {
  VdirListing listing;
  std::error_code ec;
  fs::directory_iterator it(collection.path, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!is_resource_name(name, layout_.extension)) continue;
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec)) continue;
    auto version = file_version(it->path());
    if (!version) continue;  // gone since it was listed
    listing.emplace(std::move(name), *version);
  }
  if (ec) return Status::collection("cannot list '" + collection.path.string() + "': " + ec.message());
  return listing;
}

VdirChanges VdirScanner::diff(const VdirListing& before, const VdirListing& now) {
  VdirChanges changes;
  for (const auto& [name, version] : now) {
    auto old = before.find(name);
    if (old == before.end() || !(old->second == version)) changes.changed.push_back(name);
  }
  for (const auto& [name, version] : before) {
    if (!now.count(name)) changes.removed.push_back(name);
  }
  return changes;
}

}  // namespace kith::local
