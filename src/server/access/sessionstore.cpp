// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/sessionstore.h"

#include "server/access/credentials.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <utility>

namespace Corral {

namespace {

SessionStore::Clock systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

} // namespace

SessionStore::SessionStore(Clock clock)
    : m_clock(clock ? std::move(clock) : systemClock())
{
}

void SessionStore::setIdleTimeoutSecs(int seconds)
{
    const QMutexLocker lock(&m_mutex);
    m_idleMs = qint64(seconds) * 1000;
}

void SessionStore::setMaxSessions(int count)
{
    const QMutexLocker lock(&m_mutex);
    m_max = count;
}

void SessionStore::setClock(Clock clock)
{
    const QMutexLocker lock(&m_mutex);
    m_clock = clock ? std::move(clock) : systemClock();
    m_sessions.clear();
}

int SessionStore::count() const
{
    const QMutexLocker lock(&m_mutex);
    return int(m_sessions.size());
}

QByteArray SessionStore::create(const QString &peer, const QString &userAgent)
{
    const QByteArray id = Credentials::randomSecret(32);
    const QByteArray pageKey = Credentials::randomSecret(32);
    const QByteArray pageKeyDigest = QCryptographicHash::hash(pageKey, QCryptographicHash::Sha256);
    const QMutexLocker lock(&m_mutex);
    expire();
    while (m_sessions.size() >= m_max) {
        auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(),
                                       [](const Session &a, const Session &b) { return a.lastSeenMs < b.lastSeenMs; });
        m_sessions.erase(oldest);
    }
    const qint64 now = m_clock();
    m_sessions.insert(id, Session{id, now, now, peer, userAgent.left(200), pageKeyDigest, pageKey});
    return id;
}

bool SessionStore::pageKeyMatches(const QByteArray &id, const QByteArray &pageKey) const
{
    if (pageKey.isEmpty())
        return false;
    const QByteArray digest = QCryptographicHash::hash(pageKey, QCryptographicHash::Sha256);
    const QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.constFind(id);
    if (it == m_sessions.cend())
        return false;
    return Credentials::digestsEqual(digest, it->pageKeyDigest);
}

QByteArray SessionStore::claimPageKey(const QByteArray &id)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return QByteArray();
    return std::exchange(it->unclaimedPageKey, QByteArray());
}

bool SessionStore::validate(const QByteArray &id)
{
    if (id.isEmpty())
        return false;
    const QMutexLocker lock(&m_mutex);
    expire();
    // Hash lookup on a 256-bit random id: timing reveals nothing useful about other ids.
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return false;
    it->lastSeenMs = m_clock();
    return true;
}

void SessionStore::end(const QByteArray &id)
{
    const QMutexLocker lock(&m_mutex);
    m_sessions.remove(id);
}

void SessionStore::endAll()
{
    const QMutexLocker lock(&m_mutex);
    m_sessions.clear();
}

QList<SessionStore::Session> SessionStore::list() const
{
    const QMutexLocker lock(&m_mutex);
    return m_sessions.values();
}

void SessionStore::expire()
{
    const qint64 now = m_clock();
    m_sessions.removeIf([this, now](const auto &it) { return now - it.value().lastSeenMs > m_idleMs; });
}

// --- SignInCodes --------------------------------------------------------------------------------

SignInCodes::SignInCodes(Clock clock)
    : m_clock(clock ? std::move(clock) : systemClock())
{
}

QByteArray SignInCodes::mint(const QByteArray &token, qint64 nowMs)
{
    const QByteArray payload = QByteArray::number(nowMs / 1000 + LifetimeSecs) + '.' + Credentials::randomSecret(16);
    const QByteArray mac = QMessageAuthenticationCode::hash(payload, token, QCryptographicHash::Sha256)
                               .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return payload + '.' + mac;
}

QByteArray SignInCodes::mint(const QByteArray &token) const
{
    return mint(token, m_clock());
}

