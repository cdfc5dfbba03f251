import { h, message, when } from '../dom.js';
import { ApiError } from '../api.js';
import { hunks } from '../diff.js';

export const KIND_TITLES = {
  rules: 'Rule set', 'decision-model': 'Decision model', 'scoring-model': 'Scoring model', 'hot-list': 'Hot list',
  'reference-data': 'Reference lists', 'customer-data': 'Customer table',
};

const HOW = { SHIPPED: 'shipped with the service', APPROVED: 'approved', ROLLED_BACK: 'rolled back',
  PROMOTED: 'promoted from shadow' };

/** GET /api/v1/live as a table: per kind, the version this instance runs and how it got there. */
export function liveTable(versions) {
  return h('table', { class: 'grid', id: 'live-versions' },
    h('caption', { class: 'sr-only' }, 'Live versions'),
    h('thead', {}, h('tr', {}, ['What', 'Version running', 'How', 'Since', 'By'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, Object.values(versions).map((v) => h('tr', { dataset: { kind: v.kind } },
      h('th', { scope: 'row' }, KIND_TITLES[v.kind] || v.kind),
      h('td', {}, v.inForceVersion, v.problem ? message('error', v.problem) : null),
      h('td', {}, HOW[v.how] || v.how?.toLowerCase() || '—'),
      h('td', {}, when(v.since)), h('td', {}, v.setBy || '—')))));
}

const AT = /([\w.-]+\.drl)\s*\[(\d+)/;

/**
 * A refusal as the service gave it (problem+json: title, detail and the engine's messages in `errors`).
 * A message naming file [line,...] becomes a button that opens that line, when `onLine` is given.
 */
export function problem(what, err, onLine) {
  if (!(err instanceof ApiError)) return message('error', `${what}: the request failed (${err.message}).`);
  const p = err.problem || {};
  const errors = Array.isArray(p.errors) ? p.errors : [];
  return h('div', { class: 'msg error', role: 'alert' },
    h('p', { class: 'problem-title' }, `${what}: ${p.title ? `${p.title} — ` : ''}${err.message}`),
    p.line ? h('p', {}, `Line ${p.line}.`) : null,
    errors.length ? h('ul', { class: 'problems' }, errors.map((e) => {
      const at = onLine ? String(e).match(AT) : null;
      return h('li', {}, h('code', {}, String(e)), at ? [' ', h('button', { type: 'button', class: 'link-button',
        onclick: () => onLine(at[1], Number(at[2])) }, `Go to ${at[1]} line ${at[2]}`)] : null);
    })) : null);
}

/** A line diff's changed parts with three lines of context, as a table a screen reader can follow. */
export function diffView(lines, caption) {
  const shown = hunks(lines);
  if (!shown.length) return h('p', { class: 'hint' }, 'No line differs.');
  const added = lines.filter((l) => l.op === '+').length;
  const removed = lines.filter((l) => l.op === '-').length;
  return h('div', { class: 'diff-wrap' },
    h('p', { class: 'hint' }, `${caption}: ${added} line${added === 1 ? '' : 's'} added, ${removed} removed.`),
    h('table', { class: 'diff' },
      h('caption', { class: 'sr-only' }, caption),
      // Fixed layout takes its widths from the columns, not from the first row, which may be a gap's single cell.
      h('colgroup', {}, h('col', { class: 'ln' }), h('col', { class: 'ln' }), h('col', { class: 'op' }), h('col', {})),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Live'), h('th', { scope: 'col' }, 'New'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Change')), h('th', { scope: 'col' }, 'Line'))),
      h('tbody', {}, shown.map((l) => (l.op === '…'
        ? h('tr', { class: 'skip-lines' }, h('td', { colspan: 4 }, `${l.skipped} unchanged line${l.skipped === 1 ? '' : 's'}`))
        : h('tr', { class: { '+': 'add', '-': 'del', ' ': 'same' }[l.op] },
          h('td', { class: 'ln' }, l.a ?? ''), h('td', { class: 'ln' }, l.b ?? ''),
          h('td', { class: 'op' }, l.op === ' ' ? '' : [h('span', { 'aria-hidden': 'true' }, l.op === '+' ? '+' : '−'),
            h('span', { class: 'sr-only' }, l.op === '+' ? 'added' : 'removed')]),
          h('td', { class: 'text' }, l.text)))))));
}
