# Search (local FTS5 and server-side IMAP SEARCH) and the activity job model.
target_sources(tern_core PRIVATE
    search/localsearch.h search/localsearch.cpp
    search/serversearch.h search/serversearch.cpp
    search/searchmerge.h search/searchmerge.cpp
    search/searchresultmodel.h search/searchresultmodel.cpp
    activity/jobmodel.h activity/jobmodel.cpp
)
