# More sources of tern_app, added with target_sources().
target_sources(tern_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cli/readcommands.h ${CMAKE_CURRENT_LIST_DIR}/cli/readcommands.cpp
)
