// SPDX-License-Identifier: GPL-3.0-or-later
// Corral's browser page: chats shared with the desktop window (/api/v1), answers streamed from
// Ollama through Corral's /ollama proxy. No framework, no build step. The pieces: api.js
// (requests), ui.js (error panel, dialog, copying), code.js (highlighting), messages.js (one
// message), markdown.js (the renderer); this file holds the state and wires them.
'use strict';

(function () {
  const { api, request, chatPath, post, patch, remove } = window.Corral;
  const $ = (id) => document.getElementById(id);
  const els = {
    model: $('model'), chatList: $('chat-list'), search: $('search'), conversation: $('conversation'),
    composer: $('composer'), message: $('message'), send: $('send'), newChat: $('new-chat'), sidebar: $('sidebar'),
    toggle: $('toggle-chats'), title: $('chat-title'), rename: $('rename-chat'), deleteChat: $('delete-chat'),
    systemPrompt: $('system-prompt'), attach: $('attach'), attachInput: $('attach-input'), attachments: $('attachments'),
    jump: $('jump'),
  };
  // chat: the open chat (null for a new one not stored yet); views: one per message, in order.
  const state = { chat: null, views: [], controller: null, streaming: false, images: [], files: [], systemPrompt: '', follow: true };

  function failed(error) {
    if (error.name === 'SignedOut') return;
    window.Corral.showError(error.details && error.details.error ? error.details : { error: error.message }, loadModels);
  }

  // --- Models --------------------------------------------------------------------------------
  async function loadModels() {
    try {
      const tags = await api('/ollama/api/tags');
      const saved = localStorage.getItem('corral.model');
      const current = els.model.value;
      els.model.replaceChildren(...tags.models.map((m) => new Option(m.name, m.name)));
      const wanted = (state.chat && state.chat.model) || current || saved;
      if (wanted && tags.models.some((m) => m.name === wanted)) els.model.value = wanted;
      window.Corral.hideError();
    } catch (error) {
      if (error.details) window.Corral.showError(error.details, loadModels);
    }
  }

  // --- Chats ---------------------------------------------------------------------------------
  async function loadChats() {
    const query = els.search.value.trim();
    const result = await api('/api/v1/chats?limit=200' + (query ? '&q=' + encodeURIComponent(query) : ''));
    els.chatList.replaceChildren(...result.chats.map((chat) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = chat.title || 'New chat';
      button.title = chat.title;
      button.dataset.id = chat.id;
      if (state.chat && state.chat.id === chat.id) button.setAttribute('aria-current', 'true');
      if (chat.snippet) {
        // Search results: where the words matched. The server escapes the text and adds only <mark>.
        const snippet = document.createElement('span');
        snippet.className = 'snippet';
        snippet.innerHTML = chat.snippet;
        button.append(document.createElement('br'), snippet);
      }
      button.addEventListener('click', () => { openChat(chat.id, chat.messageId).catch(failed); closeSidebar(); });
      item.append(button);
      return item;
    }));
  }

  function showChatBar() {
    els.title.textContent = state.chat ? state.chat.title || 'New chat' : 'New chat';
    els.rename.hidden = els.deleteChat.hidden = !state.chat;
    const prompt = state.chat ? state.chat.system_prompt : state.systemPrompt;
    els.systemPrompt.classList.toggle('set', !!prompt); // marked with a ✓
  }

  async function openChat(id, messageId) {
    if (state.streaming) stop();
    const chat = await api(chatPath(id));
    state.chat = chat;
    if (chat.model && [...els.model.options].some((o) => o.value === chat.model)) els.model.value = chat.model;
    renderConversation(chat.messages);
    // A search result opens at the message that matched.
    const matched = messageId && els.conversation.querySelector('[data-message-id="' + Number(messageId) + '"]');
    if (matched) { state.follow = false; matched.scrollIntoView({ block: 'start' }); }
    loadChats().catch(failed);
  }

  function newChat() {
    if (state.streaming) stop();
    state.chat = null;
    state.systemPrompt = '';
    renderConversation([]);
    loadChats().catch(failed);
    els.message.focus();
  }

  async function renameChat() {
    const title = await window.Corral.ask({ title: 'Rename chat', label: 'Title', value: state.chat.title, ok: 'Rename' });
    if (title === null || !title.trim()) return;
    state.chat = Object.assign(state.chat, await patch(chatPath(state.chat.id), { title: title.trim() }));
    showChatBar();
    await loadChats();
  }

  async function deleteChat() {
    const yes = await window.Corral.ask({ title: 'Delete chat', ok: 'Delete',
                                          message: `Delete “${state.chat.title || 'New chat'}” and all its messages? This cannot be undone.` });
    if (yes === null) return;
    await remove(chatPath(state.chat.id));
    newChat();
  }

  async function editSystemPrompt() {
    const current = state.chat ? state.chat.system_prompt : state.systemPrompt;
    const prompt = await window.Corral.ask({ title: 'System prompt', label: 'Instructions the model gets before this chat',
                                             value: current, multiline: true, ok: 'Save' });
    if (prompt === null) return;
    if (state.chat) state.chat = Object.assign(state.chat, await patch(chatPath(state.chat.id), { system_prompt: prompt }));
    else state.systemPrompt = prompt;
    showChatBar();
  }

  // --- The conversation ----------------------------------------------------------------------
  const messageActions = { edit: editMessage, regenerate: regenerate, remove: deleteMessage };

  function renderConversation(messages) {
    state.views = [];
    els.conversation.replaceChildren();
    for (const message of messages) addView(message);
    showEmpty();
    showChatBar();
    refreshActions();
    state.follow = true;
    scrollToEnd();
  }
  function showEmpty() {
    const empty = els.conversation.querySelector('.empty');
    if (state.views.length) { if (empty) empty.remove(); return; }
    if (empty) return;
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'Start a conversation. Chats are shared with the Corral window on this computer.';
    els.conversation.append(p);
  }
  function addView(message) {
    const view = window.Corral.messages.create(message, messageActions);
    state.views.push(view);
    showEmpty();
    els.conversation.append(view.wrapper);
    return view;
  }
  function dropViews(from) {
    for (const view of state.views.splice(from)) view.wrapper.remove();
    showEmpty();
    refreshActions();
  }
  // Regenerate belongs to the last answer only; nothing but Copy while an answer streams.
  function refreshActions() {
    const last = state.views[state.views.length - 1];
    for (const view of state.views) {
      view.regenerate.hidden = view !== last || view.message.role !== 'assistant';
      for (const b of view.actions.querySelectorAll('button')) if (b !== view.copy) b.disabled = state.streaming;
    }
  }

  // Following the stream: only while the reader is at the bottom; scrolling up stops it, and
  // the "Latest" button (or scrolling back down) starts it again.
  const nearBottom = () => els.conversation.scrollHeight - els.conversation.scrollTop - els.conversation.clientHeight < 40;
  function scrollToEnd() { els.conversation.scrollTop = els.conversation.scrollHeight; }
  els.conversation.addEventListener('scroll', () => {
    state.follow = nearBottom();
    if (state.follow) els.jump.hidden = true;
  }, { passive: true });
  els.jump.addEventListener('click', () => { state.follow = true; els.jump.hidden = true; scrollToEnd(); });

  async function deleteMessage(view) {
    const index = state.views.indexOf(view);
    await remove(chatPath(state.chat.id, '/messages/' + view.message.position));
    state.views.splice(index, 1);
    view.wrapper.remove();
    showEmpty();
    refreshActions();
  }

  async function regenerate(view) {
    if (state.streaming) return;
    await remove(chatPath(state.chat.id, '/messages/' + view.message.position));
    dropViews(state.views.indexOf(view));
    await answer();
  }

  async function editMessage(view) {
    if (state.streaming) return;
    const text = await window.Corral.messages.edit(view);
    if (text === null) return;
    await remove(chatPath(state.chat.id, '/messages?from=' + view.message.position));
    dropViews(state.views.indexOf(view));
    await send(text, view.message.images || [], view.message.attachments || []);
  }

  // --- Attachments ---------------------------------------------------------------------------
  function readImage(file) {
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(file);
    });
  }
  // Images go to the model as images; text, code and PDF files as text (attachments.js).
  async function addFiles(files) {
    const refused = [];
    for (const file of files) {
      if (/^image\/(png|jpeg|gif|webp)$/.test(file.type)) {
        const base64 = await readImage(file);
        if (base64) state.images.push(base64);
        continue;
      }
      try {
        const attachment = await window.Corral.attachments.read(file);
        window.Corral.attachments.checkTotal([...state.files, attachment]);
        state.files.push(attachment);
      } catch (error) {
        if (error.name === 'SignedOut') return;
        refused.push(error.message);
      }
    }
    showAttachments();
    if (refused.length) window.Corral.showError({ title: 'Not attached', error: refused.join(' ') });
  }
  function showAttachments() {
    const chips = state.files.map((attachment, index) => {
      const item = document.createElement('div');
      item.className = 'attachment file';
      item.append(window.Corral.attachments.chip(attachment, () => { state.files.splice(index, 1); showAttachments(); els.message.focus(); }));
      return item;
    });
    els.attachments.replaceChildren(...state.images.map((base64, index) => {
      const item = document.createElement('div');
      item.className = 'attachment';
      const image = window.Corral.messages.imageElement(base64);
      const drop = document.createElement('button');
      drop.type = 'button';
      drop.className = 'quiet small';
      drop.textContent = '×';
      drop.setAttribute('aria-label', 'Remove image');
      drop.addEventListener('click', () => { state.images.splice(index, 1); showAttachments(); els.message.focus(); });
      if (image) item.append(image);
      item.append(drop);
      return item;
    }), ...chips);
    els.attachments.hidden = !state.images.length && !state.files.length;
  }

  // --- Sending and streaming -----------------------------------------------------------------
  function setStreaming(on) {
    state.streaming = on;
    els.send.textContent = on ? 'Stop' : 'Send';
    refreshActions();
  }

  function stop() {
    if (state.controller) state.controller.abort();
  }

  async function send(text, images, attachments) {
    const model = els.model.value;
    if ((!text && !attachments.length) || !model || state.streaming) return;
    window.Corral.hideError();
    if (!state.chat) {
      state.chat = await post('/api/v1/chats', { title: (text || attachments[0].name).slice(0, 60), model: model });
      if (state.systemPrompt) state.chat = await patch(chatPath(state.chat.id), { system_prompt: state.systemPrompt });
      state.systemPrompt = '';
      showChatBar();
    } else if (state.chat.model !== model) {
      await patch(chatPath(state.chat.id), { model: model });
      state.chat.model = model;
    }
    localStorage.setItem('corral.model', model);
    const user = await post(chatPath(state.chat.id, '/messages'), { role: 'user', content: text, images: images, attachments: attachments });
    sessionStorage.removeItem(window.Corral.DraftKey);
    addView(user);
    state.follow = true;
    scrollToEnd();
    loadChats().catch(failed);
    await answer();
  }

  function sendFromComposer() {
    const text = els.message.value.trim();
    if ((!text && !state.files.length) || !els.model.value || state.streaming) return Promise.resolve();
    const images = state.images;
    const files = state.files;
    sessionStorage.setItem(window.Corral.DraftKey, text); // kept if the session turns out to have ended
    els.message.value = '';
    state.images = [];
    state.files = [];
    showAttachments();
    return send(text, images, files).catch((error) => {
      if (!els.message.value) els.message.value = text; // not lost when it could not be sent
      if (!state.files.length) { state.files = files; showAttachments(); }
      failed(error);
    });
  }

  // Streams an answer to the conversation so far into a new assistant message, then stores it.
  async function answer() {
    const model = els.model.value;
    const history = state.views.map((v) => v.message).filter((m) => m.role !== 'assistant' || m.content)
      .map((m) => {
        const content = window.Corral.attachments.modelContent(m); // attached files' text before the user's
        return m.images && m.images.length ? { role: m.role, content, images: m.images } : { role: m.role, content };
      });
    if (state.chat.system_prompt) history.unshift({ role: 'system', content: state.chat.system_prompt });
    const reply = { role: 'assistant', content: '', thinking: '', status: 'streaming', model: model, error: '' };
    const view = addView(reply);
    if (state.follow) scrollToEnd();
    state.controller = new AbortController();
    setStreaming(true);
    let frame = 0;
    let timer = 0;
    let pause = 0; // after a slow repaint, wait a multiple of its time, so a huge block cannot hog the tab
    const repaint = () => {
      frame = 0;
      timer = 0;
      const started = performance.now();
      window.Corral.messages.update(view);
      if (state.follow) scrollToEnd(); else els.jump.hidden = false;
      const took = performance.now() - started;
      pause = took > 8 ? took * 3 : 0;
    };
    const schedule = () => {
      if (frame || timer) return;
      if (pause) timer = setTimeout(() => { frame = requestAnimationFrame(repaint); }, pause);
      else frame = requestAnimationFrame(repaint);
    };
    try {
      const response = await request('/ollama/api/chat', {
        method: 'POST', signal: state.controller.signal,
        body: JSON.stringify({ model: model, messages: history, stream: true, options: state.chat.options || {} }),
      });
      if (!response.ok) {
        const details = await response.json().catch(() => ({ error: response.statusText }));
        reply.status = 'error';
        reply.error = details.error || response.statusText;
        if (details.hints) window.Corral.showError(details, loadModels);
      } else {
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let newline;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (!line) continue;
            const part = JSON.parse(line);
            if (part.error) { reply.status = 'error'; reply.error = part.error; continue; }
            if (part.message) {
              reply.content += part.message.content || '';
              reply.thinking += part.message.thinking || '';
            }
          }
          schedule();
        }
        if (reply.status === 'streaming') reply.status = 'complete';
      }
    } catch (error) {
      if (error.name === 'SignedOut') return;
      if (error.name === 'AbortError') reply.status = 'stopped';
      else { reply.status = 'error'; reply.error = String(error.message || error); }
    }
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(timer);
    if (reply.status === 'streaming') reply.status = 'error';
    window.Corral.messages.update(view);
    if (state.follow) scrollToEnd();
    state.controller = null;
    const stored = await post(chatPath(state.chat.id, '/messages'), {
      role: 'assistant', content: reply.content, thinking: reply.thinking, status: reply.status, error: reply.error, model: model,
    });
    view.message = Object.assign(reply, stored);
    setStreaming(false);
  }

  // --- Small screens -------------------------------------------------------------------------
  function closeSidebar() { els.sidebar.classList.remove('open'); els.toggle.setAttribute('aria-expanded', 'false'); }
  els.toggle.addEventListener('click', () => {
    const open = els.sidebar.classList.toggle('open');
    els.toggle.setAttribute('aria-expanded', String(open));
  });

  // --- Wiring --------------------------------------------------------------------------------
  els.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.streaming) stop(); else sendFromComposer();
  });
  els.message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!state.streaming) els.composer.requestSubmit();
    }
  });
  els.message.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData ? event.clipboardData.files : [])];
    if (files.length) { event.preventDefault(); addFiles(files); }
  });
  els.attach.addEventListener('click', () => els.attachInput.click());
  els.attachInput.addEventListener('change', () => { addFiles([...els.attachInput.files]); els.attachInput.value = ''; });
  for (const target of [els.conversation, els.composer]) {
    target.addEventListener('dragover', (event) => { if (event.dataTransfer.types.includes('Files')) event.preventDefault(); });
    target.addEventListener('drop', (event) => {
      if (!event.dataTransfer.files.length) return;
      event.preventDefault();
      addFiles([...event.dataTransfer.files]);
    });
  }
  els.conversation.addEventListener('click', (event) => { window.Corral.handleCodeCopy(event); });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !$('dialog').open) stop(); });
  els.newChat.addEventListener('click', newChat);
  els.rename.addEventListener('click', () => renameChat().catch(failed));
  els.deleteChat.addEventListener('click', () => deleteChat().catch(failed));
  els.systemPrompt.addEventListener('click', () => editSystemPrompt().catch(failed));
  let searchTimer = 0;
  els.search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => loadChats().catch(failed), 200); });
  // Chats started in the window appear here when the page comes back into view.
  window.addEventListener('focus', () => { loadChats().catch(() => {}); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) loadChats().catch(() => {}); });

  // What changes elsewhere (the window, another tab) arrives here at once: Corral holds
  // /api/v1/changes until something changed, then the page refreshes the list and, when its
  // messages changed, the open chat (not while it streams into it).
  async function followChanges() {
    let after = null;
    for (;;) {
      let result;
      try {
        result = await api('/api/v1/changes' + (after === null ? '' : '?after=' + after));
      } catch (error) {
        if (error.name === 'SignedOut') return;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        continue;
      }
      const first = after === null;
      after = result.seq;
      if (first) continue;
      if (result.reset || result.changes.some((change) => change.kind !== 'messages')) loadChats().catch(() => {});
      const open = state.chat && (result.reset || result.changes.some((change) => change.chat === state.chat.id));
      if (open && !state.streaming) await refreshOpenChat().catch(() => {});
    }
  }

  async function refreshOpenChat() {
    const chat = await api(chatPath(state.chat.id));
    if (state.streaming || !state.chat || state.chat.id !== chat.id) return;
    const shown = [...els.conversation.querySelectorAll('[data-message-id]')].map((view) => view.dataset.messageId);
    const stored = chat.messages.map((message) => String(message.id));
    state.chat = chat;
    if (shown.join() !== stored.join()) renderConversation(chat.messages);
    else showChatBar();
  }

  els.message.value = sessionStorage.getItem(window.Corral.DraftKey) || '';
  // Ready to type, as the window is; not on a phone, where the focus would open the keyboard.
  if (window.matchMedia('(min-width: 701px)').matches) els.message.focus();
  showChatBar();
  loadModels();
  loadChats().catch(() => {});
  followChanges();
})();
