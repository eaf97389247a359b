# More sources for core/mime, appended to their library with target_sources().
target_sources(tern_mime PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/headersafety.h ${CMAKE_CURRENT_LIST_DIR}/headersafety.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagedraft.h ${CMAKE_CURRENT_LIST_DIR}/messagedraft.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagecomposer.h ${CMAKE_CURRENT_LIST_DIR}/messagecomposer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/filenames.h ${CMAKE_CURRENT_LIST_DIR}/filenames.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parsedmessage.h
    ${CMAKE_CURRENT_LIST_DIR}/messageparser.h ${CMAKE_CURRENT_LIST_DIR}/messageparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/htmltokenizer.h ${CMAKE_CURRENT_LIST_DIR}/htmltokenizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/htmlsanitizer.h ${CMAKE_CURRENT_LIST_DIR}/htmlsanitizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replybuilder.h ${CMAKE_CURRENT_LIST_DIR}/replybuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/flowedtext.h ${CMAKE_CURRENT_LIST_DIR}/flowedtext.cpp
)
