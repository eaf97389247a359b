#pragma once

#include "autoconfig/autoconfigresult.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Tern {

namespace Autoconfig {
class Discovery;
}

/// The settings discovery found, where they came from, all editable; asks before servers
/// found over plain HTTP or unsigned DNS (or unencrypted ones) are used.
class ServersPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ServersPage(QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    /// What discovery found (valid once it finished).
    const Autoconfig::AutoconfigResult &result() const { return m_result; }
    bool isDiscovering() const;

private:
    void onFinished(const Autoconfig::AutoconfigResult &result);
    bool needsConfirmation() const;
    void updateConfirmation();

    Autoconfig::Discovery *m_discovery = nullptr;
    Autoconfig::AutoconfigResult m_result;
    QLabel *m_status;
    QComboBox *m_protocol;
    QLineEdit *m_inHost;
    QSpinBox *m_inPort;
    QComboBox *m_inTls;
    QLineEdit *m_inUser;
    QComboBox *m_auth;
    QLineEdit *m_outHost;
    QSpinBox *m_outPort;
    QComboBox *m_outTls;
    QLineEdit *m_outUser;
    QLineEdit *m_caFile;
    QCheckBox *m_confirm;
    QPlainTextEdit *m_details;
};

} // namespace Tern
