// SPDX-License-Identifier: GPL-3.0-or-later
// The page's syntax highlighter, in a worker: highlight.js (Debian's libjs-highlight.js, built
// into Corral's resources) runs here, so a grammar that backtracks on hostile code can be
// stopped (code.js terminates this worker) and never freezes the page. It answers each
// {id, language, code} with {id, html}, html null when the language is unknown.
'use strict';

importScripts('/static/highlight.min.js');

self.onmessage = (event) => {
  const { id, language, code } = event.data;
  let html = null;
  try {
    if (self.hljs.getLanguage(language)) html = self.hljs.highlight(language, code, true).value;
  } catch (e) {
    html = null;
  }
  self.postMessage({ id, html });
};
