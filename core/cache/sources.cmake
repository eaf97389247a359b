# More sources for core/cache, appended to their library with target_sources().
target_sources(tern_cache PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/messageflags.h ${CMAKE_CURRENT_LIST_DIR}/messageflags.cpp
    ${CMAKE_CURRENT_LIST_DIR}/folderinfo.h ${CMAKE_CURRENT_LIST_DIR}/sqlvalue.h
    ${CMAKE_CURRENT_LIST_DIR}/folderstore.h ${CMAKE_CURRENT_LIST_DIR}/folderstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messageheader.h
    ${CMAKE_CURRENT_LIST_DIR}/messagestore.h ${CMAKE_CURRENT_LIST_DIR}/messagestore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/threader.h ${CMAKE_CURRENT_LIST_DIR}/threader.cpp
)
