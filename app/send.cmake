# `tern send`: compose, queue through the outbox and submit.
target_sources(tern_app PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/cli/sendcommands.h ${CMAKE_CURRENT_LIST_DIR}/cli/sendcommands.cpp
)
