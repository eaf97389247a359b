# More sources for core/sync, appended to their library with target_sources().
target_sources(tern_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/journalop.h ${CMAKE_CURRENT_LIST_DIR}/journalop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/mailserverops.h
    ${CMAKE_CURRENT_LIST_DIR}/rowsnapshot.h ${CMAKE_CURRENT_LIST_DIR}/rowsnapshot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journal.h ${CMAKE_CURRENT_LIST_DIR}/journal.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journalqueue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journalreplayer.h ${CMAKE_CURRENT_LIST_DIR}/journalreplayer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syncplanner.h ${CMAKE_CURRENT_LIST_DIR}/syncplanner.cpp
)
