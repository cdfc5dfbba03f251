import { h, show, message, when } from '../dom.js';
import { query } from '../api.js';
import { subject } from '../words.js';

const FIELDS = [
  ['subscriber', 'Subscriber (MSISDN)', '+447700900001'],
  ['target', 'Number or target', '+88213500001'],
  ['caseId', 'Case id', ''],
  ['decisionId', 'Decision id', ''],
  ['typology', 'Typology', 'IRSF'],
  ['rule', 'Rule that raised the alert', 'IRSF-001'],
  ['actor', 'Who (user or ringfence)', ''],
  ['from', 'From (UTC)', '2026-03-02'],
  ['to', 'To (UTC, exclusive)', '2026-03-03T00:00:00Z'],
];
const ACTIONS = ['', 'ALLOW', 'MONITOR', 'BLOCK_SUBSCRIBER', 'BLOCK_NUMBER', 'BLOCK_SOURCE', 'OPEN_CASE'];
const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z)?$/;
const PAGE = 25;

const NUMBERS = ['subscriber', 'target'];

/**
 * Audit search for compliance. The filters live in the address, so a search can be bookmarked and
 * shared, except the numbers: they stay in this tab's session under a key the address names, out of the
 * browser's history and of links pasted elsewhere. The service is asked with POST, the filters in the
 * body, so no number reaches a proxy's or ingress's access log either.
 */
export function renderAudit({ api }, main, ) {
  document.title = 'Audit · Ringfence';
  const params = Object.fromEntries(new URLSearchParams((location.hash.split('?')[1]) || ''));
  const recalled = recall(params.n);
  // A link whose numbers this tab does not hold (opened elsewhere, or the session ended): no search without them.
  const lost = Boolean(params.n) && !Object.keys(recalled).length;
  Object.assign(params, recalled);
  if (NUMBERS.some((k) => new URLSearchParams((location.hash.split('?')[1]) || '').has(k))) {
    // A link written with a number in it: searched, and the address rewritten without it.
    params.n = remember(params);
    history.replaceState(null, '', `#/audit${query(address(params, params.n))}`);
  }
  const errors = h('div', { id: 'audit-errors' });
  const results = h('div', { id: 'audit-results' });
  const exported = h('div', { id: 'audit-export', role: 'status' });
  const inputs = Object.fromEntries(FIELDS.map(([name, , example]) => [name,
    h('input', { id: `audit-${name}`, name, value: params[name] || '', placeholder: example || null, autocomplete: 'off' })]));
  const action = h('select', { id: 'audit-action', name: 'action' },
    ACTIONS.map((a) => h('option', { value: a, selected: a === (params.action || '') }, a || 'Any action')));
  const kind = h('select', { id: 'audit-kind', name: 'kind' },
    [['DECISION', 'Decisions'], ['ACTION', 'Actions on decisions and cases'], ['ALL', 'Both']]
      .map(([v, l]) => h('option', { value: v, selected: v === (params.kind || 'DECISION') }, l)));
  const form = h('form', { class: 'filters wide', novalidate: true, 'aria-label': 'Search the audit trail' },
    FIELDS.map(([name, label]) => h('div', { class: 'field' }, h('label', { for: `audit-${name}` }, label), inputs[name])),
    h('div', { class: 'field' }, h('label', { for: 'audit-action' }, 'Action'), action),
    h('div', { class: 'field' }, h('label', { for: 'audit-kind' }, 'Entries'), kind),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'audit-search' }, 'Search'),
      h('button', { type: 'button', id: 'audit-csv', class: 'secondary', onclick: exportCsv }, 'Export CSV')));

  function filters() {
    const f = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    f.action = action.value;
    f.kind = kind.value === 'DECISION' ? '' : kind.value;
    return f;
  }

  function check(f) {
    for (const k of ['from', 'to']) {
      if (f[k] && !TIME.test(f[k])) return [`${k === 'from' ? 'From' : 'To'}: a UTC day (2026-03-02) or instant (2026-03-02T08:00:00Z).`, inputs[k]];
    }
    if (f.from && f.to && f.from >= f.to) return ['From must be before To.', inputs.from];
    return [null, null];
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = filters();
    const [problem, el] = check(f);
    if (problem) { show(errors, message('error', problem)); el.focus(); return; }
    location.hash = `#/audit${query({ ...address(f, remember(f)), page: '' })}`;
  });

  async function exportCsv() {
    const f = filters();
    const [problem, el] = check(f);
    if (problem) { show(errors, message('error', problem)); el.focus(); return; }
    show(exported, 'Exporting…');
    try {
      const blob = await api.postBlob('/api/v1/audit/decisions/search.csv', f, 'text/csv');
      const rows = (await blob.text()).split('\n').filter((l) => l.trim()).length - 1;
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: 'ringfence-audit.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      show(exported, message('notice', `Exported ${rows} row${rows === 1 ? '' : 's'} to ringfence-audit.csv.`));
    } catch (err) {
      show(exported, message('error', `Export refused: ${err.message}`));
    }
  }

  show(main, h('h1', {}, 'Audit trail'),
    h('p', { class: 'hint' }, 'Decisions and every action on them, from the hash-chained audit trail. '
      + 'Whether each day\'s chain is intact is on the Audit chain page.'),
    form, errors, exported, results);

  const hasSearch = Object.keys(params).length > 0;
  if (!hasSearch) {
    show(results, h('p', {}, 'Search by any of the fields above, or leave them empty for the latest decisions.'));
  }
  if (lost) {
    show(results, message('notice', 'This link\'s subscriber or number stayed in the tab it was made in, '
      + 'out of the address on purpose. Type them above and search again.'));
    return;
  }
  const page = Number(params.page || 0);
  const f = filters();
  api.post('/api/v1/audit/decisions/search', { ...f, page, size: PAGE })
    .then((p) => show(results, table(p, page, address(f, params.n))))
    .catch((err) => show(results, message('error', `Search refused: ${err.message}`)));
}

