// SPDX-License-Identifier: GPL-3.0-or-later
// Files in the conversation: text and code files are read here (UTF-8; binary files refused),
// PDFs go to Corral (POST /api/v1/attachments/extract), which reads them with Poppler. Each
// attachment is {name, kind: 'text'|'pdf', size, pages, text}; the model gets each as a fenced
// block headed by its name before the user's text, exactly as src/core/attachment.cpp builds it.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});

  // The window's limits (core/attachment.h); the server checks them again.
  const Limits = { textBytes: 1024 * 1024, pdfBytes: 20 * 1024 * 1024, messageChars: 2 * 1024 * 1024 };

  function refuse(message) {
    const error = new Error(message);
    error.name = 'AttachmentRefused';
    return error;
  }

  function sizeText(bytes) {
    if (bytes < 1024) return bytes + ' bytes';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }
  function describe(attachment) {
    const size = sizeText(attachment.size || 0);
    if (attachment.kind !== 'pdf') return size;
    return size + ' · ' + attachment.pages + (attachment.pages === 1 ? ' page' : ' pages');
  }

  function isPdf(file, head) {
    return file.type === 'application/pdf' || /\.pdf$/i.test(file.name) || head.startsWith('%PDF-');
  }

  async function readText(file, bytes) {
    if (file.size > Limits.textBytes) throw refuse(`${file.name} is larger than 1 MB: Corral attaches text files up to 1 MB.`);
    if (bytes.includes(0)) throw refuse(`${file.name} is a binary file: Corral attaches text, code and PDF files.`);
    const text = new TextDecoder('utf-8').decode(bytes); // drops a byte order mark
    // A few stray bytes are tolerated; more than 1% means it is not text (as the window decides).
    let replaced = 0;
    for (const c of text) if (c === '\uFFFD') replaced++;
    for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xEF && bytes[i + 1] === 0xBF && bytes[i + 2] === 0xBD) replaced--;
    if (replaced > 0 && replaced * 100 > Math.max(1, text.length)) throw refuse(`${file.name} is not UTF-8 text: Corral attaches text, code and PDF files.`);
    return { name: file.name, kind: 'text', size: file.size, pages: 0, text };
  }

  async function readPdf(file) {
    if (file.size > Limits.pdfBytes) throw refuse(`${file.name} is larger than 20 MB: Corral attaches PDFs up to 20 MB.`);
    const response = await Corral.request('/api/v1/attachments/extract?name=' + encodeURIComponent(file.name), {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/pdf' },
    });
    const json = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw refuse(json.error || response.statusText);
    return json;
  }

  // A file as an attachment; throws an AttachmentRefused error that says why not.
  async function read(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const head = String.fromCharCode(...bytes.slice(0, 5));
    return isPdf(file, head) ? readPdf(file) : readText(file, bytes);
  }

  function checkTotal(list) {
    const chars = list.reduce((sum, a) => sum + a.text.length, 0);
    if (chars > Limits.messageChars) throw refuse(`The attached files hold ${chars} characters of text; a message can carry ${Limits.messageChars}.`);
  }

  // What the model gets for a message: each file fenced (longer than any backtick run in it).
  function modelContent(message) {
    const list = message.attachments || [];
    if (!list.length) return message.content;
    const parts = list.map((a) => {
      const runs = a.text.match(/`+/g) || [];
      const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
      const body = a.text.endsWith('\n') ? a.text.slice(0, -1) : a.text;
      return `File: ${a.name}\n${fence}\n${body}\n${fence}`;
    });
    if (message.content) parts.push(message.content);
    return parts.join('\n\n');
  }

  // A chip: the name and "12.3 KB · 4 pages"; with onRemove, a × that removes it.
  function chip(attachment, onRemove) {
    const element = document.createElement('span');
    element.className = 'file-chip';
    element.title = attachment.name;
    const name = document.createElement('span');
    name.className = 'file-name';
    name.textContent = attachment.name;
    const detail = document.createElement('span');
    detail.className = 'file-detail';
    detail.textContent = describe(attachment);
    element.append(name, detail);
    if (onRemove) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'quiet small';
      remove.textContent = '×';
      remove.setAttribute('aria-label', 'Remove ' + attachment.name);
      remove.addEventListener('click', onRemove);
      element.append(remove);
    }
    return element;
  }

  Corral.attachments = { Limits, read, checkTotal, modelContent, chip, describe };
})(window);
