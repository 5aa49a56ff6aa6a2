// SPDX-License-Identifier: GPL-3.0-or-later
// How the conversation view takes a changed list of messages: what did not change stays in the
// document (its blocks are not made again), only the messages from the first change on are
// rendered again, and the last message's actions follow it.
#include "gui/conversationview.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace Corral;

namespace {

ChatMessage message(qint64 id, const QString &role, const QString &content)
{
    ChatMessage m;
    m.id = id;
    m.position = int(id - 1);
    m.role = role;
    m.content = content;
    return m;
}

QList<ChatMessage> conversation(int count)
{
    QList<ChatMessage> messages;
    for (int i = 1; i <= count; ++i)
        messages.append(i % 2 ? message(i, QStringLiteral("user"), QStringLiteral("Question %1").arg(i))
                              : message(i, QStringLiteral("assistant"), QStringLiteral("## Answer %1\n\n- a point\n\n```cpp\nint x = %1;\n```").arg(i)));
    return messages;
}

// Marks every block that is in the document now: a block made again later has no mark.
void markBlocks(QTextDocument *document)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
        block.setUserState(7);
}

// How many blocks up to and including the one with @p text were made since markBlocks().
int unmarkedThrough(QTextDocument *document, const QString &text)
{
    int unmarked = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        unmarked += block.userState() != 7;
        if (block.text().contains(text))
            return unmarked;
    }
    return -1; // no such text
}

} // namespace

class TestConversationUpdates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendedMessage_leavesEarlierBlocksAlone();
    void changedAnswer_rendersFromThatMessage();
    void deletedLastMessage_givesTheNewLastItsRegenerate();
    void longConversation_appendWhileSlicing();
    void loading_countsAsRenderingUntilTheMessagesCome();
    void otherChat_rendersFromScratch();
    void foundMessageAtTheEndOfASlice_isReachedAsTheRestArrives();
    void foundMessage_userScrollDuringTheRenderWins();
};

void TestConversationUpdates::appendedMessage_leavesEarlierBlocksAlone()
{
    ConversationView view;
    view.resize(700, 500);
    view.show();
    QList<ChatMessage> messages = conversation(6);
    view.setMessages(messages);
    QVERIFY(!view.isRendering());
    markBlocks(view.document());
    const int blocks = view.document()->blockCount();
    messages.append(message(7, QStringLiteral("user"), QStringLiteral("And one more")));
    view.setMessages(messages);
    // Messages 1-5 were not touched; 6 (no longer last) and 7 are new blocks.
    QCOMPARE(unmarkedThrough(view.document(), QStringLiteral("Question 5")), 0);
    QVERIFY(unmarkedThrough(view.document(), QStringLiteral("Answer 6")) > 0);
    QVERIFY(view.document()->blockCount() > blocks);
    const QString text = view.toPlainText();
    QCOMPARE(text.count(QLatin1String("Question 1")), 1);
    QCOMPARE(text.count(QLatin1String("Answer 6")), 1);
    QVERIFY(text.contains(QLatin1String("And one more")));
    // The same list again changes nothing at all.
    markBlocks(view.document());
    view.setMessages(messages);
    QCOMPARE(unmarkedThrough(view.document(), QStringLiteral("And one more")), 0);
}

void TestConversationUpdates::changedAnswer_rendersFromThatMessage()
{
    ConversationView view;
    view.resize(700, 500);
    view.show();
    QList<ChatMessage> messages = conversation(8);
    view.setMessages(messages);
    markBlocks(view.document());
    messages[5].content = QStringLiteral("A **new** sixth answer");
    view.setMessages(messages);
    QCOMPARE(unmarkedThrough(view.document(), QStringLiteral("Question 5")), 0);
    QVERIFY(unmarkedThrough(view.document(), QStringLiteral("A new sixth answer")) > 0);
    const QString text = view.toPlainText();
    QVERIFY(!text.contains(QLatin1String("Answer 6")));
    QVERIFY(text.contains(QLatin1String("A new sixth answer")));
    QVERIFY(text.indexOf(QLatin1String("A new sixth answer")) < text.indexOf(QLatin1String("Question 7")));
    QCOMPARE(text.count(QLatin1String("Question 7")), 1);
    QCOMPARE(text.count(QLatin1String("Answer 8")), 1);
    QVERIFY(view.messageTop(7) > view.messageTop(6));
}

void TestConversationUpdates::deletedLastMessage_givesTheNewLastItsRegenerate()
{
    ConversationView view;
    QList<ChatMessage> messages = conversation(4);
    messages.append(message(5, QStringLiteral("user"), QStringLiteral("unanswered")));
    view.setMessages(messages);
    QCOMPARE(view.toPlainText().count(QLatin1String("Regenerate")), 0); // the last is a question
    messages.removeLast();
    view.setMessages(messages);
    const QString text = view.toPlainText();
    QVERIFY(!text.contains(QLatin1String("unanswered")));
    QCOMPARE(text.count(QLatin1String("Regenerate")), 1);
    QVERIFY(text.indexOf(QLatin1String("Regenerate")) > text.indexOf(QLatin1String("Answer 4")));
    QCOMPARE(text.count(QLatin1String("Answer 4")), 1);
}

