import { h, show, message } from '../dom.js';
import { problem } from './changes.js';

const PARTS = [
  ['events', 'Events'], ['alerts', 'Alerts'], ['decisions', 'Audit trail entries'], ['cases', 'Cases'],
  ['blocks', 'Blocks in force'], ['hotListEntries', 'Hot-list entries'], ['hotListChanges', 'Hot-list edits naming it'],
  ['backtestDifferences', 'Backtest differences'],
];

/**
 * A subscriber's request to see or erase what Ringfence holds (GDPR articles 15 and 17), answered by the
 * compliance officer. The number goes to the service in a POST body and stays out of the address; both
 * answers are audited with who asked.
 */
export function renderPrivacy({ api }, main) {
  document.title = 'Privacy requests · Ringfence';
  const number = h('input', { id: 'privacy-subscriber', name: 'subscriber', autocomplete: 'off', required: true,
    placeholder: '+447700900001', 'aria-describedby': 'privacy-hint' });
  const flash = h('div', { id: 'privacy-flash', tabindex: '-1', role: 'status' });
  const answer = h('div', { id: 'privacy-answer' });
  const confirmErase = h('input', { id: 'privacy-confirm', type: 'checkbox' });

  function subject() {
    const s = number.value.trim();
    if (!s) {
      show(flash, message('error', 'Subscriber: the number (MSISDN, IMSI...) as the request names it.'));
      number.focus();
      return null;
    }
    return s;
  }

  async function exportAll(e) {
    e.preventDefault();
    const s = subject();
    if (!s) return;
    show(flash, message('notice', 'Exporting…'));
    try {
      const doc = await api.post('/api/v1/privacy/subject-access', { subscriber: s });
      const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: 'ringfence-subject-access.json' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      show(flash, message('notice', 'Exported to ringfence-subject-access.json. The export is in the audit trail.'));
      show(answer, h('table', { class: 'grid', id: 'privacy-export' },
        h('caption', {}, 'What the export holds'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Part'), h('th', { scope: 'col' }, 'Records'))),
        h('tbody', {}, PARTS.map(([k, label]) => h('tr', { dataset: { part: k } },
          h('td', {}, label), h('td', {}, String((doc[k] || []).length)))))));
    } catch (err) {
      show(flash, problem('Export refused', err));
    }
    flash.focus();
  }

  async function erase() {
    const s = subject();
    if (!s) return;
    if (!confirmErase.checked) {
      show(flash, message('error', 'Tick the confirmation first: erasure cannot be undone.'));
      confirmErase.focus();
      return;
    }
    show(flash, message('notice', 'Erasing…'));
    try {
      const r = await api.post('/api/v1/privacy/erasure', { subscriber: s });
      confirmErase.checked = false;
      show(flash, message('notice', 'Erased what the law lets go; what was kept, and why, is below. The erasure is in the audit trail.'));
      show(answer,
        h('table', { class: 'grid', id: 'privacy-erased' }, h('caption', {}, 'Erased'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'Records'))),
          h('tbody', {}, Object.entries(r.erased).map(([k, v]) => h('tr', { dataset: { part: k } },
            h('td', {}, k), h('td', {}, String(v)))))),
        r.kept.length
          ? h('table', { class: 'grid', id: 'privacy-kept' }, h('caption', {}, 'Kept, and why'),
            h('thead', {}, h('tr', {}, ['What', 'Records', 'Why'].map((x) => h('th', { scope: 'col' }, x)))),
            h('tbody', {}, r.kept.map((k) => h('tr', {}, h('td', {}, k.what), h('td', {}, String(k.count)), h('td', {}, k.why)))))
          : message('notice', 'Nothing was kept.'));
    } catch (err) {
      show(flash, problem('Erasure refused', err));
    }
    flash.focus();
  }

  show(main, h('h1', {}, 'Privacy requests'),
    h('p', { class: 'hint', id: 'privacy-hint' }, 'A subscriber asks what is held about them, or asks for it to be erased. '
      + 'Erasure keeps what an open case, a legal hold or the audit trail must keep, and says so.'),
    h('form', { class: 'filters', novalidate: true, 'aria-label': 'Subject access or erasure', onsubmit: exportAll },
      h('div', { class: 'field' }, h('label', { for: 'privacy-subscriber' }, 'Subscriber (MSISDN, IMSI...)'), number),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', id: 'privacy-export-button' }, 'Export everything held'))),
    h('section', { class: 'card', 'aria-labelledby': 'h-erase' }, h('h2', { id: 'h-erase' }, 'Erasure'),
      h('div', { class: 'field checkbox' }, confirmErase,
        h('label', { for: 'privacy-confirm' }, 'The request is verified and erasure cannot be undone')),
      h('button', { type: 'button', id: 'privacy-erase', class: 'danger', onclick: erase }, 'Erase')),
    flash, answer);
}
