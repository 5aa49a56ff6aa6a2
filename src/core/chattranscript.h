// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatstore.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Corral {

/**
 * Export and import of one chat.
 *
 * JSON format ("format": "corral-chat", "version": 1): title, model, system_prompt, options,
 * created_at, and messages with role, content, thinking, status, error, model, images (base64),
 * tool_calls (Ollama's shape, only on answers that have them; older readers skip the key),
 * attachments (files on a user message, Attachments::toJson()'s shape, only where there are any) and
 * created_at. Import checks the whole file before it writes anything, and writes the chat
 * in one transaction: a bad file gets a clear error and changes nothing.
 */
namespace ChatTranscript {

constexpr qint64 MaxImportBytes = 200 * 1024 * 1024;

/// The function a tool call (one entry of Ollama's tool_calls) names.
QString toolCallName(const QJsonValue &call);
/// A tool call's arguments as indented JSON (or as sent, when that is not JSON).
QString toolCallArguments(const QJsonValue &call);

QString toMarkdown(const ChatSummary &chat, const QList<ChatMessage> &messages);
QByteArray toJson(const ChatSummary &chat, const QList<ChatMessage> &messages);
/// Parses and checks @p json; on success returns the chat and its messages.
std::optional<QPair<ChatSummary, QList<ChatMessage>>> parseJson(const QByteArray &json, QString *error);
/// Parses @p json and stores it as a new chat.
std::optional<ChatSummary> importJson(ChatStore &store, const QByteArray &json, QString *error);

enum class FileFormat { Markdown, Json };
/// Writes the chat @p chatId of @p store to @p path (atomically); false with @p error otherwise.
bool exportFile(const ChatStore &store, qint64 chatId, const QString &path, FileFormat format, QString *error);
/// Reads a JSON export from @p path and stores it as a new chat.
std::optional<ChatSummary> importFile(ChatStore &store, const QString &path, QString *error);

} // namespace ChatTranscript
} // namespace Corral
