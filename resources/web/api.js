// SPDX-License-Identifier: GPL-3.0-or-later
// Talking to Corral: every request the page makes goes through request(), so what each one
// carries (credentials, headers) is decided in one place.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});
  const DraftKey = 'corral.draft';

  // The session ended: keep what was typed, then go back to the sign-in page.
  function signInAgain() {
    const message = document.getElementById('message');
    if (message && message.value) sessionStorage.setItem(DraftKey, message.value);
    window.location.assign('/');
  }

  async function request(path, options) {
    const init = Object.assign({ credentials: 'same-origin' }, options || {});
    init.headers = Object.assign({ 'Content-Type': 'application/json' }, init.headers || {});
    const response = await fetch(path, init);
    if (response.status === 401) {
      signInAgain();
      const error = new Error('signed out');
      error.name = 'SignedOut';
      throw error;
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
