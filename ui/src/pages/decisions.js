import { h, show, message, when } from '../dom.js';
import { ApiError } from '../api.js';
import { liveTable, problem } from './changes.js';
import { shadowSummary } from './approvals.js';
import { openDmnEditor } from '../dmn-editor.js';

const SHADOW_KINDS = { rules: 'Rule set', 'decision-model': 'Decision model', 'scoring-model': 'Scoring model' };

const FILE = 'disposition.dmn';

/**
 * Decision tables: the live disposition model opened in Apache KIE's DMN editor, and its save submitted as a
 * decision-model change through the same gate as an upload (compiled and probed at once, approved by another
 * analyst). The editor's own undo history is the draft; nothing is kept once the page is left.
 */
export function renderDecisions({ api, user }, main) {
  document.title = 'Decision tables · Ringfence';
  const models = h('div', { id: 'dmn-models' }, 'Loading…');
  const pending = h('div', { id: 'dmn-pending' });
  const problems = h('div', { id: 'dmn-problems', tabindex: '-1' });
  const state = h('p', { class: 'hint', id: 'dmn-state', role: 'status' }, 'Loading the editor…');
  const holder = h('div', { class: 'dmn-editor', id: 'dmn-editor' });
  const version = h('input', { id: 'dmn-version', name: 'version', autocomplete: 'off', maxlength: 64 });
  const summary = h('textarea', { id: 'dmn-summary', name: 'summary', rows: 2, maxlength: 500 });
  const save = h('button', { type: 'submit', id: 'dmn-save', disabled: true }, 'Save and submit for approval');
  const mode = h('select', { id: 'dmn-mode', name: 'mode' },
    h('option', { value: 'live' }, 'Live, once approved'),
    h('option', { value: 'shadow' }, 'In shadow beside the live table, once approved (decides nothing)'));
  const shadow = h('div', { id: 'dmn-shadow' }, 'Loading…');
  let editor = null;
  let stopped = false;
  let dirty = false;
  let versions = {};

  const form = h('form', { novalidate: true, 'aria-label': 'Submit the decision model', id: 'dmn-form' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'dmn-version' }, 'New version (optional)'), version),
      h('div', { class: 'field grow' }, h('label', { for: 'dmn-summary' }, 'Summary for the reviewer'), summary),
      h('div', { class: 'field' }, h('label', { for: 'dmn-mode' }, 'Runs'), mode)),
    state,
    h('div', { class: 'buttons' }, save,
      h('button', { type: 'button', class: 'secondary', id: 'dmn-undo', onclick: () => editor?.undo() }, 'Undo'),
      h('button', { type: 'button', class: 'secondary', id: 'dmn-redo', onclick: () => editor?.redo() }, 'Redo')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });

  show(main, h('h1', {}, 'Decision tables'),
    h('p', { class: 'hint' }, 'The disposition model that decides what happens to every alert, in Apache KIE\'s DMN editor. '
      + 'Open a decision (Edit on its box) to change its table; a saved model is compiled and probed at once and goes '
      + 'live when another analyst approves it.'),
    section('Live decision models', 'models', models),
    section('Shadow run', 'dmn-shadow-run', h('p', { class: 'hint' }, 'A model in shadow answers every alert beside the '
      + 'live one; its answers are compared here and never sent. Promote it, or end its run: each is a change another '
      + 'analyst approves.'), shadow),
    h('section', { class: 'card', 'aria-labelledby': 'h-dmn-editor', id: 'dmn-editor-card' },
      h('h2', { id: 'h-dmn-editor' }, FILE), problems, holder, form),
    section('Your decision models waiting for approval', 'dmn-waiting',
      h('p', { class: 'hint' }, 'Open a version to backtest it on stored history before a colleague reviews it.'), pending));

  function section(title, id, ...content) {
    return h('section', { class: 'card', 'aria-labelledby': `h-${id}` }, h('h2', { id: `h-${id}` }, title), content);
  }

  function drawState() {
    show(state, dirty ? h('span', {}, 'Edited: the model differs from the live one.', h('span', { class: 'tag warn' }, 'edited'))
      : 'No change yet.');
  }

  async function submit(restate = []) {
    const v = version.value.trim();
    if (v && !/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(v)) {
      show(problems, message('error', 'New version: 1-64 letters, digits or . _ + - (for instance 2026.12.2), or empty.'));
      version.focus();
      return;
    }
    if (!dirty) {
      show(problems, message('error', 'The model is not edited: there is nothing to submit.'));
      problems.focus();
      return;
    }
    const q = new URLSearchParams();
    if (v) q.set('version', v);
    if (summary.value.trim()) q.set('summary', summary.value.trim());
    if (mode.value === 'shadow') q.set('mode', 'shadow');
    show(problems, message('notice', 'Compiling…'));
    save.disabled = true;
    try {
      const xml = await editor.getContent();
      const path = `/api/v1/changes/decision-model${q.toString() ? `?${q}` : ''}`;
      let c;
      if (restate.length) {
        const data = new FormData();
        data.append('model', new Blob([xml], { type: 'application/xml' }), FILE);
        data.append('restate', restate.join('\n'));
        c = await api.form(path, data);
      } else {
        c = await api.send('POST', path, xml, 'application/xml');
      }
      editor.markAsSaved();
      show(problems, h('p', { class: 'msg notice', role: 'status' },
        `Submitted decision model ${c.version} (change ${c.changeId.slice(0, 8)})${c.operation === 'SHADOW' ? ' to run in shadow' : ''}: `
        + 'it waits for another analyst\'s approval. ',
        h('a', { href: `#/changes/${c.changeId}`, id: 'dmn-change-link' }, 'Open the change to backtest it')));
      summary.value = '';
      version.value = '';
      await loadPending();
    } catch (err) {
      // The gate's own words: the compiler's and the probes' messages, the model left as edited to fix it.
      show(problems, problem('Save refused', err), restateForm(err, restate));
    } finally {
      save.disabled = false;
    }
    problems.focus();
  }

  /**
   * When the draft decides some live scenarios otherwise, the analyst either fixes the table or says that it means
   * to: the ticked scenarios are restated as the draft decides them, and the reviewer sees each before and after.
   */
  function restateForm(err, already) {
    const failed = err instanceof ApiError && err.problem?.reason === 'SCENARIOS' ? err.problem.failedScenarios || [] : [];
    // A scenario the draft cannot decide at all is a broken table, not a new meaning.
    const restatable = failed.filter((f) => !f.mismatches.some((m) => m.output === 'evaluation'));
    if (!restatable.length) return null;
    const boxes = restatable.map((f) => h('input', { type: 'checkbox', class: 'restate', value: f.scenario,
      id: `restate-${restatable.indexOf(f)}`, 'aria-label': `Restate “${f.scenario}”` }));
    const again = h('button', { type: 'button', id: 'dmn-restate-save' }, 'Save again, restating the ticked scenarios');
    again.addEventListener('click', () => {
      const names = boxes.filter((b) => b.checked).map((b) => b.value);
      if (!names.length) {
        show(note, message('error', 'Tick the scenarios this table means to decide otherwise, or fix the table.'));
        return;
      }
      // With those restated on the save this refusal answered: a refusal names only what is still left.
      submit([...already, ...names]);
    });
    const note = h('div', { role: 'status' });
    return h('div', { class: 'card restate', id: 'dmn-restate' },
      h('h3', {}, 'Does the table mean to decide these otherwise?'),
      h('p', { class: 'hint' }, 'Tick a scenario to restate it as this table decides it: once another analyst approves '
        + 'the change, it expects the new outcome. Leave it unticked if the table is wrong, and fix the table.'),
      h('table', { class: 'grid' },
        h('caption', { class: 'sr-only' }, 'Scenarios the draft decides otherwise'),
        h('thead', {}, h('tr', {}, ['Restate', 'Scenario', 'Output', 'Expected', 'This table decides'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, restatable.flatMap((f, i) => f.mismatches.map((m, j) => h('tr', { dataset: { scenario: f.scenario } },
          j === 0 ? h('td', { rowspan: f.mismatches.length }, boxes[i]) : null,
          j === 0 ? h('th', { scope: 'row', rowspan: f.mismatches.length }, f.scenario) : null,
          h('td', {}, m.output), h('td', {}, m.expected), h('td', {}, m.actual)))))),
      note, h('div', { class: 'buttons' }, again));
  }

  async function loadShadow() {
    const report = await api.get('/api/v1/shadow');
    if (stopped) return;
    const flash = h('div', { role: 'status', id: 'dmn-shadow-flash' });
    const step = (kind, what, label) => h('button', { type: 'button', class: 'secondary', id: `shadow-${what}-${kind}`,
      onclick: async () => {
        try {
          const c = await api.send('POST', `/api/v1/changes/shadow/${kind}/${what}`, '{}', 'application/json');
          show(flash, h('p', { class: 'msg notice' }, `Submitted (change ${c.changeId.slice(0, 8)}): it waits for another `
            + 'analyst\'s approval. ', h('a', { href: '#/approvals' }, 'Approvals')));
        } catch (err) {
          show(flash, problem('Not submitted', err));
        }
      } }, label);
    show(shadow, report.challengers.length ? h('ul', { id: 'shadow-challengers' }, report.challengers.map((x) => h('li',
      { dataset: { kind: x.kind } }, `${SHADOW_KINDS[x.kind] || x.kind} ${x.version || ''}`
      + `${x.changeId ? ` (change ${x.changeId.slice(0, 8)})` : ''}`, x.problem ? message('error', x.problem) : null,
      h('span', { class: 'buttons' }, step(x.kind, 'promote', 'Submit its promotion to live'),
        step(x.kind, 'end', 'Submit the end of its shadow run'))))) : null,
    shadowSummary(report), flash);
  }

  async function loadPending() {
    const list = await api.get('/api/v1/changes?kind=decision-model&status=pending');
    const mine = list.filter((c) => c.author === user.name);
    show(pending, mine.length ? h('table', { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Your pending decision models'),
      h('thead', {}, h('tr', {}, ['Version', 'Summary', 'Submitted', 'Status'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, mine.map((c) => h('tr', { dataset: { changeId: c.changeId } },
        h('td', {}, h('a', { href: `#/changes/${c.changeId}`, class: 'change-link' }, c.version)),
        h('td', {}, c.summary || '—'), h('td', {}, when(c.submittedAt)),
        h('td', {}, h('a', { href: '#/approvals' }, 'Pending approval'))))))
      : h('p', {}, 'None.'));
  }

  function drawModels(running, xml, versionLabel) {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const root = doc.documentElement;
    const decisions = [...root.children].filter((e) => e.localName === 'decision').map((e) => e.getAttribute('name'));
    const rows = [...root.getElementsByTagNameNS('*', 'rule')].length;
    show(models, h('table', { class: 'grid', id: 'dmn-model-list' },
      h('caption', { class: 'sr-only' }, 'Live decision models'),
      h('thead', {}, h('tr', {}, ['File', 'Model', 'Decisions', 'Rows', 'Version running', 'Since', 'By']
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, h('tr', { dataset: { file: FILE } },
        h('th', { scope: 'row' }, FILE), h('td', {}, root.getAttribute('name') || '—'),
        h('td', {}, decisions.join(', ') || '—'), h('td', {}, String(rows)),
        h('td', { class: 'dmn-version' }, versionLabel, running.problem ? message('error', running.problem) : null),
        h('td', {}, running.how === 'SHIPPED' ? 'shipped with the service' : when(running.since)),
        h('td', {}, running.setBy || '—')))),
      h('details', {}, h('summary', {}, 'All live versions'), liveTable(versions)));
  }

  async function load() {
    let xml;
    let label;
    try {
      let file;
      [versions, file] = await Promise.all([api.get('/api/v1/live'), api.textWithHeaders('/api/v1/live/decision-model/content')]);
      if (stopped) return;
      xml = file.text;
      label = file.headers.get('Ringfence-Version') || versions['decision-model']?.inForceVersion;
      drawModels(versions['decision-model'] || {}, xml, label);
      version.placeholder = `after ${label}`;
      loadPending().catch((err) => show(pending, problem('Could not load your pending models', err)));
      loadShadow().catch((err) => show(shadow, problem('Could not load the shadow run', err)));
    } catch (err) {
      if (!stopped) show(models, message('error', `Could not load the live decision model: ${err instanceof ApiError ? err.message : err}`));
      return;
    }
    try {
      editor = await openDmnEditor(holder, FILE, xml);
    } catch (err) {
      show(state, message('error', `The DMN editor did not open: ${err.message}`));
      return;
    }
    if (stopped) { editor.close(); return; }
    editor.subscribeToContentChanges((isDirty) => { dirty = isDirty; drawState(); });
    holder.dataset.ready = 'true';
    save.disabled = false;
    drawState();
  }

  load();
  return () => { stopped = true; editor?.close(); };
}
