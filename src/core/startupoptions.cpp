// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/startupoptions.h"

#include "core/configvalidation.h"
#include "core/ollamaservers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Corral {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::StartupOptions", text);
}

using Parser = std::optional<QVariant> (*)(const QString &, QString *);

std::optional<QVariant> asUrl(const QString &text, QString *expected)
{
    const auto url = ConfigValidation::parseOllamaUrl(text, expected);
    return url ? std::optional<QVariant>(url->toString()) : std::nullopt;
}

std::optional<QVariant> asTimeout(const QString &text, QString *expected)
{
    const auto value = ConfigValidation::parseTimeoutSeconds(text, expected);
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

std::optional<QVariant> asPort(const QString &text, QString *expected)
{
    const auto value = ConfigValidation::parsePort(text, expected);
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

std::optional<QVariant> asCount(const QString &text, QString *expected)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (ok && value >= 1)
        return value;
    *expected = tr("a whole number of at least 1");
    return std::nullopt;
}

std::optional<QVariant> asBind(const QString &text, QString *expected)
{
    const auto value = ConfigValidation::parseBindAddress(text, expected);
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

std::optional<QVariant> asSize(const QString &text, QString *expected)
{
    const auto value = ConfigValidation::parseByteSize(text, expected);
    return value ? std::optional<QVariant>(*value) : std::nullopt;
}

std::optional<QVariant> asOriginList(const QString &text, QString *)
{
    QStringList origins;
    for (const QString &origin : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        origins.append(origin.trimmed());
    return QVariant(origins.join(QLatin1Char(',')));
}

std::optional<QVariant> asSwitch(const QString &text, QString *expected)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("1") || value == QLatin1String("true") || value == QLatin1String("yes"))
        return QVariant(true);
    if (value == QLatin1String("0") || value == QLatin1String("false") || value == QLatin1String("no"))
        return QVariant(false);
    if (expected)
        *expected = tr("1 or 0 (true or false)");
    return std::nullopt;
}

std::optional<QVariant> asPath(const QString &text, QString *expected)
{
    const QFileInfo info(text);
    if (!info.isFile() || !info.isReadable()) {
        if (expected)
            *expected = tr("a readable PEM file");
        return std::nullopt;
    }
    return QVariant(info.absoluteFilePath());
}

struct Setting
{
    QString key;
    QString option;      ///< command-line option name, empty if none
    QString environment; ///< variable name, empty if none
    Parser parse;
};

const QList<Setting> &settingsTable()
{
    static const QList<Setting> table{
        {SettingsKey::OllamaUrl, QStringLiteral("ollama-url"), QStringLiteral("OLLAMA_BASE_URL"), asUrl},
        {SettingsKey::ResponseTimeout, QStringLiteral("timeout"), QStringLiteral("AIOHTTP_CLIENT_TIMEOUT"), asTimeout},
        {SettingsKey::ModelListTimeout, QString(), QStringLiteral("AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST"), asTimeout},
        {SettingsKey::ServerPort, QStringLiteral("port"), QStringLiteral("CORRAL_PORT"), asPort},
        {SettingsKey::ServerBind, QStringLiteral("bind"), QStringLiteral("CORRAL_BIND"), asBind},
        {SettingsKey::ServerMaxBodyBytes, QStringLiteral("max-body-size"), QStringLiteral("CORRAL_MAX_BODY_SIZE"), asSize},
        {SettingsKey::ServerIdleTimeout, QString(), QStringLiteral("CORRAL_IDLE_TIMEOUT"), asTimeout},
        {SettingsKey::ServerMaxConnections, QString(), QStringLiteral("CORRAL_MAX_CONNECTIONS"), asCount},
        {SettingsKey::ServerMaxConnectionsPerAddress, QString(), QStringLiteral("CORRAL_MAX_CONNECTIONS_PER_ADDRESS"), asCount},
        {SettingsKey::ServerAllowedOrigins, QStringLiteral("allowed-origins"), QStringLiteral("CORRAL_ALLOWED_ORIGINS"), asOriginList},
        {SettingsKey::ServerAllowedHosts, QStringLiteral("allowed-hosts"), QStringLiteral("CORRAL_ALLOWED_HOSTS"), asOriginList},
        {SettingsKey::KeysMayUseCloudModels, QString(), QStringLiteral("CORRAL_KEYS_MAY_USE_CLOUD_MODELS"), asSwitch},
        {SettingsKey::ServerTlsCertificate, QStringLiteral("tls-cert"), QStringLiteral("CORRAL_TLS_CERT"), asPath},
        {SettingsKey::ServerTlsKey, QStringLiteral("tls-key"), QStringLiteral("CORRAL_TLS_KEY"), asPath},
    };
    return table;
}

} // namespace

