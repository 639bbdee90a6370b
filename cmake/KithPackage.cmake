# `cpack -G DEB` in a build tree makes kith_<version>_<arch>.deb: kith,
# kithd, the bundled plugins, the man pages, the systemd user unit and the
# SDK (headers, helper libraries, the KithSDK CMake package), under /usr.
# Its runtime dependencies are computed from the binaries and plugins by
# dpkg-shlibdeps, so they are exactly the Debian libraries they link.
set(CPACK_PACKAGE_NAME "kith")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Kith")
set(CPACK_PACKAGE_CONTACT "Kith developers <kith@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "relationship history from your own mail and calendar")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "relationship history from your own mail and calendar
 Kith reads the headers of your mail (IMAP, Maildir) and your calendars
 (CalDAV, vdir) and keeps a local history of the people you are in touch
 with. This package holds the kith command, the kithd daemon with its
 systemd user unit, the imap, caldav, carddav, linkedin and local provider plugins, the man
 pages, and the SDK for writing providers (find_package(KithSDK)).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Install with DESTDIR, so CMAKE_INSTALL_PREFIX is /usr while installing
# (the systemd unit's ExecStart is written from it).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "mail")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Added to what dpkg-shlibdeps finds: TLS needs the system's trust anchors,
# which no library dependency brings in on a minimal system.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ca-certificates")
# The plugins live in a private folder; let dpkg-shlibdeps read them too.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Building a provider against the SDK needs a compiler and the helpers'
# headers; running kith does not.
# libpsl reads the system's Public Suffix List when it is newer than its own.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "publicsuffix")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake, g++, libical-dev, libmimetic-dev")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")
include(CPack)
