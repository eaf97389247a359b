# The message view of tern_app: headers, sanitised body, remote-content bar, attachments.
set(mv ${CMAKE_CURRENT_LIST_DIR}/messageview)
target_sources(tern_app PRIVATE
    ${mv}/messageview.h ${mv}/messageview.cpp
    ${mv}/messagebrowser.h ${mv}/messagebrowser.cpp
    ${mv}/attachmentlist.h ${mv}/attachmentlist.cpp
    ${mv}/headerblock.h ${mv}/headerblock.cpp
    ${mv}/remotecontentbar.h ${mv}/remotecontentbar.cpp
    ${mv}/sourcedialog.h ${mv}/sourcedialog.cpp
    ${mv}/plaintexthtml.h ${mv}/plaintexthtml.cpp
    ${mv}/bodyrenderer.h ${mv}/bodyrenderer.cpp
)
