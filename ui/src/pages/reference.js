import { h, show, message, when } from '../dom.js';
import { query } from '../api.js';
import { problem } from './changes.js';

/** The lists the rules look numbers up in (docs/reference-data.md), and which of them a threat feed can fill. */
const FILES = [
  ['high-risk-ranges.csv', 'High-risk destination ranges', null],
  ['irsf-test-numbers.csv', 'IRSF test-call numbers', 'irsf-test-numbers'],
  ['simbox-tacs.csv', 'SIM-box gateway TACs', 'simbox-tacs'],
];
const MAX_BYTES = 8 * 1024 * 1024;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/**
 * The reference lists in force, edited whole or filled from a threat-intelligence feed: each edit is a change that
 * runs on every instance once another analyst approves it, and every decision names the lists' version.
 */
export function renderReference({ api, user }, main) {
  document.title = 'Reference lists · Ringfence';
  const flash = h('div', { id: 'reference-flash', tabindex: '-1' });
  const lists = h('div', { id: 'reference-lists' }, 'Loading…');
  const pending = h('div', { id: 'reference-pending' });
  let stopped = false;
  let live = null;

  const pick = h('select', { id: 'reference-file' }, FILES.map(([f, label]) => h('option', { value: f }, label)));
  const text = h('textarea', { id: 'reference-text', rows: 14, spellcheck: 'false', class: 'list-text' });
  const summary = h('input', { id: 'reference-summary', autocomplete: 'off', maxlength: 500 });
  pick.addEventListener('change', () => { text.value = live ? live.files[pick.value] : ''; });

  const editForm = h('form', { novalidate: true, 'aria-label': 'Edit a list', id: 'reference-edit' },
    h('div', { class: 'field' }, h('label', { for: 'reference-file' }, 'List'), pick),
    h('div', { class: 'field' }, h('label', { for: 'reference-text' },
      'The list as it will be (edit its "# version:" line too)'), text),
    h('div', { class: 'field' }, h('label', { for: 'reference-summary' }, 'Summary for the reviewer'), summary),
    h('button', { type: 'submit', id: 'reference-edit-submit' }, 'Submit the list'));
  editForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (live && text.value === live.files[pick.value]) {
      show(flash, message('error', 'The list is unchanged: there is nothing to submit.'));
      text.focus();
      return;
    }
    const s = summary.value.trim();
    await submit(`/api/v1/changes/reference-data${query({ summary: s })}`, JSON.stringify({ files: { [pick.value]: text.value } }),
      'application/json', `${pick.value}`);
  });

  const feedList = h('select', { id: 'feed-list' }, FILES.filter(([, , feed]) => feed)
    .map(([f, label, feed]) => h('option', { value: feed }, label)));
  const feedFile = h('input', { id: 'feed-file', type: 'file', accept: '.csv,.txt,text/csv,text/plain' });
  const feedVersion = h('input', { id: 'feed-version', autocomplete: 'off', placeholder: '2026.12.6-feed' });
  const feedSource = h('input', { id: 'feed-source', autocomplete: 'off', maxlength: 100, placeholder: 'vendor X, 6 Dec' });
  const feedForm = h('form', { novalidate: true, 'aria-label': 'Import a threat feed', id: 'feed-import' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'feed-list' }, 'Into'), feedList),
      h('div', { class: 'field grow' }, h('label', { for: 'feed-file' }, 'Feed file (one number or TAC per line)'), feedFile)),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'feed-version' }, 'New version of the list'), feedVersion),
      h('div', { class: 'field grow' }, h('label', { for: 'feed-source' }, 'Source (kept as each entry\'s note)'), feedSource)),
    h('button', { type: 'submit', id: 'feed-submit' }, 'Submit the import'));
  feedForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = feedFile.files[0];
    if (!f) { show(flash, message('error', 'Choose the feed file.')); feedFile.focus(); return; }
    if (f.size > MAX_BYTES) { show(flash, message('error', 'The feed is larger than 8 MiB.')); return; }
    if (!VERSION.test(feedVersion.value.trim())) {
      show(flash, message('error', 'New version: 1-64 letters, digits or . _ + -.'));
      feedVersion.focus();
      return;
    }
    if (!feedSource.value.trim() || /[,\u0000-\u001f]/.test(feedSource.value)) {
      show(flash, message('error', 'Source: say where the feed comes from (no commas).'));
      feedSource.focus();
      return;
    }
    await submit(`/api/v1/changes/reference-data/${feedList.value}/import${query({ version: feedVersion.value.trim(),
      source: feedSource.value.trim() })}`, await f.text(), 'text/csv', `Import of ${f.name}`);
  });

  show(main, h('h1', {}, 'Reference lists'),
    h('p', { class: 'hint' }, 'The rules look every number up in these lists. An edit is submitted as a change and runs '
      + 'on every instance once another analyst approves it (Approvals); every decision names the lists\' version.'),
    flash,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'h-ref-live' }, h('h2', { id: 'h-ref-live' }, 'In force'), lists),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'h-ref-edit' }, h('h2', { id: 'h-ref-edit' }, 'Edit a list'), editForm),
        h('section', { class: 'card', 'aria-labelledby': 'h-ref-feed' }, h('h2', { id: 'h-ref-feed' }, 'Import a threat feed'), feedForm),
        h('section', { class: 'card', 'aria-labelledby': 'h-ref-pending' },
          h('h2', { id: 'h-ref-pending' }, 'Waiting for approval'), pending))));

  async function submit(path, body, type, what) {
    try {
      const r = await api.send('POST', path, body, type);
      const c = r.change || r;
      const added = r.added !== undefined ? ` (${r.added} new, ${r.alreadyListed} already listed)` : '';
      show(flash, message('notice', `${what} submitted as lists ${c.version}${added}, change ${c.changeId.slice(0, 8)}: `
        + 'it runs once another analyst approves it.'));
      summary.value = '';
      feedFile.value = '';
      await loadPending();
    } catch (err) {
      show(flash, problem(`${what} refused`, err));
    }
    flash.focus();
  }

  async function loadLists() {
    try {
      live = await api.get('/api/v1/live/reference-data');
      if (stopped) return;
      text.value = live.files[pick.value];
      show(lists, h('p', { id: 'reference-version' }, `Version ${live.version}`),
        h('table', { class: 'grid' },
          h('caption', { class: 'sr-only' }, 'The reference lists in force'),
          h('thead', {}, h('tr', {}, ['List', 'File', 'Entries'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, FILES.map(([f, label]) => h('tr', { dataset: { file: f } },
            h('td', {}, label), h('td', {}, h('code', {}, f)), h('td', {}, String(entries(live.files[f]))))))));
    } catch (err) {
      if (!stopped) show(lists, problem('Could not read the lists', err));
    }
  }

  async function loadPending() {
    const changes = await api.get('/api/v1/changes?kind=reference-data&status=pending');
    show(pending, changes.length ? h('ul', {}, changes.map((c) => h('li', { dataset: { changeId: c.changeId } },
      `${c.version} by ${c.author === user.name ? 'you' : c.author}, ${when(c.submittedAt)}: ${c.summary || 'no summary'} `,
      h('a', { href: '#/approvals' }, 'review'))))
      : h('p', {}, 'None.'));
  }

  loadLists();
  loadPending().catch((err) => show(pending, problem('Could not load the pending changes', err)));
  return () => { stopped = true; };
}

/** Data lines of a list: not comments, not blank, not the header. */
function entries(csv) {
  return Math.max(0, csv.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).length - 1);
}
