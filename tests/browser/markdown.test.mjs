// SPDX-License-Identifier: GPL-3.0-or-later
// The page's Markdown renderer (resources/web/markdown.js) as the page serves it, in real headless
// Chromium: what each construct becomes, that hostile input cannot inject markup, that rendering
// time grows linearly with the input, and that a streamed answer is rendered incrementally and
// correctly after every token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFake, startCorral, launchBrowser, cleanUp, signedInPage, seedChat } from './corral.mjs';

// An answer with a fence in the middle: the text after the closed fence must never show as code.
const streamedAnswer = [
  '## Steps', '\n\n', '> Tip', ': read ', 'first.', '\n\n', '- one', '\n', '  - ', 'nested', '\n', '- two', '\n\n',
  '| a ', '| b |', '\n', '|---', '|---|', '\n', '| 1 | ', '2 |', '\n\n',
  '``', '`py', 'thon\n', 'def f', '():\n', '    return 1', '\n', '``', '`', '\n', 'After ', 'the fence', ' `x`', ' and **bold**', '.\n',
];

let server;
let browser;

before(async () => {
  const fakeUrl = await startFake(['--token-delay-ms', '15', '--model', 'llama3.2:latest'], { tokens: streamedAnswer });
  server = await startCorral('markdown', fakeUrl);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  cleanUp();
});

const html = (page, markdown) => page.evaluate((m) => window.CorralMarkdown.render(m), markdown);
const count = (page, markdown, selector) => page.evaluate(({ m, s }) => {
  const div = document.createElement('div');
  div.innerHTML = window.CorralMarkdown.render(m);
  return div.querySelectorAll(s).length;
}, { m: markdown, s: selector });
const texts = (page, markdown, selector) => page.evaluate(({ m, s }) => {
  const div = document.createElement('div');
  div.innerHTML = window.CorralMarkdown.render(m);
  return [...div.querySelectorAll(s)].map((e) => e.textContent);
}, { m: markdown, s: selector });

test('each construct renders as what it is', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  assert.deepEqual(await texts(page, '> Tip: use a venv\n> and pip', 'blockquote p'), ['Tip: use a venvand pip']);
  assert.equal(await count(page, '> Tip: x\n\nafter', 'blockquote'), 1);
  assert.deepEqual(await texts(page, '# One\n### Three ###\n####### seven', 'h2, h4'), ['One', 'Three']);
  assert.deepEqual(await texts(page, 'use `a < b` and ``x ` y``', 'code'), ['a < b', 'x ` y']);
  assert.deepEqual(await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = window.CorralMarkdown.render('[docs](https://example.com/a_(b)) and <https://example.org> and https://x.net/p. and [mail](mailto:a@b.c)');
    return [...div.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.rel]);
  }), [['docs', 'https://example.com/a_(b)', 'noopener noreferrer nofollow'],
       ['https://example.org', 'https://example.org', 'noopener noreferrer nofollow'],
       ['https://x.net/p', 'https://x.net/p', 'noopener noreferrer nofollow'],
       ['mail', 'mailto:a@b.c', 'noopener noreferrer nofollow']]);
  assert.deepEqual(await texts(page, '**bold**, *em*, ~~gone~~ and snake_case_name', 'strong, em, del'), ['bold', 'em', 'gone']);

  // Nested lists, ordered and not, with a fence inside an item.
  const list = '1. first\n   - a\n     - deep\n   - b\n2. second\n   ```sh\n   ls -l\n   ```\n3. third\n\nafter';
  assert.equal(await count(page, list, 'ol > li'), 3);
  assert.equal(await count(page, list, 'ol > li > ul > li'), 2);
  assert.equal(await count(page, list, 'ol > li > ul > li > ul > li'), 1);
  assert.deepEqual(await texts(page, list, 'ol > li pre code'), ['ls -l']);
  assert.deepEqual(await texts(page, list, ':scope > p'), ['after']);
  assert.equal(await count(page, '3. three\n4. four', 'ol[start="3"] > li'), 2);
  // Task lists, as the window shows them: a box, ticked or not, before the text.
  const tasks = '- [ ] write it\n- [x] test **it**\n- [link](https://example.com)\n- [] not a task';
  assert.deepEqual(await texts(page, tasks, 'li.task'), ['write it', 'test it']);
  assert.equal(await count(page, tasks, 'li.task > input[type="checkbox"][disabled]'), 2);
  assert.equal(await count(page, tasks, 'li.task > input:checked'), 1);
  assert.deepEqual(await texts(page, tasks, 'li:not(.task)'), ['link', '[] not a task']);

  // Tables, with alignment and a pipe inside code.
  const table = 'Intro\n| Name | Size |\n|:-----|-----:|\n| `a|b` | 1 |\n| c | 22 |\n\nafter';
  assert.deepEqual(await texts(page, table, 'th'), ['Name', 'Size']);
  assert.deepEqual(await texts(page, table, 'td'), ['a|b', '1', 'c', '22']);
  assert.match(await html(page, table), /<td class="align-right">22<\/td>/);
  assert.deepEqual(await texts(page, table, ':scope > p'), ['Intro', 'after']);

  // Fenced code, with its language shown and the text after it as text.
  const code = 'Before\n```python\nif a < b:\n    print("x")\n```\nAfter **bold**\n~~~\ntilde\n~~~';
  assert.deepEqual(await texts(page, code, 'pre code'), ['if a < b:\n    print("x")', 'tilde']);
  assert.deepEqual(await texts(page, code, '.code-language'), ['Python', '']);
  // A fence word the page does not know is shown as written (escaped).
  assert.deepEqual(await texts(page, '```zig\nconst x = 1;\n```', '.code-language'), ['zig']);
  assert.deepEqual(await texts(page, '```<b>x\ny\n```', '.code-language'), ['<b>x']);
  assert.deepEqual(await texts(page, code, 'p strong'), ['bold']);
  assert.equal(await count(page, 'a\n---\nb', 'hr'), 1);
  await page.context().close();
});

