#include "cli/cli.h"
#include "startup.h"

#include <QApplication>
#include <QCoreApplication>

int main(int argc, char **argv)
{
    // The command-line mode needs no display: decide before any QGuiApplication exists.
    if (Tern::Cli::isCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        Tern::setApplicationIdentity();
        return Tern::Cli().run(app.arguments());
    }
    QApplication app(argc, argv);
    Tern::setApplicationIdentity();
    return Tern::runGui(app);
}
