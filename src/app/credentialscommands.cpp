// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/credentialscommands.h"

#include "server/access/apikeystore.h"
#include "server/access/credentials.h"
#include "server/access/sessionstore.h"
#include "server/access/tokenstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <csignal>
#include <cstdio>

namespace Corral::CredentialsCommands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::CredentialsCommands", text);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "corral: %s\n", qPrintable(message));
    return 1;
}

void out(const QString &text)
{
    std::fprintf(stdout, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stdout);
}

QString instanceFile(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("instance.json"));
}

} // namespace

QList<QCommandLineOption> options()
{
    return {
        {QStringLiteral("print-token"), tr("Print the owner token and exit.")},
        {QStringLiteral("rotate-token"), tr("Replace the owner token (ends every browser session) and exit.")},
        {QStringLiteral("browser-link"), tr("Print a one-time sign-in link (valid 60 s) for the running instance and exit.")},
        {QStringLiteral("create-api-key"), tr("Create an API key named NAME, print it once, and exit."), tr("NAME")},
        {QStringLiteral("scope"), tr("Scope of a new API key: chat (default) or full."), tr("SCOPE"), QStringLiteral("chat")},
        {QStringLiteral("allow-cloud"), tr("A new chat key may use ollama.com cloud models (full keys may already).")},
        {QStringLiteral("models"), tr("Models a new or edited API key may use: names or name:* patterns, comma-separated "
                                      "(\"*\" or empty: every model)."), tr("LIST")},
        {QStringLiteral("max-in-flight"), tr("At most N requests of a new or edited API key at once (0: no limit)."), tr("N")},
        {QStringLiteral("expires"), tr("A new or edited API key stops working at DATE (YYYY-MM-DD or an ISO date and time; "
                                       "\"never\" clears it)."), tr("DATE")},
        {QStringLiteral("edit-api-key"), tr("Change the limits (--models, --max-in-flight, --expires) of the API key named NAME "
                                            "and exit."), tr("NAME")},
        {QStringLiteral("list-api-keys"), tr("List the API keys and exit.")},
        {QStringLiteral("revoke-api-key"), tr("Revoke the API key named NAME and exit."), tr("NAME")},
    };
}

bool isRequested(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("print-token")) || parser.isSet(QStringLiteral("rotate-token"))
        || parser.isSet(QStringLiteral("browser-link")) || parser.isSet(QStringLiteral("create-api-key"))
        || parser.isSet(QStringLiteral("list-api-keys")) || parser.isSet(QStringLiteral("revoke-api-key"))
        || parser.isSet(QStringLiteral("edit-api-key"));
}

namespace {

/// Applies --models, --max-in-flight and --expires to @p limits; false and @p error on a bad value.
bool applyLimitOptions(const QCommandLineParser &parser, KeyLimits *limits, QString *error)
{
    if (parser.isSet(QStringLiteral("models"))) {
        QStringList models = KeyLimits::parseModels(parser.value(QStringLiteral("models")));
        if (models == QStringList{QStringLiteral("*")})
            models.clear();
        if (const QString problem = KeyLimits::checkModels(models); !problem.isEmpty()) {
            *error = problem;
            return false;
        }
        limits->models = models;
    }
    if (parser.isSet(QStringLiteral("max-in-flight"))) {
        bool ok = false;
        const int count = parser.value(QStringLiteral("max-in-flight")).toInt(&ok);
        if (!ok || count < 0) {
            *error = tr("Invalid value \"%1\" for --max-in-flight: expected a number, 0 for no limit.")
                         .arg(parser.value(QStringLiteral("max-in-flight")));
            return false;
        }
        limits->maxInFlight = count;
    }
    if (parser.isSet(QStringLiteral("expires"))) {
        const QString text = parser.value(QStringLiteral("expires")).trimmed();
        if (text == QLatin1String("never")) {
            limits->expires = QDateTime();
        } else {
            // A bare date means the end of that day, local time: the key works all of it.
            const QDate date = QDate::fromString(text, Qt::ISODate);
            const QDateTime at = date.isValid() ? date.addDays(1).startOfDay() : QDateTime::fromString(text, Qt::ISODate);
            if (!at.isValid()) {
                *error = tr("Invalid value \"%1\" for --expires: expected YYYY-MM-DD, an ISO date and time, or never.").arg(text);
                return false;
            }
            limits->expires = at.toUTC();
        }
    }
    return true;
}

QString describeLimits(const KeyLimits &limits)
{
    QStringList parts;
    if (!limits.models.isEmpty())
        parts.append(QStringLiteral("models=") + limits.models.join(QLatin1Char(',')));
    if (limits.maxInFlight > 0)
        parts.append(QStringLiteral("max-in-flight=%1").arg(limits.maxInFlight));
    if (limits.expires.isValid())
        parts.append(QStringLiteral("expires=") + limits.expires.toUTC().toString(Qt::ISODate));
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QLatin1Char(' '));
}

} // namespace