/** The filters as the address shows them: the numbers replaced by the key of this tab's session entry. */
function address(f, n) {
  const a = { ...f, n: n || '' };
  for (const k of NUMBERS) a[k] = '';
  delete a.page;
  return a;
}

function remember(f) {
  const numbers = Object.fromEntries(NUMBERS.filter((k) => f[k]).map((k) => [k, f[k]]));
  if (!Object.keys(numbers).length) return '';
  const n = Math.random().toString(36).slice(2, 10);
  try {
    sessionStorage.setItem(`ringfence.audit.${n}`, JSON.stringify(numbers));
  } catch {
    return '';
  }
  return n;
}

function recall(n) {
  if (!n) return {};
  try {
    const numbers = JSON.parse(sessionStorage.getItem(`ringfence.audit.${n}`) || '{}');
    return Object.fromEntries(NUMBERS.filter((k) => typeof numbers[k] === 'string').map((k) => [k, numbers[k]]));
  } catch {
    return {};
  }
}

function table(p, page, f) {
  if (!p.items.length) return message('notice', 'No entry matches.');
  const nav = h('nav', { 'aria-label': 'Result pages', class: 'pager' },
    page > 0 ? h('a', { href: `#/audit${query({ ...f, page: page - 1 })}` }, 'Previous') : null,
    h('span', {}, ` Page ${page + 1} of ${p.totalPages} (${p.total} entries) `),
    page + 1 < p.totalPages ? h('a', { href: `#/audit${query({ ...f, page: page + 1 })}` }, 'Next') : null);
  return [h('table', { class: 'grid' },
    h('caption', { class: 'sr-only' }, 'Audit entries'),
    h('thead', {}, h('tr', {}, ['Recorded', 'Kind', 'Action', 'Target', 'Typology', 'Who', 'Decision', 'Case']
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, p.items.map((e) => h('tr', { dataset: { decisionId: e.decisionId } },
      h('td', {}, when(e.recordedAt)), h('td', {}, e.kind), h('td', {}, e.action),
      h('td', {}, subject(e.targetKind, e.targetValue)), h('td', {}, e.typology || '—'), h('td', {}, e.actor),
      h('td', {}, h('a', { href: `#/audit/decisions/${encodeURIComponent(e.decisionId)}` }, e.decisionId.slice(0, 13))),
      h('td', {}, e.caseId ? h('a', { href: `#/cases/${e.caseId}` }, e.caseId.slice(0, 8)) : '—'))))), nav];
}
