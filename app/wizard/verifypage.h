#pragma once

#include "accountverifier.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Tern {

/// Logs in to both servers before anything is saved; explains a wrong password, an
/// unreachable host or an untrusted certificate (with its details and an accept-and-pin
/// choice) and lets the user try again.
class VerifyPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit VerifyPage(QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    /// The outcome of the last attempt.
    const AccountVerifier::Result &lastResult() const { return m_result; }
    bool isVerifying() const { return m_running; }

    /// Tries again, pinning the presented certificate if the user chose to.
    void retry();

private:
    void onFinished(const AccountVerifier::Result &result);

    AccountVerifier m_verifier;
    AccountVerifier::Result m_result;
    bool m_running = false;
    QLabel *m_status;
    QPlainTextEdit *m_certificate;
    QCheckBox *m_pin;
    QLineEdit *m_password;
    QPushButton *m_retry;
};

} // namespace Tern
