// SPDX-License-Identifier: GPL-3.0-or-later
// The inline half of the page's Markdown renderer (markdown.js has the blocks): code spans,
// emphasis, strikethrough, links and autolinks within one block's text, read in linear time.
// Every piece of text is escaped as it is written out; links only for http(s) and mailto.
'use strict';

(function (global) {
  const Punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

  function escapeHtml(text) {
    let out = '';
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let entity;
      if (c === 38) entity = '&amp;';
      else if (c === 60) entity = '&lt;';
      else if (c === 62) entity = '&gt;';
      else if (c === 34) entity = '&quot;';
      else if (c === 39) entity = '&#39;';
      else continue;
      out += text.slice(last, i) + entity;
      last = i + 1;
    }
    return last ? out + text.slice(last) : text;
  }

  const isBlank = (c) => c === ' ' || c === '\t';
  const isWhite = (c) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  function isWordChar(c) {
    if (c === undefined) return false;
    const code = c.charCodeAt(0);
    if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    return c.toLowerCase() !== c.toUpperCase(); // letters of other scripts
  }

  function safeHref(url) {
    const lower = url.slice(0, 8).toLowerCase();
    if (!(lower.startsWith('http://') || lower.startsWith('https://') || lower.startsWith('mailto:'))) return null;
    for (let i = 0; i < url.length; i++) if (url.charCodeAt(i) < 32) return null;
    return url;
  }
  function linkHtml(href, label) {
    return '<a href="' + escapeHtml(href) + '" rel="noopener noreferrer nofollow" target="_blank">' + label + '</a>';
  }

  // --- Inlines -----------------------------------------------------------------------------------
  // Precomputed once per inline text, on first need: for each '(' the index of its matching ')'
  // (-1 if none before whitespace), and for each index the next '(', ')' or whitespace.
  function parenTables(src) {
    const n = src.length;
    const match = new Int32Array(n).fill(-1);
    const next = new Int32Array(n + 1);
    const stack = [];
    for (let i = 0; i < n; i++) {
      const c = src[i];
      if (c === '(') stack.push(i);
      else if (c === ')') { if (stack.length) match[stack.pop()] = i; }
      else if (isWhite(c)) stack.length = 0;
    }
    next[n] = n;
    for (let i = n - 1; i >= 0; i--) {
      const c = src[i];
      next[i] = c === '(' || c === ')' || isWhite(c) ? i : next[i + 1];
    }
    return { match, next };
  }

  // The destination and optional title of an inline link starting after "](": {href, end} or null.
  function linkTarget(src, start, tables) {
    let p = start;
    while (isBlank(src[p])) p++;
    let href;
    if (src[p] === '<') {
      let q = p + 1;
      while (q < src.length && src[q] !== '>' && src[q] !== '<' && src[q] !== '\n') q++;
      if (src[q] !== '>') return null;
      href = src.slice(p + 1, q);
      p = q + 1;
    } else {
      const t = tables();
      let q = p;
      for (;;) {
        q = t.next[q];
        if (q < src.length && src[q] === '(') {
          if (t.match[q] < 0) return null;
          q = t.match[q] + 1;
          continue;
        }
        break; // at ')', whitespace or the end
      }
      href = src.slice(p, q);
      p = q;
    }
    while (isBlank(src[p])) p++;
    if (src[p] === '"' || src[p] === '\'') {
      const quote = src[p];
      let q = p + 1;
      while (q < src.length && src[q] !== quote && src[q] !== '\n') q++;
      if (src[q] !== quote) return null;
      p = q + 1;
      while (isBlank(src[p])) p++;
    }
    if (src[p] !== ')') return null;
    return { href, end: p + 1 };
  }

  // Runs of backticks by length, each with a cursor, so finding a code span's closing run is a
  // step forward, never a rescan.
  function backtickRuns(src) {
    const runs = new Map();
    for (let i = src.indexOf('`'); i >= 0 && i < src.length; i = src.indexOf('`', i)) {
      let j = i;
      while (src[j] === '`') j++;
      const length = j - i;
      if (!runs.has(length)) runs.set(length, { at: [], cursor: 0 });
      runs.get(length).at.push(i);
      i = j;
    }
    return runs;
  }

  const Special = new Uint8Array(128);
  for (const c of '\\\n`*_~[]<hH') Special[c.charCodeAt(0)] = 1;

  // Emphasis over nodes[from..]: a stack of openers, closers matching the nearest opener of their
  // character; openers above it are left as text. Each node is pushed and removed at most once.
  function emphasis(nodes, from) {
    const stack = [];
    const open = { '*': 0, '_': 0, '~': 0 };
    for (let k = from; k < nodes.length; k++) {
      const d = nodes[k];
      if (!d.delim) continue;
      if (d.canClose) {
        while (d.count > 0 && open[d.delim] > 0) {
          let o = nodes[stack[stack.length - 1]];
          while (o.delim !== d.delim) { stack.pop(); open[o.delim]--; o = nodes[stack[stack.length - 1]]; }
          if (d.delim === '~' && (o.count < 2 || d.count < 2)) { stack.pop(); open[o.delim]--; continue; }
          const n = o.count >= 2 && d.count >= 2 ? 2 : 1;
          const tag = d.delim === '~' ? 'del' : n === 2 ? 'strong' : 'em';
          o.count -= n;
          d.count -= n;
          o.opens = '<' + tag + '>' + o.opens;
          d.closes += '</' + tag + '>';
          if (!o.count) { stack.pop(); open[o.delim]--; }
        }
      }
      if (d.canOpen && d.count > 0) { stack.push(k); open[d.delim]++; }
    }
    let html = '';
    for (let k = from; k < nodes.length; k++) {
      const d = nodes[k];
      html += d.delim ? d.closes + d.delim.repeat(d.count) + d.opens : d.html;
    }
    return html;
  }

  function inline(src) {
    const nodes = [];
    const brackets = [];
    let text = '';
    let ticks = null;
    let tables = null;
    const getTables = () => tables || (tables = parenTables(src));
    const flush = () => { if (text) { nodes.push({ html: escapeHtml(text) }); text = ''; } };
    const n = src.length;
    let i = 0;
    while (i < n) {
      const c = src[i];
      const code = src.charCodeAt(i);
      if (code >= 128 || !Special[code]) {
        let j = i + 1;
        while (j < n && (src.charCodeAt(j) >= 128 || !Special[src.charCodeAt(j)])) j++;
        text += src.slice(i, j);
        i = j;
        continue;
      }
      if (c === '\\') {
        if (src[i + 1] === '\n') { flush(); nodes.push({ html: '<br>' }); i += 2; continue; }
        if (i + 1 < n && Punctuation.includes(src[i + 1])) { text += src[i + 1]; i += 2; continue; }
        text += c; i++; continue;
      }
      if (c === '\n') { flush(); nodes.push({ html: '<br>' }); i++; continue; }
      if (c === '`') {
        let j = i;
        while (src[j] === '`') j++;
        const length = j - i;
        if (!ticks) ticks = backtickRuns(src);
        const runs = ticks.get(length);
        while (runs.cursor < runs.at.length && runs.at[runs.cursor] <= i) runs.cursor++;
        if (runs.cursor < runs.at.length) {
          const close = runs.at[runs.cursor++];
          let body = src.slice(j, close).split('\n').join(' ');
          if (body.length > 2 && body[0] === ' ' && body[body.length - 1] === ' ' && body.trim()) body = body.slice(1, -1);
          flush();
          nodes.push({ html: '<code>' + escapeHtml(body) + '</code>' });
          i = close + length;
        } else {
          text += src.slice(i, j);
          i = j;
        }
        continue;
      }
      if (c === '*' || c === '_' || c === '~') {
        let j = i;
        while (src[j] === c) j++;
        const before = src[i - 1];
        const after = src[j];
        let canOpen = !isWhite(after);
        let canClose = i > 0 && !isWhite(before);
        if (c === '_') { // no emphasis inside snake_case_words
          canOpen = canOpen && !isWordChar(before);
          canClose = canClose && !isWordChar(after);
        }
        if (c === '~' && j - i < 2) canOpen = canClose = false;
        if (canOpen || canClose) {
          flush();
          nodes.push({ delim: c, count: j - i, canOpen, canClose, opens: '', closes: '' });
        } else {
          text += src.slice(i, j);
        }
        i = j;
        continue;
      }
      if (c === '[') { flush(); brackets.push(nodes.length); nodes.push({ html: '[' }); i++; continue; }
      if (c === ']') {
        if (brackets.length && src[i + 1] === '(') {
          const at = brackets.pop();
          const target = linkTarget(src, i + 2, getTables);
          if (target) {
            flush();
            const label = emphasis(nodes, at + 1);
            nodes.length = at;
            const href = safeHref(target.href);
            nodes.push({ html: href ? linkHtml(href, label) : label });
            brackets.length = 0; // links do not nest: earlier brackets stay text
            i = target.end;
            continue;
          }
        } else if (brackets.length) {
          brackets.pop();
        }
        text += c; i++; continue;
      }
      if (c === '<') {
        let j = i + 1;
        while (j < n && src[j] !== '>' && src[j] !== '<' && !isWhite(src[j])) j++;
        const href = src[j] === '>' ? safeHref(src.slice(i + 1, j)) : null;
        if (href) { flush(); nodes.push({ html: linkHtml(href, escapeHtml(href)) }); i = j + 1; continue; }
        text += c; i++; continue;
      }
      // 'h' or 'H': a bare http(s) address, outside link text.
      const scheme = src.slice(i, i + 8).toLowerCase();
      const schemeLength = scheme.startsWith('https://') ? 8 : scheme.startsWith('http://') ? 7 : 0;
      if (schemeLength && !brackets.length && !isWordChar(src[i - 1])) {
        let j = i + schemeLength;
        while (j < n && !isWhite(src[j]) && src[j] !== '<' && src[j] !== '>' && src[j] !== '"' && src[j] !== '`') j++;
        let opened = 0;
        let closed = 0;
        for (let k = i; k < j; k++) { if (src[k] === '(') opened++; else if (src[k] === ')') closed++; }
        for (;;) { // trailing punctuation belongs to the sentence, an unbalanced ')' to the text around
          const last = src[j - 1];
          if ('.,:;!?\'*_'.includes(last)) { j--; continue; }
          if (last === ')' && closed > opened) { j--; closed--; continue; }
          break;
        }
        if (j > i + schemeLength) {
          const url = src.slice(i, j);
          flush();
          nodes.push({ html: linkHtml(url, escapeHtml(url)) });
          i = j;
          continue;
        }
      }
      text += c;
      i++;
    }
    flush();
    return emphasis(nodes, 0);
  }

  (global.Corral || (global.Corral = {})).markdownInline = { escapeHtml, inline, isBlank, isWhite };
})(window);
