# More sources for core/cache, appended to their library with target_sources().
