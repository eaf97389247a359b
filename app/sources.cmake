# More sources of tern_app, added with target_sources().
