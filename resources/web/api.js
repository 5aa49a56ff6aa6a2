// SPDX-License-Identifier: GPL-3.0-or-later
// Talking to Corral: every request the page makes goes through request(), so what each one
// carries (credentials, headers) is decided in one place.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});
  const DraftKey = 'corral.draft';

  // The session cookie reaches every server on this host (cookies ignore ports); the calls also
  // carry the session's page key, which Corral hands out once, to this page, and which
  // sessionStorage keeps for this origin (port included) only.
  const SessionKey = 'corral.sessionKey';

  // The session ended: keep what was typed, then go back to the sign-in page.
  function signInAgain() {
    const message = document.getElementById('message');
    if (message && message.value) sessionStorage.setItem(DraftKey, message.value);
    sessionStorage.removeItem(SessionKey);
    window.location.assign('/auth/signin');
  }

  function signedOut() {
    const error = new Error('signed out');
    error.name = 'SignedOut';
    return error;
  }

  async function claimSessionKey() {
    // A fresh sign-in hands out its key (a stale one from an earlier session is replaced);
    // 409 means this session's key was handed out already, to this tab or another.
    const response = await fetch('/auth/session', { method: 'POST', credentials: 'same-origin' });
    if (response.ok) sessionStorage.setItem(SessionKey, (await response.json()).session_key);
    if (!sessionStorage.getItem(SessionKey)) { signInAgain(); throw signedOut(); }
  }
  const sessionReady = claimSessionKey();
  sessionReady.catch(() => {}); // each caller sees the failure; signInAgain() already ran

  async function request(path, options) {
    await sessionReady;
    const init = Object.assign({ credentials: 'same-origin' }, options || {});
    init.headers = Object.assign({ 'Content-Type': 'application/json',
                                   'X-Corral-Session': sessionStorage.getItem(SessionKey) || '' }, init.headers || {});
    const response = await fetch(path, init);
    if (response.status === 401) {
      signInAgain();
      throw signedOut();
    }
    return response;
  }

  // A JSON request; an error answer throws, with the answer's JSON as error.details.
  async function api(path, options) {
    const response = await request(path, options);
    const text = await response.text();
    let json = {};
    try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { error: text }; }
    if (!response.ok) {
      const error = new Error(json.error || response.statusText);
      error.details = json;
      throw error;
    }
    return json;
  }

  const chatPath = (id, rest) => '/api/v1/chats/' + encodeURIComponent(id) + (rest || '');
  const post = (path, body) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (path, body) => api(path, { method: 'PATCH', body: JSON.stringify(body) });
  const remove = (path) => api(path, { method: 'DELETE' });

  Corral.DraftKey = DraftKey;
  Corral.request = request;
  Corral.api = api;
  Corral.chatPath = chatPath;
  Corral.post = post;
  Corral.patch = patch;
  Corral.remove = remove;
})(window);
