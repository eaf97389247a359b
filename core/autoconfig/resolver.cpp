#include "resolver.h"

#include <algorithm>

namespace Tern::Autoconfig {

void sortSrvRecords(QList<SrvRecord> &records)
{
    std::stable_sort(records.begin(), records.end(), [](const SrvRecord &a, const SrvRecord &b) {
        if (a.priority != b.priority)
            return a.priority < b.priority;
        return a.weight > b.weight;
    });
}

} // namespace Tern::Autoconfig
