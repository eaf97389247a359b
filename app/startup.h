#pragma once

class QApplication;

namespace Tern {

/// Organisation and application names, version: what QStandardPaths and QSettings use.
void setApplicationIdentity();

/// Parses the GUI's options (--profile DIR, --screenshot FILE), opens the profile, shows the
/// main window and runs the event loop.
int runGui(QApplication &app);

} // namespace Tern
