// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/serveradmin.h"
#include "core/settings.h"
#include "gui/keylimitsdialog.h"
#include "gui/localserverpage.h"
#include "gui/preferencesdialog.h"
#include "ui_preferencesdialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Corral;

namespace {

/// Records what the page asks of the server.
class FakeAdmin final : public ServerAdmin
{
public:
    QByteArray token = "owner-token-1";
    QList<ApiKey> keys;
    QList<Session> live{{"s1", QStringLiteral("127.0.0.1"), QStringLiteral("Firefox"), QDateTime::currentDateTime()}};

    QByteArray ownerToken() override { return token; }
    bool rotateToken(QString *) override
    {
        token = "owner-token-2";
        live.clear();
        return true;
    }
    QUrl browserLink() override { return QUrl(QStringLiteral("http://127.0.0.1:8080/?code=abc")); }
    QList<ApiKey> apiKeys() override { return keys; }
    QByteArray createApiKey(const QString &name, bool fullScope, bool allowCloud, const ApiKeyLimits &limits,
                            QString *error) override
    {
        for (const ApiKey &key : std::as_const(keys)) {
            if (key.name == name) {
                *error = QStringLiteral("There is already a key named \"%1\".").arg(name);
                return QByteArray();
            }
        }
        keys.append({name, fullScope, QDateTime::currentDateTime(), allowCloud, limits});
        return "crl_secret_" + name.toLatin1();
    }
    bool setApiKeyLimits(const QString &name, const ApiKeyLimits &limits, QString *error) override
    {
        for (ApiKey &key : keys) {
            if (key.name == name) {
                key.limits = limits;
                return true;
            }
        }
        *error = QStringLiteral("There is no key named \"%1\".").arg(name);
        return false;
    }
    bool revokeApiKey(const QString &name, QString *) override
    {
        return keys.removeIf([&name](const ApiKey &key) { return key.name == name; }) > 0;
    }
    QList<Session> sessions() override { return live; }
    void endSession(const QByteArray &id) override
    {
        live.removeIf([&id](const Session &session) { return session.id == id; });
    }
};

} // namespace

class TestLocalServerPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fields_savedAndReread();
    void networkWithoutTls_warns_andTlsFilesAreChecked();
    void token_keys_andSessions();
    void environmentValues_areReadOnly();
    void keyLimits_setAtCreationAndEditedLater();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    FakeAdmin m_admin;
};

void TestLocalServerPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_admin = FakeAdmin();
}

void TestLocalServerPage::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestLocalServerPage::fields_savedAndReread()
{
    {
        PreferencesDialog dialog(m_settings.get(), &m_admin);
        LocalServerPage *page = dialog.localServerPage();
        QCOMPARE(page->portSpin()->value(), 8080);
        QVERIFY(!page->networkCheck()->isChecked());
        page->portSpin()->setValue(9123);
        page->networkCheck()->setChecked(true);
        page->originsEdit()->setText(QStringLiteral("http://localhost:5173"));
        QVERIFY(!page->keysMayUseCloudCheck()->isChecked()); // off by default
        page->keysMayUseCloudCheck()->setChecked(true);
        page->enabledCheck()->setChecked(false);
        dialog.accept();
    }
    Settings reread(m_dir->filePath(QStringLiteral("settings.ini")));
    QCOMPARE(reread.serverPort(), 9123);
    QCOMPARE(reread.serverBind(), QStringLiteral("0.0.0.0"));
    QCOMPARE(reread.value(SettingsKey::ServerAllowedOrigins).toString(), QStringLiteral("http://localhost:5173"));
    QCOMPARE(reread.value(SettingsKey::ServerEnabled).toBool(), false);
    QCOMPARE(reread.value(SettingsKey::KeysMayUseCloudModels).toBool(), true);
    PreferencesDialog again(m_settings.get(), &m_admin);
    QCOMPARE(again.localServerPage()->portSpin()->value(), 9123);
    QVERIFY(again.localServerPage()->networkCheck()->isChecked());
    QVERIFY(!again.localServerPage()->enabledCheck()->isChecked());
    QVERIFY(again.localServerPage()->keysMayUseCloudCheck()->isChecked());
}

