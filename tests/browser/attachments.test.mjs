// SPDX-License-Identifier: GPL-3.0-or-later
// Files in the page's conversation, in real headless Chromium against the built corral and the
// fake Ollama: a text file read in the page, a PDF read by Corral (Poppler), chips while they
// wait and on the sent message, the text the model gets, what is stored, and the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shots, startFake, startCorral, launchBrowser, cleanUp, signedInPage } from './corral.mjs';

const pdf = readFileSync(new URL('../support/fixtures/harbour.pdf', import.meta.url));
let server;
let browser;

before(async () => {
  const fakeUrl = await startFake(['--model', 'llama3.2:latest']);
  server = await startCorral('attachments', fakeUrl);
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  cleanUp();
});

test('a text file and a PDF are attached, shown as chips, sent to the model as context and stored', async () => {
  const page = await signedInPage(browser, server, { viewport: { width: 1100, height: 750 } }, 1);
  const requests = [];
  await page.route('**/ollama/api/chat', (route) => { requests.push(route.request().postDataJSON()); route.continue(); });
  await page.setInputFiles('#attach-input', [
    { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('Bring a ```coat```.\n') },
    { name: 'harbour.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('#attachments .file-chip').length === 2);
  const pending = await page.$$eval('#attachments .file-chip', (list) => list.map((c) => c.textContent));
  assert.match(pending[0], /^notes\.md20 bytes×$/);
  assert.match(pending[1], /^harbour\.pdf909 bytes · 2 pages×$/);

  await page.fill('#message', 'When does it open?');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelector('.message.assistant') && document.querySelector('#send').textContent === 'Send');
  const sent = requests[0].messages.at(-1).content;
  assert.ok(sent.startsWith('File: notes.md\n````\nBring a ```coat```.\n````\n\nFile: harbour.pdf\n```\n'), sent);
  assert.ok(sent.includes('the harbour opens at nine'), sent);
  assert.ok(sent.endsWith('```\n\nWhen does it open?'), sent);
  assert.equal(await page.isHidden('#attachments'), true);

  // The chips on the sent message; the stored message keeps the text and the files apart.
  const chips = await page.$$eval('.message.user .files .file-chip', (list) => list.map((c) => c.textContent));
  assert.deepEqual(chips, ['notes.md20 bytes', 'harbour.pdf909 bytes · 2 pages']);
  const id = await page.$eval('#chat-list button[aria-current="true"]', (b) => b.dataset.id);
  const stored = await page.evaluate(async (id) => (await (await window.Corral.request('/api/v1/chats/' + id)).json()).messages[0], id);
  assert.equal(stored.content, 'When does it open?');
  assert.deepEqual(stored.attachments.map((a) => [a.name, a.kind, a.pages]), [['notes.md', 'text', 0], ['harbour.pdf', 'pdf', 2]]);

  // After a reload the chips come from the history, and the next turn sends the files again.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#model option').length === 1);
  await page.click(`#chat-list button[data-id="${id}"]`);
  await page.waitForSelector('.message.user .files .file-chip');
  await page.setInputFiles('#attach-input', [{ name: 'harbour.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  await page.waitForSelector('#attachments .file-chip');
  if (shots) await page.screenshot({ path: join(shots, 'page-attachments.png') });
  await page.click('#attachments .file-chip button'); // removed again
  assert.equal(await page.isHidden('#attachments'), true);
  await page.fill('#message', 'And when does it close?');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('.message.assistant').length === 2 && document.querySelector('#send').textContent === 'Send');
  assert.ok(requests.at(-1).messages[0].content.includes('the harbour opens at nine'));
  assert.equal(requests.at(-1).messages.at(-1).content, 'And when does it close?');
  await page.context().close();
});

test('files dropped on the composer or pasted into the message box are attached', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  const transfer = (name, text) => page.evaluateHandle(({ name, text }) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'text/plain' }));
    return data;
  }, { name, text });
  await page.dispatchEvent('#composer', 'drop', { dataTransfer: await transfer('dropped.py', 'print("hi")\n') });
  await page.waitForFunction(() => document.querySelectorAll('#attachments .file-chip').length === 1);
  await page.$eval('#message', (area, data) => area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })),
                   await transfer('pasted.sql', 'SELECT 1;\n'));
  await page.waitForFunction(() => document.querySelectorAll('#attachments .file-chip').length === 2);
  const names = await page.$$eval('#attachments .file-name', (list) => list.map((n) => n.textContent));
  assert.deepEqual(names, ['dropped.py', 'pasted.sql']);
  assert.equal(await page.inputValue('#message'), '');
  await page.context().close();
});

test('binary files, broken PDFs and files over the limit are refused with a message', async () => {
  const page = await signedInPage(browser, server, {}, 1);
  await page.setInputFiles('#attach-input', [{ name: 'tool.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0]) }]);
  await page.waitForSelector('#banner:not([hidden])');
  assert.match(await page.textContent('#banner-message'), /tool\.bin is a binary file/);
  await page.setInputFiles('#attach-input', [{ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nnothing here\n') }]);
  await page.waitForFunction(() => /broken\.pdf/.test(document.querySelector('#banner-message').textContent));
  await page.setInputFiles('#attach-input', [{ name: 'big.log', mimeType: 'text/plain', buffer: Buffer.alloc(1024 * 1024 + 1, 'a') }]);
  await page.waitForFunction(() => /big\.log is larger than 1 MB/.test(document.querySelector('#banner-message').textContent));
  assert.equal(await page.isHidden('#attachments'), true);
  // Corral refuses a PDF body over its limit before reading it all.
  const status = await page.evaluate(async () => (await window.Corral.request('/api/v1/attachments/extract?name=huge.pdf', {
    method: 'POST', body: new Uint8Array(22 * 1024 * 1024), headers: { 'Content-Type': 'application/pdf' } })).status);
  assert.equal(status, 413);
  await page.context().close();
});