test('model output cannot inject markup, script or unsafe links', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const hostile = [
    '<img src=x onerror="window.__owned=1">', '<script>window.__owned=2</script>',
    '[a](javascript:window.__owned=3)', '[b](JavaScript:window.__owned=4)', '[c]( javascript:x)', '[d](<javascript:x>)',
    '<javascript:window.__owned=5>', '[e](data:text/html,<script>x</script>)', '[f](vbscript:x)', '[g](&#106;avascript:x)',
    '[h](https://a.example/"onmouseover="window.__owned=6)', '`<b>code</b>`', '```html\n<img src=x onerror=alert(1)>\n```',
    '| <i>x</i> | y |\n|---|---|\n| <svg onload=alert(1)> | z |', '> <iframe src="javascript:alert(1)">',
    '# <a href="javascript:x">h</a>', '- [i](javascript:x)\n  - <style>*{}</style>',
    '- [x] <img src=x onerror="window.__owned=7">\n- [ ] " onclick="window.__owned=8',
  ].join('\n\n');
  const result = await page.evaluate((m) => {
    const div = document.createElement('div');
    div.innerHTML = window.CorralMarkdown.render(m);
    document.body.append(div);
    const allowed = new Set(['P', 'A', 'CODE', 'PRE', 'DIV', 'SPAN', 'BUTTON', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
                             'BLOCKQUOTE', 'H2', 'UL', 'OL', 'LI', 'BR', 'STRONG', 'EM', 'INPUT']);
    const elements = [...div.querySelectorAll('*')];
    return {
      tags: [...new Set(elements.map((e) => e.tagName))].filter((t) => !allowed.has(t)),
      handlers: elements.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      hrefs: [...div.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      inputs: [...div.querySelectorAll('input')].map((i) => [...i.attributes].map((a) => a.name).join()),
      text: div.textContent,
    };
  }, hostile);
  assert.deepEqual(result.tags, []);
  assert.deepEqual(result.handlers, []);
  assert.deepEqual(result.inputs, ['type,disabled,checked', 'type,disabled'], 'task boxes only, as the renderer writes them');
  assert.deepEqual(result.hrefs, ['https://a.example/"onmouseover="window.__owned=6']);
  assert.ok(result.text.includes('<img src=x onerror="window.__owned=1">'));
  assert.ok(result.text.includes('<b>code</b>'));
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  await page.context().close();
});

