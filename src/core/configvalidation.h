// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace Corral {

/**
 * Parsing of user-supplied configuration values (environment, command line, Preferences).
 * Each function returns the parsed value, or std::nullopt and a sentence in @p expected that
 * says what a valid value looks like, for a message that names the setting and the value.
 */
namespace ConfigValidation {

/// Ollama's base URL. "host:port" without a scheme is completed with http:// and a bare host
/// with :11434, as Ollama's own OLLAMA_HOST does. Only http and https are accepted.
std::optional<QUrl> parseOllamaUrl(const QString &text, QString *expected = nullptr);

/// Whole seconds >= 0; empty or 0 means "no limit" and yields 0.
std::optional<int> parseTimeoutSeconds(const QString &text, QString *expected = nullptr);

/// A TCP port 0..65535 (0 = any free port).
std::optional<int> parsePort(const QString &text, QString *expected = nullptr);

/// An IPv4/IPv6 address or "localhost" to listen on.
std::optional<QString> parseBindAddress(const QString &text, QString *expected = nullptr);

/// A positive size in bytes, optionally with a K, M or G suffix (binary units).
std::optional<qint64> parseByteSize(const QString &text, QString *expected = nullptr);

} // namespace ConfigValidation
} // namespace Corral
