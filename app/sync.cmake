# `tern sync`.
target_sources(tern_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cli/synccommands.h ${CMAKE_CURRENT_LIST_DIR}/cli/synccommands.cpp
)
