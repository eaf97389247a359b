#include "serverspage.h"

#include "accountwizard.h"
#include "autoaccount.h"

#include "autoconfig/discovery.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace Tern {

using namespace Autoconfig;

namespace {

QComboBox *tlsCombo(QWidget *parent, const QString &name)
{
    auto *combo = new QComboBox(parent);
    for (TlsMode mode : {TlsMode::Implicit, TlsMode::StartTls, TlsMode::None})
        combo->addItem(tlsName(mode), int(mode));
    combo->setAccessibleName(name);
    return combo;
}

QSpinBox *portBox(QWidget *parent, const QString &name)
{
    auto *box = new QSpinBox(parent);
    box->setRange(1, 65535);
    box->setAccessibleName(name);
    return box;
}

QLineEdit *lineEdit(QWidget *parent, const QString &objectName, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(name);
    return edit;
}

void setTls(QComboBox *combo, TlsMode mode)
{
    combo->setCurrentIndex(combo->findData(int(mode)));
}

TlsMode tlsOf(const QComboBox *combo)
{
    return TlsMode(combo->currentData().toInt());
}

} // namespace

ServersPage::ServersPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Server settings"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAccessibleName(tr("Where the settings came from"));
    m_status->setWordWrap(true);
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocol"));
    m_protocol->setAccessibleName(tr("Incoming protocol"));
    m_protocol->addItem(QStringLiteral("IMAP"), int(ServerUrl::Protocol::Imap));
    m_protocol->addItem(QStringLiteral("POP3"), int(ServerUrl::Protocol::Pop3));
    m_inHost = lineEdit(this, QStringLiteral("incomingHost"), tr("Incoming server"));
    m_inPort = portBox(this, tr("Incoming port"));
    m_inPort->setObjectName(QStringLiteral("incomingPort"));
    m_inTls = tlsCombo(this, tr("Incoming security"));
    m_inUser = lineEdit(this, QStringLiteral("incomingUser"), tr("Incoming user name"));
    m_auth = new QComboBox(this);
    m_auth->setAccessibleName(tr("Authentication"));
    m_auth->addItem(authName(AuthMethod::PasswordCleartext));
    m_auth->addItem(authName(AuthMethod::PasswordEncrypted));
    m_outHost = lineEdit(this, QStringLiteral("outgoingHost"), tr("Outgoing server"));
    m_outPort = portBox(this, tr("Outgoing port"));
    m_outPort->setObjectName(QStringLiteral("outgoingPort"));
    m_outTls = tlsCombo(this, tr("Outgoing security"));
    m_outUser = lineEdit(this, QStringLiteral("outgoingUser"), tr("Outgoing user name"));
    m_caFile = lineEdit(this, QStringLiteral("caFile"), tr("Also trust this CA (PEM file)"));
    m_confirm = new QCheckBox(this);
    m_confirm->setObjectName(QStringLiteral("confirm"));
    m_confirm->setAccessibleName(tr("Use these servers"));
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setAccessibleName(tr("What discovery did"));
    m_details->setReadOnly(true);

    auto *form = new QFormLayout(this);
    form->addRow(m_status);
    form->addRow(tr("&Protocol:"), m_protocol);
    form->addRow(tr("&Incoming server:"), m_inHost);
    form->addRow(tr("Port:"), m_inPort);
    form->addRow(tr("Security:"), m_inTls);
    form->addRow(tr("&User name:"), m_inUser);
    form->addRow(tr("Authentication:"), m_auth);
    form->addRow(tr("&Outgoing server:"), m_outHost);
    form->addRow(tr("Port:"), m_outPort);
    form->addRow(tr("Security:"), m_outTls);
    form->addRow(tr("User name:"), m_outUser);
    form->addRow(tr("Trusted &CA file:"), m_caFile);
    form->addRow(m_confirm);
    form->addRow(m_details);

    for (QLineEdit *edit : {m_inHost, m_inUser, m_outHost})
        connect(edit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_confirm, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    for (QComboBox *combo : {m_inTls, m_outTls})
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { updateConfirmation(); });
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        const bool pop3 = m_protocol->currentData().toInt() == int(ServerUrl::Protocol::Pop3);
        m_inPort->setValue(standardPort(pop3 ? Protocol::Pop3 : Protocol::Imap, tlsOf(m_inTls)));
    });
}

