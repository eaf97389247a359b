# The IMAP connection, its tasks and COMPRESS; included by CMakeLists.txt.
target_sources(tern_imap PRIVATE
    capabilities.h capabilities.cpp
    deflatestream.h deflatestream.cpp
    imapconnection.h imapconnection.cpp imapconnectionopening.cpp
    imaptask.h imaptask.cpp
    tasks/appendtask.h tasks/appendtask.cpp
    tasks/capabilitytask.h tasks/capabilitytask.cpp
    tasks/compresstask.h tasks/compresstask.cpp
    tasks/copymovetask.h tasks/copymovetask.cpp
    tasks/enabletask.h tasks/enabletask.cpp
    tasks/fetchtask.h tasks/fetchtask.cpp
    tasks/idletask.h tasks/idletask.cpp
    tasks/idtask.h tasks/idtask.cpp
    tasks/listtask.h tasks/listtask.cpp
    tasks/logintask.h tasks/logintask.cpp
    tasks/logouttask.h tasks/logouttask.cpp
    tasks/namespacetask.h tasks/namespacetask.cpp
    tasks/searchtask.h tasks/searchtask.cpp
    tasks/selecttask.h tasks/selecttask.cpp
    tasks/simpletask.h tasks/simpletask.cpp
    tasks/starttlstask.h tasks/starttlstask.cpp
    tasks/statustask.h tasks/statustask.cpp
    tasks/storetask.h tasks/storetask.cpp
)
