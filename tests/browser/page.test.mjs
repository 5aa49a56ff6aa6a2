// SPDX-License-Identifier: GPL-3.0-or-later
// Corral's browser page in real headless Chromium (Debian's), driven by playwright-core, against
// the built `corral --headless` and the fake Ollama. CORRAL_BIN and FAKE_OLLAMA_BIN name the
// binaries; CORRAL_SCREENSHOT_DIR, when set, keeps screenshots of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { shots, startFake, startCorral, launchBrowser, cleanUp, signedInPage as signIn, seedChat } from './corral.mjs';

let server;
let dataDir;
let browser;

before(async () => {
  const fakeUrl = await startFake(['--tokens', '60', '--token-delay-ms', '40', '--model', 'llama3.2:latest', '--model', 'qwen3:8b']);
  server = await startCorral('data', fakeUrl);
  dataDir = server.dataDir;
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  cleanUp();
});

const signedInPage = (options) => signIn(browser, server, options);
const corral = (...args) => server.run(...args);

test('sign in, chat with streaming, stop midway, and find the chat in the shared history', async () => {
  const page = await signedInPage();
  await page.selectOption('#model', 'qwen3:8b');

  // First message: the answer streams in token by token.
  await page.fill('#message', 'Count for me, please');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelector('.message.assistant .body')?.textContent.includes('tok2'));
  const partial = await page.textContent('.message.assistant .body');
  assert.ok(!partial.includes('tok59'), 'the answer is shown while it streams, not all at the end');
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send', null, { timeout: 30000 });
  assert.ok((await page.textContent('.message.assistant .body')).includes('tok59'));

  // Second message: stopped midway.
  await page.fill('#message', 'Again, but I will stop you');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('.message.assistant .body')[1]?.textContent.includes('tok3'));
  await page.click('#send'); // it reads "Stop" while streaming
  await page.waitForFunction(() => document.querySelector('#send').textContent === 'Send');
  await page.waitForFunction(() => document.querySelectorAll('.message.assistant .note')[1]?.textContent === 'Stopped');

  // The chat is in /api/v1 ...
  // (for the page's cookie with its session key: the cookie alone, which every port on this host
  // receives, is not enough)
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/chats')).status), 401);
  assert.equal(await page.evaluate(async () => (await fetch('/ollama/api/tags')).status), 401);
  const chats = await page.evaluate(async () => (await window.Corral.request('/api/v1/chats')).json());
  assert.equal(chats.total, 1);
  const chat = await page.evaluate(async (id) => (await window.Corral.request('/api/v1/chats/' + id)).json(), chats.chats[0].id);
  assert.deepEqual(chat.messages.map((m) => [m.role, m.status]),
                   [['user', 'complete'], ['assistant', 'complete'], ['user', 'complete'], ['assistant', 'stopped']]);
  assert.equal(chat.model, 'qwen3:8b');
  assert.ok(!chat.messages[3].content.includes('tok59'));

  // ... and in the desktop's store, the same SQLite file the window reads.
  const rows = execFileSync('python3', ['-c', `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select title from chats").fetchone()[0])
print(db.execute("select count(*) from messages").fetchone()[0])`, join(dataDir, 'chats.db')]).toString().trim().split('\n');
  assert.deepEqual(rows, ['Count for me, please', '4']);

  if (shots) {
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.screenshot({ path: join(shots, 'page-desktop-light.png') });
  }
  await page.context().close();
});

test('model output cannot inject markup or script', async () => {
  const page = await signedInPage();
  const created = await seedChat(page, 'Injection', [{ role: 'user', content: 'hi' }, { role: 'assistant', content:
    '<img src=x onerror="window.__owned=1"> <script>window.__owned=2</script> [x](javascript:window.__owned=3) **bold** `code`' }]);
  await page.reload();
  await page.click(`#chat-list button[data-id="${created}"]`);
  await page.waitForSelector('.message.assistant strong');
  assert.equal(await page.evaluate(() => document.querySelectorAll('.message .body img, .message .body script').length), 0);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.message .body a[href^="javascript"]').length), 0);
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  assert.ok((await page.textContent('.message.assistant .body')).includes('<img src=x'));
  await page.context().close();
});

