// SPDX-License-Identifier: GPL-3.0-or-later
// What the browser tests share: the built `corral --headless` against a fake Ollama, and Debian's
// headless Chromium driven by playwright-core. CORRAL_BIN and FAKE_OLLAMA_BIN name the binaries;
// CORRAL_SCREENSHOT_DIR, when set, keeps screenshots of the page.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const corralBin = process.env.CORRAL_BIN;
export const fakeBin = process.env.FAKE_OLLAMA_BIN;
export const shots = process.env.CORRAL_SCREENSHOT_DIR;
export const work = mkdtempSync(join(tmpdir(), 'corral-browser-'));
const children = [];

export function startAndWait(command, args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CORRAL_TOKEN: '' } });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${output}`)), 30000);
    child.stdout.on('data', (data) => {
      output += data;
      const match = output.match(pattern);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${output}`)));
  });
}

// A fake Ollama; `script` ({tokens, thinking}) replaces its "tok0 tok1 ..." answer.
export function startFake(args, script) {
  if (script) {
    const file = join(work, `script-${children.length}.json`);
    writeFileSync(file, JSON.stringify(script));
    args = [...args, '--script', file];
  }
  return startAndWait(fakeBin, ['--port', '0', ...args], /Fake Ollama listening on (http:\/\/127\.0\.0\.1:\d+)\//);
}

// A headless Corral with its own data directory: {base, dataDir, link()}.
export async function startCorral(name, ollamaUrl) {
  const dataDir = join(work, name);
  const base = await startAndWait(corralBin, ['--headless', '--port', '0', '--data-dir', dataDir, '--ollama-url', ollamaUrl],
                                  /Corral is serving on (http:\/\/127\.0\.0\.1:\d+)\//);
  const run = (...args) => execFileSync(corralBin, [...args, '--data-dir', dataDir], { env: { ...process.env, CORRAL_TOKEN: '' } }).toString().trim();
  return { base, dataDir, run, link: () => run('--browser-link') };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

export function cleanUp() {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

// A page signed in to `server` through a one-time link, once its models are listed.
export async function signedInPage(browser, server, options = {}, models = 2) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.link());
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(new URL(page.url()).search, '', 'the one-time code left the address bar');
  await page.waitForFunction((n) => document.querySelectorAll('#model option').length === n, models);
  return page;
}

// Creates a chat with the given messages through /api/v1, from inside the page; returns its id.
export function seedChat(page, title, messages) {
  return page.evaluate(async ({ title, messages }) => {
    const post = (url, body) => window.Corral.request(url, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    const chat = await post('/api/v1/chats', { title, model: 'llama3.2:latest' });
    for (const message of messages) await post(`/api/v1/chats/${chat.id}/messages`, message);
    return chat.id;
  }, { title, messages });
}
