# Sources of the imap engine, added to tern_protocols.
