# More sources for core/models, appended to their library with target_sources().
