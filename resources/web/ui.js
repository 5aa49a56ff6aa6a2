// SPDX-License-Identifier: GPL-3.0-or-later
// Small pieces of the page's interface: the connection-error panel (the window's texts, from
// src/gui/connectionerrorpanel), a dialog that asks for a line, a text or a yes, and copying.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});
  const $ = (id) => document.getElementById(id);

  // --- The error panel -----------------------------------------------------------------------
  // details: {title?, error, hints?}. With hints it is the connection panel: what to check, a
  // Retry button, and a check again every few seconds until retry() succeeds.
  const RecheckMs = 5000;
  let recheck = 0;
  let retryHandler = null;
  function showError(details, retry) {
    $('banner-title').textContent = details.title || 'Server connection error';
    $('banner-message').textContent = details.error || String(details);
    const hints = Array.isArray(details.hints) ? details.hints : [];
    $('banner-hints').replaceChildren(...hints.map((hint) => {
      const item = document.createElement('li');
      item.textContent = hint;
      return item;
    }));
    $('banner-help').hidden = !hints.length;
    $('banner').hidden = false;
    retryHandler = hints.length ? retry : null;
    clearTimeout(recheck);
    if (retryHandler) recheck = setTimeout(() => retryHandler && retryHandler(), RecheckMs);
  }
  function hideError() {
    $('banner').hidden = true;
    clearTimeout(recheck);
    retryHandler = null;
  }
  $('banner-retry').addEventListener('click', () => { if (retryHandler) retryHandler(); });
  // Cancel is not a submit button, so Enter in the field submits OK (the form's default button).
  $('dialog-cancel').addEventListener('click', () => $('dialog').close('cancel'));

  // --- A modal dialog ------------------------------------------------------------------------
  // ask({title, label?, value?, multiline?, message?, ok?}) resolves to the text entered (or ''
  // when there is no field) on OK, and to null on Cancel or Esc.
  function ask(options) {
    const dialog = $('dialog');
    const input = $('dialog-input');
    const text = $('dialog-text');
    const field = options.multiline ? text : input;
    $('dialog-title').textContent = options.title;
    $('dialog-label').textContent = options.label || '';
    $('dialog-message').textContent = options.message || '';
    $('dialog-message').hidden = !options.message;
    $('dialog-field').hidden = options.label === undefined;
    input.hidden = !!options.multiline;
    text.hidden = !options.multiline;
    field.value = options.value || '';
    $('dialog-ok').textContent = options.ok || 'OK';
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        resolve(dialog.returnValue === 'ok' ? (options.label === undefined ? '' : field.value) : null);
      }, { once: true });
      dialog.showModal();
      if (options.label !== undefined) { field.focus(); field.select(); } else $('dialog-ok').focus();
    });
  }

  // --- Copying -------------------------------------------------------------------------------
  // The clipboard API needs a secure context; a page opened over plain http on the network is
  // not one, so fall back to a selected text area.
  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    if (button) {
      if (!button.dataset.label) button.dataset.label = button.textContent;
      button.textContent = 'Copied';
      clearTimeout(Number(button.dataset.timer));
      button.dataset.timer = String(setTimeout(() => { button.textContent = button.dataset.label; }, 1500));
    }
  }

  Corral.showError = showError;
  Corral.hideError = hideError;
  Corral.ask = ask;
  Corral.copyText = copyText;
})(window);