StartupOptions StartupOptions::parse(const QStringList &arguments, const QProcessEnvironment &environment,
                                     const QList<QCommandLineOption> &extraOptions)
{
    StartupOptions result;
    result.parser = std::make_shared<QCommandLineParser>();
    QCommandLineParser &parser = *result.parser;
    parser.setApplicationDescription(
        tr("Corral: a desktop client for Ollama with an authenticated local /ollama proxy."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      tr("Run the local server only, without a window."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  tr("Port of the local server (0 = any free port; default 8080; CORRAL_PORT)."),
                                  tr("N"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  tr("Address the local server listens on (default 127.0.0.1; CORRAL_BIND)."),
                                  tr("ADDRESS"));
    const QCommandLineOption ollamaUrl(QStringLiteral("ollama-url"),
                                       tr("Ollama server URL (default http://127.0.0.1:11434; OLLAMA_BASE_URL). Repeat it "
                                          "for several servers behind one /ollama (OLLAMA_BASE_URLS, ';'-separated)."),
                                       tr("URL"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("Seconds Ollama gets to finish a response (default 300, 0 = no limit; "
                                        "AIOHTTP_CLIENT_TIMEOUT)."),
                                     tr("SECONDS"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-size"),
                                     tr("Largest request body the local server accepts (default 100M; "
                                        "CORRAL_MAX_BODY_SIZE)."),
                                     tr("SIZE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Directory for settings, chats and credentials (CORRAL_DATA_DIR)."),
                                     tr("DIR"));
    const QCommandLineOption allowedOrigins(QStringLiteral("allowed-origins"),
                                            tr("Comma-separated browser origins (with * wildcards) that may call /ollama "
                                               "with a token (CORS; CORRAL_ALLOWED_ORIGINS)."),
                                            tr("LIST"));
    const QCommandLineOption allowedHosts(QStringLiteral("allowed-hosts"),
                                          tr("Comma-separated host names this server answers to besides localhost, when "
                                             "it listens on a network address (CORRAL_ALLOWED_HOSTS)."),
                                          tr("LIST"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), tr("PEM certificate for HTTPS (CORRAL_TLS_CERT)."), tr("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), tr("PEM private key for HTTPS (CORRAL_TLS_KEY)."), tr("FILE"));
    parser.addOptions({headless, port, bind, ollamaUrl, timeout, maxBody, dataDir, allowedOrigins, allowedHosts, tlsCert, tlsKey});
    parser.addOptions(extraOptions);
    result.helpText = parser.helpText();
    result.versionText = QStringLiteral("Corral %1 (Qt %2)").arg(QStringLiteral(CORRAL_VERSION), QString::fromLatin1(qVersion()));

    if (!parser.parse(arguments)) {
        result.error = parser.errorText() + QLatin1Char('\n') + tr("Run \"corral --help\" for the options.");
        return result;
    }
    result.showHelp = parser.isSet(help);
    result.showVersion = parser.isSet(version);
    result.headless = parser.isSet(headless);
    if (!parser.positionalArguments().isEmpty()) {
        result.error = tr("Unexpected argument \"%1\". Run \"corral --help\" for the options.")
                           .arg(parser.positionalArguments().first());
        return result;
    }

    result.dataDir = parser.isSet(dataDir) ? parser.value(dataDir) : environment.value(QStringLiteral("CORRAL_DATA_DIR"));

    // The owner token opens everything and the ban lets five guesses through every ten minutes:
    // a chosen one must be as hard to guess as the generated 256-bit one could be made
    // (32 characters; OWASP ASVS 2.1 asks at least 12 for human passwords, and this is none).
    if (const QString token = environment.value(QStringLiteral("CORRAL_TOKEN")).trimmed();
        !token.isEmpty() && token.size() < MinimumTokenLength) {
        result.error = tr("CORRAL_TOKEN is %1 characters long; it must have at least %2. Unset it to use the generated "
                          "token, or set a long random one (for example: openssl rand -base64 32).")
                           .arg(token.size())
                           .arg(MinimumTokenLength);
        return result;
    }

    // Environment first, command line second: later overrides win.
    for (const Setting &setting : settingsTable()) {
        const bool fromOption = !setting.option.isEmpty() && parser.isSet(setting.option);
        // An empty variable counts as unset, except for timeouts, where it means "no limit" as in
        // Open WebUI.
        const bool fromEnvironment = !setting.environment.isEmpty() && environment.contains(setting.environment)
            && (setting.parse == asTimeout || !environment.value(setting.environment).isEmpty());
        if (!fromOption && !fromEnvironment)
            continue;
        const QString origin = fromOption ? QStringLiteral("--") + setting.option : setting.environment;
        const QString text = fromOption ? parser.value(setting.option) : environment.value(setting.environment);
        QString expected;
        const auto value = setting.parse(text, &expected);
        if (!value) {
            result.error = tr("Invalid value \"%1\" for %2: expected %3.").arg(text, origin, expected);
            return result;
        }
        result.overrides.append({setting.key, *value,
                                 fromOption ? Settings::Source::CommandLine : Settings::Source::Environment, origin});
    }
    result.parseServerList(parser.isSet(ollamaUrl) ? parser.values(ollamaUrl) : QStringList(),
                           environment.value(QStringLiteral("OLLAMA_BASE_URLS")));
    return result;
}

void StartupOptions::parseServerList(const QStringList &options, const QString &environmentList)
{
    // Several servers: OLLAMA_BASE_URLS wins over OLLAMA_BASE_URL (as in Open WebUI), a repeated
    // --ollama-url over both; one --ollama-url is a single server, as before.
    const auto parseAll = [this](const QStringList &texts, const QString &origin) -> std::optional<QStringList> {
        QStringList urls;
        QStringList parts;
        for (const QString &text : texts)
            parts += text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &part : std::as_const(parts)) {
            const QString text = part.trimmed();
            if (text.isEmpty())
                continue;
            QString expected;
            const auto url = ConfigValidation::parseOllamaUrl(text, &expected);
            if (!url) {
                error = tr("Invalid value \"%1\" for %2: expected %3.").arg(text, origin, expected);
                return std::nullopt;
            }
            urls.append(url->toString());
        }
        return urls;
    };
    const auto listOverride = [](const QStringList &urls, Settings::Source source, const QString &origin) {
        return Override{SettingsKey::OllamaServers, OllamaServers::toJson(OllamaServers::fromUrls(urls)), source, origin};
    };
    const auto urlOverride = [this]() -> Override * {
        for (Override &override : overrides) {
            if (override.key == SettingsKey::OllamaUrl)
                return &override;
        }
        return nullptr;
    };
    if (!environmentList.trimmed().isEmpty()) {
        const QString origin = QStringLiteral("OLLAMA_BASE_URLS");
        const auto urls = parseAll({environmentList}, origin);
        if (!urls)
            return;
        if (!urls->isEmpty()) {
            overrides.append(listOverride(*urls, Settings::Source::Environment, origin));
            if (Override *url = urlOverride(); !url)
                overrides.append({SettingsKey::OllamaUrl, urls->first(), Settings::Source::Environment, origin});
            else if (url->source == Settings::Source::Environment)
                *url = {SettingsKey::OllamaUrl, urls->first(), Settings::Source::Environment, origin};
        }
    }
    if (options.size() > 1) {
        const QString origin = QStringLiteral("--ollama-url");
        const auto urls = parseAll(options, origin);
        if (!urls)
            return;
        overrides.append(listOverride(*urls, Settings::Source::CommandLine, origin));
        if (Override *url = urlOverride())
            url->value = urls->first();
    }
}

void StartupOptions::apply(Settings &settings) const
{
    for (const Override &override : overrides)
        settings.setOverride(override.key, override.value, override.source, override.origin);
}

QString StartupOptions::resolvedDataDir() const
{
    if (!dataDir.isEmpty())
        return QDir(dataDir).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace Corral
