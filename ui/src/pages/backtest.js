import { h, show, message, when } from '../dom.js';
import { subject } from '../words.js';
import { problem } from './changes.js';

// A submitted change run beside the live versions (docs/governance.md, "Backtest"): on a range of the stored
// history or on a file of events the analyst uploads, the job's progress with a cancel button, then what the draft
// adds, removes and changes per typology and per rule, and the differences one by one. The author and the approver
// see the same panel.

const POLL_MS = 1000;
const PAGE_SIZE = 20;
const HOUR = 3600000;
const STATUS_WORDS = {
  QUEUED: 'Queued: waiting for the backtest before it to finish',
  RUNNING: 'Running',
  DONE: 'Done',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};
const OUTCOME_WORDS = { CONFIRMED_FRAUD: 'later confirmed as fraud', FALSE_POSITIVE: 'later cleared as a false positive' };
const CHANGE_WORDS = { ADDED: 'added by the draft', REMOVED: 'removed by the draft', CHANGED: 'changed by the draft' };

/** "2026-03-02 00:00" (UTC) for a time in milliseconds. */
function field(ms) {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** What an analyst types, "2026-03-02 00:00" or an ISO instant, as an ISO instant in UTC; null if it is neither. */
export function parseUtc(text) {
  const m = String(text).trim().match(/^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d)?))?(?:Z)?$/);
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2] || '00:00'}${m[2] && m[2].length === 5 ? ':00' : ''}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
}

const n = (x) => Number(x || 0).toLocaleString('en-GB');

/** The type a file is sent as; the service reads the format from the name, as the drop folder does. */
function fileType(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith('.gz')) return 'application/gzip';
  if (lower.endsWith('.csv')) return 'text/csv';
  return 'application/x-ndjson';
}

const EVENT_FILES = '.jsonl,.ndjson,.json,.csv,.gz';

/**
 * The default range: the 24 hours up to the newest stored decision (history is often a replayed or simulated
 * day, not today), or up to now when nothing is stored yet.
 */
async function defaultRange(api) {
  let end = Date.now();
  try {
    const first = await api.get('/api/v1/audit/decisions?kind=DECISION&size=1');
    if (first.total > 0) {
      const last = await api.get(`/api/v1/audit/decisions?kind=DECISION&size=1&page=${first.total - 1}`);
      const e = last.items[0];
      const at = Date.parse(e?.content?.decidedAt || e?.recordedAt);
      if (!Number.isNaN(at)) end = at + 1;
    }
  } catch {
    // The audit trail is only a hint for the default; the analyst can type any range.
  }
  const to = Math.ceil(end / HOUR) * HOUR;
  return { from: to - 24 * HOUR, to };
}

/**
 * @param change a change as GET /api/v1/changes lists it
 * @returns the panel's element; it stops polling once it leaves the page
 */