void TestLocalServerPage::networkWithoutTls_warns_andTlsFilesAreChecked()
{
    PreferencesDialog dialog(m_settings.get(), &m_admin);
    dialog.show();
    LocalServerPage *page = dialog.localServerPage();
    dialog.ui()->pages->setCurrentWidget(page);
    page->networkCheck()->setChecked(true);
    QVERIFY(page->networkWarning()->isVisible());
    page->certificateEdit()->setText(m_dir->filePath(QStringLiteral("missing.pem")));
    QVERIFY(!dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.ui()->problemLabel->text().contains(QLatin1String("both a certificate and a key")));
    page->keyEdit()->setText(m_dir->filePath(QStringLiteral("missing.key")));
    QVERIFY(dialog.ui()->problemLabel->text().contains(QLatin1String("not a readable PEM certificate")));
    QVERIFY(!dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());

    const QString cert = m_dir->filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir->filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                              QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                                              QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    page->certificateEdit()->setText(cert);
    page->keyEdit()->setText(key);
    QVERIFY(dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!page->networkWarning()->isVisible());
    page->networkCheck()->setChecked(false);
    page->certificateEdit()->clear();
    page->keyEdit()->clear();
    page->networkCheck()->setChecked(true); // show the warning in the screenshot
    if (const QString dir = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog.grab().save(dir + QStringLiteral("/preferences-local-server.png"));
    page->certificateEdit()->setText(cert);
    page->keyEdit()->setText(key);
    dialog.accept();
    QCOMPARE(m_settings->value(SettingsKey::ServerTlsCertificate).toString(), cert);
    QCOMPARE(m_settings->value(SettingsKey::ServerTlsKey).toString(), key);
}

void TestLocalServerPage::token_keys_andSessions()
{
    LocalServerPage page(m_settings.get(), &m_admin);
    QCOMPARE(page.tokenEdit()->text(), QStringLiteral("owner-token-1"));
    QCOMPARE(page.tokenEdit()->echoMode(), QLineEdit::Password); // hidden until "Show"
    QString error;
    QCOMPARE(page.createKey(QStringLiteral("editor"), false, false, &error), QByteArray("crl_secret_editor"));
    QCOMPARE(page.keysView()->topLevelItemCount(), 1);
    QCOMPARE(page.keysView()->topLevelItem(0)->text(1), QStringLiteral("chat"));
    QVERIFY(page.createKey(QStringLiteral("editor"), true, false, &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("already")));
    // Whether each key may use cloud models: full keys may, chat keys when allowed or by the setting.
    QVERIFY(!page.createKey(QStringLiteral("agent"), false, true, &error).isEmpty());
    QVERIFY(!page.createKey(QStringLiteral("ci"), true, false, &error).isEmpty());
    QCOMPARE(m_admin.keys.at(1).allowCloud, true);
    const auto cloudColumn = [&page] {
        QStringList texts;
        for (int i = 0; i < page.keysView()->topLevelItemCount(); ++i)
            texts.append(page.keysView()->topLevelItem(i)->text(3));
        return texts;
    };
    QCOMPARE(cloudColumn(), QStringList({QStringLiteral("no"), QStringLiteral("yes (this key)"), QStringLiteral("yes")}));
    page.keysMayUseCloudCheck()->setChecked(true);
    QCOMPARE(cloudColumn().first(), QStringLiteral("yes (setting below)"));
    page.keysMayUseCloudCheck()->setChecked(false);
    m_admin.keys.removeLast();
    m_admin.keys.removeLast();
    page.refreshCredentials();
    page.keysView()->setCurrentItem(page.keysView()->topLevelItem(0));
    QVERIFY(page.revokeSelectedKey(&error));
    QCOMPARE(page.keysView()->topLevelItemCount(), 0);
    QCOMPARE(page.sessionsView()->topLevelItemCount(), 1);
    QCOMPARE(page.sessionsView()->topLevelItem(0)->text(0), QStringLiteral("Firefox"));
    m_admin.rotateToken(&error);
    page.refreshCredentials();
    QCOMPARE(page.tokenEdit()->text(), QStringLiteral("owner-token-2"));
    QCOMPARE(page.sessionsView()->topLevelItemCount(), 0);
}

void TestLocalServerPage::environmentValues_areReadOnly()
{
    m_settings->setOverride(SettingsKey::ServerPort, 0, Settings::Source::CommandLine, QStringLiteral("--port"));
    LocalServerPage page(m_settings.get(), &m_admin);
    QVERIFY(!page.portSpin()->isEnabled());
    QVERIFY(page.portSpin()->toolTip().contains(QLatin1String("--port")));
    page.save();
    QCOMPARE(m_settings->source(SettingsKey::ServerPort), Settings::Source::CommandLine);
}

void TestLocalServerPage::keyLimits_setAtCreationAndEditedLater()
{
    LocalServerPage page(m_settings.get(), &m_admin);
    ServerAdmin::ApiKeyLimits limits;
    limits.models = {QStringLiteral("llama3.2"), QStringLiteral("qwen3:*")};
    limits.maxInFlight = 2;
    QString error;
    QVERIFY(!page.createKey(QStringLiteral("limited"), false, false, &error, limits).isEmpty());
    QCOMPARE(m_admin.keys.last().limits.models, limits.models);
    QTreeWidgetItem *row = page.keysView()->topLevelItem(page.keysView()->topLevelItemCount() - 1);
    QCOMPARE(row->text(4), QStringLiteral("llama3.2, qwen3:* · 2 at once"));
    limits.models.clear();
    limits.maxInFlight = 0;
    limits.expires = QDateTime(QDate(2030, 6, 1), QTime(0, 0));
    QVERIFY(page.setKeyLimits(QStringLiteral("limited"), limits, &error));
    QCOMPARE(page.limitsOf(QStringLiteral("limited")).expires, limits.expires);
    row = page.keysView()->topLevelItem(page.keysView()->topLevelItemCount() - 1);
    QVERIFY2(row->text(4).startsWith(QStringLiteral("until ")), qPrintable(row->text(4)));
    // The dialog reads back what it was given (the expiry day is the last day the key works).
    KeyLimitsDialog dialog;
    limits.models = {QStringLiteral("mistral:*")};
    dialog.setLimits(limits);
    const ServerAdmin::ApiKeyLimits read = dialog.limits();
    QCOMPARE(read.models, limits.models);
    QCOMPARE(read.expires, limits.expires.toUTC());
}

QTEST_MAIN(TestLocalServerPage)
#include "tst_localserverpage.moc"
