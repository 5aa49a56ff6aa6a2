// SPDX-License-Identifier: GPL-3.0-or-later
// Code blocks in answers: syntax highlighting (in highlighter.js, a worker) and Copy buttons.
// The Markdown renderer marks finished blocks with data-language; highlight(nodes) sends each
// one to the worker once, and puts the worker's markup in when it comes back.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});
  const MaxChars = 200000; // longer blocks stay plain
  const StuckMs = 4000;    // a block that takes longer stops the worker
  // Fence names that highlight.js 9 knows by another name.
  const Aliases = { shell: 'bash', sh: 'bash', zsh: 'bash', console: 'shell', tsx: 'typescript', jsonc: 'json',
                    json5: 'json', 'c#': 'cs', csharp: 'cs', 'objective-c': 'objectivec', vue: 'xml', svelte: 'xml',
                    svg: 'xml', golang: 'go', 'f#': 'fsharp', ps1: 'powershell', docker: 'dockerfile', toml: 'ini' };
  let worker = null;
  let watchdog = 0;
  let nextId = 1;
  const pending = new Map();

  function rearm() {
    clearTimeout(watchdog);
    watchdog = pending.size ? setTimeout(stop, StuckMs) : 0;
  }
  function stop() { // the blocks still waiting stay plain text
    if (worker) worker.terminate();
    worker = null;
    pending.clear();
    watchdog = 0;
  }
  function start() {
    worker = new Worker('/static/highlighter.js');
    worker.onmessage = (event) => {
      const code = pending.get(event.data.id);
      pending.delete(event.data.id);
      // hljs escapes the code and adds only <span class="hljs-…"> around it.
      if (code && event.data.html !== null && code.isConnected) {
        code.innerHTML = event.data.html;
        code.classList.add('hljs');
      }
      rearm();
    };
    worker.onerror = stop;
  }

  function highlight(nodes) {
    for (const node of nodes) {
      if (!node.querySelectorAll) continue;
      const blocks = node.matches('code[data-language]') ? [node] : node.querySelectorAll('code[data-language]');
      for (const code of blocks) {
        const name = code.dataset.language.toLowerCase();
        code.removeAttribute('data-language');
        const text = code.textContent;
        if (text.length > MaxChars) continue;
        if (!worker) start();
        const id = nextId++;
        pending.set(id, code);
        worker.postMessage({ id, language: Aliases[name] || name, code: text });
      }
    }
    rearm();
  }

  // Copy buttons of code blocks, for every message at once.
  function handleCopy(event) {
    const button = event.target.closest('.code-copy');
    if (!button) return false;
    const code = button.closest('.code-block').querySelector('pre code');
    Corral.copyText(code.textContent, button);
    return true;
  }

  Corral.highlight = highlight;
  Corral.handleCodeCopy = handleCopy;
})(window);
