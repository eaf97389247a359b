# More sources for core/models, appended to their library with target_sources().
target_sources(tern_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/modelroles.h
    ${CMAKE_CURRENT_LIST_DIR}/foldermodel.h ${CMAKE_CURRENT_LIST_DIR}/foldermodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagelistmodel.h ${CMAKE_CURRENT_LIST_DIR}/messagelistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/messagelistmodelupdates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/threadbuilder.h ${CMAKE_CURRENT_LIST_DIR}/threadbuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/flagwriter.h ${CMAKE_CURRENT_LIST_DIR}/flagwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cachedmessage.h ${CMAKE_CURRENT_LIST_DIR}/cachedmessage.cpp
)
