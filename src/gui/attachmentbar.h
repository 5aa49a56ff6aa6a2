// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/attachment.h"

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QMimeData;
class QPalette;

namespace Corral {

/**
 * The files waiting to go with the next message, as removable chips above the message box:
 * images (sent as Ollama's images) and text, code and PDF files (their text goes to the model,
 * core/attachment.h). Hidden while there is nothing attached.
 */
class AttachmentBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentBar)

public:
    explicit AttachmentBar(QWidget *parent = nullptr);

    /// Attaches a file from disk; false with the reason in @p error (too large, binary, ...).
    bool addFile(const QString &path, QString *error);
    /// Attaches what a drop or the clipboard carries: local files, or an image. Returns how many
    /// were attached; refusals are joined in @p errors.
    int addMimeData(const QMimeData *data, QStringList *errors);
    /// Whether @p data holds something addMimeData() takes (a paste or drop to intercept).
    static bool canAdd(const QMimeData *data);

    QStringList images() const;
    QList<Attachment> files() const { return m_files; }
    bool isEmpty() const { return m_images.isEmpty() && m_files.isEmpty(); }
    /// The chips' texts, in order: images first, then files.
    QStringList chipTexts() const;
    void removeAt(int index);
    void clear();

Q_SIGNALS:
    void changed();

private:
    struct PendingImage
    {
        QString name;
        qint64 size = 0;
        QString base64;
    };
    bool addImage(const QString &name, const QByteArray &bytes, QString *error);
    void rebuild();

    QHBoxLayout *m_layout;
    QList<PendingImage> m_images;
    QList<Attachment> m_files;
};

/// A sent message's attachments as a line of chips (name, size, pages) for the conversation.
QString attachmentChipsHtml(const QList<Attachment> &attachments, const QPalette &palette);

} // namespace Corral
