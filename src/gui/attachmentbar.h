// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/attachment.h"

#include <QStringList>
#include <QThreadPool>
#include <QWidget>

class QHBoxLayout;
class QMimeData;
class QPalette;

namespace Corral {

/**
 * The files waiting to go with the next message, as removable chips above the message box:
 * images (sent as Ollama's images) and text, code and PDF files (their text goes to the model,
 * core/attachment.h). Hidden while there is nothing attached. PDFs are read on a worker thread
 * (100 pages take a second or two), shown as "reading…" until they are in; refusals found
 * then arrive as refused().
 */
class AttachmentBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentBar)

public:
    explicit AttachmentBar(QWidget *parent = nullptr);

    /// Attaches a file from disk; false with the reason in @p error (too large, binary, ...).
    /// A PDF is accepted for reading: it is attached, or refused(), once it has been read.
    bool addFile(const QString &path, QString *error);
    /// A PDF is still being read: the message cannot be sent yet.
    bool isReading() const { return !m_reading.isEmpty(); }
    /// Attaches what a drop or the clipboard carries: local files, or an image. Returns how many
    /// were attached; refusals are joined in @p errors.
    int addMimeData(const QMimeData *data, QStringList *errors);
    /// Whether @p data holds something addMimeData() takes (a paste or drop to intercept).
    static bool canAdd(const QMimeData *data);

    QStringList images() const;
    QList<Attachment> files() const { return m_files; }
    bool isEmpty() const { return m_images.isEmpty() && m_files.isEmpty(); }
    /// The chips' texts, in order: images, files, then those still being read.
    QStringList chipTexts() const;
    void removeAt(int index);
    void clear();

Q_SIGNALS:
    void changed();
    /// A file that was being read turned out not to be attachable: why.
    void refused(const QString &reason);

private:
    struct PendingImage
    {
        QString name;
        qint64 size = 0;
        QString base64;
    };
    struct Reading
    {
        int id = 0;
        QString name;
    };
    bool addImage(const QString &name, const QByteArray &bytes, QString *error);
    bool addAttachment(const Attachment &attachment, QString *error);
    void readInBackground(const QString &path);
    void rebuild();

    QHBoxLayout *m_layout;
    QList<PendingImage> m_images;
    QList<Attachment> m_files;
    QList<Reading> m_reading;
    int m_nextReading = 0;
    QThreadPool m_readers; ///< destroyed, waiting for its reads, before the widget
};

/// A sent message's attachments as a line of chips (name, size, pages) for the conversation.
QString attachmentChipsHtml(const QList<Attachment> &attachments, const QPalette &palette);

} // namespace Corral
