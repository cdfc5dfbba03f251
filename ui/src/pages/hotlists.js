import { h, show, message, when } from '../dom.js';
import { query } from '../api.js';
import { problem } from './changes.js';

/** The lists the screening API knows (docs/screening.md); the service answers 404 for any other. */
export const LISTS = [
  ['deny', 'Deny: destinations never to be called'],
  ['allow-msisdn', 'Allow (MSISDN): calling lines never refused'],
  ['allow-prefix', 'Allow (prefix): destinations always reachable'],
  ['irsf-test', 'IRSF test-call numbers'],
  ['high-risk-range', 'High-risk destination ranges (prefixes)'],
];
const PAGE = 50;
const MAX_CSV_BYTES = 16 * 1024 * 1024;

/**
 * One hot list at a time, searched by the start of a value (the API pages a list in value order), and
 * edits that each become a change for a second person to approve.
 */
export function renderHotLists({ api, user }, main) {
  document.title = 'Hot lists · Ringfence';
  const params = Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] || ''));
  const list = LISTS.some(([id]) => id === params.list) ? params.list : LISTS[0][0];
  const flash = h('div', { id: 'hotlist-flash', tabindex: '-1' });
  const entries = h('div', { id: 'hotlist-entries' }, 'Loading…');
  const pending = h('div', { id: 'hotlist-pending' });
  let stopped = false;

  const pick = h('select', { id: 'hotlist-list' }, LISTS.map(([id, label]) => h('option', { value: id, selected: id === list }, label)));
  const search = h('input', { id: 'hotlist-search', value: params.q || '', autocomplete: 'off', placeholder: '+88213' });
  const browse = h('form', { class: 'filters', 'aria-label': 'Choose and search a list', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'hotlist-list' }, 'List'), pick),
    h('div', { class: 'field' }, h('label', { for: 'hotlist-search' }, 'Value starts with'), search),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'hotlist-go' }, 'Search')));
  browse.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/hotlists${query({ list: pick.value, q: search.value })}`;
  });
  pick.addEventListener('change', () => { location.hash = `#/hotlists${query({ list: pick.value })}`; });

  const summary = h('input', { id: 'hotlist-summary', autocomplete: 'off', maxlength: 500 });
  const value = h('input', { id: 'hotlist-value', autocomplete: 'off' });
  const note = h('input', { id: 'hotlist-note', autocomplete: 'off', maxlength: 200 });
  const file = h('input', { id: 'hotlist-file', type: 'file', accept: '.csv,text/csv' });
  const mode = h('select', { id: 'hotlist-mode' },
    h('option', { value: 'POST' }, 'Add these entries'), h('option', { value: 'PUT' }, 'Replace the whole list'));

  const addForm = h('form', { novalidate: true, 'aria-label': 'Add an entry', id: 'hotlist-add' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'hotlist-value' }, 'Value'), value),
      h('div', { class: 'field grow' }, h('label', { for: 'hotlist-note' }, 'Note'), note)),
    h('button', { type: 'submit', id: 'hotlist-add-submit' }, 'Submit addition'));
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = value.value.trim();
    if (!v) { show(flash, message('error', 'Enter the value to add.')); value.focus(); return; }
    submit('POST', `/api/v1/hotlists/${list}`, `value,note\n${v},${csvField(note.value.trim())}\n`, `Addition of ${v}`);
  });

  const importForm = h('form', { novalidate: true, 'aria-label': 'Import a CSV', id: 'hotlist-import' },
    h('div', { class: 'row' },
      h('div', { class: 'field grow' }, h('label', { for: 'hotlist-file' }, 'CSV file (header value,note)'), file),
      h('div', { class: 'field' }, h('label', { for: 'hotlist-mode' }, 'Import'), mode)),
    h('button', { type: 'submit', id: 'hotlist-import-submit' }, 'Submit import'));
  importForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) { show(flash, message('error', 'Choose a CSV file.')); file.focus(); return; }
    if (f.size > MAX_CSV_BYTES) { show(flash, message('error', 'The file is larger than 16 MiB.')); return; }
    submit(mode.value, `/api/v1/hotlists/${list}`, await f.text(), `Import of ${f.name}`);
  });

  show(main, h('h1', {}, 'Hot lists'),
    h('p', { class: 'hint' }, 'Screening consults these lists on every call. An edit is submitted as a change and '
      + 'applies when another analyst approves it (Approvals).'),
    browse, flash,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'h-entries' }, h('h2', { id: 'h-entries' }, `Entries of ${list}`), entries),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'h-edit' }, h('h2', { id: 'h-edit' }, `Edit ${list}`),
          h('div', { class: 'field' }, h('label', { for: 'hotlist-summary' }, 'Summary for the reviewer (every edit; kept in the audit trail, so name no number)'), summary),
          addForm, h('hr'), importForm),
        h('section', { class: 'card', 'aria-labelledby': 'h-hl-pending' },
          h('h2', { id: 'h-hl-pending' }, `Edits of ${list} waiting for approval`), pending))));

  async function submit(method, path, body, what) {
    const s = summary.value.trim() || what;
    try {
      const c = await api.send(method, `${path}?summary=${encodeURIComponent(s)}`, body, 'text/csv');
      show(flash, message('notice', `${what} submitted (change ${c.changeId.slice(0, 8)}): it applies once another analyst approves it.`));
      summary.value = '';
      value.value = '';
      note.value = '';
      file.value = '';
      await loadPending();
    } catch (err) {
      show(flash, problem(`${what} refused`, err));
    }
    flash.focus();
  }

  async function remove(v) {
    const s = summary.value.trim() || 'Removal from the list';
    try {
      // The number in the body: ingress logs keep URLs.
      const c = await api.post(`/api/v1/hotlists/${list}/removals`, { value: v, summary: s });
      show(flash, message('notice', `Removal of ${v} submitted (change ${c.changeId.slice(0, 8)}): it applies once another analyst approves it.`));
      await loadPending();
    } catch (err) {
      show(flash, problem(`Removal of ${v} refused`, err));
    }
    flash.focus();
  }

  async function loadEntries() {
    const q = (params.q || '').trim();
    try {
      const page = await api.get(`/api/v1/hotlists/${list}${query({ after: q ? before(q) : '', size: PAGE })}`);
      if (stopped) return;
      const shown = q ? page.entries.filter((e) => e.value.startsWith(q)) : page.entries;
      show(entries, h('p', { class: 'hint', role: 'status' }, q
        ? `${shown.length}${shown.length === PAGE ? '+' : ''} entr${shown.length === 1 ? 'y' : 'ies'} starting with ${q} (of ${page.total}).`
        : `${page.total} entr${page.total === 1 ? 'y' : 'ies'}${page.total > PAGE ? `; the first ${PAGE} in value order, search to see others` : ''}.`),
      shown.length ? h('table', { class: 'grid' },
        h('caption', { class: 'sr-only' }, `Entries of ${list}`),
        h('thead', {}, h('tr', {}, ['Value', 'Note', h('span', { class: 'sr-only' }, 'Actions')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, shown.map((e) => h('tr', { dataset: { value: e.value } },
          h('td', {}, e.value), h('td', {}, e.note || '—'),
          h('td', {}, h('button', { type: 'button', class: 'secondary small', onclick: () => remove(e.value),
            'aria-label': `Submit removal of ${e.value}` }, 'Remove'))))))
        : message('notice', q ? `No entry starts with ${q}.` : 'The list is empty.'));
    } catch (err) {
      if (!stopped) show(entries, problem('Could not read the list', err));
    }
  }

  async function loadPending() {
    const changes = await api.get('/api/v1/changes?kind=hot-list&status=pending');
    const mine = changes.filter((c) => c.target === list);
    show(pending, mine.length ? h('ul', {}, mine.map((c) => h('li', { dataset: { changeId: c.changeId } },
      `${c.operation.toLowerCase()} by ${c.author === user.name ? 'you' : c.author}, ${when(c.submittedAt)}: ${c.summary || 'no summary'} `,
      h('a', { href: '#/approvals' }, 'review'))))
      : h('p', {}, 'None.'));
  }

  loadEntries();
  loadPending().catch((err) => show(pending, problem('Could not load the pending edits', err)));
  return () => { stopped = true; };
}

/**
 * The API pages after a value, exclusive. Values are '+' and digits, so the last character lowered by
 * one and followed by '~' (above every digit) sorts just before everything that starts with the prefix.
 */
function before(prefix) {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) - 1) + '~';
}

function csvField(text) {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""').replace(/\n/g, ' ')}"` : text;
}

/** A whole list as the CSV an import takes, to show a replacement against it. */
export async function listAsCsv(api, list, max = 20000) {
  const lines = ['value,note'];
  let after = '';
  while (lines.length <= max) {
    const page = await api.get(`/api/v1/hotlists/${list}${query({ after, size: 1000 })}`);
    for (const e of page.entries) lines.push(`${e.value},${csvField(e.note || '')}`);
    if (!page.next) break;
    after = page.next;
  }
  return lines.join('\n') + '\n';
}
