# The reading-mail part of tern_app: presentation of the core models.
target_sources(tern_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/messagelistdelegate.h ${CMAKE_CURRENT_LIST_DIR}/messagelistdelegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/foldertreedelegate.h ${CMAKE_CURRENT_LIST_DIR}/foldertreedelegate.cpp
)
