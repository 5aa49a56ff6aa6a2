// SPDX-License-Identifier: GPL-3.0-or-later
// One message of the conversation: who wrote it, the thinking (kept apart, collapsed), the
// attached images, the text (an answer as Markdown, streamed incrementally), a note (Stopped,
// an error) and its actions: Copy; Edit and resend (your messages); Regenerate (the last
// answer); Delete. The actions call back into app.js through `actions`.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});

  // Ollama's images are base64 without a type: name it from the first bytes, raster types only.
  function imageType(base64) {
    if (base64.startsWith('iVBOR')) return 'image/png';
    if (base64.startsWith('/9j/')) return 'image/jpeg';
    if (base64.startsWith('R0lG')) return 'image/gif';
    if (base64.startsWith('UklG')) return 'image/webp';
    return null;
  }
  function imageElement(base64) {
    const type = imageType(base64);
    if (!type) return null;
    const image = document.createElement('img');
    image.src = 'data:' + type + ';base64,' + base64;
    image.alt = 'Attached image';
    return image;
  }

  function button(label, title, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'quiet small';
    b.textContent = label;
    if (title) { b.title = title; b.setAttribute('aria-label', title); }
    b.addEventListener('click', onClick);
    return b;
  }

  function element(tag, className) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    return e;
  }

  // A view of `message` (the API's JSON); view.message stays the current object.
  function create(message, actions) {
    const view = { message, wrapper: element('article', 'message ' + message.role) };
    if (message.id) view.wrapper.dataset.messageId = message.id;
    const who = element('div', 'who');
    who.textContent = message.role === 'user' ? 'You' : message.role === 'system' ? 'System'
      : 'Assistant' + (message.model ? ' · ' + message.model : '');
    view.thinking = element('details', 'thinking');
    view.summary = element('summary');
    view.thoughts = element('div', 'thoughts');
    view.thinking.append(view.summary, view.thoughts);
    view.images = element('div', 'images');
    view.files = element('div', 'files');
    view.body = element('div', 'body');
    view.note = element('div', 'note');
    view.actions = element('div', 'actions');
    view.actions.setAttribute('role', 'toolbar');
    view.actions.setAttribute('aria-label', 'Message actions');
    view.copy = button('Copy', 'Copy message', () => Corral.copyText(view.message.content, view.copy));
    view.actions.append(view.copy);
    if (message.role === 'user') view.actions.append(button('Edit', 'Edit and resend', () => actions.edit(view)));
    view.regenerate = button('Regenerate', 'Regenerate this answer', () => actions.regenerate(view));
    view.regenerate.hidden = true;
    view.actions.append(view.regenerate, button('Delete', 'Delete message', () => actions.remove(view)));
    view.wrapper.append(who, view.thinking, view.images, view.body, view.files, view.note, view.actions);
    for (const attachment of message.attachments || []) view.files.append(Corral.attachments.chip(attachment));
    view.files.hidden = !view.files.childElementCount;
    for (const image of message.images || []) {
      const img = imageElement(image);
      if (img) view.images.append(img);
    }
    view.images.hidden = !view.images.childElementCount;
    if (message.status === 'streaming') {
      view.stream = Corral.markdown.stream(view.body, { finished: Corral.highlight });
    } else if (message.role !== 'user') {
      view.body.innerHTML = Corral.markdown.render(message.content); // escaped by the renderer
      Corral.highlight([view.body]);
    } else {
      view.body.textContent = message.content;
    }
    update(view);
    return view;
  }

  // Brings the view up to date with view.message (called per frame while it streams).
  function update(view) {
    const message = view.message;
    const streaming = message.status === 'streaming';
    if (view.stream) view.stream.update(message.content, !streaming);
    view.thoughts.textContent = message.thinking || '';
    view.thinking.hidden = !message.thinking;
    view.summary.textContent = streaming && !message.content ? 'Thinking…' : 'Thinking';
    view.note.classList.toggle('error', message.status === 'error');
    view.note.textContent = message.status === 'stopped' ? 'Stopped' : message.status === 'error' ? message.error : '';
    view.actions.hidden = streaming;
  }

  // An editor in place of a user message's text: resolves to the new text, or null.
  function edit(view) {
    return new Promise((resolve) => {
      const form = element('form', 'edit');
      const area = element('textarea');
      area.value = view.message.content;
      area.rows = Math.min(12, Math.max(2, view.message.content.split('\n').length));
      area.setAttribute('aria-label', 'Edit message');
      const buttons = element('div', 'edit-buttons');
      const cancel = button('Cancel', '', () => done(null));
      const send = element('button');
      send.type = 'submit';
      send.textContent = 'Send';
      buttons.append(cancel, send);
      form.append(area, buttons);
      const done = (value) => {
        form.remove();
        view.body.hidden = false;
        view.actions.hidden = false;
        resolve(value);
      };
      form.addEventListener('submit', (event) => { event.preventDefault(); done(area.value.trim() || null); });
      area.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') { event.stopPropagation(); done(null); }
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
      });
      view.body.hidden = true;
      view.actions.hidden = true;
      view.body.after(form);
      area.focus();
    });
  }

  Corral.messages = { create, update, edit, imageElement };
})(window);
