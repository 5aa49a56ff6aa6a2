// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/attachment.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>
#include <QStringDecoder>

#include <poppler-qt6.h>

namespace Corral::Attachments {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Corral::Attachments", text, nullptr, n);
}

std::optional<Attachment> refuse(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString megabytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 0, QLocale::DataSizeTraditionalFormat);
}

// The longest run of backticks in @p text: the fence around it must be longer (CommonMark §4.5).
int longestBacktickRun(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    return longest;
}

// Poppler reports every damaged xref through qDebug by default: the refusal says it once.
void quietPoppler(const QString &message, const QVariant &)
{
    Q_UNUSED(message)
}

QString kindName(Attachment::Kind kind)
{
    return kind == Attachment::Kind::Pdf ? QStringLiteral("pdf") : QStringLiteral("text");
}

} // namespace

const Limits &defaultLimits()
{
    static const Limits limits;
    return limits;
}

bool looksLikePdf(const QString &name, const QByteArray &data)
{
    return data.startsWith("%PDF-") || name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
}

std::optional<Attachment> readFile(const QString &path, QString *error, const Limits &limits)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.isFile())
        return refuse(error, tr("%1 is not a file.").arg(name));
    // Checked before reading, so a huge file is never loaded to be refused.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(error, tr("%1 cannot be read: %2").arg(name, file.errorString()));
    const QByteArray head = file.peek(5);
    const bool pdf = looksLikePdf(name, head);
    const qint64 limit = pdf ? limits.maxPdfBytes : limits.maxTextBytes;
    if (info.size() > limit)
        return refuse(error, pdf ? tr("%1 is larger than %2: Corral attaches PDFs up to %2.").arg(name, megabytes(limit))
                                 : tr("%1 is larger than %2: Corral attaches text files up to %2.").arg(name, megabytes(limit)));
    return fromData(name, file.read(limit + 1), error, limits);
}

std::optional<Attachment> fromData(const QString &name, const QByteArray &data, QString *error, const Limits &limits)
{
    return looksLikePdf(name, data) ? fromPdf(name, data, error, limits) : fromText(name, data, error, limits);
}

std::optional<Attachment> fromText(const QString &name, const QByteArray &data, QString *error, const Limits &limits)
{
    if (data.size() > limits.maxTextBytes)
        return refuse(error, tr("%1 is larger than %2: Corral attaches text files up to %2.").arg(name, megabytes(limits.maxTextBytes)));
    if (data.contains('\0'))
        return refuse(error, tr("%1 is a binary file: Corral attaches text, code and PDF files.").arg(name));
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(data);
    // A few stray bytes (a Latin-1 name in a log) are tolerated; more means it is not text.
    const qsizetype replaced = text.count(QChar(QChar::ReplacementCharacter)) - data.count("\xEF\xBF\xBD");
    if (replaced > 0 && replaced * 100 > qMax<qsizetype>(1, text.size()))
        return refuse(error, tr("%1 is not UTF-8 text: Corral attaches text, code and PDF files.").arg(name));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    Attachment attachment;
    attachment.name = name;
    attachment.kind = Attachment::Kind::Text;
    attachment.size = data.size();
    attachment.text = text;
    return attachment;
}

std::optional<Attachment> fromPdf(const QString &name, const QByteArray &data, QString *error, const Limits &limits)
{
    if (data.size() > limits.maxPdfBytes)
        return refuse(error, tr("%1 is larger than %2: Corral attaches PDFs up to %2.").arg(name, megabytes(limits.maxPdfBytes)));
    static const bool quiet = (Poppler::setDebugErrorFunction(quietPoppler, QVariant()), true);
    Q_UNUSED(quiet)
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(data);
    if (!document)
        return refuse(error, tr("%1 is not a PDF Corral can read.").arg(name));
    if (document->isLocked())
        return refuse(error, tr("%1 is encrypted: Corral cannot read a PDF that needs a password.").arg(name));
    const int pages = document->numPages();
    if (pages > limits.maxPdfPages)
        return refuse(error, tr("%1 has %2 pages: Corral attaches PDFs of up to %3 pages.").arg(name).arg(pages).arg(limits.maxPdfPages));
    QStringList texts;
    qint64 chars = 0;
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<Poppler::Page> page = document->page(i);
        const QString text = page ? page->text(QRectF()).trimmed() : QString();
        chars += text.size();
        if (chars > limits.maxMessageChars)
            return refuse(error, tr("The text of %1 is longer than a message can carry (%2 characters).").arg(name).arg(limits.maxMessageChars));
        texts.append(text);
    }
    if (QStringList(texts).join(QString()).trimmed().isEmpty())
        return refuse(error, tr("%1 has no text to read (a scanned PDF?).").arg(name));
    Attachment attachment;
    attachment.name = name;
    attachment.kind = Attachment::Kind::Pdf;
    attachment.size = data.size();
    attachment.pages = pages;
    attachment.text = texts.join(QStringLiteral("\n\n"));
    return attachment;
}

