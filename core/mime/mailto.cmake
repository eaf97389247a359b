# mailto: URLs (RFC 6068) and the address-list text of the composer's fields.
target_sources(tern_mime PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/mailtourl.h ${CMAKE_CURRENT_LIST_DIR}/mailtourl.cpp
    ${CMAKE_CURRENT_LIST_DIR}/addresslist.h ${CMAKE_CURRENT_LIST_DIR}/addresslist.cpp
)
