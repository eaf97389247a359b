# Sources of the pop3 engine, added to tern_protocols.