void TestConversationUpdates::longConversation_appendWhileSlicing()
{
    ConversationView view;
    view.resize(700, 500);
    view.show();
    QList<ChatMessage> messages = conversation(3000);
    QSignalSpy finished(&view, &ConversationView::renderingFinished);
    view.setMessages(messages);
    QVERIFY(view.isRendering());
    messages.append(message(3001, QStringLiteral("user"), QStringLiteral("Appended meanwhile")));
    view.setMessages(messages);
    QVERIFY(finished.wait(60000));
    QVERIFY(!view.isRendering());
    const QString text = view.toPlainText();
    QCOMPARE(text.count(QLatin1String("Question 1\n")), 1);
    QCOMPARE(text.count(QLatin1String("Answer 3000")), 1);
    QCOMPARE(text.count(QLatin1String("Appended meanwhile")), 1);
    QVERIFY(text.indexOf(QLatin1String("Answer 3000")) < text.indexOf(QLatin1String("Appended meanwhile")));
    QScrollBar *bar = view.verticalScrollBar();
    QCOMPARE(bar->value(), bar->maximum());
    // Appending to the finished conversation renders the tail only, and stays at the bottom.
    markBlocks(view.document());
    messages.append(message(3002, QStringLiteral("assistant"), QStringLiteral("Last answer")));
    view.setMessages(messages);
    QVERIFY(!view.isRendering());
    QCOMPARE(unmarkedThrough(view.document(), QStringLiteral("Answer 3000")), 0);
    QVERIFY(unmarkedThrough(view.document(), QStringLiteral("Last answer")) > 0);
    QCOMPARE(view.toPlainText().count(QLatin1String("Appended meanwhile")), 1);
    QCOMPARE(view.toPlainText().count(QLatin1String("Last answer")), 1);
    QCOMPARE(bar->value(), bar->maximum());
}

void TestConversationUpdates::loading_countsAsRenderingUntilTheMessagesCome()
{
    ConversationView view;
    view.setMessages(conversation(2));
    view.showLoading(5000);
    QVERIFY(view.isRendering());
    QVERIFY(view.toPlainText().contains(QLatin1String("Loading")));
    QVERIFY(view.toPlainText().contains(QLocale().toString(5000)));
    QVERIFY(!view.toPlainText().contains(QLatin1String("Question 1")));
    view.flush(); // nothing to render yet: returns at once
    QVERIFY(view.isRendering());
    // A search result opened meanwhile is kept for when its message arrives.
    QVERIFY(view.scrollToMessage(40));
    view.setMessages(conversation(ConversationView::SyncMessages));
    QVERIFY(!view.isRendering());
    QVERIFY(!view.toPlainText().contains(QLatin1String("Loading")));
    QVERIFY(view.toPlainText().contains(QLatin1String("Question 199")));
    QVERIFY(view.messageTop(40) >= 0);
}

void TestConversationUpdates::otherChat_rendersFromScratch()
{
    ConversationView view;
    view.setMessages(conversation(4));
    QList<ChatMessage> other;
    for (int i = 100; i < 103; ++i)
        other.append(message(i, QStringLiteral("user"), QStringLiteral("Other %1").arg(i)));
    view.setMessages(other);
    const QString text = view.toPlainText();
    QVERIFY(!text.contains(QLatin1String("Question 1")));
    QCOMPARE(text.count(QLatin1String("Other 100")), 1);
    QCOMPARE(view.messageTop(1), -1);
    view.setMessages({});
    QVERIFY(view.toPlainText().contains(QLatin1String("Start a conversation")));
}

namespace {

// A shown view that has begun drawing a 3,000-message chat, and the newest message its first
// slice put in the document: nothing is below that one yet, so the scroll bar cannot bring it
// to the top of the view.
struct SlicedRender
{
    SlicedRender()
        : messages(conversation(3000))
    {
        view.resize(700, 500);
        view.show();
        view.setMessages(messages);
        for (const ChatMessage &m : messages) {
            if (view.messageTop(m.id) < 0)
                break;
            lastRendered = m.id;
        }
    }
    ConversationView view;
    const QList<ChatMessage> messages;
    QSignalSpy finished{&view, &ConversationView::renderingFinished};
    qint64 lastRendered = 0;
};

} // namespace

void TestConversationUpdates::foundMessageAtTheEndOfASlice_isReachedAsTheRestArrives()
{
    SlicedRender render;
    QVERIFY(render.view.isRendering());
    QVERIFY(render.lastRendered > 1);
    const qint64 found = render.lastRendered;
    QScrollBar *bar = render.view.verticalScrollBar();
    QVERIFY(render.view.scrollToMessage(found));
    QVERIFY(bar->value() < render.view.messageTop(found)); // at the end of the document so far
    QVERIFY(render.finished.wait(60000));
    QVERIFY(bar->maximum() > render.view.messageTop(found));
    QCOMPARE(bar->value(), render.view.messageTop(found));
}

void TestConversationUpdates::foundMessage_userScrollDuringTheRenderWins()
{
    SlicedRender render;
    QVERIFY(render.view.isRendering());
    QVERIFY(render.view.scrollToMessage(render.lastRendered));
    QScrollBar *bar = render.view.verticalScrollBar();
    bar->triggerAction(QAbstractSlider::SliderToMinimum); // as Ctrl+Home or a drag would
    QCOMPARE(bar->value(), 0);
    QVERIFY(render.finished.wait(60000));
    QCOMPARE(bar->value(), 0); // neither pulled to the found message nor to the bottom
}

QTEST_MAIN(TestConversationUpdates)
#include "tst_conversationupdates.moc"