bool SignInCodes::redeem(const QByteArray &code, const QByteArray &token)
{
    const qint64 nowSecs = m_clock() / 1000;
    m_used.removeIf([nowSecs](const auto &it) { return it.value() < nowSecs; });
    const QList<QByteArray> parts = code.split('.');
    if (parts.size() != 3 || token.isEmpty())
        return false;
    const QByteArray payload = parts[0] + '.' + parts[1];
    const QByteArray expected = QMessageAuthenticationCode::hash(payload, token, QCryptographicHash::Sha256)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!Credentials::constantTimeEquals(parts[2], expected))
        return false;
    bool ok = false;
    const qint64 expiry = parts[0].toLongLong(&ok);
    if (!ok || expiry < nowSecs || expiry > nowSecs + LifetimeSecs || m_used.contains(parts[1]))
        return false;
    m_used.insert(parts[1], expiry);
    return true;
}

// --- BanList ------------------------------------------------------------------------------------

namespace {
const QString OverflowKey = QStringLiteral("overflow");
} // namespace

BanList::BanList(Clock clock, int maxTracked)
    : m_clock(clock ? std::move(clock) : systemClock())
    , m_maxTracked(maxTracked)
{
}

QString BanList::keyFor(const QHostAddress &address) const
{
    bool isV4 = false;
    address.toIPv4Address(&isV4);
    if (isV4 || address.isLoopback() || address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    // One host usually holds a whole /64 (RFC 4291 §2.5.4; SLAAC, privacy addresses).
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(bytes.c + 8, bytes.c + 16, 0);
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

void BanList::makeRoom(qint64 now)
{
    // Forget addresses that are neither banned nor recently failing.
    m_entries.removeIf([now](const auto &it) {
        return it.value().bannedUntil < now && (it.value().failures.isEmpty() || now - it.value().failures.last() > WindowMs);
    });
    if (m_entries.size() < m_maxTracked)
        return;
    // Then the failure counter that is oldest and not banned. An active ban is never dropped: that
    // would hand its address five fresh guesses.
    auto oldest = m_entries.end();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it.key() == OverflowKey || it->bannedUntil > now || it->failures.isEmpty())
            continue;
        if (oldest == m_entries.end() || it->failures.last() < oldest->failures.last())
            oldest = it;
    }
    if (oldest != m_entries.end())
        m_entries.erase(oldest);
}

bool BanList::recordFailure(const QHostAddress &address)
{
    const qint64 now = m_clock();
    QString key = keyFor(address);
    if (!m_entries.contains(key) && m_entries.size() >= m_maxTracked) {
        makeRoom(now);
        if (m_entries.size() >= m_maxTracked)
            key = OverflowKey; // every entry is an active ban: count with the other newcomers
    }
    Entry &entry = m_entries[key];
    entry.failures.removeIf([now](qint64 at) { return now - at > WindowMs; });
    entry.failures.append(now);
    if (entry.failures.size() >= MaxFailures && entry.bannedUntil <= now) {
        entry.bannedUntil = now + BanMs;
        entry.failures.clear();
        return true;
    }
    return false;
}

int BanList::banSecondsLeft(const QHostAddress &address)
{
    if (m_entries.isEmpty())
        return 0; // nobody has failed: no address to spell out (this runs on every request)
    auto it = m_entries.constFind(keyFor(address));
    if (it == m_entries.cend())
        it = m_entries.constFind(OverflowKey); // untracked: the newcomers' shared ban, if any
    if (it == m_entries.cend())
        return 0;
    const qint64 left = it->bannedUntil - m_clock();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void BanList::rememberSuccess(const QHostAddress &address, const QByteArray &digest)
{
    auto it = m_knownGood.find(address);
    if (it == m_knownGood.end()) {
        if (m_knownGood.size() >= m_maxTracked)
            m_knownGood.erase(m_knownGood.begin());
        it = m_knownGood.insert(address, {});
    }
    // Digests of credentials that already worked: comparing them with each other reveals nothing.
    if (it->contains(digest))
        return;
    if (it->size() >= MaxKnownGood)
        it->removeFirst();
    it->append(digest);
}

bool BanList::isKnownGood(const QHostAddress &address, const QByteArray &digest) const
{
    const auto it = m_knownGood.constFind(address);
    if (it == m_knownGood.cend())
        return false;
    bool found = false;
    for (const QByteArray &known : *it)
        found = Credentials::digestsEqual(known, digest) || found; // look at all, as ApiKeyStore does
    return found;
}

} // namespace Corral
