// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/attachmentbar.h"

#include <QBuffer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPalette>
#include <QToolButton>
#include <QUrl>

namespace Corral {

namespace {

constexpr qint64 MaxImageBytes = 20 * 1024 * 1024;

// The formats Ollama's vision models take; anything else (SVG too) goes through Attachments.
bool isImageFile(const QString &path)
{
    static const QList<QByteArray> formats{"png", "jpeg", "jpg", "gif", "webp", "bmp"};
    return formats.contains(QImageReader::imageFormat(path));
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

AttachmentBar::AttachmentBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    m_readers.setMaxThreadCount(1);
    hide();
}

bool AttachmentBar::addFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isFile() && isImageFile(path)) {
        if (info.size() > MaxImageBytes) {
            if (error)
                *error = tr("%1 is larger than 20 MB: Corral sends images up to 20 MB.").arg(info.fileName());
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString());
            return false;
        }
        return addImage(info.fileName(), file.readAll(), error);
    }
    if (info.isFile() && info.size() <= Attachments::defaultLimits().maxPdfBytes) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && Attachments::looksLikePdf(info.fileName(), file.peek(5))) {
            readInBackground(path);
            return true;
        }
    }
    const auto attachment = Attachments::readFile(path, error);
    return attachment && addAttachment(*attachment, error);
}

bool AttachmentBar::addAttachment(const Attachment &attachment, QString *error)
{
    QList<Attachment> all = m_files;
    all.append(attachment);
    if (!Attachments::checkTotal(all, error))
        return false;
    m_files = all;
    rebuild();
    return true;
}

void AttachmentBar::readInBackground(const QString &path)
{
    const Reading reading{++m_nextReading, QFileInfo(path).fileName()};
    m_reading.append(reading);
    rebuild();
    m_readers.start([this, path, id = reading.id] {
        QString error;
        const std::optional<Attachment> attachment = Attachments::readFile(path, &error);
        QMetaObject::invokeMethod(this, [this, id, attachment, error] {
            const auto found = std::find_if(m_reading.cbegin(), m_reading.cend(), [id](const Reading &r) { return r.id == id; });
            if (found == m_reading.cend())
                return; // removed while it was read
            m_reading.erase(found);
            QString refusal = error;
            if (!attachment || !addAttachment(*attachment, &refusal)) {
                rebuild();
                Q_EMIT refused(refusal);
            }
        }, Qt::QueuedConnection);
    });
}

bool AttachmentBar::addImage(const QString &name, const QByteArray &bytes, QString *error)
{
    if (QImage::fromData(bytes).isNull()) {
        if (error)
            *error = tr("%1 is not an image Corral can send.").arg(name);
        return false;
    }
    m_images.append({name, bytes.size(), QString::fromLatin1(bytes.toBase64())});
    rebuild();
    return true;
}

bool AttachmentBar::canAdd(const QMimeData *data)
{
    if (!data)
        return false;
    if (data->hasImage())
        return true;
    const auto urls = data->urls();
    return std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) { return url.isLocalFile(); });
}

int AttachmentBar::addMimeData(const QMimeData *data, QStringList *errors)
{
    int added = 0;
    QString error;
    const auto urls = data->urls();
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        if (addFile(url.toLocalFile(), &error))
            ++added;
        else if (errors)
            errors->append(error);
    }
    if (!added && urls.isEmpty() && data->hasImage()) {
        // A screenshot in the clipboard: sent as PNG.
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (qvariant_cast<QImage>(data->imageData()).save(&buffer, "PNG") && addImage(tr("Pasted image.png"), png, &error))
            ++added;
        else if (errors)
            errors->append(error.isEmpty() ? tr("The pasted image could not be read.") : error);
    }
    return added;
}

QStringList AttachmentBar::images() const
{
    QStringList list;
    for (const PendingImage &image : m_images)
        list.append(image.base64);
    return list;
}

QStringList AttachmentBar::chipTexts() const
{
    QStringList texts;
    for (const PendingImage &image : m_images)
        texts.append(tr("%1 · %2").arg(image.name, sizeText(image.size)));
    for (const Attachment &file : m_files)
        texts.append(tr("%1 · %2").arg(file.name, Attachments::describe(file)));
    for (const Reading &reading : m_reading)
        texts.append(tr("%1 · reading…").arg(reading.name));
    return texts;
}

void AttachmentBar::removeAt(int index)
{
    if (index < 0)
        return;
    if (index < m_images.size())
        m_images.removeAt(index);
    else if (index - m_images.size() < m_files.size())
        m_files.removeAt(index - m_images.size());
    else if (index - m_images.size() - m_files.size() < m_reading.size())
        m_reading.removeAt(index - m_images.size() - m_files.size());
    rebuild();
}

void AttachmentBar::clear()
{
    m_images.clear();
    m_files.clear();
    m_reading.clear();
    rebuild();
}

void AttachmentBar::rebuild()
{
    while (m_layout->count() > 1) {
        QLayoutItem *item = m_layout->takeAt(0);
        delete item->widget();
        delete item;
    }
    const QStringList texts = chipTexts();
    for (int i = 0; i < texts.size(); ++i) {
        auto *chip = new QFrame(this);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setFrameShape(QFrame::StyledPanel);
        chip->setAutoFillBackground(true);
        chip->setBackgroundRole(QPalette::AlternateBase);
        auto *layout = new QHBoxLayout(chip);
        layout->setContentsMargins(8, 2, 2, 2);
        layout->setSpacing(4);
        auto *label = new QLabel(texts.at(i), chip);
        label->setTextFormat(Qt::PlainText);
        auto *remove = new QToolButton(chip);
        remove->setObjectName(QStringLiteral("removeAttachment"));
        remove->setText(QStringLiteral("\u00D7"));
        remove->setAutoRaise(true);
        const int file = i - int(m_images.size());
        const QString name = i < m_images.size() ? m_images.at(i).name
            : file < m_files.size()             ? m_files.at(file).name
                                                : m_reading.at(file - m_files.size()).name;
        remove->setToolTip(tr("Remove %1").arg(name));
        remove->setAccessibleName(remove->toolTip());
        connect(remove, &QToolButton::clicked, this, [this, i] { removeAt(i); });
        layout->addWidget(label);
        layout->addWidget(remove);
        m_layout->insertWidget(i, chip);
    }
    setVisible(!texts.isEmpty());
    Q_EMIT changed();
}

QString attachmentChipsHtml(const QList<Attachment> &attachments, const QPalette &palette)
{
    QStringList chips;
    for (const Attachment &attachment : attachments) {
        chips.append(QStringLiteral("<span style=\"background-color:%1\">&nbsp;<b>%2</b> <span style=\"color:%3\">%4</span>&nbsp;</span>")
                         .arg(palette.color(QPalette::Button).name(), attachment.name.toHtmlEscaped(),
                              palette.color(QPalette::PlaceholderText).name(), Attachments::describe(attachment).toHtmlEscaped()));
    }
    return chips.join(QStringLiteral(" "));
}

} // namespace Corral
