// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace Corral {

/**
 * A file attached to a user message: its name, what it was (a text or code file, or a PDF),
 * its size and its text. The text goes to the model as context (modelContent()); the stored
 * message keeps the user's own text and the attachments apart.
 */
struct Attachment
{
    enum class Kind { Text, Pdf };

    QString name;     ///< the file name, without a directory
    Kind kind = Kind::Text;
    qint64 size = 0;  ///< bytes of the file as read
    int pages = 0;    ///< PDFs: the number of pages
    QString text;     ///< the text the model gets

    bool operator==(const Attachment &other) const
    {
        return name == other.name && kind == other.kind && size == other.size && pages == other.pages && text == other.text;
    }
};

namespace Attachments {

/// The limits a file must keep; each refusal says which one it broke.
struct Limits
{
    qint64 maxTextBytes = 1024 * 1024;        ///< a text or code file
    qint64 maxPdfBytes = 20 * 1024 * 1024;    ///< a PDF file
    int maxPdfPages = 100;
    qint64 maxMessageChars = 2 * 1024 * 1024; ///< the text of all a message's attachments together
};
const Limits &defaultLimits();

/// Reads a file: a PDF (by its %PDF- signature or .pdf name) through Poppler, anything else as
/// UTF-8 text. Binary files (a NUL byte, or more than 1% of the text not UTF-8) are refused.
std::optional<Attachment> readFile(const QString &path, QString *error, const Limits &limits = defaultLimits());
/// The same for a file's bytes (drops, the browser page's uploads); @p name is shown and sent.
std::optional<Attachment> fromData(const QString &name, const QByteArray &data, QString *error,
                                   const Limits &limits = defaultLimits());
std::optional<Attachment> fromText(const QString &name, const QByteArray &data, QString *error,
                                   const Limits &limits = defaultLimits());
std::optional<Attachment> fromPdf(const QString &name, const QByteArray &data, QString *error,
                                  const Limits &limits = defaultLimits());
bool looksLikePdf(const QString &name, const QByteArray &data);

/// Whether @p list together keeps the per-message limit; @p error says by how much it does not.
bool checkTotal(const QList<Attachment> &list, QString *error, const Limits &limits = defaultLimits());

/// What the model gets for a user message: each attachment as a fenced block headed by its
/// name, then the user's text. The same text as resources/web/attachments.js builds.
QString modelContent(const QString &text, const QList<Attachment> &list);

/// "12.3 KB · 4 pages": the chip's detail line.
QString describe(const Attachment &attachment);

/// The stored and exported shape: [{"name", "kind": "text"|"pdf", "size", "pages", "text"}].
QJsonArray toJson(const QList<Attachment> &list);
/// Checks and reads toJson()'s shape (history import, the page's messages); the size limits
/// are checkTotal()'s, for the callers that take new text.
std::optional<QList<Attachment>> fromJson(const QJsonValue &json, QString *error);

} // namespace Attachments
} // namespace Corral
