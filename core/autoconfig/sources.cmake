# More sources for core/autoconfig, appended to their library with target_sources().
target_sources(tern_core PRIVATE
    autoconfig/serverconfig.h autoconfig/serverconfig.cpp
    autoconfig/finding.h autoconfig/finding.cpp
    autoconfig/configxml.h autoconfig/configxml.cpp
    autoconfig/resolver.h autoconfig/resolver.cpp
    autoconfig/dnsresolver.h autoconfig/dnsresolver.cpp
    autoconfig/httpfetcher.h
    autoconfig/networkhttpfetcher.h autoconfig/networkhttpfetcher.cpp
    autoconfig/probesettings.h
    autoconfig/serverprobe.h autoconfig/serverprobe.cpp
    autoconfig/guesser.h autoconfig/guesser.cpp
    autoconfig/srvlookup.h autoconfig/srvlookup.cpp
    autoconfig/autoconfigresult.h autoconfig/autoconfigresult.cpp
    autoconfig/discovery.h autoconfig/discovery.cpp
)
