// SPDX-License-Identifier: GPL-3.0-or-later
// The page's features beyond chatting, in real headless Chromium against the built corral and a
// scripted fake Ollama: highlighted code blocks with their language and Copy, the message actions
// (Copy, Regenerate, Edit and resend, Delete), renaming and deleting chats, the system prompt,
// image attachments, thinking kept apart, the connection-error panel, following the stream,
// keyboard use, and screenshots (CORRAL_SCREENSHOT_DIR) at 1280 and 375 px in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, startFake, startCorral, launchBrowser, cleanUp, signedInPage, seedChat } from './corral.mjs';

const languages = {
  python: 'def area(r):\n    return 3.14 * r ** 2  # circle',
  c: '#include <stdio.h>\nint main(void) { return printf("hi\\n"); }',
  cpp: 'template <typename T>\nclass Box { public: T value; };',
  js: 'const sum = (a, b) => a + b; // add',
  ts: 'interface User { name: string; age?: number }',
  rust: 'fn main() { let v: Vec<i32> = vec![1, 2]; println!("{:?}", v); }',
  go: 'package main\nfunc main() { fmt.Println("hi") }',
  java: 'public class App { public static void main(String[] args) {} }',
  bash: 'for f in *.txt; do echo "$f"; done',
  sh: 'if [ -f x ]; then rm x; fi',
  sql: 'SELECT name, COUNT(*) FROM users WHERE age > 21 GROUP BY name;',
  json: '{"name": "corral", "port": 8080, "ok": true}',
  yaml: 'services:\n  web:\n    image: nginx  # proxy\n    ports: [80]',
  html: '<div class="x"><a href="/">Home</a></div>',
  css: '.card { color: #333; margin: 0 auto; }',
  markdown: '# Title\n\n- item with **bold**',
};
// Each fence's label, as the window writes it.
const labels = ['Python', 'C', 'C++', 'JavaScript', 'TypeScript', 'Rust', 'Go', 'Java', 'Shell', 'Shell', 'SQL', 'JSON', 'YAML', 'HTML',
  'CSS', 'Markdown'];
const codeAnswer = Object.entries(languages).map(([name, code]) => '```' + name + '\n' + code + '\n```\n').join('\n');
const richAnswer = '## Plan\n\n> Tip: measure before you optimise.\n\n| Step | Cost |\n|:-----|-----:|\n| parse | 2 ms |\n| render | 5 ms |\n\n' +
  'Use `perf` and then:\n\n```python\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n```\n\n- first\n  - nested\n- second\n';
const longTail = Array.from({ length: 120 }, (_, i) => `Line ${i} of a long answer.\n\n`);
const tokens = [...richAnswer.match(/[\s\S]{1,12}/g), ...longTail];

let server;
let browser;

before(async () => {
  const fakeUrl = await startFake(['--token-delay-ms', '12', '--model', 'llama3.2:latest'], { tokens, thinking: ['Weighing ', 'the options.'] });
  server = await startCorral('features', fakeUrl);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  cleanUp();
});

const open = async (page, id) => {
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#model option').length === 1);
  if (await page.isVisible('#toggle-chats')) await page.click('#toggle-chats'); // phone width: the list is tucked away
  await page.click(`#chat-list button[data-id="${id}"]`);
  await page.waitForSelector('.message');
};
const messagesOf = (page, id) => page.evaluate(async (id) => (await (await window.Corral.request('/api/v1/chats/' + id)).json()).messages, id);
const sendAndWait = async (page, text) => {
  const before = await page.$$eval('.message.assistant', (list) => list.length);
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.message.assistant').length > n && document.querySelector('#send').textContent === 'Send', before, { timeout: 30000 });
};
const currentChatId = (page) => page.$eval('#chat-list button[aria-current="true"]', (b) => b.dataset.id);

// WCAG contrast of two rgb() colours.
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

