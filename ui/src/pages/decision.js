import { h, show, message, when } from '../dom.js';
import { decisionSentence, figures, subject } from '../words.js';

/** One decision as the audit trail holds it: the full explanation, the versions that made it, what followed. */
export function renderDecision({ api, params: [id] }, main) {
  const decisionId = decodeURIComponent(id);
  document.title = 'Decision · Ringfence';
  show(main, h('h1', {}, 'Decision'), h('p', {}, 'Loading…'));
  api.get(`/api/v1/audit/decisions?decisionId=${encodeURIComponent(decisionId)}&kind=ALL&size=500`)
    .then((p) => draw(p.items))
    .catch((err) => show(main, h('h1', {}, 'Decision'), message('error', `Could not read the decision: ${err.message}`)));

  function draw(entries) {
    const d = entries.find((e) => e.kind === 'DECISION');
    const actions = entries.filter((e) => e.kind === 'ACTION');
    if (!d) {
      show(main, h('h1', {}, 'Decision'), message('notice', `No decision ${decisionId} in the audit trail.`));
      return;
    }
    const c = d.content || {};
    const e = c.explanation || {};
    show(main,
      h('h1', {}, `Decision ${d.action} · ${subject(d.targetKind, d.targetValue)}`),
      h('p', { class: 'sentence', id: 'decision-sentence' }, decisionSentence(c)),
      h('p', {}, h('a', { href: '#/audit' }, 'Back to the search')),
      h('div', { class: 'columns' },
        card('What decided', 'why',
          h('dl', { class: 'facts' },
            fact('Decision id', d.decisionId), fact('Decided at (event time)', when(c.decidedAt)),
            fact('Recorded', when(d.recordedAt)), fact('Sent to the switches', d.emitted ? 'yes' : `no, held back by ${d.suppressedBy || '—'}`),
            fact('Typology', d.typology), fact('Rule', e.ruleId), fact('Rules fired', (e.rulesFired || []).join(', ')),
            fact('Severity', e.severity), fact('Score', typeof e.score === 'number' ? e.score.toFixed(4) : '—'),
            fact('Figures', figures(e.figures).join(', ') || '—'),
            fact('Case', d.caseId || (c.openCase ? `queue ${c.caseQueue}, SLA ${c.caseSlaMinutes} min` : '—'))),
          (e.rows || []).length ? h('ol', {}, e.rows.map((r) => h('li', {}, `${r.table} row ${r.row} (${r.id}): ${r.why || ''}`))) : null),
        card('Versions', 'versions',
          h('dl', { class: 'facts', id: 'decision-versions' },
            fact('Rule set', d.ruleSetVersion), fact('Decision model', `${d.decisionModel} ${d.decisionModelVersion}`),
            fact('Scoring model', d.model ? `${d.model} ${d.modelVersion}` : '—'),
            fact('Reference lists', e.referenceData || '—'),
            fact('Chain', `${d.chainDay} #${d.chainSeq}`), fact('Hash', h('code', {}, d.hash))))),
      card('Model inputs and features', 'inputs', h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Model inputs' },
        h('table', { class: 'grid compact' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Value'))),
          h('tbody', {}, Object.entries({ ...(e.inputs || {}), ...(e.features || {}) }).map(([k, v]) =>
            h('tr', {}, h('td', {}, k), h('td', {}, typeof v === 'object' ? JSON.stringify(v) : String(v)))))))),
      card('What followed', 'followed', actions.length ? h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Case'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, actions.map((a) => h('tr', {}, h('td', {}, when(a.recordedAt)), h('td', {}, a.actor), h('td', {}, a.action),
          h('td', {}, a.caseId ? h('a', { href: `#/cases/${a.caseId}` }, a.caseId.slice(0, 8)) : '—')))))
        : h('p', {}, 'No action recorded on this decision.')));
  }
}

function card(title, id, ...content) {
  return h('section', { class: 'card', 'aria-labelledby': `h-${id}` }, h('h2', { id: `h-${id}` }, title), content);
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value ?? '—')];
}
