#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// One search key with its argument, e.g. {"SUBJECT", "report", true} or {"UNSEEN"}.
struct SearchKey {
    QByteArray key;
    QByteArray argument;
    /// The argument is a string (quoted or literal), not an atom like a set or a number.
    bool isString = false;
};

/// SEARCH / UID SEARCH (RFC 9051 §6.4.4), with RETURN (...) when ESEARCH is offered
/// (RFC 4731) and CHARSET UTF-8 for non-ASCII strings; also SORT and THREAD=REFERENCES
/// (RFC 5256), which take the same criteria.
class SearchTask : public Task
{
    Q_OBJECT
public:
    enum class Kind { Search, Sort, Thread };

    explicit SearchTask(const QList<SearchKey> &criteria, bool uid = true,
                        QObject *parent = nullptr);
    /// SORT (criteria, e.g. {"REVERSE", "DATE"}) instead of SEARCH.
    static SearchTask *sort(const QByteArrayList &order, const QList<SearchKey> &criteria,
                            bool uid = true);
    /// THREAD REFERENCES instead of SEARCH.
    static SearchTask *thread(const QList<SearchKey> &criteria, bool uid = true);
    /// ESEARCH return options, e.g. {"MIN", "MAX", "COUNT", "ALL"}; default ALL.
    void setReturn(const QByteArrayList &options) { m_return = options; }

    bool needsSelected() const override { return true; }
    Concurrency concurrency() const override
    {
        return m_uid ? Concurrency::Pipelined : Concurrency::Exclusive;
    }
    /// Matching IDs: in server order for SORT, ascending for SEARCH.
    QList<quint32> ids() const { return m_ids; }
    std::optional<quint64> count() const { return m_count; }
    std::optional<quint32> min() const { return m_min; }
    std::optional<quint32> max() const { return m_max; }
    std::optional<quint64> highestModseq() const { return m_modseq; }
    /// THREAD result, the raw nested lists (RFC 5256 §4).
    QByteArray threads() const { return m_threads; }
    bool usedESearch() const { return m_esearch; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QList<SearchKey> m_criteria;
    QByteArrayList m_order;
    QByteArrayList m_return{"ALL"};
    QList<quint32> m_ids;
    QByteArray m_threads;
    std::optional<quint64> m_count;
    std::optional<quint32> m_min;
    std::optional<quint32> m_max;
    std::optional<quint64> m_modseq;
    Kind m_kind = Kind::Search;
    bool m_uid;
    bool m_esearch = false;
};

} // namespace Tern::Imap
