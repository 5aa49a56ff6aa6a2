// SPDX-License-Identifier: GPL-3.0-or-later
// Corral's browser page: chats shared with the desktop window (/api/v1), answers streamed from
// Ollama through Corral's /ollama proxy. No framework, no build step.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const els = {
    model: $('model'), chatList: $('chat-list'), search: $('search'), conversation: $('conversation'),
    banner: $('banner'), composer: $('composer'), message: $('message'), send: $('send'),
    newChat: $('new-chat'), sidebar: $('sidebar'), toggle: $('toggle-chats'),
  };
  const DRAFT_KEY = 'corral.draft';
  const state = { chat: null, messages: [], controller: null, streaming: false };

  // --- Talking to Corral -------------------------------------------------------------------
  // The session cookie reaches every server on this host (cookies ignore ports); the calls also
  // carry the session's page key, which Corral hands out once, to this page, and which
  // sessionStorage keeps for this origin (port included) only.
  const SESSION_KEY = 'corral.sessionKey';
  function signInAgain() {
    // The session ended: keep what was typed, then go back to the sign-in page.
    sessionStorage.setItem(DRAFT_KEY, els.message.value);
    sessionStorage.removeItem(SESSION_KEY);
    window.location.assign('/auth/signin');
  }

  async function claimSessionKey() {
    // A fresh sign-in hands out its key (a stale one from an earlier session is replaced);
    // 409 means this session's key was handed out already, to this tab or another.
    const response = await fetch('/auth/session', { method: 'POST', credentials: 'same-origin' });
    if (response.ok) sessionStorage.setItem(SESSION_KEY, (await response.json()).session_key);
    if (!sessionStorage.getItem(SESSION_KEY)) { signInAgain(); throw new Error('signed out'); }
  }
  const sessionReady = claimSessionKey();
  sessionReady.catch(() => {}); // each caller sees the failure; signInAgain() already ran

  async function corralFetch(path, options) {
    await sessionReady;
    const init = Object.assign({ credentials: 'same-origin' }, options || {});
    init.headers = Object.assign({ 'X-Corral-Session': sessionStorage.getItem(SESSION_KEY) || '' }, init.headers || {});
    return fetch(path, init);
  }

  async function api(path, options) {
    const response = await corralFetch(path, Object.assign({
      headers: { 'Content-Type': 'application/json' },
    }, options || {}));
    if (response.status === 401) { signInAgain(); throw new Error('signed out'); }
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) { const error = new Error(json.error || response.statusText); error.details = json; throw error; }
    return json;
  }

  // --- Errors, with the same troubleshooting text as the window ----------------------------
  function showBanner(details) {
    els.banner.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = details.title || 'Server connection error';
    const message = document.createElement('p');
    message.textContent = details.error || String(details);
    els.banner.append(title, message);
    if (Array.isArray(details.hints) && details.hints.length) {
      const list = document.createElement('ol');
      for (const hint of details.hints) { const item = document.createElement('li'); item.textContent = hint; list.append(item); }
      els.banner.append(list);
    }
    els.banner.hidden = false;
  }
  function hideBanner() { els.banner.hidden = true; }

  // --- Models --------------------------------------------------------------------------------
  async function loadModels() {
    try {
      const tags = await api('/ollama/api/tags');
      const saved = localStorage.getItem('corral.model');
      els.model.replaceChildren(...tags.models.map((m) => new Option(m.name, m.name)));
      if (saved && tags.models.some((m) => m.name === saved)) els.model.value = saved;
      hideBanner();
    } catch (error) {
      if (error.details) showBanner(error.details);
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
      button.addEventListener('click', () => { openChat(chat.id); closeSidebar(); });
      item.append(button);
      return item;
    }));
  }

  async function openChat(id) {
    if (state.streaming) stop();
    const chat = await api('/api/v1/chats/' + encodeURIComponent(id));
    state.chat = chat;
    state.messages = chat.messages;
    if (chat.model && [...els.model.options].some((o) => o.value === chat.model)) els.model.value = chat.model;
    renderConversation();
    loadChats();
  }

  function newChat() {
    if (state.streaming) stop();
    state.chat = null;
    state.messages = [];
    renderConversation();
    loadChats();
    els.message.focus();
  }

  // --- Rendering -----------------------------------------------------------------------------
  function messageElement(message) {
    const wrapper = document.createElement('article');
    wrapper.className = 'message ' + message.role;
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = message.role === 'user' ? 'You' : 'Assistant' + (message.model ? ' · ' + message.model : '');
    wrapper.append(who);
    const thinking = document.createElement('details');
    thinking.hidden = !message.thinking;
    const summary = document.createElement('summary');
    summary.textContent = 'Thinking';
    const thoughts = document.createElement('p');
    thoughts.textContent = message.thinking || '';
    thinking.append(summary, thoughts);
    wrapper.append(thinking);
    const body = document.createElement('div');
    body.className = 'body';
    wrapper.append(body);
    const note = document.createElement('div');
    note.className = 'note';
    wrapper.append(note);
    const view = { wrapper, body, thoughts, thinking, note };
    updateMessage(view, message);
    return view;
  }

  function updateMessage(view, message) {
    if (message.role === 'user') view.body.textContent = message.content;
    else view.body.innerHTML = window.CorralMarkdown.render(message.content); // escaped by the renderer
    view.thoughts.textContent = message.thinking || '';
    view.thinking.hidden = !message.thinking;
    view.note.classList.toggle('error', message.status === 'error');
    view.note.textContent = message.status === 'stopped' ? 'Stopped' : message.status === 'error' ? message.error : '';
  }

  function renderConversation() {
    els.conversation.replaceChildren();
    if (!state.messages.length) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'Start a conversation. Chats are shared with the Corral window on this computer.';
      els.conversation.append(empty);
      return;
    }
    for (const message of state.messages) els.conversation.append(messageElement(message).wrapper);
    els.conversation.scrollTop = els.conversation.scrollHeight;
  }

  // --- Sending and streaming -----------------------------------------------------------------
  function setStreaming(on) {
    state.streaming = on;
    els.send.textContent = on ? 'Stop' : 'Send';
  }

  function stop() {
    if (state.controller) state.controller.abort();
  }

  async function send() {
    const text = els.message.value.trim();
    const model = els.model.value;
    if (!text || !model || state.streaming) return;
    hideBanner();
    if (!state.chat) {
      state.chat = await api('/api/v1/chats', { method: 'POST', body: JSON.stringify({ title: text.slice(0, 60), model: model }) });
      state.messages = [];
    } else if (state.chat.model !== model) {
      await api('/api/v1/chats/' + state.chat.id, { method: 'PATCH', body: JSON.stringify({ model: model }) });
      state.chat.model = model;
    }
    localStorage.setItem('corral.model', model);
    const user = await api('/api/v1/chats/' + state.chat.id + '/messages', { method: 'POST', body: JSON.stringify({ role: 'user', content: text }) });
    els.message.value = '';
    sessionStorage.removeItem(DRAFT_KEY);
    state.messages.push(user);
    if (state.messages.length === 1) els.conversation.replaceChildren();
    els.conversation.append(messageElement(user).wrapper);
    loadChats();

    const history = state.messages.map((m) => ({ role: m.role, content: m.content }));
    if (state.chat.system_prompt) history.unshift({ role: 'system', content: state.chat.system_prompt });
    const answer = { role: 'assistant', content: '', thinking: '', status: 'streaming', model: model, error: '' };
    const view = messageElement(answer);
    els.conversation.append(view.wrapper);
    state.controller = new AbortController();
    setStreaming(true);
    let frame = 0;
    const repaint = () => {
      frame = 0;
      const atBottom = els.conversation.scrollHeight - els.conversation.scrollTop - els.conversation.clientHeight < 40;
      updateMessage(view, answer);
      if (atBottom) els.conversation.scrollTop = els.conversation.scrollHeight;
    };
    try {
      const response = await corralFetch('/ollama/api/chat', {
        method: 'POST', signal: state.controller.signal,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: model, messages: history, stream: true, options: state.chat.options || {} }),
      });
      if (response.status === 401) { signInAgain(); return; }
      if (!response.ok) {
        const details = await response.json().catch(() => ({ error: response.statusText }));
        answer.status = 'error';
        answer.error = details.error || response.statusText;
        if (details.hints) showBanner(details);
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
            if (part.error) { answer.status = 'error'; answer.error = part.error; continue; }
            if (part.message) {
              answer.content += part.message.content || '';
              answer.thinking += part.message.thinking || '';
            }
          }
          if (!frame) frame = requestAnimationFrame(repaint);
        }
        if (answer.status === 'streaming') answer.status = 'complete';
      }
    } catch (error) {
      if (error.name === 'AbortError') answer.status = 'stopped';
      else { answer.status = 'error'; answer.error = String(error.message || error); }
    }
    if (frame) cancelAnimationFrame(frame);
    updateMessage(view, answer);
    setStreaming(false);
    state.controller = null;
    const stored = await api('/api/v1/chats/' + state.chat.id + '/messages', {
      method: 'POST',
      body: JSON.stringify({ role: 'assistant', content: answer.content, thinking: answer.thinking,
                             status: answer.status, error: answer.error, model: model }),
    });
    state.messages.push(stored);
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
    if (state.streaming) stop(); else send().catch((error) => showBanner({ error: error.message }));
  });
  els.message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!state.streaming) els.composer.requestSubmit();
    }
  });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') stop(); });
  els.newChat.addEventListener('click', newChat);
  let searchTimer = 0;
  els.search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadChats, 200); });
  // Chats started in the window appear here when the page comes back into view.
  window.addEventListener('focus', () => { loadChats().catch(() => {}); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) loadChats().catch(() => {}); });

  els.message.value = sessionStorage.getItem(DRAFT_KEY) || '';
  loadModels();
  loadChats().catch(() => {});
})();
