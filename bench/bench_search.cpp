// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): history search on a 10,000-chat x 20-message history (about 280 MB
// of text) built through ChatStore, old LIKE against the FTS5 index side by side, and the
// migration of that history from the schema before the index.
//
// Usage: bench_search [CACHE_DIR]   (default: <temp>/corral-bench-search). The generated history
// is kept there between runs (building it takes a few minutes); each run copies it, turns the
// copy back into a release-2 database (no index), migrates it and measures.
// Env: BENCH_CHATS (10000), BENCH_MESSAGES (20), BENCH_FTS_RUNS (5), BENCH_LIKE_RUNS (1; 0 skips
// LIKE), BENCH_BATCH_ROWS (ChatSearch::DefaultBatchRows).
#include "core/chatsearch.h"
#include "core/chatstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace Corral;

namespace {

// The most frequent words of English, in order: they make up half of any text.
const char *const CommonWords[] = {
    "the", "of", "and", "to", "a", "in", "is", "it", "you", "that", "for", "on", "with", "as", "this", "be", "are",
    "can", "or", "your", "if", "not", "have", "by", "from", "at", "an", "will", "but", "use", "which", "so", "we",
    "more", "all", "one", "there", "when", "they", "how", "what", "do", "each", "then", "also", "like", "than",
    "into", "some", "time", "make", "other", "these", "new", "way", "first", "may", "should", "would", "only",
    "here", "example", "about", "need", "just", "see", "sure", "value", "set", "its", "get", "out", "up", "any",
    "where", "well", "most", "them", "because", "two", "using", "over", "after", "good", "work", "help", "step",
};

// Topic words, a few per chat; the queries below come from these.
const char *const TopicWords[] = {
    "docker", "compose", "container", "kubernetes", "ingress", "cluster", "python", "sort", "list", "comprehension",
    "dictionary", "git", "rebase", "merge", "branch", "postgres", "index", "query", "vacuum", "rust", "lifetimes",
    "borrow", "checker", "react", "hooks", "state", "javascript", "promise", "async", "css", "grid", "flexbox",
    "linux", "kernel", "module", "bash", "script", "regex", "sql", "join", "recipe", "chicken", "curry", "pasta",
    "sauce", "bread", "sourdough", "starter", "marathon", "training", "running", "vacation", "japan", "travel",
    "budget", "mortgage", "tax", "email", "draft", "cover", "letter", "resume", "interview", "machine", "learning",
    "neural", "network", "gradient", "descent", "llama", "ollama", "model", "prompt", "garden", "tomato", "coffee",
    "espresso", "guitar", "chords", "piano", "chess", "opening", "physics", "quantum", "entanglement", "history",
    "rome", "empire", "essay", "poem", "sonnet", "nginx", "proxy", "certificate", "backup", "restic", "router",
    "wifi", "bluetooth", "battery", "laptop", "keyboard", "monitor", "camera", "lens", "aperture", "photography",
    "painting", "watercolor", "knitting", "sweater", "yoga", "meditation", "sleep", "insomnia", "vitamin", "protein",
    "salad", "soup", "lasagna", "pizza", "dough", "yeast", "cake", "chocolate", "wine", "cheese", "spreadsheet",
    "formula", "pivot", "table", "invoice", "contract", "lease", "apartment", "moving", "furniture", "paint",
    "bicycle", "tire", "brake", "engine", "oil", "electric", "solar", "panel", "inverter", "heat", "pump",
};

// The 50 queries: 1-3 words, a third of them a word being typed (prefix).
const char *const Queries[] = {
    "docker",          "docker compose",       "kubernetes ingress", "python sort",    "python list compre",
    "git rebase",      "git reb",              "postgres",           "postgres index", "rust lifetimes",
    "rust borr",       "react hooks",          "javascript promise", "css grid",       "linux kernel module",
    "bash script",     "regex",                "sql join",           "recipe",         "chicken curry",
    "pasta sauce",     "sourdough starter",    "sourd",              "marathon train", "japan travel",
    "mortgage",        "tax",                  "cover letter",       "interv",         "machine learning",
    "neural network",  "gradient desc",        "ollama model",       "llama",          "garden tomato",
    "espresso",        "guitar chords",        "chess opening",      "quantum entang", "history rome",
    "nginx proxy",     "certificate",          "backup restic",      "wifi router",    "kube",
    "how to use docker", "solar panel inv", "watercolor",        "sweater knit",   "heat pump",
};

struct Vocabulary
{
    QStringList words;                 ///< by rank
    std::vector<double> cumulative;    ///< Zipf weights, summed
};

// Zipf-distributed words: the common words first, the topic words spread over ranks 4,000-19,000,
// and made-up words for the long tail (20,000 distinct words in all).
Vocabulary makeVocabulary(std::mt19937 &random)
{
    Vocabulary vocabulary;
    for (const char *word : CommonWords)
        vocabulary.words.append(QString::fromLatin1(word));
    static const char *const Syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "ve", "si", "po", "dra", "ent", "ion",
                                            "ar", "est", "ul", "ing", "or", "ble", "qu", "zen"};
    std::uniform_int_distribution<int> syllable(0, int(std::size(Syllables)) - 1);
    std::uniform_int_distribution<int> length(2, 4);
    while (vocabulary.words.size() < 20000) {
        QString word;
        for (int i = length(random); i > 0; --i)
            word += QLatin1String(Syllables[syllable(random)]);
        vocabulary.words.append(word);
    }
    // Rare outside their topic: a word at rank 4,000 turns up in about one chat in ten.
    int rank = 4000;
    for (const char *word : TopicWords) {
        vocabulary.words.insert(rank, QString::fromLatin1(word));
        rank += 90;
    }
    double sum = 0;
    for (int i = 0; i < vocabulary.words.size(); ++i) {
        sum += 1.0 / std::pow(i + 1.0, 1.05);
        vocabulary.cumulative.push_back(sum);
    }
    return vocabulary;
}