bool checkTotal(const QList<Attachment> &list, QString *error, const Limits &limits)
{
    qint64 chars = 0;
    for (const Attachment &attachment : list)
        chars += attachment.text.size();
    if (chars <= limits.maxMessageChars)
        return true;
    if (error)
        *error = tr("The attached files hold %1 characters of text; a message can carry %2.").arg(chars).arg(limits.maxMessageChars);
    return false;
}

QString modelContent(const QString &text, const QList<Attachment> &list)
{
    if (list.isEmpty())
        return text;
    QStringList parts;
    for (const Attachment &attachment : list) {
        const QString fence(qMax(3, longestBacktickRun(attachment.text) + 1), QLatin1Char('`'));
        QString body = attachment.text;
        if (body.endsWith(QLatin1Char('\n')))
            body.chop(1);
        parts.append(QStringLiteral("File: %1\n%2\n%3\n%2").arg(attachment.name, fence, body));
    }
    if (!text.isEmpty())
        parts.append(text);
    return parts.join(QStringLiteral("\n\n"));
}

QString describe(const Attachment &attachment)
{
    const QString size = QLocale().formattedDataSize(attachment.size, 1, QLocale::DataSizeTraditionalFormat);
    if (attachment.kind != Attachment::Kind::Pdf)
        return size;
    // English reads "1 page", "2 pages"; the translations give each plural form of %n.
    return QStringLiteral("%1 · %2").arg(size, attachment.pages == 1 ? tr("1 page") : tr("%n pages", attachment.pages));
}

QJsonArray toJson(const QList<Attachment> &list)
{
    QJsonArray array;
    for (const Attachment &attachment : list) {
        array.append(QJsonObject{{QStringLiteral("name"), attachment.name},
                                 {QStringLiteral("kind"), kindName(attachment.kind)},
                                 {QStringLiteral("size"), attachment.size},
                                 {QStringLiteral("pages"), attachment.pages},
                                 {QStringLiteral("text"), attachment.text}});
    }
    return array;
}

std::optional<QList<Attachment>> fromJson(const QJsonValue &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<QList<Attachment>> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.isUndefined() || json.isNull())
        return QList<Attachment>();
    if (!json.isArray())
        return fail(tr("\"attachments\" must be a list."));
    QList<Attachment> list;
    for (const QJsonValue &value : json.toArray()) {
        const QJsonObject object = value.toObject();
        const QString kind = object.value(QStringLiteral("kind")).toString();
        if (!object.value(QStringLiteral("name")).isString() || !object.value(QStringLiteral("text")).isString()
            || (kind != QLatin1String("text") && kind != QLatin1String("pdf")))
            return fail(tr("Each attachment needs a \"name\", a \"text\" and a \"kind\" (text or pdf)."));
        Attachment attachment;
        attachment.name = object.value(QStringLiteral("name")).toString().section(QLatin1Char('/'), -1).left(255);
        attachment.kind = kind == QLatin1String("pdf") ? Attachment::Kind::Pdf : Attachment::Kind::Text;
        attachment.size = qMax<qint64>(0, object.value(QStringLiteral("size")).toInteger());
        attachment.pages = qMax(0, object.value(QStringLiteral("pages")).toInt());
        attachment.text = object.value(QStringLiteral("text")).toString();
        list.append(attachment);
    }
    return list;
}

} // namespace Corral::Attachments
