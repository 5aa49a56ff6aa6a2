// SPDX-License-Identifier: GPL-3.0-or-later
// The Activity panel: who is using Ollama through Corral right now (with Stop), the recent
// requests and the totals per caller, from GET /api/v1/activity (refreshed every second while
// the panel is open). Everything is written with textContent: names come from other clients.
'use strict';

(function (global) {
  const Corral = global.Corral || (global.Corral = {});
  const RecentShown = 25;
  let timer = null;

  function who(item) {
    if (item.caller_kind === 'key') return 'Key “' + item.caller + '”' + (item.peer ? ' (' + item.peer + ')' : '');
    if (item.caller_kind === 'session') return 'Browser ' + (item.peer ? item.peer + ' ' : '') + '(session ' + item.caller + ')';
    return 'Owner token' + (item.peer ? ' (' + item.peer + ')' : '');
  }

  function seconds(ms) {
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }

  function row(cells) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      if (cell instanceof Node) td.append(cell); else td.textContent = String(cell);
      tr.append(td);
    }
    return tr;
  }

  function fill(id, rows, empty) {
    const body = document.getElementById(id);
    body.replaceChildren(...rows);
    if (!rows.length) {
      const tr = row([empty]);
      tr.firstChild.colSpan = 9;
      tr.className = 'empty';
      body.append(tr);
    }
  }

  function stopButton(item) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'quiet small stop-request';
    button.textContent = 'Stop';
    button.dataset.id = item.id;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try { await Corral.post('/api/v1/activity/' + encodeURIComponent(item.id) + '/stop', {}); } catch (e) { /* ended already */ }
      refresh();
    });
    return button;
  }

  function show(activity) {
    fill('activity-live', activity.live.map((item) => row([who(item), item.model, item.route, seconds(item.elapsed_ms),
                                                          item.tokens_out, stopButton(item)])),
         'Nothing is using Ollama through Corral right now.');
    fill('activity-recent', activity.recent.slice(0, RecentShown).map((item) => row([
      who(item), item.model, item.route, item.status + (item.stopped ? ', stopped' : ''), seconds(item.elapsed_ms),
      item.tokens_in, item.tokens_out, item.error || ''])), 'No requests yet.');
    fill('activity-totals', activity.totals.map((total) => row([
      who({ caller_kind: total.caller_kind, caller: total.caller }), total.today.requests, total.today.tokens,
      total.last_30_days.requests, total.last_30_days.tokens])), 'No requests in the last 30 days.');
  }

  async function refresh() {
    try {
      show(await Corral.api('/api/v1/activity'));
    } catch (e) {
      if (e.name !== 'SignedOut') document.getElementById('activity-error').textContent = e.message;
    }
  }

  function setUp() {
    const panel = document.getElementById('activity-panel');
    const open = document.getElementById('open-activity');
    if (!panel || !open) return;
    open.addEventListener('click', () => {
      panel.showModal();
      refresh();
      timer = setInterval(refresh, 1000);
    });
    panel.addEventListener('close', () => { clearInterval(timer); timer = null; });
    document.getElementById('activity-close').addEventListener('click', () => panel.close());
  }

  Corral.refreshActivity = refresh;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp); else setUp();
})(window);
