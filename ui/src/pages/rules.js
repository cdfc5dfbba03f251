import { h, show, message, when } from '../dom.js';
import { ApiError } from '../api.js';
import { outline } from '../drl.js';
import { drlEditor } from '../editor.js';
import { liveTable, problem } from './changes.js';

/**
 * The live rule set and decision and scoring models, and the rule editor: the analyst edits the live set's
 * files and submits the whole set as one change; the service compiles it at once and a second analyst
 * approves it (Approvals). Edits stay in the page until submitted or reverted.
 */
export function renderRules({ api, user }, main) {
  document.title = 'Rules · Ringfence';
  const live = h('div', { id: 'rules-live' }, 'Loading…');
  const files = h('div', { id: 'rules-files' });
  const pending = h('div', { id: 'rules-pending' });
  const problems = h('div', { id: 'rules-problems', tabindex: '-1' });
  const heading = h('h2', { id: 'h-editor' }, 'Editor');
  const editor = drlEditor({ id: 'rules-text', label: 'DRL of the open file' });
  const fileOutline = h('div', { id: 'rules-outline' });
  const version = h('input', { id: 'rules-version', name: 'version', autocomplete: 'off', maxlength: 64 });
  const summary = h('textarea', { id: 'rules-summary', name: 'summary', rows: 2, maxlength: 500 });
  const edited = h('p', { class: 'hint', id: 'rules-edited', role: 'status' });
  const privately = h('input', { type: 'checkbox', id: 'rules-draft', name: 'draft' });
  const mode = h('select', { id: 'rules-mode', name: 'mode' },
    h('option', { value: 'live' }, 'Live, once approved'),
    h('option', { value: 'shadow' }, 'In shadow beside the live rules, once approved (decides nothing)'));
  let set = null;
  let openName = null;
  const drafts = new Map();
  // Alerts per rule over the last day of traffic: what an analyst tunes by. Empty until read (or if refused).
  let hits = {};
  let stopped = false;

  editor.onInput((text) => {
    if (text === set.files[openName]) drafts.delete(openName); else drafts.set(openName, text);
    drawOutline(text);
    drawEdited();
  });

  const form = h('form', { novalidate: true, 'aria-label': 'Submit the rule set', id: 'rules-form' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'rules-version' }, 'New version'), version),
      h('div', { class: 'field grow' }, h('label', { for: 'rules-summary' }, 'Summary for the reviewer'), summary),
      h('div', { class: 'field' }, h('label', { for: 'rules-mode' }, 'Runs'), mode)),
    edited,
    h('div', { class: 'field checkbox' }, privately, h('label', { for: 'rules-draft' },
      'Keep it as my private draft: nobody else sees it until I submit it for review (backtest it first)')),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'rules-submit' }, 'Submit for approval'),
      h('button', { type: 'button', class: 'secondary', id: 'rules-revert', onclick: revert }, 'Revert this file')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });

  show(main, h('h1', {}, 'Rules'),
    h('p', { class: 'hint' }, 'What runs now, and the live rule set to edit. A submitted set is compiled at once '
      + 'and goes live when another analyst approves it.'),
    section('Live versions', 'live', live),
    h('div', { class: 'columns rules' },
      section('Rule files', 'files', files),
      h('section', { class: 'card', 'aria-labelledby': 'h-editor', id: 'editor-card' },
        heading, problems, editor.element, fileOutline, form)),
    section('Your drafts and rule sets waiting for approval', 'pending',
      h('p', { class: 'hint' }, 'Open a version to backtest it on stored history before a colleague reviews it.'), pending));

  function section(title, id, ...content) {
    return h('section', { class: 'card', 'aria-labelledby': `h-${id}` }, h('h2', { id: `h-${id}` }, title), content);
  }

  function text(name) {
    return drafts.has(name) ? drafts.get(name) : set.files[name];
  }

  function open(name) {
    openName = name;
    show(heading, name, drafts.has(name) ? h('span', { class: 'tag warn' }, 'edited') : null);
    editor.value = text(name);
    drawOutline(editor.value);
    drawFiles();
  }

  function drawFiles() {
    show(files, h('table', { class: 'grid compact' },
      h('caption', { class: 'sr-only' }, `The files of rule set ${set.version}, in compile order`),
      h('thead', {}, h('tr', {}, ['File', 'Rules', 'Typologies', 'Alerts, 24 h'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, Object.keys(set.files).map((name) => {
        const rules = outline(text(name)).filter((r) => !r.housekeeping);
        return h('tr', { dataset: { file: name }, class: name === openName ? 'current' : '' },
          h('td', {}, h('button', { type: 'button', class: 'link-button', 'aria-current': name === openName ? 'true' : null,
            onclick: () => open(name) }, name), drafts.has(name) ? h('span', { class: 'tag warn' }, 'edited') : null),
          h('td', {}, String(rules.length)),
          h('td', {}, [...new Set(rules.map((r) => r.typology).filter(Boolean))].join(', ') || '—'),
          h('td', { class: 'hits' }, String(rules.reduce((sum, r) => sum + (hits[r.ruleId] || 0), 0))));
      }))));
  }

  function drawOutline(text) {
    const rules = outline(text);
    show(fileOutline, rules.length ? h('details', {},
      h('summary', {}, `${rules.length} rule${rules.length === 1 ? '' : 's'} in this file`),
      h('ul', { class: 'outline' }, rules.map((r) => h('li', { dataset: { ruleId: r.ruleId || '' } },
        r.ruleId ? `${r.ruleId} v${r.version || '?'} · ` : '',
        r.name, r.typology ? ` · ${r.typology} ${r.severity || ''}` : '', r.housekeeping ? ' (housekeeping)' : '',
        r.ruleId && !r.housekeeping ? h('span', { class: 'hint hits' }, ` · ${hits[r.ruleId] || 0} alerts in 24 h · `,
          h('a', { href: `#/audit?rule=${encodeURIComponent(r.ruleId)}`, class: 'rule-decisions' }, 'its decisions')) : null))))
      : h('p', { class: 'hint' }, 'No rule in this file.'));
  }

  function drawEdited() {
    show(edited, drafts.size ? `Edited: ${[...drafts.keys()].join(', ')}. The whole set is submitted.`
      : 'No file edited yet.');
    show(heading, openName, drafts.has(openName) ? h('span', { class: 'tag warn' }, 'edited') : null);
    drawFiles();
  }

  function revert() {
    drafts.delete(openName);
    open(openName);
    drawEdited();
  }

  async function submit() {
    const v = version.value.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(v)) {
      show(problems, message('error', 'New version: 1-64 letters, digits or . _ + - (for instance 2026.12.2).'));
      version.focus();
      return;
    }
    if (!drafts.size) {
      show(problems, message('error', 'No file is edited: there is nothing to submit.'));
      return;
    }
    const files = Object.fromEntries(Object.keys(set.files).map((name) => [name, text(name)]));
    // The parameters in force go along: editing a file must not undo an approved threshold.
    const params = new URLSearchParams();
    if (summary.value.trim()) params.set('summary', summary.value.trim());
    if (privately.checked) params.set('draft', 'true');
    if (mode.value === 'shadow') params.set('mode', 'shadow');
    const q = params.toString() ? `?${params}` : '';
    show(problems, message('notice', 'Compiling…'));
    try {
      const c = await api.send('POST', `/api/v1/changes/rules${q}`, JSON.stringify({ version: v, files, parameters: set.parameters || {} }), 'application/json');
      drafts.clear();
      show(problems, message('notice', c.status === 'DRAFT'
        ? [`Kept rule set ${c.version} as your private draft (change ${c.changeId.slice(0, 8)}): `,
          h('a', { href: `#/changes/${c.changeId}` }, 'backtest it'), ', then submit it for review.']
        : `Submitted rule set ${c.version} (change ${c.changeId.slice(0, 8)}): it waits for another analyst's approval.`));
      summary.value = '';
      await loadPending();
      drawEdited();
    } catch (err) {
      // The compiler's own messages, beside the text they are about; a file:line opens that line.
      show(problems, problem('Submission refused', err, (file, line) => {
        if (set.files[file] !== undefined) { open(file); editor.goToLine(line); }
      }));
    }
    problems.focus();
  }

  async function loadPending() {
    const [waiting, drafted] = await Promise.all([api.get('/api/v1/changes?kind=rules&status=pending'),
      api.get('/api/v1/changes?kind=rules&status=draft')]);
    const mine = [...drafted, ...waiting].filter((c) => c.author === user.name);
    show(pending, mine.length ? h('table', { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Your pending rule sets'),
      h('thead', {}, h('tr', {}, ['Version', 'Summary', 'Submitted', 'Status'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, mine.map((c) => h('tr', { dataset: { changeId: c.changeId } },
        h('td', {}, h('a', { href: `#/changes/${c.changeId}`, class: 'change-link' }, c.version)),
        h('td', {}, c.summary || '—'), h('td', {}, when(c.submittedAt)),
        h('td', {}, c.status === 'DRAFT' ? h('a', { href: `#/changes/${c.changeId}` }, 'Your draft')
          : h('a', { href: '#/approvals' }, 'Pending approval'))))))
      : h('p', {}, 'None.'));
  }

  async function load() {
    try {
      const [versions, liveSet] = await Promise.all([api.get('/api/v1/live'), api.get('/api/v1/live/rules/files')]);
      if (stopped) return;
      show(live, liveTable(versions));
      set = liveSet;
      version.placeholder = `after ${set.version}`;
      open(Object.keys(set.files)[0]);
      drawEdited();
      await loadPending();
    } catch (err) {
      if (!stopped) show(live, message('error', `Could not load the live rule set: ${err instanceof ApiError ? err.message : err}`));
      return;
    }
    try {
      const read = await api.get('/api/v1/dashboard/rule-hits');
      if (stopped) return;
      hits = read.hits;
      drawOutline(editor.value);
      drawFiles();
    } catch (err) {
      if (!stopped) live.append(message('notice', `Hit counts unavailable: ${err instanceof ApiError ? err.message : err}`));
    }
  }

  load();
  return () => { stopped = true; };
}