QString randomWord(const Vocabulary &vocabulary, std::mt19937 &random)
{
    std::uniform_real_distribution<double> uniform(0, vocabulary.cumulative.back());
    const auto at = std::lower_bound(vocabulary.cumulative.begin(), vocabulary.cumulative.end(), uniform(random));
    return vocabulary.words.at(int(at - vocabulary.cumulative.begin()));
}

/// About 1.4 KB of sentences, one word in twelve from the chat's topic.
QString makeMessage(const Vocabulary &vocabulary, const QStringList &topic, std::mt19937 &random)
{
    std::uniform_int_distribution<int> sentenceLength(6, 22);
    std::uniform_int_distribution<int> topicPick(0, int(topic.size()) - 1);
    std::uniform_int_distribution<int> dice(0, 11);
    QString text;
    while (text.size() < 1400) {
        QString sentence;
        for (int i = sentenceLength(random); i > 0; --i) {
            sentence += (dice(random) == 0 ? topic.at(topicPick(random)) : randomWord(vocabulary, random)) + QLatin1Char(' ');
        }
        sentence[0] = sentence.at(0).toUpper();
        sentence.chop(1);
        text += sentence + (dice(random) < 2 ? QStringLiteral(".\n\n") : QStringLiteral(". "));
    }
    return text;
}

