# Sources of the smtp engine, added to tern_protocols.
