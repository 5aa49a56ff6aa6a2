// SPDX-License-Identifier: GPL-3.0-or-later
// Reading attached files: text and code as UTF-8, binary files refused, PDFs through Poppler,
// the limits, and what the model gets.
#include "core/attachment.h"

#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QtTest>

using namespace Corral;

class TestAttachment : public QObject
{
    Q_OBJECT

private:
    QString write(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            return QString();
        return path;
    }
    // A real PDF with one line of text per page, written by Qt's own PDF engine.
    QString writePdf(const QString &name, int pages)
    {
        const QString path = m_dir.filePath(name);
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A6));
        QPainter painter(&writer);
        for (int page = 1; page <= pages; ++page) {
            if (page > 1)
                writer.newPage();
            painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 12));
            painter.drawText(QPointF(100, 400), QStringLiteral("Page %1 says hello").arg(page));
        }
        painter.end();
        return path;
    }
    QTemporaryDir m_dir;

private Q_SLOTS:
    void textFile_isReadAsUtf8WithItsName()
    {
        const QByteArray code = "// grüße\nint main() { return 0; }\n";
        QString error;
        const auto attachment = Attachments::readFile(write(QStringLiteral("main.cpp"), "\xEF\xBB\xBF" + code), &error);
        QVERIFY2(attachment, qPrintable(error));
        QCOMPARE(attachment->name, QStringLiteral("main.cpp"));
        QCOMPARE(attachment->kind, Attachment::Kind::Text);
        QCOMPARE(attachment->text, QString::fromUtf8(code)); // without the byte order mark
        QCOMPARE(attachment->size, qint64(code.size() + 3));
    }

    void binaryFile_isRefusedForItsNulBytes()
    {
        QString error;
        QVERIFY(!Attachments::readFile(write(QStringLiteral("a.out"), QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0", 10)), &error));
        QVERIFY2(error.contains(QLatin1String("binary")), qPrintable(error));
    }

    void invalidUtf8_isRefused_aFewStrayBytesAreNot()
    {
        QString error;
        QByteArray latin1;
        for (int i = 0; i < 50; ++i)
            latin1 += "caf\xE9 ";
        QVERIFY(!Attachments::fromText(QStringLiteral("menu.txt"), latin1, &error));
        QVERIFY2(error.contains(QLatin1String("UTF-8")), qPrintable(error));
        // One Latin-1 byte in a long log is not a binary file.
        const QByteArray log = QByteArray(2000, 'x') + "\xE9\n";
        QVERIFY2(Attachments::fromText(QStringLiteral("log.txt"), log, &error), qPrintable(error));
        // A real U+FFFD in the text does not count against it.
        QVERIFY(Attachments::fromText(QStringLiteral("r.txt"), "\xEF\xBF\xBD ok", &error));
    }

    void tooLargeTextFile_isRefusedNamingTheLimit()
    {
        Attachments::Limits limits;
        limits.maxTextBytes = 1024;
        QString error;
        QVERIFY(!Attachments::readFile(write(QStringLiteral("big.log"), QByteArray(1025, 'a')), &error, limits));
        QVERIFY2(error.contains(QLatin1String("big.log")) && error.contains(QLatin1String("1 kB"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(Attachments::readFile(write(QStringLiteral("fits.log"), QByteArray(1024, 'a')), &error, limits));
        // The default: 1 MiB of text.
        QVERIFY(!Attachments::readFile(write(QStringLiteral("huge.log"), QByteArray(1024 * 1024 + 1, 'a')), &error));
        QVERIFY2(error.contains(QLatin1String("1 MB"), Qt::CaseInsensitive), qPrintable(error));
    }

    void pdf_givesItsTextAndPageCount()
    {
        QString error;
        const auto attachment = Attachments::readFile(writePdf(QStringLiteral("report.pdf"), 3), &error);
        QVERIFY2(attachment, qPrintable(error));
        QCOMPARE(attachment->kind, Attachment::Kind::Pdf);
        QCOMPARE(attachment->pages, 3);
        QVERIFY2(attachment->text.contains(QLatin1String("Page 1 says hello")), qPrintable(attachment->text));
        QVERIFY(attachment->text.contains(QLatin1String("Page 3 says hello")));
        QVERIFY2(Attachments::describe(*attachment).endsWith(QLatin1String("3 pages")), qPrintable(Attachments::describe(*attachment)));
    }

    void pdf_overThePageLimit_isRefused()
    {
        Attachments::Limits limits;
        limits.maxPdfPages = 2;
        QString error;
        QVERIFY(!Attachments::readFile(writePdf(QStringLiteral("long.pdf"), 3), &error, limits));
        QVERIFY2(error.contains(QLatin1String("3 pages")) && error.contains(QLatin1String("2 pages")), qPrintable(error));
    }

    void pdf_tooLarge_isRefusedBeforeItIsRead()
    {
        Attachments::Limits limits;
        limits.maxPdfBytes = 100;
        QString error;
        QVERIFY(!Attachments::readFile(writePdf(QStringLiteral("one.pdf"), 1), &error, limits));
        QVERIFY2(error.contains(QLatin1String("PDFs up to")), qPrintable(error));
    }

    void unreadablePdf_isRefused()
    {
        QString error;
        QVERIFY(!Attachments::readFile(write(QStringLiteral("broken.pdf"), "%PDF-1.7\nnot really a pdf\n"), &error));
        QVERIFY2(error.contains(QLatin1String("broken.pdf")), qPrintable(error));
        // A file named .pdf that is plain text is not sent as text either.
        QVERIFY(!Attachments::fromData(QStringLiteral("notes.pdf"), "just text", &error));
    }

    void encryptedPdf_isRefusedSayingSo()
    {
        // tests/support/fixtures/locked.pdf: the standard security handler with a user password.
        QString error;
        QVERIFY(!Attachments::readFile(QStringLiteral(CORRAL_FIXTURES "/locked.pdf"), &error));
        QVERIFY2(error.contains(QLatin1String("locked.pdf is encrypted")), qPrintable(error));
    }

    void totalPerMessage_isLimited()
    {
        Attachments::Limits limits;
        limits.maxMessageChars = 10;
        Attachment a;
        a.text = QStringLiteral("123456");
        QString error;
        QVERIFY(Attachments::checkTotal({a}, &error, limits));
        QVERIFY(!Attachments::checkTotal({a, a}, &error, limits));
        QVERIFY2(error.contains(QLatin1String("12")), qPrintable(error));
    }

    void modelContent_putsEachFileInAFenceHeadedByItsName()
    {
        Attachment code;
        code.name = QStringLiteral("notes.md");
        code.text = QStringLiteral("Use ```cpp fences```\n");
        Attachment plain;
        plain.name = QStringLiteral("a.txt");
        plain.text = QStringLiteral("alpha");
        QCOMPARE(Attachments::modelContent(QStringLiteral("Summarise"), {code, plain}),
                 QStringLiteral("File: notes.md\n````\nUse ```cpp fences```\n````\n\nFile: a.txt\n```\nalpha\n```\n\nSummarise"));
        QCOMPARE(Attachments::modelContent(QStringLiteral("no files"), {}), QStringLiteral("no files"));
    }

    void json_roundTrips_andBadShapesAreRefused()
    {
        Attachment pdf;
        pdf.name = QStringLiteral("r.pdf");
        pdf.kind = Attachment::Kind::Pdf;
        pdf.size = 1234;
        pdf.pages = 2;
        pdf.text = QStringLiteral("x");
        const auto back = Attachments::fromJson(Attachments::toJson({pdf}), nullptr);
        QVERIFY(back);
        QCOMPARE(*back, QList<Attachment>{pdf});
        QString error;
        QVERIFY(!Attachments::fromJson(QJsonValue(QStringLiteral("no")), &error));
        QVERIFY(!Attachments::fromJson(QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}}}, &error));
        QVERIFY(Attachments::fromJson(QJsonValue(), &error)->isEmpty());
    }
};

QTEST_MAIN(TestAttachment)
#include "tst_attachment.moc"
