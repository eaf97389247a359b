#include "linebuffer.h"

namespace Tern {

std::optional<QByteArray> LineBuffer::takeLine()
{
    if (m_overflowed)
        return std::nullopt;
    const qsizetype nl = m_buffer.indexOf('\n', m_pos);
    if (nl < 0) {
        if (m_buffer.size() - m_pos > m_max)
            m_overflowed = true;
        // Compact now and then so a long stream does not keep consumed bytes.
        if (m_pos > 0 && m_pos > m_buffer.size() / 2) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        return std::nullopt;
    }
    qsizetype end = nl;
    if (end > m_pos && m_buffer.at(end - 1) == '\r')
        --end;
    if (end - m_pos > m_max) {
        m_overflowed = true;
        return std::nullopt;
    }
    QByteArray line = m_buffer.mid(m_pos, end - m_pos);
    m_pos = nl + 1;
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    return line;
}

void LineBuffer::clear()
{
    m_buffer.clear();
    m_pos = 0;
    m_overflowed = false;
}

} // namespace Tern
