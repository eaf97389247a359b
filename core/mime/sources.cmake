# More sources for core/mime, appended to their library with target_sources().
target_sources(tern_mime PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/headersafety.h ${CMAKE_CURRENT_LIST_DIR}/headersafety.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagedraft.h ${CMAKE_CURRENT_LIST_DIR}/messagedraft.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagecomposer.h ${CMAKE_CURRENT_LIST_DIR}/messagecomposer.cpp
)
