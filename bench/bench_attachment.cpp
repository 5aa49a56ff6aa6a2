// SPDX-License-Identifier: GPL-3.0-or-later
// How long attaching a file takes: a PDF of 100 pages (the page limit) written by QPdfWriter,
// 50 lines a page, read through Poppler; and a 1 MiB text file (the text limit). Prints the
// median of five reads of each. Why the window and the server read PDFs off their own threads.
#include "core/attachment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

qint64 medianMs(const QString &path, QString *summary)
{
    QList<qint64> times;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto attachment = Corral::Attachments::readFile(path, &error);
        times.append(timer.elapsed());
        *summary = attachment ? QStringLiteral("%1 pages, %2 characters, %3 bytes").arg(attachment->pages).arg(attachment->text.size()).arg(attachment->size)
                              : error;
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("long.pdf"));
    {
        QPdfWriter writer(pdf);
        writer.setPageSize(QPageSize(QPageSize::A4));
        QPainter painter(&writer);
        for (int page = 0; page < Corral::Attachments::defaultLimits().maxPdfPages; ++page) {
            if (page)
                writer.newPage();
            for (int line = 0; line < 50; ++line)
                painter.drawText(QPointF(200, 200 + line * 180),
                                 QStringLiteral("Page %1 line %2: the quick brown fox jumps over the lazy dog again.").arg(page).arg(line));
        }
    }
    const QString text = dir.filePath(QStringLiteral("big.log"));
    {
        QFile file(text);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        const QByteArray line = "2026-12-02 12:00:00 info: a line of an ordinary log file, UTF-8: grüße\n";
        while (file.size() + line.size() <= Corral::Attachments::defaultLimits().maxTextBytes)
            file.write(line);
    }
    QString summary;
    const qint64 pdfMs = medianMs(pdf, &summary);
    std::printf("pdf, 100 pages: median %lld ms (%s)\n", static_cast<long long>(pdfMs), qPrintable(summary));
    const qint64 textMs = medianMs(text, &summary);
    std::printf("text, 1 MiB:    median %lld ms (%s)\n", static_cast<long long>(textMs), qPrintable(summary));
    return 0;
}
