import { h, show, message, when } from '../dom.js';
import { problem } from './changes.js';

const STATES = {
  VERIFIED: 'Verified by the running check',
  BROKEN: 'BROKEN',
  NOT_WATCHED: 'Not checked by the running check yet (or older than it watches)',
};

/**
 * The audit chain per day: what the service's running check found for the newest days, and a verification of any
 * day on demand that names the first broken row. The signed heads published outside the database are checked by
 * audit-verify on the command line (docs/audit.md).
 */
export function renderChain({ api }, main) {
  document.title = 'Audit chain · Ringfence';
  const flash = h('div', { id: 'chain-flash', tabindex: '-1', role: 'status' });
  const days = h('div', { id: 'chain-days' }, 'Loading…');
  let stopped = false;

  show(main, h('h1', {}, 'Audit chain'),
    h('p', { class: 'hint' }, 'Every decision and action is chained by hash, day by day. The service verifies the newest '
      + 'days as they are written; verify any other day here. A break names the first row altered or deleted.'),
    flash, h('section', { class: 'card', 'aria-labelledby': 'h-chain' }, h('h2', { id: 'h-chain' }, 'Days, newest first'), days));

  async function verify(day) {
    show(flash, message('notice', `Verifying ${day}…`));
    try {
      const r = await api.post(`/api/v1/audit/chain/${day}/verify`);
      show(flash, r.intact
        ? message('notice', `${day}: ${r.entries} entries, the chain is intact.`)
        : message('error', `${day}: BROKEN at entry ${r.brokenSeq}: ${r.problem}`));
      const row = days.querySelector(`tr[data-day='${day}'] td.result`);
      if (row) show(row, r.intact ? `intact (${when(r.at)})` : `broken at ${r.brokenSeq}`);
    } catch (err) {
      show(flash, problem(`Verifying ${day} failed`, err));
    }
    flash.focus();
  }

  async function load() {
    try {
      const list = await api.get('/api/v1/audit/chain');
      if (stopped) return;
      const broken = list.filter((d) => d.state === 'BROKEN');
      show(days, broken.length
        ? message('error', `The chain is broken on ${broken.map((d) => `${d.day} at entry ${d.brokenSeq}`).join(', ')}.`)
        : null,
      list.length ? h('table', { class: 'grid' },
        h('caption', { class: 'sr-only' }, 'The audit chain by day'),
        h('thead', {}, h('tr', {}, ['Day', 'Entries', 'State', 'Verified up to', 'Verify now', 'Result']
          .map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, list.map((d) => h('tr', { dataset: { day: d.day, state: d.state } },
          h('td', {}, d.day), h('td', {}, String(d.entries)),
          h('td', { class: d.state === 'BROKEN' ? 'bad' : null },
            d.state === 'BROKEN' ? `BROKEN at entry ${d.brokenSeq}: ${d.problem}` : STATES[d.state] || d.state),
          h('td', {}, d.verifiedSeq != null ? `entry ${d.verifiedSeq}, ${when(d.verifiedAt)}` : '—'),
          h('td', {}, h('button', { type: 'button', class: 'secondary small verify', onclick: () => verify(d.day),
            'aria-label': `Verify ${d.day} now` }, 'Verify')),
          h('td', { class: 'result' }, '')))))
        : message('notice', 'Nothing has been audited yet.'));
    } catch (err) {
      if (!stopped) show(days, problem('Could not read the chain', err));
    }
  }

  load();
  return () => { stopped = true; };
}