test('code blocks are highlighted per language, show it, copy, and stay readable in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await signedInPage(browser, server, { colorScheme, permissions: ['clipboard-read', 'clipboard-write'] }, 1);
    const id = await seedChat(page, 'Code ' + colorScheme, [{ role: 'user', content: 'code please' }, { role: 'assistant', content: codeAnswer }]);
    await open(page, id);
    await page.waitForFunction((n) => document.querySelectorAll('.message.assistant pre code.hljs').length === n, Object.keys(languages).length);
    const blocks = await page.$$eval('.message.assistant .code-block', (list) => list.map((b) => ({
      language: b.querySelector('.code-language').textContent,
      copy: b.querySelector('.code-copy').textContent,
      spans: b.querySelectorAll('pre code [class^="hljs-"]').length,
      text: b.querySelector('pre code').textContent,
    })));
    assert.deepEqual(blocks.map((b) => b.language), labels);
    Object.values(languages).forEach((code, i) => {
      const block = blocks[i];
      assert.equal(block.copy, 'Copy');
      assert.ok(block.spans > 0, `${block.language} is highlighted`);
      assert.equal(block.text, code, 'highlighting keeps the text');
    });
    // Every token colour is readable on the code background.
    const colours = await page.$$eval('.message.assistant pre', (list) => list.flatMap((pre) => {
      const background = getComputedStyle(pre).backgroundColor;
      return [...pre.querySelectorAll('code, code *')].map((e) => [getComputedStyle(e).color, background]);
    }));
    for (const [fg, bg] of colours) assert.ok(contrast(fg, bg) >= 4.5, `${fg} on ${bg} in ${colorScheme} (${contrast(fg, bg).toFixed(2)})`);

    await page.click('.code-block:nth-of-type(1) .code-copy');
    await page.waitForFunction(() => document.querySelector('.code-copy').textContent === 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), languages.python);
    await page.context().close();
  }
});

test('message actions: copy, regenerate, edit and resend, delete', async () => {
  const page = await signedInPage(browser, server, { permissions: ['clipboard-read', 'clipboard-write'] }, 1);
  await sendAndWait(page, 'First question');
  const id = await currentChatId(page);
  await sendAndWait(page, 'Second question');
  assert.equal((await messagesOf(page, id)).length, 4);

  // Regenerate belongs to the last answer only.
  const regenerate = await page.$$eval('.message', (list) => list.map((m) => [...m.querySelectorAll('.actions button')]
    .filter((b) => !b.hidden).map((b) => b.textContent).join(',')));
  assert.deepEqual(regenerate, ['Copy,Edit,Delete', 'Copy,Delete', 'Copy,Edit,Delete', 'Copy,Regenerate,Delete']);

  // Copy a message.
  await page.click('.message.user >> nth=0 >> button:has-text("Copy")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'First question');

  // Regenerate: the last answer is replaced, not added to.
  await page.$$eval('.message.assistant', (list) => { list[1].dataset.old = '1'; });
  await page.click('.message.assistant >> nth=1 >> button:has-text("Regenerate")');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Stop');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send', null, { timeout: 30000 });
  let messages = await messagesOf(page, id);
  assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant']);
  assert.equal(await page.$$eval('.message', (list) => list.length), 4);
  assert.equal(await page.$$eval('.message[data-old]', (list) => list.length), 0, 'the old answer was replaced');

  // Edit and resend the first question: what came after it goes, a new answer comes.
  await page.click('.message.user >> nth=0 >> button:has-text("Edit")');
  await page.fill('.message.user .edit textarea', 'First question, better');
  await page.press('.message.user .edit textarea', 'Enter');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Stop');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send', null, { timeout: 30000 });
  messages = await messagesOf(page, id);
  assert.deepEqual(messages.map((m) => [m.role, m.role === 'user' ? m.content : '']), [['user', 'First question, better'], ['assistant', '']]);
  assert.deepEqual(await page.$$eval('.message.user .body', (list) => list.map((b) => b.textContent)), ['First question, better']);

  // Edit, then cancel with Esc: nothing changes.
  await page.click('.message.user >> nth=0 >> button:has-text("Edit")');
  await page.press('.message.user .edit textarea', 'Escape');
  assert.equal(await page.$$eval('.message .edit', (list) => list.length), 0);

  // Delete the answer.
  await page.click('.message.assistant >> nth=0 >> button:has-text("Delete")');
  await page.waitForFunction(() => document.querySelectorAll('.message').length === 1);
  assert.deepEqual((await messagesOf(page, id)).map((m) => m.role), ['user']);
  await page.context().close();
});