bool buildHistory(const QString &path, int chats, int perChat)
{
    ChatStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    std::mt19937 random(18);
    const Vocabulary vocabulary = makeVocabulary(random);
    std::uniform_int_distribution<int> topicWord(0, int(std::size(TopicWords)) - 1);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < chats; ++i) {
        QStringList topic;
        for (int k = 0; k < 4; ++k)
            topic.append(QString::fromLatin1(TopicWords[topicWord(random)]));
        ChatSummary chat;
        chat.title = topic.at(0) + QLatin1Char(' ') + topic.at(1);
        chat.title[0] = chat.title.at(0).toUpper();
        chat.model = QStringLiteral("llama3.2:latest");
        QList<ChatMessage> messages;
        for (int j = 0; j < perChat; ++j) {
            ChatMessage message;
            message.role = j % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
            message.content = makeMessage(vocabulary, topic, random);
            messages.append(message);
        }
        if (!store.importChat(chat, messages, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
        if (i % 1000 == 999)
            std::fprintf(stderr, "built %d chats (%.0f s)\n", i + 1, double(timer.elapsed()) / 1000);
    }
    return true;
}

/// Turns @p path back into what the release before the index wrote: schema 2, no index.
bool downgrade(const QString &path)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const char *statement :
             {"DROP TRIGGER messages_search_insert", "DROP TRIGGER messages_search_delete", "DROP TRIGGER messages_search_update",
              "DROP TRIGGER chats_search_insert", "DROP TRIGGER chats_search_delete", "DROP TRIGGER chats_search_update",
              "DROP TABLE chat_search", "DROP VIEW chat_search_source", "DROP TABLE chat_search_state",
              "DROP INDEX chats_by_search_doc", "PRAGMA user_version = 2", "VACUUM"})
            ok = ok && query.exec(QString::fromLatin1(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    return ok;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

/// Each query's median time over @p runs, in ms, for the first page (100 chats, as the window
/// and the browser page ask), with the total count.
std::vector<double> measure(const ChatStore &store, int runs, std::vector<int> *found)
{
    std::vector<double> perQuery;
    for (const char *text : Queries) {
        std::vector<double> times;
        int total = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            total = store.search(QString::fromLatin1(text), 0, 100).total;
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        perQuery.push_back(percentile(times, 0.5));
        found->push_back(total);
    }
    return perQuery;
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int chats = envInt("BENCH_CHATS", 10000);
    const int perChat = envInt("BENCH_MESSAGES", 20);
    const QString cacheDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::temp().filePath(QStringLiteral("corral-bench-search"));
    QDir().mkpath(cacheDir);
    const QString cached = QDir(cacheDir).filePath(QStringLiteral("history-%1x%2-v2.db").arg(chats).arg(perChat));
    if (!QFileInfo::exists(cached)) {
        std::fprintf(stderr, "building %d chats x %d messages in %s (kept for later runs)\n", chats, perChat, qPrintable(cached));
        const QString partial = cached + QStringLiteral(".part");
        QFile::remove(partial);
        if (!buildHistory(partial, chats, perChat) || !downgrade(partial) || !QFile::rename(partial, cached))
            return 1;
    }
    const QString path = QDir(cacheDir).filePath(QStringLiteral("run.db"));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    if (!QFile::copy(cached, path))
        return 1;

    ChatStore store;
    QString error;
    QElapsedTimer timer;
    timer.start();
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    qint64 bytes = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("size"));
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open() && query.exec(QStringLiteral("SELECT SUM(LENGTH(CAST(content AS BLOB))) FROM messages")) && query.next())
            bytes = query.value(0).toLongLong();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("size"));
    std::printf("history: %d chats x %d messages, %.0f MB of message text, file %.0f MB\n", chats, perChat,
                double(bytes) / 1e6, double(QFileInfo(cached).size()) / 1e6);

    // LIKE: the search before the index (and during its migration).
    std::vector<int> likeFound;
    const bool measureLike = qEnvironmentVariable("BENCH_LIKE_RUNS") != QLatin1String("0");
    const std::vector<double> like = measureLike ? measure(store, envInt("BENCH_LIKE_RUNS", 1), &likeFound)
                                                 : std::vector<double>(std::size(Queries), 0.0);
    likeFound.resize(like.size());
    const int batchRows = envInt("BENCH_BATCH_ROWS", ChatSearch::DefaultBatchRows);

    // Migration: schema step at open, then the batches: on the store's background indexer as
    // Corral runs it (BatchPauseMs between batches), or back to back with BENCH_BATCH_ROWS.
    timer.restart();
    int batches = 0;
    const bool direct = qEnvironmentVariableIsSet("BENCH_BATCH_ROWS");
    if (direct) {
        while (store.searchIndexProgress() < 100) {
            if (store.indexSearchBatch(batchRows) < 0)
                return 1;
            ++batches;
        }
    } else {
        QObject::connect(&store, &ChatStore::searchIndexProgressChanged, &app, [&batches] { ++batches; });
        QObject::connect(&store, &ChatStore::searchIndexFinished, &app, [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        if (store.startSearchIndexing() && QCoreApplication::exec() != 0)
            return 1;
    }
    const double migrateMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("migration: schema step (titles) %.0f ms at open, messages %.1f s in %d batches of %d (%s)\n", openMs,
                migrateMs / 1000, batches, batchRows, direct ? "back to back" : "background indexer");
    std::printf("file after migration: %.0f MB\n", double(QFileInfo(path).size()) / 1e6);

    std::vector<int> ftsFound;
    const std::vector<double> fts = measure(store, envInt("BENCH_FTS_RUNS", 5), &ftsFound);

    std::printf("\n%-24s %10s %8s %10s %8s\n", "query", "LIKE ms", "found", "FTS ms", "found");
    for (size_t i = 0; i < fts.size(); ++i)
        std::printf("%-24s %10.1f %8d %10.2f %8d\n", Queries[i], like[i], likeFound[i], fts[i], ftsFound[i]);
    std::printf("\n%d queries, first page of 100 with the total:\n", int(fts.size()));
    std::printf("LIKE: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", percentile(like, 0.5), percentile(like, 0.99), percentile(like, 1));
    std::printf("FTS:  p50 %.2f ms, p99 %.2f ms, max %.2f ms (targets: p50 <= 10, p99 <= 50)\n", percentile(fts, 0.5),
                percentile(fts, 0.99), percentile(fts, 1));
    std::printf("p50 ratio LIKE/FTS: %.0fx\n", percentile(like, 0.5) / percentile(fts, 0.5));
    return 0;
}
