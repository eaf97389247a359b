# The composer window of tern_app: fields, editor, attachments, checks and local autosave.
set(composer ${CMAKE_CURRENT_LIST_DIR}/composer)
target_sources(tern_app PRIVATE
    ${composer}/composerwindow.h ${composer}/composerwindow.cpp
    ${composer}/composerfactories.cpp
    ${composer}/composereditor.h ${composer}/composereditor.cpp
    ${composer}/addresslineedit.h ${composer}/addresslineedit.cpp
    ${composer}/addresscompletionmodel.h ${composer}/addresscompletionmodel.cpp
    ${composer}/draftstore.h ${composer}/draftstore.cpp
    ${composer}/sendchecks.h ${composer}/sendchecks.cpp
)
