# More sources for core/mime, appended to their library with target_sources().
