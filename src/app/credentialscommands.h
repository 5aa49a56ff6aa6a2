// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <optional>

namespace Corral::CredentialsCommands {

/// The command-line options for tokens, keys and sign-in links.
QList<QCommandLineOption> options();

/// Whether the command line asks for one of these commands.
bool isRequested(const QCommandLineParser &parser);

/// Runs the credentials command given on the command line, if any, and returns its exit code;
/// std::nullopt when none was given and Corral should start normally.
std::optional<int> run(const QCommandLineParser &parser, const QString &dataDir);

/// Written by a running instance so `--browser-link` can find its port.
void writeInstanceFile(const QString &dataDir, const QString &url);
void removeInstanceFile(const QString &dataDir);

} // namespace Corral::CredentialsCommands
