# kith_add_provider(<target> SOURCES <src>... [LIBRARIES <lib>...])
#
# Builds a provider plugin as a MODULE with hidden visibility, linked to
# the SDK, and places it where the engine looks for plugins. Shipped in the
# installed KithSDK package, so out-of-tree providers build the same way.
set(KITH_PROVIDER_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/kith_provider.map")

function(kith_add_provider target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE kith::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED KITH_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${KITH_PLUGIN_OUTPUT_DIR}")
  endif()
  # Unresolved symbols are found at build time, not when a user loads it;
  # only the descriptor is exported.
  target_link_options(${target} PRIVATE "LINKER:--no-undefined"
    "LINKER:--version-script=${KITH_PROVIDER_VERSION_SCRIPT}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${KITH_PROVIDER_VERSION_SCRIPT}")
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GNU unique symbols (static locals of inline library templates) would
    # pin the library in memory forever and hide lifetime bugs.
    target_compile_options(${target} PRIVATE -fno-gnu-unique)
  endif()
endfunction()

# kith_add_conformance_test(<test name> PROVIDER <provider target>
#     [SETTINGS key=value...] [SECRETS name=value...] [OWNERS address...]
#     [EXPECT_ITEMS n] [EXPECT_FAILED n] [STRICT_RESUME])
#
# Runs the SDK's conformance suite (kith::provider_conformance) on the
# provider with a data set of your own, as a CTest test.
function(kith_add_conformance_test name)
  cmake_parse_arguments(ARG "STRICT_RESUME" "PROVIDER;EXPECT_ITEMS;EXPECT_FAILED" "SETTINGS;SECRETS;OWNERS" ${ARGN})
  if(NOT ARG_PROVIDER)
    message(FATAL_ERROR "kith_add_conformance_test(${name}): PROVIDER is required")
  endif()
  set(args "$<TARGET_FILE:${ARG_PROVIDER}>")
  foreach(setting IN LISTS ARG_SETTINGS)
    list(APPEND args --setting "${setting}")
  endforeach()
  foreach(secret IN LISTS ARG_SECRETS)
    list(APPEND args --secret "${secret}")
  endforeach()
  foreach(owner IN LISTS ARG_OWNERS)
    list(APPEND args --owner "${owner}")
  endforeach()
  if(DEFINED ARG_EXPECT_ITEMS)
    list(APPEND args --expect-items ${ARG_EXPECT_ITEMS})
  endif()
  if(DEFINED ARG_EXPECT_FAILED)
    list(APPEND args --expect-failed ${ARG_EXPECT_FAILED})
  endif()
  if(ARG_STRICT_RESUME)
    list(APPEND args --strict-resume)
  endif()
  add_test(NAME ${name} COMMAND kith::provider_conformance ${args})
endfunction()