bool ServersPage::isDiscovering() const
{
    return m_discovery && m_discovery->isRunning();
}

void ServersPage::initializePage()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    delete m_discovery;
    m_discovery = new Discovery(w->discoverySettings(), this);
    connect(m_discovery, &Discovery::finished, this, &ServersPage::onFinished);
    m_status->setText(tr("Looking up the settings for %1…").arg(w->draft().email));
    m_details->clear();
    m_confirm->setChecked(false);
    m_discovery->start(w->draft().email);
    Q_EMIT completeChanged();
}

void ServersPage::onFinished(const AutoconfigResult &result)
{
    m_result = result;
    m_details->setPlainText(result.describe());
    QString error;
    const auto account = accountFromResult(result, &error);
    if (!account) {
        m_status->setText(tr("No settings were found (%1). Enter them below.").arg(error));
        m_inUser->setText(result.email);
        m_outUser->setText(result.email);
        updateConfirmation();
        return;
    }
    // The IETF autoconfig draft: show the server domains and where they came from.
    m_status->setText(tr("Found through %1 (%2): incoming %3, outgoing %4.")
                          .arg(sourceName(result.source()), result.best.origin,
                               account->incoming.host,
                               account->smtp ? account->smtp->host : tr("none")));
    m_protocol->setCurrentIndex(m_protocol->findData(int(account->incoming.protocol)));
    m_inHost->setText(account->incoming.host);
    setTls(m_inTls, account->incoming.tls);
    m_inPort->setValue(account->incoming.port);
    m_inUser->setText(account->incoming.user);
    if (account->smtp) {
        m_outHost->setText(account->smtp->host);
        setTls(m_outTls, account->smtp->tls);
        m_outPort->setValue(account->smtp->port);
        m_outUser->setText(account->smtp->user);
    }
    updateConfirmation();
}

bool ServersPage::needsConfirmation() const
{
    return Tern::needsConfirmation(m_result) || tlsOf(m_inTls) == TlsMode::None
        || tlsOf(m_outTls) == TlsMode::None;
}

void ServersPage::updateConfirmation()
{
    QString text;
    if (tlsOf(m_inTls) == TlsMode::None || tlsOf(m_outTls) == TlsMode::None)
        text = tr("Send my password over an unencrypted connection anyway");
    else if (m_result.insecureSource)
        text = tr("These settings came over plain HTTP; I checked the server names above");
    else
        text = tr("These settings came from unsigned DNS; I checked the server names above");
    m_confirm->setText(text);
    m_confirm->setVisible(needsConfirmation());
    Q_EMIT completeChanged();
}

bool ServersPage::isComplete() const
{
    if (isDiscovering() || m_inHost->text().trimmed().isEmpty()
        || m_inUser->text().trimmed().isEmpty())
        return false;
    return !needsConfirmation() || m_confirm->isChecked();
}

bool ServersPage::validatePage()
{
    Account &a = qobject_cast<AccountWizard *>(wizard())->draft();
    a.incoming.protocol = ServerUrl::Protocol(m_protocol->currentData().toInt());
    a.incoming.host = m_inHost->text().trimmed();
    a.incoming.port = quint16(m_inPort->value());
    a.incoming.tls = tlsOf(m_inTls);
    a.incoming.user = m_inUser->text().trimmed();
    a.smtp.reset();
    if (!m_outHost->text().trimmed().isEmpty()) {
        ServerUrl out;
        out.protocol = ServerUrl::Protocol::Smtp;
        out.host = m_outHost->text().trimmed();
        out.port = quint16(m_outPort->value());
        out.tls = tlsOf(m_outTls);
        out.user = m_outUser->text().trimmed().isEmpty() ? a.incoming.user
                                                         : m_outUser->text().trimmed();
        a.smtp = out;
    }
    a.caFile = m_caFile->text().trimmed();
    a.allowPlaintext = (tlsOf(m_inTls) == TlsMode::None || tlsOf(m_outTls) == TlsMode::None)
        && m_confirm->isChecked();
    return true;
}

} // namespace Tern
