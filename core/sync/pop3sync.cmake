# The POP3 fetcher: a POP3 account's mail downloaded into local folders of the cache.
target_sources(tern_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pop3options.h ${CMAKE_CURRENT_LIST_DIR}/pop3options.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pop3store.h ${CMAKE_CURRENT_LIST_DIR}/pop3store.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pop3fetcher.h ${CMAKE_CURRENT_LIST_DIR}/pop3fetcher.cpp
)