test('rendering time grows linearly, also on hostile link-like input', async (t) => {
  const page = await signedInPage(browser, server, {}, 1);
  // The best of five runs of input of size n and 8n, timed in the page. Linear work takes about
  // eight times as long for 8n, quadratic sixty-four: the bound (24x, and never under 240 ms) sits
  // far from both, so a loaded machine does not decide it (a check of the algorithm, not a speed
  // target).
  const measure = (only) => page.evaluate((only) => {
    const time = (text) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        window.CorralMarkdown.render(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const answer = '## Part\n\nSome *text* with `code`, a [link](https://example.com/x) and **more**.\n\n' +
      '- item one\n  - nested `x`\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Tip: a quote\n\n' +
      '```js\nconst a = [1, 2];\n```\n\n';
    const cases = {
      links: '[a](http://',
      answer,
      brackets: '[a](b(c)', // link destinations with unbalanced parentheses
      emphasis: '*a _b ',
      ticks: '` `` a',
      nesting: '- > ',
    };
    const result = {};
    for (const [name, unit] of Object.entries(cases)) {
      if (only && !only.includes(name)) continue;
      const size = name === 'links' ? 220 * 1024 : 1024 * 1024;
      const text = unit.repeat(Math.ceil(size / 8 / unit.length));
      result[name] = { part: time(text), whole: time(text.repeat(8)), size: text.length * 8 };
    }
    return result;
  }, only);
  // A case over the bound is measured again, up to twice: a busy moment (the large input is
  // collected and scheduled away more often than the small one; 27x was seen once at load 11)
  // passes on a second look, quadratic work (64x) fails all three.
  const linear = ({ part, whole }) => whole < 24 * Math.max(part, 10);
  const timings = await measure(null);
  for (let again = 0; again < 2; again++) {
    const slow = Object.keys(timings).filter((name) => !linear(timings[name]));
    if (!slow.length) break;
    for (const name of slow) t.diagnostic(`${name}: over the bound (${timings[name].part.toFixed(1)} ms, then ${timings[name].whole.toFixed(1)} ms), measured again`);
    Object.assign(timings, await measure(slow));
  }
  for (const [name, { part, whole, size }] of Object.entries(timings)) {
    t.diagnostic(`${name}: ${size / 8} characters ${part.toFixed(1)} ms, ${size} characters ${whole.toFixed(1)} ms`);
    assert.ok(whole < 20000, `${name}: ${size} characters render within 20 s (took ${whole.toFixed(0)} ms)`);
    assert.ok(linear(timings[name]), `${name}: eight times the input takes less than 24 times as long (${part.toFixed(1)} ms, then ${whole.toFixed(1)} ms)`);
  }
  await page.context().close();
});

test('a stream keeps finished blocks and is right after every token', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const report = await page.evaluate((tokens) => {
    const div = document.createElement('div');
    document.body.append(div);
    const stream = window.CorralMarkdown.stream(div);
    let text = '';
    let heading = null;
    const problems = [];
    for (const token of tokens) {
      text += token;
      stream.update(text, false);
      if (!heading && div.querySelector('h3') && text.includes('\n')) heading = div.querySelector('h3');
      if (heading && div.querySelector('h3') !== heading) problems.push('the finished heading was rendered again at ' + JSON.stringify(text.slice(-20)));
      for (const code of div.querySelectorAll('pre, code')) {
        if (code.textContent.includes('After')) problems.push('text after the fence shown as code at ' + JSON.stringify(text.slice(-20)));
      }
      if ([...div.querySelectorAll('p')].some((p) => p.textContent.includes('def f'))) problems.push('code shown as text');
      if (text.includes('|---|---|\n') && !div.querySelector('table')) problems.push('table not shown once its divider arrived');
      if (div.querySelector('table') && div.querySelector('blockquote table, li table')) problems.push('table inside something else');
    }
    stream.update(text, true);
    const same = div.innerHTML === window.CorralMarkdown.render(text).split('\n<').join('<');
    return { problems, same, heading: !!heading };
  }, streamedAnswer);
  assert.deepEqual(report.problems, []);
  assert.ok(report.heading);
  assert.ok(report.same, 'the finished stream renders as the whole answer does');

  // A finished block's DOM node survives a large tail being re-rendered (it is not rebuilt).
  const kept = await page.evaluate(() => {
    const div = document.createElement('div');
    const stream = window.CorralMarkdown.stream(div);
    let text = 'First paragraph.\n\n';
    stream.update(text, false);
    const first = div.firstChild;
    for (let i = 0; i < 200; i++) { text += 'more words '; stream.update(text, false); }
    return first === div.firstChild && div.children.length === 2;
  });
  assert.ok(kept);
  await page.context().close();
});

