# Connection, tasks and COMPRESS: scripted-server and real-Dovecot tests; included by
# CMakeLists.txt.
tern_add_test(tst_deflatestream SOURCES tst_deflatestream.cpp LIBS tern_imap)
tern_add_test(tst_imapconnection SOURCES tst_imapconnection.cpp LIBS tern_imap)
tern_add_test(tst_imapdovecot SOURCES tst_imapdovecot.cpp LIBS tern_imap MAILSERVERS TIMEOUT 300)
