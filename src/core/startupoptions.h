// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/settings.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QStringList>

namespace Corral {

/**
 * What Corral was asked to do at start-up, from the command line and the environment.
 *
 * Precedence: command line > environment > saved preferences > default. Every value is checked
 * here; an invalid one yields an error that names the setting, the value and what is expected,
 * and the app exits with code 2 before anything starts.
 */
struct StartupOptions
{
    struct Override
    {
        QString key;
        QVariant value;
        Settings::Source source;
        QString origin; ///< "--port", "OLLAMA_BASE_URL" ...
    };

    /// The shortest owner token CORRAL_TOKEN may set.
    static constexpr int MinimumTokenLength = 32;

    bool headless = false;
    bool showHelp = false;
    bool showVersion = false;
    QString dataDir; ///< empty: the platform's app data location
    QList<Override> overrides;
    QString error;   ///< set when start-up must stop (exit code 2)
    QString helpText;
    QString versionText;
    /// The parser, for options that other parts (access control) add and read.
    std::shared_ptr<QCommandLineParser> parser;

    /// Parses @p arguments (argv, program name first) and @p environment. Does not need a
    /// QCoreApplication, so the app can decide between window and headless first.
    static StartupOptions parse(const QStringList &arguments, const QProcessEnvironment &environment,
                                const QList<QCommandLineOption> &extraOptions = {});

    /// Applies the overrides to @p settings.
    void apply(Settings &settings) const;

    /// Several Ollama servers: @p options (every --ollama-url) and OLLAMA_BASE_URLS.
    void parseServerList(const QStringList &options, const QString &environmentList);

    /// The data directory: --data-dir > CORRAL_DATA_DIR > QStandardPaths::AppDataLocation.
    QString resolvedDataDir() const;
};

} // namespace Corral
