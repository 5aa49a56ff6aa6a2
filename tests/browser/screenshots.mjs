// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of the browser page with a question with a PDF attached and a real answer (a
// heading, highlighted C++ and Python, a table, a nested list with code in an item, a quote), each
// with its actions (Copy, Edit and resend, Regenerate, Delete), wide (1280x800) and at phone width
// (390x844), light and dark, in the browser tests' own headless Chromium. Not a test: run it by
// hand after building, and look at the pictures.
//
//   node tests/browser/screenshots.mjs [output directory, default /work/shots]
//
// CORRAL_BIN and FAKE_OLLAMA_BIN name the binaries (default: the ones in build/).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.env.CORRAL_BIN ||= join(root, 'build/src/app/corral');
process.env.FAKE_OLLAMA_BIN ||= join(root, 'build/tests/support/corral-fake-ollama');
const { startFake, startCorral, launchBrowser, cleanUp, signedInPage, seedChat } = await import('./corral.mjs');

const out = resolve(process.argv[2] || '/work/shots');
mkdirSync(out, { recursive: true });

const answer = `## Reading a file, line by line

In **C++**, \`std::getline\` reads one line at a time:

\`\`\`cpp
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
    std::ifstream in(argc > 1 ? argv[1] : "data.txt"); // open the file named on the command line
    for (std::string line; std::getline(in, line);)
        std::cout << line.size() << ": " << line << '\\n';
    return in.bad() ? 1 : 0;
}
\`\`\`

The same in Python:

\`\`\`python
from pathlib import Path

def lengths(path: str) -> list[int]:
    """One length per line, without the newline."""
    return [len(line) for line in Path(path).read_text().splitlines()]
\`\`\`

| Language | Reads with | Closes the file |
|:---------|:-----------|:----------------|
| C++ | \`std::getline\` | when \`in\` goes out of scope |
| Python | \`read_text()\` | at once |

1. Open the file
   - check that it exists
   - and that you may read it
2. Read it:

   \`\`\`sh
   wc -l data.txt
   \`\`\`
3. Close it

> **Tip:** for files of gigabytes, read in chunks instead of all at once.
`;

const fakeUrl = await startFake(['--model', 'llama3.2:latest']);
const server = await startCorral('screenshots', fakeUrl);
const browser = await launchBrowser();
try {
  const shots = [['wide', 1280, 800], ['phone', 390, 844]];
  for (const [name, width, height] of shots) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await signedInPage(browser, server, { viewport: { width, height }, colorScheme, deviceScaleFactor: 1 }, 1);
      const id = await seedChat(page, 'Reading a file', [
        { role: 'user', content: 'How do I read a file line by line in C++ and in Python? The spec is attached.',
          attachments: [{ name: 'file-reading-spec.pdf', kind: 'pdf', size: 48213, pages: 3, text: 'Read the file line by line.' }] },
        { role: 'assistant', content: answer, model: 'llama3.2:latest' },
      ]);
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('#model option').length === 1);
      if (await page.isVisible('#toggle-chats')) await page.click('#toggle-chats'); // phone width: the list is tucked away
      await page.click(`#chat-list button[data-id="${id}"]`);
      await page.waitForFunction(() => document.querySelectorAll('.message.assistant pre code.hljs').length === 3);
      // From the question (its PDF chip and actions) down: the answer's heading and the C++ block.
      await page.$eval('.message.user', (m) => m.scrollIntoView({ block: 'start' }));
      const file = join(out, `page-${name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      // And the end of the answer (the list, the quote, its actions), as page-…-2.png.
      await page.$eval('.message.assistant', (e) => e.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: join(out, `page-${name}-${colorScheme}-2.png`) });
      console.log(file);
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  cleanUp();
}