test('code inside a list item stays in the item at every token, and the numbering goes on after it', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const cases = [
    // [markdown, selector of the item holding the code, items that must be numbered so]
    ['1. one\n\n   ```py\n   x=1\n   ```\n2. two\n', 'ol > li:nth-child(1)', { two: 2 }],
    ['1. one\n   ```py\n   x=1\n   ```\n2. two\n3. three\n', 'ol > li:nth-child(1)', { two: 2, three: 3 }],
    ['- one\n\n  ```py\n  x=1\n  ```\n- two\n', 'ul > li:nth-child(1)', {}],
    ['- a\n  - b\n\n    ```py\n    x=1\n    ```\n  - c\n- d\n', 'ul > li > ul > li:nth-child(1)', {}],
  ];
  for (const [markdown, holder, numbers] of cases) {
    const problems = await page.evaluate(({ markdown, holder, numbers }) => {
      const div = document.createElement('div');
      document.body.append(div);
      const stream = window.CorralMarkdown.stream(div);
      const found = [];
      // The number an item shows: its list's start plus its place in the list.
      const numberOf = (li) => Number(li.parentElement.getAttribute('start') || 1) + [...li.parentElement.children].indexOf(li);
      for (let at = 1; at <= markdown.length; ++at) {
        const text = markdown.slice(0, at);
        stream.update(text, at === markdown.length);
        const where = JSON.stringify(text.slice(-12));
        for (const pre of div.querySelectorAll('pre')) {
          if (!pre.closest(holder)) found.push('code outside its item at ' + where);
        }
        if (text.includes('   ```py\n') || text.includes('  ```py\n')) {
          if (!div.querySelector(holder + ' pre')) found.push('no code in the item at ' + where);
        }
        for (const [item, number] of Object.entries(numbers)) {
          if (!text.includes(item + '\n')) continue;
          const li = [...div.querySelectorAll('ol > li')].find((l) => l.firstChild?.textContent.trim() === item); // "two<br>3": the next item arriving
          if (!li || numberOf(li) !== number) found.push(item + ' is not numbered ' + number + ' at ' + where);
        }
        if (text.endsWith('- c\n') || text.endsWith('- d\n')) {
          const c = [...div.querySelectorAll('li')].find((l) => l.firstChild && l.firstChild.textContent === 'c');
          if (!c || !c.parentElement.closest('li')) found.push('c is not nested at ' + where);
        }
      }
      if (div.querySelectorAll(':scope > ol, :scope > ul').length !== 1) found.push('the list was split: ' + div.innerHTML);
      div.remove();
      return found;
    }, { markdown, holder, numbers });
    assert.deepEqual(problems, [], markdown);
  }
  // A fence at the margin between numbered steps ends the list; the next one starts at its own number.
  assert.equal(await count(page, '1. Install:\n```sh\npip install x\n```\n2. Run it\n', 'ol[start="2"] > li'), 1);
  await page.context().close();
});

test('the page streams an answer through Corral without text after a fence ever showing as code', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  // Watch every change the page makes to the answer while it streams.
  await page.evaluate(() => {
    window.__problems = [];
    new MutationObserver(() => {
      const body = document.querySelector('.message.assistant .body');
      if (!body) return;
      for (const code of body.querySelectorAll('pre, code')) if (code.textContent.includes('After')) window.__problems.push(body.innerHTML);
    }).observe(document.getElementById('conversation'), { childList: true, subtree: true, characterData: true });
  });
  await page.fill('#message', 'Show me some Markdown');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send' &&
                             document.querySelector('.message.assistant .body')?.textContent.includes('After the fence'));
  assert.deepEqual(await page.evaluate(() => window.__problems), []);
  const body = await page.evaluate(() => {
    const b = document.querySelector('.message.assistant .body');
    return { code: b.querySelector('pre code').textContent, table: b.querySelectorAll('td').length,
             quote: b.querySelector('blockquote')?.textContent, nested: b.querySelectorAll('ul ul li').length };
  });
  assert.deepEqual(body, { code: 'def f():\n    return 1', table: 2, quote: 'Tip: read first.', nested: 1 });
  await page.context().close();
});

test('a 1 MB answer from the history opens', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const big = ('Paragraph with *emphasis* and `code` and [a link](https://example.com).\n\n- a\n- b\n\n').repeat(13000);
  const id = await seedChat(page, 'Big', [{ role: 'user', content: 'a lot' }, { role: 'assistant', content: big }]);
  await page.reload();
  await page.click(`#chat-list button[data-id="${id}"]`);
  await page.waitForFunction(() => document.querySelectorAll('.message.assistant .body li').length === 26000, null, { timeout: 60000 });
  await page.context().close();
});
