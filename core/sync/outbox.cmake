# The outbox: durable queue of messages to send and the SMTP submitter that empties it.
target_sources(tern_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/outbox.h ${CMAKE_CURRENT_LIST_DIR}/outbox.cpp
    ${CMAKE_CURRENT_LIST_DIR}/outboxsender.h ${CMAKE_CURRENT_LIST_DIR}/outboxsender.cpp
)
