import { h, show, message, when } from '../dom.js';
import { bars, lines } from '../charts.js';

const WINDOWS = [['PT15M', '15 minutes'], ['PT1H', '1 hour'], ['PT6H', '6 hours'], ['PT24H', '24 hours']];
const REFRESH_MS = 15000;
const KINDS = [['rules', 'Rule set'], ['decision-model', 'Decision table'], ['scoring-model', 'Scoring model'],
  ['reference-data', 'Reference lists'], ['customer-data', 'Customer table']];

const n = (v) => (v ?? 0).toLocaleString('en-GB');
const money = (v) => Number(v ?? 0).toLocaleString('en-GB', { maximumFractionDigits: 0 });
const ms = (v) => (v == null ? '—' : v > 60000 ? '> 60 s' : `≤ ${n(v)} ms`);

/**
 * What the fraud operation is doing, for every role at a desk: the traffic's alerts, decisions and the exposure its
 * blocks stopped (event time, the whole cluster), this instance's throughput and latency (now), the open cases by
 * queue and deadline, and the versions in force; refreshed every 15 seconds.
 */
export function renderDashboard({ api }, main) {
  document.title = 'Dashboard · Ringfence';
  let span = sessionStorage.getItem('ringfence.dashboard.window') || 'PT1H';
  let stopped = false;
  const picker = h('select', { id: 'dashboard-window' },
    WINDOWS.map(([v, label]) => h('option', { value: v, selected: v === span }, label)));
  const body = h('div', { id: 'dashboard' }, 'Loading…');
  const status = h('p', { class: 'hint', role: 'status', id: 'dashboard-status' });
  picker.addEventListener('change', () => {
    span = picker.value;
    sessionStorage.setItem('ringfence.dashboard.window', span);
    load();
  });

  show(main, h('h1', {}, 'Dashboard'),
    h('form', { class: 'filters', 'aria-label': 'Dashboard window', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'dashboard-window' }, 'Window'), picker)),
    status, body);

  async function load() {
    try {
      const d = await api.get(`/api/v1/dashboard?window=${span}`);
      if (stopped) return;
      show(body, draw(d));
      show(status, `Updated ${new Date().toLocaleTimeString('en-GB')}; refreshed every 15 seconds.`);
    } catch (err) {
      if (!stopped) show(body, message('error', `Could not read the dashboard: ${err.message}`));
    }
  }

  load();
  const timer = setInterval(load, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function tile(id, label, value, note) {
  return h('div', { class: 'tile', id }, h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, label),
    note ? h('div', { class: 'tile-note' }, note) : null);
}

function draw(d) {
  const t = d.traffic;
  const i = d.instance;
  const byAction = Object.entries(t.decisions.byAction);
  const blocks = byAction.filter(([a]) => a.startsWith('BLOCK_')).reduce((s, [, v]) => s + v, 0);
  return [
    h('section', { class: 'card', 'aria-labelledby': 'h-traffic' },
      h('h2', { id: 'h-traffic' }, 'Traffic'),
      h('p', { class: 'hint' }, `Event time ${when(t.from)} to ${when(t.to)}: the window ending with the newest decision, `
        + 'for the whole cluster.'),
      h('div', { class: 'tiles' },
        tile('tile-alerts', 'Alerts', n(t.alerts)),
        tile('tile-decisions', 'Decisions', n(t.decisions.total), `${n(t.decisions.sent)} sent to the switches`),
        tile('tile-blocks', 'Blocks', n(blocks)),
        tile('tile-prevented', 'Exposure prevented', money(t.prevented.exposure),
          `money at risk on ${n(t.prevented.blocks)} block${t.prevented.blocks === 1 ? '' : 's'} sent`)),
      lines('Alerts and decisions per step', t.series, [['alerts', 'alerts'], ['decisions', 'decisions']], { id: 'chart-traffic' }),
      h('div', { class: 'charts' },
        bars('Alerts by typology', Object.entries(t.alertsByTypology), { id: 'chart-alerts' }),
        bars('Decisions by action', byAction, { id: 'chart-actions' }),
        bars('Decisions by typology', Object.entries(t.decisions.byTypology)
          .map(([k, v]) => [k, Object.values(v).reduce((s, x) => s + x, 0)]), { id: 'chart-typologies' }))),
    h('section', { class: 'card', 'aria-labelledby': 'h-instance' },
      h('h2', { id: 'h-instance' }, 'This instance, now'),
      h('p', { class: 'hint' }, `${when(i.from)} to ${when(i.to)}, wall clock. Prometheus has every instance and a longer `
        + 'history.'),
      h('div', { class: 'tiles' },
        tile('tile-rate', 'Events per second', i.eventsPerSecond.toLocaleString('en-GB', { maximumFractionDigits: 1 }),
          `${n(i.events)} events in the window`),
        tile('tile-p50', 'Latency p50', ms(i.latencyP50Ms), 'event produced to decision sent'),
        tile('tile-p95', 'Latency p95', ms(i.latencyP95Ms)),
        tile('tile-p99', 'Latency p99', ms(i.latencyP99Ms), `${n(i.decisionsTimed)} decisions timed`)),
      lines('Events accepted per step', i.series, [['events', 'events']], { id: 'chart-events' })),
    h('section', { class: 'card', 'aria-labelledby': 'h-cases' },
      h('h2', { id: 'h-cases' }, 'Open cases'),
      d.openCases.length
        ? h('table', { class: 'grid', id: 'dashboard-cases' },
          h('caption', { class: 'sr-only' }, 'Open cases by queue and the state of their deadline'),
          h('thead', {}, h('tr', {}, ['Queue', 'Open', 'On time', 'Overdue', 'Escalated', 'Unclaimed', 'Between steps']
            .map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, d.openCases.map((q) => h('tr', { dataset: { queue: q.queue } },
            h('td', {}, q.queue), h('td', {}, n(q.open)), h('td', {}, n(q.onTime)),
            h('td', { class: q.overdue ? 'bad' : null }, n(q.overdue)), h('td', { class: q.escalated ? 'bad' : null }, n(q.escalated)),
            h('td', {}, n(q.unclaimed)), h('td', {}, n(q.waiting))))))
        : message('notice', 'No open case.')),
    h('section', { class: 'card', 'aria-labelledby': 'h-versions' },
      h('h2', { id: 'h-versions' }, 'In force'),
      h('table', { class: 'grid', id: 'dashboard-versions' },
        h('caption', { class: 'sr-only' }, 'The versions in force on this instance'),
        h('tbody', {}, KINDS.filter(([k]) => d.versions[k]).map(([k, label]) => h('tr', { dataset: { kind: k } },
          h('th', { scope: 'row' }, label), h('td', {}, d.versions[k])))))),
  ];
}
