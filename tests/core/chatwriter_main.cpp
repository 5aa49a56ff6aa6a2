// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper for tst_chatdurability: streams an endless answer into the chat store at argv[1]
// and prints how many tokens it has received, until it is killed.
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "support/fakeollama.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Corral;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    Test::FakeOllama fake;
    fake.addModel(QStringLiteral("llama3.2:latest"));
    fake.setReplyTokenCount(100000);
    fake.setTokenDelayMs(10);
    if (!fake.listen())
        return 1;
    OllamaConnection connection;
    connection.setBaseUrl(fake.url());
    OllamaClient client(&connection);
    ChatStore store;
    QString error;
    if (!store.open(QString::fromLocal8Bit(argv[1]), &error))
        return 1;
    ChatSession session(&store, &client);
    session.setModel(QStringLiteral("llama3.2:latest"));
    int received = 0;
    QObject::connect(&session, &ChatSession::contentDelta, [&received] {
        std::printf("%d\n", ++received);
        std::fflush(stdout);
    });
    session.send(QStringLiteral("never stop"));
    return app.exec();
}
