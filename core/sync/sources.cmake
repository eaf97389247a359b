# More sources for core/sync, appended to their library with target_sources().
