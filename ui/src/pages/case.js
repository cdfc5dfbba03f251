import { h, show, message, when } from '../dom.js';
import { ApiError } from '../api.js';
import { may, CASE_WORKERS, EVENT_READERS } from '../roles.js';
import { TASK_TITLES, decisionSentence, figures, subject, actionWords } from '../words.js';
import { taskForm } from './task-forms.js';
import { timeline } from './timeline.js';

const WAITING_MS = 3000;

/**
 * One case: the decision and alerts in plain words, the blocks, the current task's actions, the
 * evidence timeline and the journal. Every action reloads the case from the service.
 */
export function renderCase({ api, user, params: [caseId] }, main) {
  document.title = 'Case · Ringfence';
  const flash = h('div', { id: 'case-flash' });
  let stopped = false;
  let watch = null;
  let shown = null;
  let draws = 0;
  show(main, h('h1', {}, 'Case'), flash, h('p', {}, 'Loading…'));

  async function load(notice) {
    let view;
    try {
      view = await api.get(`/api/v1/cases/${caseId}`);
    } catch (err) {
      show(main, h('h1', {}, 'Case'), message('error', `Could not open the case: ${err.message}`));
      return;
    }
    if (stopped) return;
    draw(view, notice);
  }

  /** What a redraw would change: the page is redrawn only when it differs. */
  const state = (view) => JSON.stringify([view.fraudCase.status, view.fraudCase.stage,
    view.tasks.map((t) => [t.taskId, t.status, t.owner])]);

  /** Whether the person has started filling one of the task forms (a redraw would lose it). */
  const filling = () => Array.from(main.querySelectorAll('#actions form')).some((f) => Array.from(f.elements)
    .some((e) => ((e.type === 'radio' || e.type === 'checkbox') ? e.checked : (e.value || '').trim() !== '')
      && e.type !== 'submit'));

  /**
   * A case waiting on something outside the console (billing's confirmation of a refund, the process moving on)
   * is read again every few seconds while the page is open, so its closing shows without a reload. A form being
   * filled is never redrawn under the person: the page says the case moved on instead.
   */
  function watchWhileWaiting(view, open) {
    clearTimeout(watch);
    const c = view.fraudCase;
    const waiting = c.status === 'OPEN' && (!open.length || open.some((t) => t.name === 'BillingConfirmation'));
    if (!waiting) return;
    const drawnAt = draws;
    watch = setTimeout(async () => {
      if (stopped) return;
      try {
        const next = await api.get(`/api/v1/cases/${caseId}`);
        // An action's own reload drew a newer view meanwhile: this answer is older than what is shown.
        if (stopped || draws !== drawnAt) return;
        if (state(next) === shown) {
          watchWhileWaiting(next, open);
        } else if (filling()) {
          show(flash, h('p', { class: 'msg notice', role: 'status' }, 'This case has moved on since you opened the form. ',
            h('button', { type: 'button', class: 'link-button', onclick: () => load() }, 'Show it')));
        } else {
          draw(next);
        }
      } catch {
        watchWhileWaiting(view, open); // a missed read is tried again; the page still shows the last one
      }
    }, WAITING_MS);
  }

  async function act(what, call) {
    try {
      await call();
      await load(message('notice', `${what}: done.`));
    } catch (err) {
      // The service's own reason (problem+json detail), e.g. the four-eyes rule, shown where it was refused.
      const why = err instanceof ApiError ? err.message : `the request failed: ${err.message}`;
      show(flash, message('error', `${what} refused: ${why}`));
      flash.focus?.();
    }
  }

  function draw(view, notice) {
    const c = view.fraudCase;
    document.title = `${c.typology} case · Ringfence`;
    show(flash, notice || null);
    flash.setAttribute('tabindex', '-1');
    const open = view.tasks.filter((t) => !t.completedAt && !['Completed', 'Obsolete'].includes(t.status));
    shown = state(view);
    draws += 1;
    watchWhileWaiting(view, open);
    show(main,
      h('h1', {}, `${c.typology} case · ${subject(c.targetKind, c.targetValue)}`),
      h('p', { class: 'case-state' },
        h('span', { class: `tag ${c.status === 'OPEN' ? 'open' : 'closed'}`, id: 'case-status' }, c.status === 'OPEN' ? 'Open' : 'Closed'),
        c.status === 'OPEN' ? ` at ${c.stage || '—'}` : ` · ${outcome(c.outcome)}`,
        ` · queue ${c.queue || '—'} · P${c.priority} · opened ${when(c.openedAt)} by ${c.openedBy}`),
      flash,
      h('div', { class: 'columns' },
        h('div', {},
          section('Decision', 'decision', decision(view.decision, c)),
          section('Alerts', 'alerts', view.alerts.length ? view.alerts.map(alert) : h('p', {}, 'No alert cited.')),
          section('Blocks', 'blocks', blocks(view.decision, c))),
        h('div', {},
          section('Actions', 'actions', actions(open, c)))),
      section('Evidence timeline', 'timeline', timeline({ api, user, view, canReadHistory: may(user, EVENT_READERS) })),
      section('Journal', 'journal', journal(view.history)));
  }

  function section(title, id, ...content) {
    return h('section', { 'aria-labelledby': `h-${id}`, class: 'card', id }, h('h2', { id: `h-${id}` }, title), content);
  }

  function decision(d, c) {
    if (!d) return h('p', {}, `Opened by hand by ${c.openedBy}: no decision opened this case.`);
    const e = d.explanation || {};
    return [
      h('p', { class: 'sentence', id: 'decision-sentence' }, decisionSentence(d)),
      h('dl', { class: 'facts' },
        fact('Action', d.action),
        fact('Severity', e.severity), fact('Rules fired', (e.rulesFired || []).join(', ')),
        fact('Decided at', when(d.decidedAt)),
        fact('Versions', `rules ${e.ruleSet || '—'}, ${d.decisionModel} ${d.decisionModelVersion}, ${d.model || 'no model'} ${d.modelVersion || ''}`)),
      (e.rows || []).length > 1 ? h('ul', {}, e.rows.slice(1).map((r) => h('li', {}, `${r.table} row ${r.row} (${r.id}): ${r.why || ''}`))) : null,
    ];
  }

  function alert(a) {
    const ev = a.evidence || {};
    return h('div', { class: 'alert-item' },
      h('p', {}, h('strong', {}, `${a.typology} · rule ${a.ruleId}`), ` · ${a.severity}`,
        typeof a.score === 'number' ? ` · score ${a.score.toFixed(2)}` : ''),
      h('p', {}, figures(ev.figures).join(', ') || 'no figures'),
      h('p', { class: 'hint' }, `Detected ${when(a.detectedAt)}; events from ${when(a.firstEventAt)} to ${when(a.lastMatchAt)};`
        + ` ${(ev.eventIds || []).length} evidence events`));
  }

  function blocks(d, c) {
    const items = [];
    if (c.blockDecisionId) {
      items.push(h('li', {}, `Ordered by this case on ${subject(c.targetKind, c.targetValue)} (decision ${c.blockDecisionId})`
        + (c.lifted ? `, lifted: ${c.lifted}` : ', in force')));
    }
    if (d && d.action.startsWith('BLOCK_')) {
      const lapsed = d.expiresAt && Date.parse(d.expiresAt) < Date.now();
      items.push(h('li', {}, `The opening decision: ${actionWords(d.action)} ${subject(d.target.kind, d.target.value)}`
        + (d.expiresAt ? ` until ${when(d.expiresAt)}${lapsed ? ' (lapsed)' : ''}` : '')
        + (c.lifted ? ' — lifted by the false-positive verdict' : '')));
    }
    return items.length ? h('ul', {}, items) : h('p', {}, 'No block on this case.');
  }

  function actions(open, c) {
    if (c.status !== 'OPEN') return h('p', {}, `Closed ${when(c.closedAt)}: ${outcome(c.outcome)}.`
      + (c.refundAmount != null ? ` Refund ${Number(c.refundAmount).toFixed(2)} requested by ${c.refundRequestedBy}`
        + (c.refundApprovedBy ? `, approved by ${c.refundApprovedBy}` : '') + '.' : '')
      + (c.refundStatus === 'APPLIED' ? ` Billing applied it (${c.refundReference}), recorded by ${c.refundConfirmedBy}.` : '')
      + (c.refundStatus === 'REFUSED' ? ` Billing refused it: ${c.refundReference} (recorded by ${c.refundConfirmedBy}).` : ''));
    if (!may(user, CASE_WORKERS)) return h('p', {}, 'Case handlers and supervisors work this case.');
    if (!open.length) return h('p', {}, 'No task is waiting: the process is moving on.');
    return open.map((t) => h('div', { class: 'task', dataset: { task: t.name } },
      h('h3', {}, TASK_TITLES[t.name] || t.name),
      t.name === 'BillingConfirmation' ? h('p', { id: 'billing-waiting' }, `Refund ${Number(c.refundAmount).toFixed(2)} ordered `
        + `(${c.refundOrderId}): waiting for billing to confirm it. This page updates when billing answers.`) : null,
      h('p', { class: 'hint' }, `${t.owner ? `Claimed by ${t.owner === user.name ? 'you' : t.owner}` : 'Unclaimed'}`
        + ` · due ${when(t.dueAt)}${t.escalatedAt ? ' · escalated' : ''}`),
      h('div', { class: 'buttons' },
        !t.owner ? h('button', { type: 'button', id: `claim-${t.name}`,
          onclick: () => act('Claim', () => api.post(`/api/v1/tasks/${t.taskId}/claim`)) }, 'Claim') : null,
        t.owner === user.name ? h('button', { type: 'button', class: 'secondary',
          onclick: () => act('Release', () => api.post(`/api/v1/tasks/${t.taskId}/release`)) }, 'Release') : null),
      taskForm(t, user, (label, form) => act(label, () => api.post(`/api/v1/tasks/${t.taskId}/complete`, form)))));
  }

  function journal(history) {
    if (!history.length) return h('p', {}, 'Nothing recorded yet.');
    return h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Detail'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, history.map((e) => h('tr', {},
        h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, detail(e.detail))))));
  }

  load();
  return () => { stopped = true; clearTimeout(watch); };
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value ?? '—')];
}

function outcome(o) {
  return { CONFIRMED_FRAUD: 'confirmed fraud', FALSE_POSITIVE: 'false positive' }[o] || (o ? o.toLowerCase().replace(/_/g, ' ') : 'no outcome');
}

/** A journal entry's JSON detail as "key: value" pairs; ids and timestamps the row already shows are left out. */
function detail(json) {
  let d;
  try { d = JSON.parse(json || '{}'); } catch { return json; }
  return Object.entries(d).filter(([k, v]) => v !== null && !['taskId', 'from'].includes(k))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
}