test('rename and delete chats, and a per-chat system prompt that is sent', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const requests = [];
  await page.route('**/ollama/api/chat', (route) => { requests.push(route.request().postDataJSON()); route.continue(); });

  // A system prompt set before the first message applies to the chat it creates.
  await page.click('#system-prompt');
  await page.fill('#dialog-text', 'Answer like a pirate.');
  await page.click('#dialog-ok');
  await sendAndWait(page, 'Hello');
  const id = await currentChatId(page);
  assert.deepEqual(requests[0].messages[0], { role: 'system', content: 'Answer like a pirate.' });
  let chat = await page.evaluate(async (id) => (await window.Corral.request('/api/v1/chats/' + id)).json(), id);
  assert.equal(chat.system_prompt, 'Answer like a pirate.');

  // Changing it changes what the next request sends.
  await page.click('#system-prompt');
  assert.equal(await page.inputValue('#dialog-text'), 'Answer like a pirate.');
  await page.fill('#dialog-text', 'Be brief.');
  await page.press('#dialog-text', 'Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // OK, by keyboard
  await page.waitForFunction(() => !document.getElementById('dialog').open);
  await sendAndWait(page, 'Again');
  assert.deepEqual(requests[1].messages[0], { role: 'system', content: 'Be brief.' });

  // Rename, by keyboard.
  await page.click('#rename-chat');
  await page.fill('#dialog-input', 'Pirate talk');
  await page.press('#dialog-input', 'Enter');
  await page.waitForFunction(() => document.getElementById('chat-title').textContent === 'Pirate talk');
  await page.waitForFunction((id) => document.querySelector(`#chat-list button[data-id="${id}"]`)?.textContent === 'Pirate talk', id);
  chat = await page.evaluate(async (id) => (await window.Corral.request('/api/v1/chats/' + id)).json(), id);
  assert.equal(chat.title, 'Pirate talk');

  // Delete: Cancel (Esc) keeps it, Delete removes it.
  await page.click('#delete-chat');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('dialog').open);
  assert.equal((await page.evaluate(async (id) => window.Corral.request('/api/v1/chats/' + id).then((r) => r.status), id)), 200);
  await page.click('#delete-chat');
  assert.ok((await page.textContent('#dialog-message')).includes('Pirate talk'));
  await page.click('#dialog-ok');
  await page.waitForFunction((id) => !document.querySelector(`#chat-list button[data-id="${id}"]`), id);
  assert.equal((await page.evaluate(async (id) => window.Corral.request('/api/v1/chats/' + id).then((r) => r.status), id)), 404);
  assert.equal(await page.$$eval('.message', (list) => list.length), 0);
  await page.context().close();
});

// A 2x2 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

test('images are attached, sent to the model, stored and shown', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const requests = [];
  await page.route('**/ollama/api/chat', (route) => { requests.push(route.request().postDataJSON()); route.continue(); });
  await page.setInputFiles('#attach-input', [{ name: 'a.png', mimeType: 'image/png', buffer: png },
                                              { name: 'b.png', mimeType: 'image/png', buffer: png }]);
  await page.waitForFunction(() => document.querySelectorAll('#attachments img').length === 2);
  await page.click('#attachments .attachment:nth-child(2) button'); // remove one
  assert.equal(await page.$$eval('#attachments img', (list) => list.length), 1);
  await sendAndWait(page, 'What is in this picture?');
  assert.deepEqual(requests[0].messages.at(-1).images, [png.toString('base64')]);
  assert.equal(await page.isHidden('#attachments'), true);
  const user = (await messagesOf(page, await currentChatId(page)))[0];
  assert.deepEqual(user.images, [png.toString('base64')]);
  const shown = await page.$eval('.message.user .images img', (img) => ({ src: img.src.slice(0, 22), width: img.naturalWidth }));
  assert.deepEqual(shown, { src: 'data:image/png;base64,', width: 2 });
  await page.context().close();
});

