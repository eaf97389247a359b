#include "startup.h"

#include "mainwindow.h"
#include "profile.h"

#include "cache/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace Tern {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Tern"));
    QCoreApplication::setApplicationName(QStringLiteral("tern"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TERN_VERSION));
}

int runGui(QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::tr("Tern, an offline-first mail client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"),
        QApplication::tr("Use the profile in <dir>."), QStringLiteral("dir"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::tr("Save a picture of the main window to <file> and quit."),
        QStringLiteral("file"));
    parser.addOption(profileOption);
    parser.addOption(screenshotOption);
    parser.addPositionalArgument(QStringLiteral("mailto"), QApplication::tr("A mailto: URL."));
    parser.process(app);

    const Profile profile(parser.value(profileOption));
    QString error;
    if (!profile.ensureExists(&error)) {
        QMessageBox::critical(nullptr, QApplication::tr("Tern"), error);
        return 1;
    }
    Database db(profile.databasePath(), QStringLiteral("gui"));
    if (!db.isOpen()) {
        QMessageBox::critical(nullptr, QApplication::tr("Tern"),
                              QApplication::tr("Cannot open the mail cache: %1").arg(db.errorString()));
        return 1;
    }

    MainWindow window(db);
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        window.openFirstMessage();
        QTimer::singleShot(800, &window, [&window, path] {
            const bool saved = window.grab().save(path);
            std::fprintf(saved ? stdout : stderr, "%s %s\n",
                         saved ? "screenshot saved to" : "could not save screenshot to",
                         qPrintable(path));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}

} // namespace Tern
