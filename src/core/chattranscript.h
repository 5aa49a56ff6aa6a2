// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatstore.h"

#include <QByteArray>
#include <QJsonObject>
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

/// Which of the two JSON shapes of a message messageJson() writes.
enum class MessageShape {
    /// The export file's: no id or position (an import numbers them anew), created_at as ISO 8601.
    Export,
    /// The history API's (/api/v1/chats/<id>): with id and position, created_at in ms since the epoch.
    Api,
};
/// One message as JSON: role, content, thinking, status, error, model, images, created_at, and
/// tool_calls when the answer has them. The one writer of a message's JSON (export and the API).
QJsonObject messageJson(const ChatMessage &message, MessageShape shape);

QString toMarkdown(const ChatSummary &chat, const QList<ChatMessage> &messages);
QByteArray toJson(const ChatSummary &chat, const QList<ChatMessage> &messages);
/// Parses and checks @p json; on success returns the chat and its messages.
std::optional<QPair<ChatSummary, QList<ChatMessage>>> parseJson(const QByteArray &json, QString *error);
/// Parses @p json and stores it as a new chat.
std::optional<ChatSummary> importJson(ChatStore &store, const QByteArray &json, QString *error);

/// What exportFile() and importFile() did: ok with the chat, or the reason they failed.
struct FileResult
{
    bool ok = false;
    ChatSummary chat;
    QString error;
};
/**
 * Exports chat @p chatId of the history at @p storePath to @p path (JSON or Markdown), and
 * imports the JSON file at @p path into it. Both open a ChatStore connection of their own, so
 * they run on any thread (the window runs them on a worker, so a long chat never holds it up).
 */
FileResult exportFile(const QString &storePath, qint64 chatId, const QString &path, bool json);
FileResult importFile(const QString &storePath, const QString &path);

} // namespace ChatTranscript
} // namespace Corral