test('thinking is shown apart and collapsed, and the stream is followed only from the bottom', async () => {
  const page = await signedInPage(browser, server, { viewport: { width: 1000, height: 600 } }, 1);
  await page.fill('#message', 'Think, then write a lot');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelector('.message.assistant .body')?.textContent.includes('Line 5 '));
  const thinking = await page.$eval('.message.assistant details.thinking', (d) => ({ hidden: d.hidden, open: d.open, text: d.textContent }));
  assert.deepEqual(thinking, { hidden: false, open: false, text: 'ThinkingWeighing the options.' });
  assert.ok(!(await page.textContent('.message.assistant .body')).includes('Weighing'));

  // At the bottom, the page follows.
  await page.waitForFunction(() => document.querySelector('.message.assistant .body').textContent.includes('Line 20 '));
  const gap = () => page.$eval('#conversation', (c) => c.scrollHeight - c.scrollTop - c.clientHeight);
  assert.ok(await gap() < 40, 'following the stream at the bottom');

  // Scrolled up, it stays where the reader is, and offers a way back down.
  await page.$eval('#conversation', (c) => { c.scrollTop = 100; });
  await page.waitForFunction(() => !document.getElementById('jump').hidden);
  const line = await page.$eval('.message.assistant .body', (b) => b.textContent.match(/Line (\d+) /g).length);
  await page.waitForFunction((n) => document.querySelector('.message.assistant .body').textContent.match(/Line (\d+) /g).length > n + 10, line);
  assert.equal(await page.$eval('#conversation', (c) => c.scrollTop), 100);

  await page.click('#jump');
  await page.waitForFunction((n) => document.querySelector('.message.assistant .body').textContent.match(/Line (\d+) /g).length > n + 20, line);
  assert.ok(await gap() < 40, 'following again after "Latest"');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send', null, { timeout: 30000 });
  await page.context().close();
});

test('the connection-error panel has the window\'s texts, a Retry, and checks again by itself', async () => {
  const dead = await startCorral('features-dead', 'http://127.0.0.1:9');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(dead.link());
  await page.waitForSelector('#banner:not([hidden])');
  const text = await page.textContent('#banner');
  for (const part of ['Server connection error', 'Could not connect to Ollama at http://127.0.0.1:9', 'What to check:',
                      'Corral checks again by itself and continues as soon as Ollama answers.', 'Retry']) {
    assert.ok(text.includes(part), part);
  }
  // Retry asks again at once, and then the page asks again by itself.
  let tries = 0;
  const twice = new Promise((resolve) => page.route('**/ollama/api/tags', (route) => {
    if (++tries === 2) resolve();
    route.continue();
  }));
  await page.click('#banner-retry');
  await twice;
  assert.equal(await page.isVisible('#banner'), true);
  await context.close();

  // At phone width the panel scrolls within itself: the conversation and the message box stay on screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const small = await phone.newPage();
  await small.goto(dead.link());
  await small.waitForSelector('#banner:not([hidden])');
  const layout = await small.evaluate(() => ({
    composer: document.getElementById('message').getBoundingClientRect().bottom,
    conversation: document.getElementById('conversation').getBoundingClientRect().height,
    height: window.innerHeight,
  }));
  assert.ok(layout.composer <= layout.height, `the message box ends at ${layout.composer} of ${layout.height} px`);
  assert.ok(layout.conversation >= 150, `the conversation keeps ${layout.conversation} px`);
  await small.click('#banner-retry'); // scrolled into view within the panel
  await phone.close();
});

