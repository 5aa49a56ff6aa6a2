// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configvalidation.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace Corral::ConfigValidation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::ConfigValidation", text);
}

void setExpected(QString *expected, const QString &text)
{
    if (expected)
        *expected = text;
}

} // namespace

std::optional<QUrl> parseOllamaUrl(const QString &input, QString *expected)
{
    const QString urlHint = tr("an http:// or https:// address such as http://127.0.0.1:11434 or http://192.168.1.1:11434");
    QString text = input.trimmed();
    if (text.isEmpty()) {
        setExpected(expected, urlHint);
        return std::nullopt;
    }
    // Like OLLAMA_HOST: "host" or "host:port" without a scheme means plain HTTP.
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("http://"));

    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        setExpected(expected, urlHint);
        return std::nullopt;
    }
    url.setScheme(scheme);
    if (url.port() == -1 && !input.contains(QLatin1String("://")))
        url.setPort(11434);
    // A trailing slash would double up when paths are appended.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

std::optional<int> parseTimeoutSeconds(const QString &input, QString *expected)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    // QTimer takes milliseconds in an int: keep well inside that.
    if (!ok || value < 0 || value > 24 * 3600 * 24) {
        setExpected(expected, tr("a whole number of seconds from 0 to 2073600 (0 means no limit)"));
        return std::nullopt;
    }
    return int(value);
}

std::optional<int> parsePort(const QString &input, QString *expected)
{
    bool ok = false;
    const int value = input.trimmed().toInt(&ok);
    if (!ok || value < 0 || value > 65535) {
        setExpected(expected, tr("a port number from 0 to 65535 (0 picks any free port)"));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> parseBindAddress(const QString &input, QString *expected)
{
    const QString text = input.trimmed();
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("127.0.0.1");
    QHostAddress address;
    if (!address.setAddress(text)) {
        setExpected(expected, tr("an IP address such as 127.0.0.1, ::1 or 0.0.0.0"));
        return std::nullopt;
    }
    return address.toString();
}

std::optional<qint64> parseByteSize(const QString &input, QString *expected)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+)\\s*([KMG]?)(i?B)?\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(input);
    bool ok = false;
    qint64 value = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    const QString unit = match.captured(2).toUpper();
    const int shift = unit == QLatin1String("K") ? 10 : unit == QLatin1String("M") ? 20 : unit == QLatin1String("G") ? 30 : 0;
    if (!ok || value <= 0 || value > (qint64(1) << (50 - shift))) {
        setExpected(expected, tr("a size in bytes greater than 0, optionally with K, M or G (for example 100M)"));
        return std::nullopt;
    }
    return value << shift;
}

} // namespace Corral::ConfigValidation