export function backtestPanel({ api, change }) {
  const id = change.changeId;
  const el = h('section', { class: 'backtest', 'aria-labelledby': `bt-h-${id}` },
    h('h3', { id: `bt-h-${id}` }, 'Backtest on stored history'));
  if (change.kind === 'hot-list') {
    el.append(h('p', { class: 'hint' }, 'Hot lists are read by screening, not by the rules and models: there is nothing to backtest.'));
    return el;
  }
  const from = h('input', { id: `bt-from-${id}`, class: 'bt-from', autocomplete: 'off', size: 17, placeholder: '2026-03-02 00:00' });
  const to = h('input', { id: `bt-to-${id}`, class: 'bt-to', autocomplete: 'off', size: 17, placeholder: '2026-03-03 00:00' });
  const file = h('input', { id: `bt-file-${id}`, class: 'bt-file', type: 'file', accept: EVENT_FILES,
    'aria-describedby': `bt-file-hint-${id}` });
  const choice = (value, label, checked) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: `bt-on-${id}`, id: `bt-on-${value}-${id}`, class: `bt-on-${value}`, value, checked }),
    h('label', { for: `bt-on-${value}-${id}` }, label));
  const onHistory = choice('history', 'Stored history (a time range)', true);
  const onFile = choice('file', 'A file of events', false);
  const rangeFields = h('div', { class: 'row bt-range' },
    h('div', { class: 'field' }, h('label', { for: from.id }, 'From (UTC)'), from),
    h('div', { class: 'field' }, h('label', { for: to.id }, 'To (UTC, not included)'), to));
  const fileFields = h('div', { class: 'row bt-file-fields', hidden: true },
    h('div', { class: 'field' }, h('label', { for: file.id }, 'Events file'), file,
      h('p', { class: 'hint', id: `bt-file-hint-${id}` }, 'The contract\'s JSON Lines (.jsonl), or CSV CDRs read through '
        + 'the drop folder\'s column mapping (.csv); either may be gzip (.gz). Rows that are not events are counted and '
        + 'listed, not run.')));
  const flash = h('div', { class: 'bt-flash' });
  const status = h('div', { class: 'bt-status' });
  const result = h('div', { class: 'bt-result' });
  const run = h('button', { type: 'submit', class: 'bt-run' }, 'Run backtest');
  const form = h('form', { novalidate: true, class: 'bt-form', 'aria-label': 'Run a backtest' },
    h('fieldset', { class: 'bt-on' }, h('legend', {}, 'Run it on'), onHistory, onFile),
    rangeFields, fileFields, h('div', { class: 'buttons' }, run));
  const usingFile = () => form.querySelector(`input[name="bt-on-${id}"]:checked`)?.value === 'file';
  form.addEventListener('change', (e) => {
    if (e.target.name !== `bt-on-${id}`) return;
    rangeFields.hidden = usingFile();
    fileFields.hidden = !usingFile();
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); start(); });
  el.append(h('p', { class: 'hint' }, 'Runs this change beside the live versions on the stored events of a range, or on a '
    + 'file of events, and shows the alerts and decisions it would add, remove and change. Nothing is sent to switches '
    + 'or cases.'), form, flash, status, result);

  let timer = null;
  let current = null;
  const gone = () => !el.isConnected && current !== null;

  defaultRange(api).then((r) => {
    if (!from.value) from.value = field(r.from);
    if (!to.value) to.value = field(r.to);
  });
  // The change's latest backtest, whoever ran it: the approver reads the author's result.
  api.get(`/api/v1/changes/${id}`).then((c) => { if (c.backtest && !current) follow(c.backtest); })
    .catch((err) => show(flash, problem('Could not read the change\'s backtest', err)));

  async function start() {
    if (usingFile()) {
      startOnFile();
      return;
    }
    const f = parseUtc(from.value);
    const t = parseUtc(to.value);
    if (!f || !t) {
      show(flash, message('error', 'Give both times in UTC as 2026-03-02 00:00 (or an ISO instant).'));
      (f ? to : from).focus();
      return;
    }
    if (Date.parse(f) >= Date.parse(t)) {
      show(flash, message('error', '"From" must be before "To".'));
      from.focus();
      return;
    }
    show(flash);
    run.disabled = true;
    try {
      follow(await api.post(`/api/v1/changes/${id}/backtests`, { from: f, to: t }));
    } catch (err) {
      run.disabled = false;
      show(flash, problem('Backtest refused', err));
    }
  }

  async function startOnFile() {
    const chosen = file.files?.[0];
    if (!chosen) {
      show(flash, message('error', 'Choose a file of events to run the change on.'));
      file.focus();
      return;
    }
    show(flash);
    run.disabled = true;
    try {
      follow(await api.send('POST', `/api/v1/changes/${id}/backtests?name=${encodeURIComponent(chosen.name)}`, chosen,
        fileType(chosen.name)));
    } catch (err) {
      run.disabled = false;
      const rejections = err.problem?.input?.rejections || [];
      show(flash, problem('Backtest refused', err), rejections.length ? rejectionList(rejections) : null);
    }
  }

  async function cancel(b) {
    try {
      follow(await api.send('DELETE', `/api/v1/backtests/${b.backtestId}`));
    } catch (err) {
      show(flash, problem('Cancel refused', err));
    }
  }

  /** Draws a job and, while it is not finished, asks for it again every second. */
  function follow(b) {
    current = b;
    clearTimeout(timer);
    drawStatus(b);
    const finished = ['DONE', 'FAILED', 'CANCELLED'].includes(b.status);
    run.disabled = !finished;
    if (finished) {
      if (b.status === 'DONE') drawResult(b); else show(result);
      return;
    }
    show(result);
    timer = setTimeout(async () => {
      if (gone()) return;
      try {
        const next = await api.get(`/api/v1/backtests/${b.backtestId}`);
        if (current?.backtestId === b.backtestId) follow(next);
      } catch (err) {
        show(flash, problem('Could not read the backtest', err));
        timer = setTimeout(() => follow(b), POLL_MS * 5);
      }
    }, POLL_MS);
  }

  function drawStatus(b) {
    const value = b.status === 'DONE' ? 1 : (b.progress ?? 0);
    const pct = Math.round(value * 100);
    const barId = `bt-bar-${id}`;
    const counts = b.eventsTotal == null ? 'counting the events of the range…'
      : `${n(b.eventsDone)} of ${n(b.eventsTotal)} events (${pct} %)`;
    const running = b.status === 'QUEUED' || b.status === 'RUNNING';
    const input = b.input;
    const on = input ? ` · on the file ${input.name}, ${n(input.accepted)} events from ${when(b.from)} to ${when(b.to)}`
      : ` · ${when(b.from)} to ${when(b.to)}`;
    show(status, h('div', { class: `bt-state ${b.status.toLowerCase()}`, dataset: { backtestId: b.backtestId, status: b.status } },
      h('p', {}, h('strong', {}, STATUS_WORDS[b.status] || b.status), on,
        ` · ${b.kind?.toLowerCase().replace('_', ' ') || ''} ${b.liveVersion} (live) against ${b.draftVersion} (draft)`,
        ` · asked by ${b.requestedBy} ${when(b.requestedAt)}`),
      h('div', { class: 'bt-progress' },
        h('label', { for: barId }, 'Progress'),
        h('progress', { id: barId, max: 100, value: pct }, `${pct} %`),
        h('span', { class: 'bt-counts', 'aria-live': 'polite' }, counts),
        running ? h('button', { type: 'button', class: 'secondary small bt-cancel', onclick: () => cancel(b) }, 'Cancel') : null),
      input && input.rejected ? rejectedRows(input) : null,
      b.status === 'FAILED' ? message('error', `The backtest stopped: ${b.reason || 'no reason given'}.`) : null,
      b.status === 'CANCELLED' ? message('notice', `Cancelled: ${b.reason || 'cancelled'}.`) : null));
  }

  /** The file's rows that are not events; retention keeps their count but drops the rows themselves. */
  function rejectedRows(input) {
    const listed = input.rejections || [];
    const more = !listed.length ? ' (no longer listed: their contents were dropped at retention)'
      : input.rejected > listed.length ? `; the first ${listed.length} are listed` : '';
    return h('div', { class: 'msg notice bt-input-rejected' },
      h('p', {}, `${n(input.rejected)} of the file's ${n(input.lines)} rows are not events Ringfence can read and were `
        + `not run${more}${listed.length ? ':' : '.'}`),
      listed.length ? rejectionList(listed) : null);
  }

  function rejectionList(rejections) {
    return h('table', { class: 'grid compact bt-rejections' },
      h('caption', { class: 'sr-only' }, 'Rows of the file that are not events'),
      h('thead', {}, h('tr', {}, ['Line', 'Field', 'Why'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rejections.map((r) => h('tr', {}, h('td', {}, n(r.line)), h('td', {}, r.field || '—'),
        h('td', {}, r.reason)))));
  }

  function drawResult(b) {
    const s = b.summary;
    if (!s) { show(result, message('error', 'The backtest is done but carries no summary.')); return; }
    const all = s.all;
    const fraud = all.onConfirmedFraud;
    const fp = all.onFalsePositives;
    const sentences = [
      `Over ${n(s.events)} ${b.input ? 'events of the file' : 'stored events'} the live versions raised ${n(s.live.alerts)} alerts and took ${n(s.live.decisions)} `
        + `decisions; the draft ${n(s.draft.alerts)} and ${n(s.draft.decisions)}.`,
      `The draft adds ${n(all.alerts.added)} alerts, removes ${n(all.alerts.removed)} and changes ${n(all.alerts.changed)}; `
        + `it adds ${n(all.decisions.added)} decisions, removes ${n(all.decisions.removed)} and changes ${n(all.decisions.changed)}.`,
      outcome('later confirmed as fraud', fraud),
      outcome('later cleared as false positives', fp),
    ].filter(Boolean);
    if (!outcome('', fraud) && !outcome('', fp)) {
      sentences.push('No decision that differs falls on a line whose case was later confirmed as fraud or cleared as a false positive.');
    }
    const refused = s.refused ? message('notice', `${n(s.refused)} events were refused as the stream refuses them: `
      + 'their time is too far ahead of the events before them (stream.maxClockJump).') : null;
    const warn = (s.liveFaults || s.draftFaults)
      ? message('error', `A stage failed on ${n(s.liveFaults)} events of the live side and ${n(s.draftFaults)} of the draft's; `
        + 'differences after a failure are not to be trusted.') : null;
    show(result,
      h('h4', {}, 'Result'),
      h('div', { class: 'bt-sentence' }, sentences.map((x) => h('p', {}, x))), refused, warn,
      groupTable('Per typology', 'typology', s.byTypology),
      groupTable('Per rule', 'rule', s.byRule),
      differences(b, Object.keys(s.byTypology || {})));
  }

  /** "On lines later confirmed as fraud the draft adds 2 decisions, ..." or null when it touches none. */
  function outcome(words, c) {
    if (!c || !(c.added || c.removed || c.changed)) return null;
    return `On lines ${words} the draft adds ${n(c.added)} decisions, removes ${n(c.removed)} and changes ${n(c.changed)}.`;
  }

  function groupTable(caption, key, groups) {
    const rows = Object.entries(groups || {});
    if (!rows.length) return h('p', { class: 'hint' }, `${caption}: nothing differs.`);
    const cols = ['added', 'removed', 'changed'];
    return h('table', { class: 'grid compact bt-groups', dataset: { by: key } },
      h('caption', {}, caption),
      h('thead', {},
        h('tr', {}, h('th', { scope: 'col', rowspan: 2 }, key === 'rule' ? 'Rule' : 'Typology'),
          h('th', { scope: 'colgroup', colspan: 3 }, 'Alerts'), h('th', { scope: 'colgroup', colspan: 3 }, 'Decisions'),
          h('th', { scope: 'col', rowspan: 2 }, 'On confirmed fraud (+/−/~)'),
          h('th', { scope: 'col', rowspan: 2 }, 'On false positives (+/−/~)')),
        h('tr', {}, [...cols, ...cols].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([name, g]) => h('tr', { dataset: { [key]: name } },
        h('th', { scope: 'row' }, name),
        cols.map((c) => h('td', { class: `alerts-${c}` }, n(g.alerts[c]))),
        cols.map((c) => h('td', { class: `decisions-${c}` }, n(g.decisions[c]))),
        h('td', { class: 'on-fraud' }, triple(g.onConfirmedFraud)),
        h('td', { class: 'on-false-positives' }, triple(g.onFalsePositives))))));
  }

  const triple = (c) => `${n(c.added)} / ${n(c.removed)} / ${n(c.changed)}`;

  /** The differences, filtered and paged by the service; each opens its two sides. */
  function differences(b, typologies) {
    const sel = (cls, label, options) => {
      const s = h('select', { id: `${cls}-${id}`, class: cls },
        options.map(([v, t]) => h('option', { value: v }, t)));
      return [h('div', { class: 'field' }, h('label', { for: s.id }, label), s), s];
    };
    const [tField, typology] = sel('bt-typology', 'Typology', [['', 'all'], ...typologies.map((t) => [t, t])]);
    const [kField, kind] = sel('bt-kind', 'Alerts or decisions', [['', 'both'], ['alert', 'alerts'], ['decision', 'decisions']]);
    const [cField, change] = sel('bt-change', 'Change', [['', 'any'], ['added', 'added'], ['removed', 'removed'], ['changed', 'changed']]);
    const list = h('div', { class: 'bt-list' });
    let page = 0;
    [typology, kind, change].forEach((s) => s.addEventListener('change', () => { page = 0; load(); }));

    async function load() {
      const q = new URLSearchParams({ page, size: PAGE_SIZE });
      if (typology.value) q.set('typology', typology.value);
      if (kind.value) q.set('kind', kind.value);
      if (change.value) q.set('change', change.value);
      let p;
      try {
        p = await api.get(`/api/v1/backtests/${b.backtestId}/differences?${q}`);
      } catch (err) {
        show(list, problem('Could not read the differences', err));
        return;
      }
      const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
      show(list, p.items.length ? [
        h('table', { class: 'grid compact bt-differences' },
          h('caption', {}, `${n(p.total)} difference${p.total === 1 ? '' : 's'}, in event-time order`),
          h('thead', {}, h('tr', {}, ['When', 'What', 'Typology', 'Rule', 'Subject', 'Case outcome', '']
            .map((x) => h('th', { scope: 'col' }, x || h('span', { class: 'sr-only' }, 'Open'))))),
          h('tbody', {}, p.items.map((d, i) => row(d, p.page * PAGE_SIZE + i)))),
        h('p', { class: 'pager' },
          h('button', { type: 'button', class: 'secondary small', disabled: page === 0, onclick: () => { page--; load(); } }, 'Previous'),
          ` Page ${p.page + 1} of ${pages} `,
          h('button', { type: 'button', class: 'secondary small', disabled: page + 1 >= pages, onclick: () => { page++; load(); } }, 'Next'))]
        : h('p', { class: 'hint' }, 'No difference matches.'));
    }

    function row(d, index) {
      const detail = h('tr', { class: 'bt-detail', hidden: true }, h('td', { colspan: 7 }, h('dl', { class: 'facts' },
        h('dt', {}, 'Live versions'), h('dd', { class: 'bt-live' }, d.live || 'did not produce it'),
        h('dt', {}, 'Draft'), h('dd', { class: 'bt-draft' }, d.draft || 'does not produce it'),
        h('dt', {}, 'Subscriber'), h('dd', {}, d.subscriber
          ? h('a', { href: `#/audit?subscriber=${encodeURIComponent(d.subscriber)}` }, `${d.subscriber} (its audit trail)`) : '—'),
        h('dt', {}, 'Case outcome'), h('dd', {}, OUTCOME_WORDS[d.caseOutcome] || 'no triaged case on this line'),
        h('dt', {}, 'Id'), h('dd', {}, h('code', {}, d.key)))));
      // The visible word starts the accessible name, so speech control finds the button by what it shows.
      const label = () => [detail.hidden ? 'Open' : 'Close', h('span', { class: 'sr-only' }, ` difference ${index + 1}`)];
      const open = h('button', { type: 'button', class: 'link-button bt-open', 'aria-expanded': 'false' }, label());
      open.addEventListener('click', () => {
        detail.hidden = !detail.hidden;
        open.setAttribute('aria-expanded', String(!detail.hidden));
        show(open, label());
      });
      return [h('tr', { class: `bt-diff ${d.change.toLowerCase()}`, dataset: { change: d.change, output: d.output } },
        h('td', {}, when(new Date(d.atMillis).toISOString())),
        h('td', {}, `${d.output === 'ALERT' ? 'Alert' : 'Decision'} ${CHANGE_WORDS[d.change] || d.change}`),
        h('td', {}, d.typology), h('td', {}, d.ruleId || '—'), h('td', {}, subject(d.subjectKind, d.subjectValue)),
        h('td', {}, OUTCOME_WORDS[d.caseOutcome] || '—'), h('td', {}, open)), detail];
    }

    load();
    return h('div', { class: 'bt-differences-area' }, h('h4', {}, 'Differences'),
      h('div', { class: 'filters' }, tField, kField, cField), list);
  }

  return el;
}