test('an expired session goes back to sign-in and keeps what was typed', async () => {
  const page = await signedInPage();
  corral('--rotate-token'); // ends every browser session
  await page.fill('#message', 'text I do not want to lose');
  await page.press('#message', 'Enter');
  await page.waitForSelector('input[name="token"]'); // the sign-in page
  await page.goto(corral('--browser-link'));
  await page.waitForFunction(() => document.querySelector('#message')?.value === 'text I do not want to lose');
  await page.context().close();
});

test('when Ollama cannot be reached the page says why and what to check', async () => {
  const dead = await startCorral('dead', 'http://127.0.0.1:9');
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = dead.link();
  assert.ok(link.startsWith(dead.base));
  await page.goto(link);
  await page.waitForSelector('#banner:not([hidden])');
  const banner = await page.textContent('#banner');
  assert.ok(banner.includes('Server connection error'));
  assert.ok(banner.includes('Could not connect to Ollama at http://127.0.0.1:9'));
  assert.ok(banner.includes('http://192.168.1.1:11434'));
  assert.ok((await page.$$('#banner li')).length >= 3);
  if (shots) await page.screenshot({ path: join(shots, 'page-unreachable.png') });
  await context.close();
});

test('phone width and dark mode stay usable', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await signedInPage({ viewport: { width: 390, height: 800 }, colorScheme });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, 'no horizontal scrolling at phone width');
    const signOut = await page.evaluate(() => document.querySelector('.signout button').getBoundingClientRect());
    assert.ok(signOut.right <= 390 && signOut.top < 60, 'sign-out stays in the top bar');
    assert.equal(await page.isVisible('#sidebar'), true);
    const sidebarLeft = await page.evaluate(() => document.getElementById('sidebar').getBoundingClientRect().right);
    assert.ok(sidebarLeft <= 0, 'the chat list is tucked away at phone width');
    await page.click('#toggle-chats');
    await page.waitForFunction(() => document.getElementById('sidebar').getBoundingClientRect().left >= 0);
    if (shots) await page.screenshot({ path: join(shots, `page-phone-${colorScheme}.png`) });
    await page.click('#toggle-chats');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, colorScheme === 'dark' ? 'rgb(21, 23, 21)' : 'rgb(246, 246, 243)');
    if (shots && colorScheme === 'dark') {
      await page.setViewportSize({ width: 1200, height: 800 });
      await page.screenshot({ path: join(shots, 'page-desktop-dark.png') });
    }
    await page.context().close();
  }
});

test('another client\'s new chats and messages appear in an open page without a reload', async () => {
  const watching = await signedInPage();
  const other = await signedInPage();
  const id = await seedChat(other, 'Shared chat', [{ role: 'user', content: 'first words' }]);
  await watching.waitForSelector(`#chat-list button[data-id="${id}"]`, { timeout: 3000 });
  await watching.click(`#chat-list button[data-id="${id}"]`);
  await watching.waitForSelector('.message.user');
  const started = Date.now();
  await other.evaluate((id) => window.Corral.request(`/api/v1/chats/${id}/messages`, {
    method: 'POST', body: JSON.stringify({ role: 'assistant', content: 'written elsewhere' }) }), id);
  await watching.waitForFunction(() => document.querySelector('#conversation').textContent.includes('written elsewhere'),
                                 null, { timeout: 3000 });
  assert.ok(Date.now() - started < 2000, 'the open chat shows it within a second or so');
  const newer = await seedChat(other, 'Made in another tab', []);
  await watching.waitForSelector(`#chat-list button[data-id="${newer}"]`, { timeout: 3000 });
  await watching.context().close();
  await other.context().close();
});