test('keyboard use: Enter sends, Shift+Enter adds a line, Esc stops, Tab reaches the actions and the chats', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'message', 'the message box has the focus');
  await page.keyboard.type('Write');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('a lot');
  assert.equal(await page.inputValue('#message'), 'Write\na lot');
  assert.equal(await page.$$eval('.message', (list) => list.length), 0, 'Shift+Enter sends nothing');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.message.assistant .body')?.textContent.includes('Line 3 '), null, { timeout: 30000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send');
  assert.equal(await page.textContent('.message.assistant .note'), 'Stopped');
  const id = await currentChatId(page);
  await page.waitForFunction((id) => window.Corral.request('/api/v1/chats/' + id).then((r) => r.json())
    .then((c) => c.messages.length === 2 && c.messages[1].status === 'stopped'), id);

  // Backwards from the message box: the answer's own actions come first, each with a visible focus ring.
  await page.focus('#message');
  let focused = null;
  for (let i = 0; i < 8 && !(focused && focused.inAnswer && focused.text === 'Delete'); ++i) {
    await page.keyboard.press('Shift+Tab');
    focused = await page.evaluate(() => {
      const e = document.activeElement;
      return { text: e.textContent, inAnswer: !!e.closest('.message.assistant .actions'), outline: getComputedStyle(e).outlineStyle };
    });
  }
  assert.deepEqual(focused, { text: 'Delete', inAnswer: true, outline: 'solid' });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.message.assistant').length === 0);

  // The chat list: from the search field, Tab reaches a chat and Enter opens it.
  await page.click('#new-chat');
  await page.waitForFunction(() => document.querySelectorAll('.message').length === 0);
  await page.focus('#search');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#chat-list') !== null), true);
  const chosen = await page.evaluate(() => document.activeElement.dataset.id);
  await page.keyboard.press('Enter');
  await page.waitForFunction((chosen) => document.querySelector('#chat-list button[aria-current="true"]')?.dataset.id === chosen, chosen);
  await page.waitForSelector('.message');
  await page.context().close();
});

test('phone width keeps the actions, code and tables usable, and screenshots', async () => {
  for (const [width, height] of [[1280, 900], [375, 800]]) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await signedInPage(browser, server, { viewport: { width, height }, colorScheme }, 1);
      const id = await seedChat(page, 'Screenshot', [
        { role: 'user', content: 'How do I make this faster?' },
        { role: 'assistant', content: richAnswer + '\n```js\nconst slow = items.map((x) => expensive(x)).filter(Boolean); // a long line that scrolls\n```\n' +
          '\n| Language | Reads with | Closes the file |\n|---|---|---|\n| C++ | `std::getline` | when `in` goes out of scope |\n| Python | `read_text()` | at once |\n',
          model: 'llama3.2:latest' },
      ]);
      await open(page, id);
      await page.waitForSelector('.message.assistant pre code.hljs');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('#sidebar, pre, table'))
        .map((e) => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 5));
      assert.ok(overflow <= 0, `no horizontal page scrolling at ${width} px: ${wide}`);
      const inside = await page.$$eval('.message .actions button, .chat-bar button, .code-copy', (list) =>
        list.filter((b) => !b.hidden && b.offsetParent).every((b) => b.getBoundingClientRect().right <= window.innerWidth));
      assert.ok(inside, `every button is on screen at ${width} px`);
      // A narrow table scrolls instead of splitting its words over lines.
      const split = await page.$$eval('.message .body td, .message .body th', (cells) => cells.flatMap((cell) => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const words = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (range.getClientRects().length > 1) words.push(match[0]);
          }
        }
        return words;
      }));
      assert.deepEqual(split, [], `words split in table cells at ${width} px`);
      // The model's name stays readable beside the buttons.
      const picker = await page.$eval('#model', (select) => select.getBoundingClientRect().width);
      assert.ok(picker >= 85, `the model picker is ${picker} px wide at ${width} px`);
      if (shots) await page.screenshot({ path: join(shots, `page-${width}-${colorScheme}.png`), fullPage: false });
      await page.context().close();
    }
  }
});
