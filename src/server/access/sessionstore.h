// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QString>

#include <functional>

namespace Corral {

/**
 * Browser sessions, in memory: a random 256-bit id per sign-in, ended by sign-out, by token
 * rotation, after an idle period, or when the cap is reached (least recently used first).
 *
 * Each session also has a page key, a second random secret: cookies ignore ports (RFC 6265
 * §8.5), so the cookie also reaches every other server on 127.0.0.1, whoever runs it. The key is
 * handed out once (claimPageKey(), to the page that just signed in), kept in the tab's
 * sessionStorage, which is per origin with the port, and sent as a header with every API call.
 * Only its SHA-256 is kept once it was handed out.
 *
 * Thread-safe: the server thread checks sessions while the window's Preferences lists and ends
 * them; every call holds one mutex for a few hash operations.
 */
class SessionStore final
{
    Q_DISABLE_COPY_MOVE(SessionStore)

public:
    struct Session
    {
        QByteArray id;
        qint64 createdMs = 0;
        qint64 lastSeenMs = 0;
        QString peer;
        QString userAgent;
        QByteArray pageKeyDigest;   ///< SHA-256 of the page key
        QByteArray unclaimedPageKey; ///< the page key until it was handed out, then empty
    };
    using Clock = std::function<qint64()>; ///< milliseconds since the epoch

    explicit SessionStore(Clock clock = {});

    void setIdleTimeoutSecs(int seconds);
    void setMaxSessions(int count);
    /// Replaces the clock and forgets every session (tests).
    void setClock(Clock clock);

    QByteArray create(const QString &peer, const QString &userAgent);
    /// Whether @p id is a live session; touches it.
    bool validate(const QByteArray &id);
    /// Whether @p pageKey is the page key of the live session @p id (constant time).
    bool pageKeyMatches(const QByteArray &id, const QByteArray &pageKey) const;
    /// The page key of session @p id the first time it is asked for; empty after that.
    QByteArray claimPageKey(const QByteArray &id);
    void end(const QByteArray &id);
    void endAll();
    QList<Session> list() const;
    int count() const;

private:
    void expire(); // with m_mutex held

    mutable QMutex m_mutex;
    Clock m_clock;
    QHash<QByteArray, Session> m_sessions;
    qint64 m_idleMs = 12 * 3600 * 1000;
    int m_max = 32;
};

/**
 * One-time sign-in codes for "Open in browser" links: valid 60 seconds, used once.
 * A code is `<expiry>.<nonce>.<HMAC-SHA256(token, expiry.nonce)>`, so any process that knows
 * the owner token (such as `corral --browser-link`) can mint one that the running server
 * accepts; the server remembers used nonces until they expire.
 */
class SignInCodes final
{
public:
    using Clock = std::function<qint64()>;
    static constexpr int LifetimeSecs = 60;

    explicit SignInCodes(Clock clock = {});
    static QByteArray mint(const QByteArray &token, qint64 nowMs);
    QByteArray mint(const QByteArray &token) const;
    /// True once for a valid, unexpired code minted with @p token.
    bool redeem(const QByteArray &code, const QByteArray &token);

private:
    Clock m_clock;
    QHash<QByteArray, qint64> m_used; ///< nonce -> expiry
};

/**
 * Brute-force protection: 5 failed attempts from one address within 10 minutes ban it for 10
 * minutes. Loopback is not exempt (every local process shares it). IPv6 addresses count per /64,
 * the block one host usually holds (RFC 4291 §2.5.4), so rotating addresses buys no guesses.
 *
 * A ban must not lock out the clients that share the address (every local process shares
 * 127.0.0.1): the list remembers, per address, the SHA-256 digests of credentials that worked
 * from it (at most MaxKnownGood). During a ban a presented credential is compared only with
 * those, so it is verified only if it is one that already worked; every other guess is refused
 * unverified, which keeps brute force exactly as slow as a plain ban.
 *
 * Memory is capped at MaxTracked addresses. A full table first forgets expired and then the
 * oldest failure counters that are not banned; it never drops an active ban. When every entry
 * is an active ban, failures from further addresses share one overflow counter (and its ban),
 * so they still cannot guess more than 5 times in 10 minutes between them.
 */
class BanList final
{
public:
    using Clock = std::function<qint64()>;
    static constexpr int MaxFailures = 5;
    static constexpr qint64 WindowMs = 10 * 60 * 1000;
    static constexpr qint64 BanMs = 10 * 60 * 1000;
    static constexpr int MaxTracked = 10000;
    static constexpr int MaxKnownGood = 16;

    explicit BanList(Clock clock = {}, int maxTracked = MaxTracked);
    /// Records a failure; returns true if this failure started a ban.
    bool recordFailure(const QHostAddress &address);
    /// Seconds left in a ban, 0 if not banned.
    int banSecondsLeft(const QHostAddress &address);
    /// Remembers that the credential with SHA-256 hex digest @p digest worked from @p address.
    void rememberSuccess(const QHostAddress &address, const QByteArray &digest);
    /// Whether @p digest is one that worked from @p address (constant-time comparisons).
    bool isKnownGood(const QHostAddress &address, const QByteArray &digest) const;
    int trackedCount() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QList<qint64> failures;
        qint64 bannedUntil = 0;
    };
    QString keyFor(const QHostAddress &address) const;
    void makeRoom(qint64 now);

    Clock m_clock;
    int m_maxTracked;
    QHash<QString, Entry> m_entries;
    QHash<QHostAddress, QList<QByteArray>> m_knownGood;
};

} // namespace Corral
