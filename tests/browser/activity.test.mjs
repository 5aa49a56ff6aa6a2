// SPDX-License-Identifier: GPL-3.0-or-later
// The page's Activity panel in real headless Chromium: an API key's stream shows up live with
// its name, model and tokens, Stop in the panel ends it (the client's stream ends), and the
// recent list and totals show it; /api/v1/activity is closed to API keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, startFake, startCorral, launchBrowser, cleanUp, signedInPage } from './corral.mjs';

let server;
let browser;

before(async () => {
  const fakeUrl = await startFake(['--tokens', '2000', '--token-delay-ms', '20', '--model', 'llama3.2:latest', '--model', 'qwen3:8b']);
  server = await startCorral('activity', fakeUrl);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  cleanUp();
});

test('a key\'s stream is listed live, and Stop in the panel ends it', async () => {
  const key = server.run('--create-api-key', 'nightly script', '--models', 'llama3.2:*');
  assert.match(key, /^crl_/);
  // The key's own view of the model list: only what it may use.
  const tags = await (await fetch(server.base + '/ollama/api/tags', { headers: { Authorization: 'Bearer ' + key } })).json();
  assert.deepEqual(tags.models.map((m) => m.name), ['llama3.2:latest']);
  // Keys may not read the activity.
  const refused = await fetch(server.base + '/api/v1/activity', { headers: { Authorization: 'Bearer ' + key } });
  assert.equal(refused.status, 403);

  const stream = await fetch(server.base + '/ollama/api/generate', {
    method: 'POST', headers: { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'llama3.2:latest', prompt: 'go' }),
  });
  assert.equal(stream.status, 200);
  const reader = stream.body.getReader();
  await reader.read(); // the stream runs
  const ended = (async () => { let text = ''; for (;;) { const { done, value } = await reader.read(); if (done) return text; text += new TextDecoder().decode(value); } })();

  const page = await signedInPage(browser, server);
  await page.click('#open-activity');
  const row = page.locator('#activity-live tr', { hasText: 'Key “nightly script”' });
  await row.waitFor();
  assert.match(await row.textContent(), /llama3\.2:latest/);
  assert.match(await row.textContent(), /POST \/api\/generate/);
  await page.waitForFunction(() => Number(document.querySelector('#activity-live tr td:nth-child(5)')?.textContent) > 1);
  if (shots) await page.screenshot({ path: join(shots, 'page-activity.png') });

  await row.locator('button.stop-request').click();
  const text = await ended;
  assert.match(text, /Stopped in Corral/);
  await page.locator('#activity-recent tr', { hasText: 'stopped' }).waitFor();
  await page.locator('#activity-totals tr', { hasText: 'Key “nightly script”' }).waitFor();
  await page.locator('#activity-live tr.empty').waitFor();
});
