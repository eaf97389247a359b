# The account wizard, the session-only secrets fallback and `account add --auto`.
target_sources(tern_app PRIVATE
    wizard/sessionsecretstore.h wizard/sessionsecretstore.cpp
    wizard/autoaccount.h wizard/autoaccount.cpp
)
target_sources(tern_app PRIVATE
    wizard/certificatedetails.h wizard/certificatedetails.cpp
    wizard/accountverifier.h wizard/accountverifier.cpp
    wizard/accountwizard.h wizard/accountwizard.cpp
    wizard/intropage.h wizard/intropage.cpp
    wizard/serverspage.h wizard/serverspage.cpp
    wizard/verifypage.h wizard/verifypage.cpp
)