std::optional<int> run(const QCommandLineParser &parser, const QString &dataDir)
{
    if (!isRequested(parser))
        return std::nullopt;

    QString error;
    if (const auto check = Credentials::preparePrivateDir(dataDir, &error); check != Credentials::DirCheck::Ok) {
        fail(error);
        return check == Credentials::DirCheck::Unsafe ? 2 : 1;
    }
    TokenStore tokens(dataDir);
    const QByteArray overrideToken = qgetenv("CORRAL_TOKEN");
    if (!tokens.load(overrideToken, &error))
        return fail(error);

    if (parser.isSet(QStringLiteral("rotate-token"))) {
        if (!tokens.rotate(&error))
            return fail(error);
        out(tr("The owner token was replaced; browsers must sign in again."));
        return 0;
    }
    if (parser.isSet(QStringLiteral("print-token"))) {
        out(QString::fromLatin1(tokens.token()));
        return 0;
    }
    if (parser.isSet(QStringLiteral("browser-link"))) {
        QFile file(instanceFile(dataDir));
        const QJsonObject instance = file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
        const qint64 pid = instance.value(QStringLiteral("pid")).toInteger();
        if (instance.isEmpty() || pid <= 0 || ::kill(pid_t(pid), 0) != 0)
            return fail(tr("No running Corral uses the data directory %1. Start it first.").arg(dataDir));
        const QByteArray code = SignInCodes::mint(tokens.token(), QDateTime::currentMSecsSinceEpoch());
        out(instance.value(QStringLiteral("url")).toString() + QStringLiteral("?code=") + QString::fromLatin1(code));
        return 0;
    }

    ApiKeyStore keys(dataDir);
    if (parser.isSet(QStringLiteral("create-api-key"))) {
        const auto scope = ApiKeyStore::parseScope(parser.value(QStringLiteral("scope")));
        if (!scope)
            return fail(tr("Invalid value \"%1\" for --scope: expected chat or full.").arg(parser.value(QStringLiteral("scope"))));
        const bool allowCloud = parser.isSet(QStringLiteral("allow-cloud"));
        if (allowCloud && *scope == ApiKeyStore::Scope::Full)
            return fail(tr("--allow-cloud is for chat keys: keys with the full scope may use cloud models already."));
        KeyLimits limits;
        if (!applyLimitOptions(parser, &limits, &error))
            return fail(error);
        const QByteArray key = keys.create(parser.value(QStringLiteral("create-api-key")), *scope, &error, allowCloud, limits);
        if (key.isEmpty())
            return fail(error);
        out(QString::fromLatin1(key));
        std::fprintf(stderr, "%s\n", qPrintable(tr("Keep this key safe: it is shown only once.")));
        return 0;
    }
    if (parser.isSet(QStringLiteral("edit-api-key"))) {
        const QString name = parser.value(QStringLiteral("edit-api-key"));
        const auto list = keys.list();
        const auto found = std::find_if(list.cbegin(), list.cend(), [&name](const ApiKeyStore::Key &key) { return key.name == name; });
        if (found == list.cend())
            return fail(tr("There is no key named \"%1\".").arg(name));
        KeyLimits limits = found->limits;
        if (!applyLimitOptions(parser, &limits, &error) || !keys.setLimits(name, limits, &error))
            return fail(error);
        out(tr("Limits of \"%1\": %2").arg(name, describeLimits(limits)));
        return 0;
    }
    if (parser.isSet(QStringLiteral("revoke-api-key"))) {
        if (!keys.revoke(parser.value(QStringLiteral("revoke-api-key")), &error))
            return fail(error);
        out(tr("Revoked."));
        return 0;
    }
    // The fourth column says whether the key may use cloud models by itself ("cloud"), or only
    // while server/keysMayUseCloudModels is on ("local", a chat key that was not allowed them);
    // the fifth its limits ("-" for none).
    const auto list = keys.list();
    for (const ApiKeyStore::Key &key : list) {
        out(QStringLiteral("%1\t%2\t%3\t%4\t%5").arg(key.name, ApiKeyStore::scopeName(key.scope), key.created.toString(Qt::ISODate),
                                                     key.mayUseCloudModels(false) ? QStringLiteral("cloud") : QStringLiteral("local"),
                                                     describeLimits(key.limits)));
    }
    return 0;
}

void writeInstanceFile(const QString &dataDir, const QString &url)
{
    const QJsonObject instance{{QStringLiteral("pid"), QCoreApplication::applicationPid()}, {QStringLiteral("url"), url}};
    Credentials::writePrivateFile(instanceFile(dataDir), QJsonDocument(instance).toJson(QJsonDocument::Compact), nullptr);
}

void removeInstanceFile(const QString &dataDir)
{
    QFile::remove(instanceFile(dataDir));
}

} // namespace Corral::CredentialsCommands
