# More sources for core/autoconfig, appended to their library with target_sources().
