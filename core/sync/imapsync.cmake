# The IMAP synchroniser: journal replay, folder list and folder sync over tern_imap.
target_sources(tern_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/fetchconversion.h ${CMAKE_CURRENT_LIST_DIR}/fetchconversion.cpp
    ${CMAKE_CURRENT_LIST_DIR}/imapserverops.h ${CMAKE_CURRENT_LIST_DIR}/imapserverops.cpp
    ${CMAKE_CURRENT_LIST_DIR}/imapsynchronizer.h ${CMAKE_CURRENT_LIST_DIR}/imapsynchronizer.cpp
)
