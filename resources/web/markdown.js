// SPDX-License-Identifier: GPL-3.0-or-later
// A small, safe Markdown renderer for model output. Everything is HTML-escaped first, so model
// output can never inject markup or script; only the constructs below are turned into tags, and
// links only for http(s) and mailto addresses.
'use strict';

(function (global) {
  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function inline(escaped) {
    // Code spans first, so their content is left alone.
    const spans = [];
    let text = escaped.replace(/`([^`]+)`/g, (m, code) => {
      spans.push('<code>' + code + '</code>');
      return '\u0000' + (spans.length - 1) + '\u0000';
    });
    text = text.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g,
               '<a href="$2" rel="noopener noreferrer nofollow" target="_blank">$1</a>');
    return text.replace(/\u0000(\d+)\u0000/g, (m, i) => spans[Number(i)]);
  }

  function isTableDivider(line) {
    return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
  }

  function cells(line) {
    return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => inline(c.trim()));
  }

  function render(markdown) {
    const lines = escapeHtml(markdown).split('\n');
    const out = [];
    let paragraph = [];
    let list = null;
    const flushParagraph = () => {
      if (paragraph.length) out.push('<p>' + inline(paragraph.join('<br>')) + '</p>');
      paragraph = [];
    };
    const flushList = () => {
      if (list) out.push('<' + list.tag + '>' + list.items.map((i) => '<li>' + inline(i) + '</li>').join('') + '</' + list.tag + '>');
      list = null;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fence = line.match(/^\s*(```|~~~)/);
      if (fence) {
        flushParagraph(); flushList();
        const code = [];
        i++;
        while (i < lines.length && !lines[i].trim().startsWith(fence[1])) code.push(lines[i++]);
        out.push('<pre><code>' + code.join('\n') + '</code></pre>');
        continue;
      }
      const heading = line.match(/^(#{1,6})\s+(.*)$/);
      if (heading) {
        flushParagraph(); flushList();
        const level = Math.min(heading[1].length + 1, 6);
        out.push('<h' + level + '>' + inline(heading[2]) + '</h' + level + '>');
        continue;
      }
      if (line.includes('|') && i + 1 < lines.length && isTableDivider(lines[i + 1])) {
        flushParagraph(); flushList();
        const head = cells(line);
        const rows = [];
        i += 2;
        while (i < lines.length && lines[i].includes('|') && lines[i].trim()) rows.push(cells(lines[i++]));
        i--;
        out.push('<table><thead><tr>' + head.map((c) => '<th>' + c + '</th>').join('') + '</tr></thead><tbody>' +
                 rows.map((r) => '<tr>' + r.map((c) => '<td>' + c + '</td>').join('') + '</tr>').join('') +
                 '</tbody></table>');
        continue;
      }
      const item = line.match(/^\s*([-*+]|\d+[.)])\s+(.*)$/);
      if (item) {
        flushParagraph();
        const tag = /\d/.test(item[1]) ? 'ol' : 'ul';
        if (!list || list.tag !== tag) { flushList(); list = { tag: tag, items: [] }; }
        list.items.push(item[2]);
        continue;
      }
      if (!line.trim()) { flushParagraph(); flushList(); continue; }
      flushList();
      paragraph.push(line);
    }
    flushParagraph(); flushList();
    return out.join('\n');
  }

  global.CorralMarkdown = { render: render, escapeHtml: escapeHtml };
})(window);
