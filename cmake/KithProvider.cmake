# kith_add_provider(<target> SOURCES <src>... [LIBRARIES <lib>...])
#
# Builds a provider plugin as a MODULE with hidden visibility, linked to
# the SDK, and places it where the engine looks for plugins. Shipped in the
# installed KithSDK package, so out-of-tree providers build the same way.
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
  # Unresolved symbols are found at build time, not when a user loads it.
  target_link_options(${target} PRIVATE "LINKER:--no-undefined")
endfunction()
