// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace Corral {

/// Names of every stored setting. Keys that weaken security carry "insecure".
namespace SettingsKey {
inline const QString OllamaUrl = QStringLiteral("ollama/url");
/// Several Ollama servers: a JSON array of {url, name, enabled, apiKey} (OllamaServers::toJson).
/// Empty: OllamaUrl alone. OLLAMA_BASE_URLS and a repeated --ollama-url override it.
inline const QString OllamaServers = QStringLiteral("ollama/servers");
/// The index in OllamaServers that pulls without a server index go to; -1: the first enabled.
inline const QString OllamaPullServer = QStringLiteral("ollama/pullServer");
/// Seconds Ollama gets to finish a response; 0 means no limit (AIOHTTP_CLIENT_TIMEOUT).
inline const QString ResponseTimeout = QStringLiteral("ollama/responseTimeout");
/// Seconds for model lists and version checks (AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST).
inline const QString ModelListTimeout = QStringLiteral("ollama/modelListTimeout");
/// Seconds to establish the TCP connection to Ollama.
inline const QString ConnectTimeout = QStringLiteral("ollama/connectTimeout");
inline const QString ServerEnabled = QStringLiteral("server/enabled");
inline const QString ServerPort = QStringLiteral("server/port");
inline const QString ServerBind = QStringLiteral("server/bind");
inline const QString ServerMaxBodyBytes = QStringLiteral("server/maxBodyBytes");
inline const QString ServerIdleTimeout = QStringLiteral("server/idleTimeout");
/// Client connections the local server keeps open at once, in all and from one address.
inline const QString ServerMaxConnections = QStringLiteral("server/maxConnections");
inline const QString ServerMaxConnectionsPerAddress = QStringLiteral("server/maxConnectionsPerAddress");
inline const QString ServerAllowedOrigins = QStringLiteral("server/allowedOrigins");
/// Host names accepted in the Host header besides localhost when listening on the network.
inline const QString ServerAllowedHosts = QStringLiteral("server/allowedHosts");
/// Whether API keys may use models that run on ollama.com (":cloud"/"-cloud"), which spend the
/// owner's ollama.com account. The owner token and browser sessions always may.
inline const QString KeysMayUseCloudModels = QStringLiteral("server/keysMayUseCloudModels");
inline const QString ServerTlsCertificate = QStringLiteral("server/tlsCertificate");
inline const QString ServerTlsKey = QStringLiteral("server/tlsKey");
inline const QString UiTheme = QStringLiteral("ui/theme");
inline const QString UiFontSize = QStringLiteral("ui/fontSize");
inline const QString UiLanguage = QStringLiteral("ui/language");
inline const QString UiCloseToTray = QStringLiteral("ui/closeToTray");
/// The window's defaults for new chats: the model picked last, the system prompt and the
/// Ollama options (a compact JSON object).
inline const QString ChatDefaultModel = QStringLiteral("ui/defaultModel");
inline const QString ChatDefaultSystemPrompt = QStringLiteral("ui/defaultSystemPrompt");
inline const QString ChatDefaultOptions = QStringLiteral("ui/defaultOptions");
} // namespace SettingsKey

/**
 * Corral's configuration with one precedence rule for every key:
 * command line > environment > saved preferences > built-in default.
 *
 * Saved values live in an INI file in the data directory (QSettings writes it through a
 * temporary file and a rename, so a crash never leaves half a file). Environment and command
 * line values are "overrides": they win over what is saved, are never written to the file, and
 * the Preferences dialog shows them read-only with the variable that set them.
 *
 * Every change of an effective value emits changed(key), so the proxy and the connection layer
 * re-apply live.
 *
 * Threads: a Settings object belongs to the thread that made it (QSettings is not thread-safe).
 * Code on another thread (the local server's) reads a mirror() instead: a read-only copy of the
 * effective values that follows this object through queued calls. A mirror rather than a
 * locked snapshot, because the server thread's readers also need changed() on their own thread
 * to re-apply (a new port, new limits), and because a lock would put the GUI thread's writes in
 * the path of every proxied request. A change reaches the mirror one event-loop turn later, in
 * the order the changes were made; the next request after that sees it.
 */
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    enum class Source { Default, Saved, Environment, CommandLine };
    Q_ENUM(Source)

    /// Reads (and later writes) the INI file at @p filePath. The file need not exist yet.
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;

    /// A read-only copy of every effective value that follows this object: each later change is
    /// posted to the mirror's thread (move it there with moveToThread()), where it emits
    /// changed(key). Call on this object's thread; destroy the mirror before this object, or
    /// once the mirror's thread has finished. setValue(), resetValue() and setOverride() on a
    /// mirror are refused with a warning.
    std::unique_ptr<Settings> mirror() const;
    bool isMirror() const { return !m_store; }

    /// The effective value of @p key.
    QVariant value(const QString &key) const;
    /// The value saved in the file (or the default), whatever overrides it.
    QVariant savedValue(const QString &key) const;
    /// Where the effective value of @p key comes from.
    Source source(const QString &key) const;
    /// The variable or option that set an override ("OLLAMA_BASE_URL", "--port"); empty otherwise.
    QString overrideOrigin(const QString &key) const;
    bool isOverridden(const QString &key) const;

    /// Saves @p value for @p key. The effective value only changes when no override is set.
    void setValue(const QString &key, const QVariant &value);
    /// Forgets a saved value, falling back to the default.
    void resetValue(const QString &key);
    /// Sets a value that wins over the saved one and is never written to disk.
    void setOverride(const QString &key, const QVariant &value, Source source, const QString &origin);

    /// Writes pending changes to disk; returns false and an explanation on failure.
    bool sync(QString *errorMessage = nullptr);
    QString filePath() const;

    static QVariant defaultValue(const QString &key);

    // Typed helpers for the most used keys.
    QString ollamaUrl() const;
    int responseTimeoutSecs() const;
    int modelListTimeoutSecs() const;
    int connectTimeoutSecs() const;
    int serverPort() const;
    QString serverBind() const;
    qint64 maxBodyBytes() const;
    int idleTimeoutSecs() const;
    QString chatDefaultModel() const;
    void setChatDefaultModel(const QString &model);
    QString chatDefaultSystemPrompt() const;
    QJsonObject chatDefaultOptions() const;
    void setChatDefaults(const QString &systemPrompt, const QJsonObject &options);

Q_SIGNALS:
    /// The effective value of @p key changed.
    void changed(const QString &key);

private:
    struct Override {
        QVariant value;
        Source source = Source::Default;
        QString origin;
    };

    Settings(); // a mirror
    /// Every key with an effective value: the defaults, the saved keys and the overrides.
    QStringList knownKeys() const;
    /// On a mirror: the source's new effective value of @p key.
    void applyMirrored(const QString &key, const QVariant &value);
    bool refusedOnMirror(const QString &key) const;

    std::unique_ptr<QSettings> m_store; ///< null on a mirror
    QHash<QString, Override> m_overrides;
    QHash<QString, QVariant> m_mirrored; ///< a mirror's effective values
    QHash<QString, QVariant> m_mirroredSaved; ///< a mirror's saved values of the overridden keys
};

} // namespace Corral
