// SPDX-License-Identifier: GPL-3.0-or-later
// A small, safe Markdown renderer for model output, linear in its input and incremental while an
// answer streams in. This file reads blocks; markdowninline.js the text inside them.
//
// Safety: the source is never passed to the browser as markup. Every piece of text is escaped as
// it is written out, tags come only from the constructs below, and links only for http(s) and
// mailto addresses, so model output can never inject markup or script.
//
// Speed: model output is hostile input, so there are no regular expressions that could backtrack;
// blocks and inlines are read by scanning with indices, each character a bounded number of times
// (link destinations use precomputed parenthesis matches, code spans precomputed backtick runs,
// emphasis a delimiter stack whose entries are each removed once). Nesting is capped at MaxDepth.
//
// Streaming: stream(container) keeps the blocks that are finished (everything before the last,
// still open block) as rendered DOM nodes and re-renders only that last block on each update.
// Whether a block is finished is decided from complete lines only, so a block is cut at the same
// place in any prefix as in the whole answer.
'use strict';

(function (global) {
  const MaxDepth = 12;
  const { escapeHtml, inline, isBlank, isWhite } = global.Corral.markdownInline;

  // --- Lines -------------------------------------------------------------------------------------
  function indentOf(line) {
    let width = 0;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === ' ') width++;
      else if (line[i] === '\t') width += 4 - (width % 4);
      else return width;
    }
    return width;
  }
  function firstNonBlank(line) {
    let i = 0;
    while (isBlank(line[i])) i++;
    return i;
  }
  // Removes up to `width` columns of leading whitespace.
  function dedent(line, width) {
    let col = 0;
    let i = 0;
    while (i < line.length && col < width && isBlank(line[i])) { col += line[i] === '\t' ? 4 - (col % 4) : 1; i++; }
    return line.slice(i);
  }
  const isBlankLine = (line) => firstNonBlank(line) === line.length || line.trim() === '';

  function fenceOpen(line) {
    const at = firstNonBlank(line);
    const c = line[at];
    if (c !== '`' && c !== '~') return null;
    let j = at;
    while (line[j] === c) j++;
    if (j - at < 3) return null;
    const info = line.slice(j).trim();
    if (c === '`' && info.includes('`')) return null;
    let language = '';
    for (let k = 0; k < info.length && !isWhite(info[k]) && info[k] !== '{' && info[k] !== ','; k++) language += info[k];
    return { char: c, length: j - at, indent: indentOf(line), language };
  }
  function fenceCloses(line, fence) {
    const at = firstNonBlank(line);
    let j = at;
    while (line[j] === fence.char) j++;
    return j - at >= fence.length && line.slice(j).trim() === '';
  }
  function headingOf(line) {
    if (indentOf(line) > 3) return null;
    const at = firstNonBlank(line);
    let j = at;
    while (line[j] === '#') j++;
    const level = j - at;
    if (level < 1 || level > 6 || (j < line.length && !isBlank(line[j]))) return null;
    let end = line.length;
    while (end > j && isWhite(line[end - 1])) end--;
    let hashes = end;
    while (hashes > j && line[hashes - 1] === '#') hashes--;
    if (hashes < end && (hashes === j || isBlank(line[hashes - 1]))) end = hashes; // closing #s
    return { level, text: line.slice(j, end).trim() };
  }
  function isRule(line) {
    if (indentOf(line) > 3) return false;
    let c = null;
    let count = 0;
    for (let i = 0; i < line.length; i++) {
      const x = line[i];
      if (isWhite(x)) continue;
      if (x !== '-' && x !== '*' && x !== '_') return false;
      if (c && x !== c) return false;
      c = x;
      count++;
    }
    return count >= 3;
  }
  function quoteContent(line) {
    if (indentOf(line) > 3) return null;
    const at = firstNonBlank(line);
    if (line[at] !== '>') return null;
    return line[at + 1] === ' ' ? line.slice(at + 2) : line.slice(at + 1);
  }
  function itemOf(line) {
    const at = firstNonBlank(line);
    const c = line[at];
    let j = at;
    let ordered = false;
    let start = 1;
    if (c === '-' || c === '*' || c === '+') {
      j++;
    } else {
      while (j < line.length && j - at < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      if (j === at || (line[j] !== '.' && line[j] !== ')')) return null;
      ordered = true;
      start = Number(line.slice(at, j));
      j++;
    }
    if (j < line.length && !isBlank(line[j])) return null;
    if (isRule(line)) return null;
    let spaces = 0;
    while (isBlank(line[j + spaces])) spaces++;
    const indent = indentOf(line);
    const markerWidth = j - at;
    const contentIndent = indent + markerWidth + (spaces >= 1 && spaces <= 4 && j + spaces < line.length ? spaces : 1);
    return { ordered, start, indent, contentIndent, text: line.slice(j + Math.min(spaces, 4)) };
  }
  function splitCells(line) {
    let s = line.trim();
    if (s[0] === '|') s = s.slice(1);
    if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
    const cells = [];
    let cell = '';
    let ticks = 0; // inside a code span opened by this many backticks
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && s[i + 1] === '|') { cell += '|'; i++; continue; }
      if (c === '`') {
        let j = i;
        while (s[j] === '`') j++;
        if (!ticks) ticks = j - i; else if (ticks === j - i) ticks = 0;
        cell += s.slice(i, j);
        i = j - 1;
        continue;
      }
      if (c === '|' && !ticks) { cells.push(cell.trim()); cell = ''; continue; }
      cell += c;
    }
    cells.push(cell.trim());
    return cells;
  }
  // The column alignments of a table's divider line ("| :--- | ---: |"), or null.
  function dividerOf(line) {
    if (!line.includes('-')) return null;
    const cells = splitCells(line);
    const align = [];
    for (const cell of cells) {
      let a = 0;
      let b = cell.length;
      const left = cell[a] === ':';
      if (left) a++;
      const right = b > a && cell[b - 1] === ':';
      if (right) b--;
      if (b - a < 1) return null;
      for (let k = a; k < b; k++) if (cell[k] !== '-') return null;
      align.push(left && right ? 'center' : right ? 'right' : left ? 'left' : '');
    }
    return align;
  }

  // --- Blocks ------------------------------------------------------------------------------------
  // A view of the source as lines: line k runs from starts[k] to the next '\n'; `complete` says
  // whether it has its '\n' (or the source is final, so the end counts as one).
  function Lines(src, final) {
    this.src = src;
    this.final = final;
  }
  Lines.prototype.at = function (pos) {
    if (pos >= this.src.length) return null;
    const nl = this.src.indexOf('\n', pos);
    const end = nl < 0 ? this.src.length : nl;
    return { text: this.src.slice(pos, end), start: pos, next: nl < 0 ? this.src.length : nl + 1,
             complete: nl >= 0 || this.final };
  };

  // Whether a line ends a paragraph by starting another block (an ordered list only at 1, so
  // "2024. A year" stays text).
  function startsOtherBlock(line) {
    if (fenceOpen(line) || headingOf(line) || quoteContent(line) !== null || isRule(line)) return true;
    const item = itemOf(line);
    return !!item && (!item.ordered || item.start === 1);
  }
  function isTableStart(line, next) {
    if (!line.includes('|') || !next) return false;
    const divider = dividerOf(next.text);
    return !!divider && divider.length === splitCells(line).length;
  }
  // Whether the line l starts a table: true, false, or null while the line after it (its
  // possible divider) is still arriving.
  function tableAt(lines, l) {
    if (!l.text.includes('|')) return false;
    const after = lines.at(l.next);
    if ((after && !after.complete) || (!after && !lines.final)) return null;
    return isTableStart(l.text, after);
  }

  // The next block at or after pos: {kind, start, end, finished, ...} or null when only blank
  // lines (or nothing) remain.
  function nextBlock(lines, pos) {
    let line = lines.at(pos);
    while (line && line.complete && isBlankLine(line.text)) line = lines.at(line.next);
    if (!line || isBlankLine(line.text)) return null;
    const start = line.start;
    const block = (kind, end, finished, extra) => Object.assign({ kind, start, end, finished }, extra);

    const fence = fenceOpen(line.text);
    if (fence) {
      for (let l = lines.at(line.next); l; l = lines.at(l.next)) {
        if (l.complete && fenceCloses(l.text, fence)) return block('code', l.next, true, { fence, closeStart: l.start });
        if (!l.complete && !lines.final) break;
      }
      return block('code', lines.src.length, lines.final, { fence, closeStart: lines.src.length });
    }
    const single = (kind) => block(kind, line.next, line.complete);
    if (headingOf(line.text)) return single('heading');
    if (isRule(line.text)) return single('rule');
    if (quoteContent(line.text) !== null) {
      for (let l = lines.at(line.next); l; l = lines.at(l.next)) {
        if (!l.complete) return block('quote', lines.src.length, false);
        if (quoteContent(l.text) === null) return block('quote', l.start, true);
      }
      return block('quote', lines.src.length, lines.final);
    }
    const second = line.complete ? lines.at(line.next) : null;
    if (second && (second.complete) && isTableStart(line.text, second)) {
      for (let l = lines.at(second.next); l; l = lines.at(l.next)) {
        if (!l.complete) return block('table', lines.src.length, false);
        if (isBlankLine(l.text) || !l.text.includes('|')) return block('table', l.start, true);
      }
      return block('table', lines.src.length, lines.final);
    }
    if (itemOf(line.text)) {
      let fenceInItem = null;
      let blankBefore = false;
      let lastEnd = line.next;
      const base = indentOf(line.text);
      for (let l = lines.at(line.next); l; l = lines.at(l.next)) {
        if (!l.complete) return block('list', lines.src.length, false);
        const text = l.text;
        if (fenceInItem) {
          if (fenceCloses(text, fenceInItem)) fenceInItem = null;
          lastEnd = l.next;
          continue;
        }
        if (isBlankLine(text)) { blankBefore = true; continue; }
        let belongs = !!itemOf(text) || indentOf(text) > base;
        if (!belongs && !blankBefore && !startsOtherBlock(text)) { // a lazy continuation line, unless a table starts
          const table = tableAt(lines, l);
          if (table === null) return block('list', lines.src.length, false);
          belongs = !table;
        }
        if (!belongs) return block('list', lastEnd, true);
        fenceInItem = fenceOpen(text);
        blankBefore = false;
        lastEnd = l.next;
      }
      return block('list', lines.final ? lines.src.length : lastEnd, lines.final);
    }
    // A paragraph, until a blank line or the start of another block.
    for (let l = line; ;) {
      const next = lines.at(l.next);
      if (!next) return block('paragraph', lines.src.length, lines.final);
      if (!next.complete) return block('paragraph', lines.src.length, false);
      if (isBlankLine(next.text) || startsOtherBlock(next.text)) return block('paragraph', next.start, true);
      const table = tableAt(lines, next);
      if (table === null) return block('paragraph', lines.src.length, false);
      if (table) return block('paragraph', next.start, true);
      l = next;
    }
  }

  function splitLines(text) {
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  // The language a fence names, as the window's label spells it (CodeHighlighter's list); a
  // fence word it does not know is shown as written.
  const LanguageLabels = (() => {
    const names = { Python: 'python py python3 py3', C: 'c h', 'C++': 'cpp c++ cxx cc hpp hxx hh', JavaScript: 'javascript js jsx mjs cjs node',
      TypeScript: 'typescript ts tsx mts', Rust: 'rust rs', Go: 'go golang', Java: 'java', Kotlin: 'kotlin kt', Scala: 'scala',
      Shell: 'sh bash shell console shellsession terminal ksh', Zsh: 'zsh', SQL: 'sql mysql postgresql psql sqlite plsql',
      JSON: 'json jsonc json5 jsonl ndjson', YAML: 'yaml yml', HTML: 'html htm xhtml vue svelte', XML: 'xml svg plist xsd',
      CSS: 'css scss less', Markdown: 'markdown md mdx', 'C#': 'csharp cs c#', PHP: 'php', Ruby: 'ruby rb', Perl: 'perl pl',
      Lua: 'lua', Haskell: 'haskell hs', R: 'r', Diff: 'diff patch', Makefile: 'makefile make mk', TOML: 'toml', INI: 'ini conf cfg',
      Dockerfile: 'dockerfile docker', LaTeX: 'latex tex', Swift: 'swift', PowerShell: 'powershell ps1' };
    const labels = new Map();
    for (const [label, fences] of Object.entries(names)) for (const fence of fences.split(' ')) labels.set(fence, label);
    return labels;
  })();

  function renderCode(block, src, options) {
    const first = src.indexOf('\n', block.start);
    const bodyStart = first < 0 || first >= block.end ? block.end : first + 1;
    let body = bodyStart < block.closeStart ? src.slice(bodyStart, block.closeStart) : '';
    if (body.endsWith('\n')) body = body.slice(0, -1);
    if (block.fence.indent) body = body.split('\n').map((l) => dedent(l, block.fence.indent)).join('\n');
    const name = escapeHtml(block.fence.language);
    // A finished block carries data-language for the page's highlighter; one still arriving does not.
    const language = name ? ' class="language-' + name + '"' + (options.open ? '' : ' data-language="' + name + '"') : '';
    const label = escapeHtml(LanguageLabels.get(block.fence.language.toLowerCase()) || block.fence.language);
    return '<div class="code-block"><div class="code-head"><span class="code-language">' + label +
      '</span><button type="button" class="code-copy">Copy</button></div><pre><code' + language + '>' +
      escapeHtml(body) + '</code></pre></div>';
  }

  function renderTable(text) {
    const lines = splitLines(text);
    const align = dividerOf(lines[1]);
    const width = align.length;
    // Classes, not style attributes: the page's Content-Security-Policy allows no inline style.
    const cell = (tag, content, k) => '<' + tag + (align[k] ? ' class="align-' + align[k] + '"' : '') + '>' +
      inline(content) + '</' + tag + '>';
    const row = (line, tag) => {
      const cells = splitCells(line);
      let html = '<tr>';
      for (let k = 0; k < width; k++) html += cell(tag, cells[k] || '', k);
      return html + '</tr>';
    };
    let html = '<table><thead>' + row(lines[0], 'th') + '</thead><tbody>';
    for (let k = 2; k < lines.length; k++) if (!isBlankLine(lines[k])) html += row(lines[k], 'td');
    return html + '</tbody></table>';
  }

  // A task item's box ("[ ] ", "[x] "), as GitHub and the window show it: {checked, rest} or null.
  function taskOf(text) {
    if (text.length < 3 || text[0] !== '[' || text[2] !== ']') return null;
    if (text[1] !== ' ' && text[1] !== 'x' && text[1] !== 'X') return null;
    if (text.length > 3 && !isBlank(text[3])) return null;
    return { checked: text[1] !== ' ', rest: text.slice(4) };
  }

  function renderList(text, options, depth) {
    const lines = splitLines(text);
    const lists = [];
    let list = null;
    let item = null;
    let fence = null;
    for (const line of lines) {
      const marker = fence ? null : itemOf(line);
      const nested = item && indentOf(line) >= Math.min(item.contentIndent, item.indent + 2);
      if (marker && !nested) {
        if (!list || list.ordered !== marker.ordered) {
          list = { ordered: marker.ordered, start: marker.start, items: [], loose: false };
          lists.push(list);
        }
        item = { indent: marker.indent, contentIndent: marker.contentIndent, lines: [marker.text], blank: false };
        if (list.items.length && list.items[list.items.length - 1].blank) list.loose = true;
        list.items.push(item);
        fence = fenceOpen(marker.text);
        continue;
      }
      if (isBlankLine(line)) { item.blank = true; item.lines.push(''); continue; }
      const content = dedent(line, item.contentIndent);
      item.lines.push(content);
      if (fence) { if (fenceCloses(content, fence)) fence = null; } else fence = fenceOpen(content);
      item.blank = false;
    }
    let html = '';
    for (const l of lists) {
      const tag = l.ordered ? 'ol' : 'ul';
      html += '<' + tag + (l.ordered && l.start !== 1 ? ' start="' + l.start + '"' : '') + '>';
      for (const it of l.items) {
        const task = taskOf(it.lines[0]);
        if (task) it.lines[0] = task.rest;
        const blocks = renderBlocks(it.lines.join('\n'), true, options, depth + 1);
        const box = task ? '<input type="checkbox" disabled' + (task.checked ? ' checked' : '') + '>' : '';
        const first = blocks.length && blocks[0].kind === 'paragraph' ? blocks[0] : null;
        if (first) first.html = l.loose ? '<p>' + box + first.inner + '</p>' : box + first.inner;
        html += '<li' + (task ? ' class="task"' : '') + '>' + (first ? '' : box) + blocks.map((b) => b.html).join('') + '</li>';
      }
      html += '</' + tag + '>';
    }
    return html;
  }

  function renderBlock(block, src, options, depth) {
    const text = src.slice(block.start, block.end);
    if (depth > MaxDepth) return { kind: 'paragraph', html: '<p>' + escapeHtml(text) + '</p>' };
    switch (block.kind) {
    case 'code': return { kind: 'code', html: renderCode(block, src, options) };
    case 'heading': {
      const heading = headingOf(splitLines(text)[0]);
      const level = Math.min(heading.level + 1, 6); // the page's own title is the h1
      return { kind: 'heading', html: '<h' + level + '>' + inline(heading.text) + '</h' + level + '>' };
    }
    case 'rule': return { kind: 'rule', html: '<hr>' };
    case 'quote': {
      const inner = splitLines(text).map((l) => { const c = quoteContent(l); return c === null ? l : c; }).join('\n');
      return { kind: 'quote', html: '<blockquote>' + renderBlocks(inner, true, options, depth + 1).map((b) => b.html).join('') + '</blockquote>' };
    }
    case 'table': return { kind: 'table', html: renderTable(text) };
    case 'list': return { kind: 'list', html: renderList(text, options, depth) };
    default: {
      const inner = inline(splitLines(text).map((l) => l.trim()).join('\n'));
      return { kind: 'paragraph', html: '<p>' + inner + '</p>', inner };
    }
    }
  }

  function renderBlocks(src, final, options, depth) {
    const lines = new Lines(src, final);
    const out = [];
    for (let pos = 0; ;) {
      const block = nextBlock(lines, pos);
      if (!block) break;
      out.push(renderBlock(block, src, options, depth));
      pos = block.end;
    }
    return out;
  }

  function render(markdown, options) {
    return renderBlocks(String(markdown), true, options || {}, 0).map((b) => b.html).join('\n');
  }

  // Renders an answer into `container` as it grows: update(text, done) with the whole text so
  // far (each call extending the previous one). Finished blocks are rendered once and kept, and
  // handed to options.finished(nodes); the open block at the end is replaced on every call.
  function stream(container, options) {
    options = options || {};
    const open = { open: true };
    let committed = 0;
    let tail = [];
    const template = document.createElement('template');
    const append = (html) => {
      template.innerHTML = html;
      const nodes = Array.from(template.content.childNodes);
      container.append(template.content);
      return nodes;
    };
    return {
      update(text, done) {
        for (const node of tail) node.remove();
        tail = [];
        const lines = new Lines(text, !!done);
        let html = '';
        for (;;) {
          const block = nextBlock(lines, committed);
          if (!block || !block.finished) break;
          html += renderBlock(block, text, options, 0).html;
          committed = block.end;
        }
        if (html) {
          const nodes = append(html);
          if (options.finished) options.finished(nodes);
        }
        if (committed < text.length) {
          const rest = text.slice(committed);
          tail = append(renderBlocks(rest, true, open, 0).map((b) => b.html).join(''));
        }
      },
      reset() { container.replaceChildren(); committed = 0; tail = []; },
    };
  }

  global.CorralMarkdown = { render, stream, escapeHtml, inline };
  (global.Corral || (global.Corral = {})).markdown = global.CorralMarkdown;
})(window);
