import { h, show, message, when } from '../dom.js';

const AROUND_MS = 60 * 60 * 1000;

/**
 * The subscriber's events around the alert. Everyone who may see the case sees its evidence events;
 * roles that may read the event history also see the other events of the hour before and after.
 */
export function timeline({ api, view, canReadHistory }) {
  const evidence = new Map(view.events.map((e) => [e.eventId, e]));
  const box = h('div', { id: 'timeline-body' });
  const draw = (events, note) => show(box, note, events.length ? table(events, evidence) : h('p', {}, 'No events recorded.'));
  const evidenceOnly = [...evidence.values()];
  const subscriber = view.fraudCase.subscriber;
  const times = view.alerts.flatMap((a) => [a.firstEventAt, a.lastMatchAt]).filter(Boolean).map(Date.parse);
  if (!canReadHistory || !subscriber || !times.length) {
    draw(evidenceOnly, h('p', { class: 'hint' }, canReadHistory ? 'The evidence the alert cites.'
      : 'The evidence the alert cites (the full event history is for supervisors, analysts and compliance).'));
    return box;
  }
  const from = new Date(Math.min(...times) - AROUND_MS).toISOString();
  const to = new Date(Math.max(...times) + AROUND_MS).toISOString();
  draw(evidenceOnly, h('p', { class: 'hint' }, 'Loading the event history…'));
  // The number in the body, not the URL: ingress and proxy logs keep URLs.
  api.post('/api/v1/events/search', { subscriber, from, to, size: 500 })
    .then((page) => draw(page.items.map((i) => i.event),
      h('p', { class: 'hint' }, `Events of ${subscriber} from ${when(from)} to ${when(to)}`
        + `${page.total > page.items.length ? ` (first ${page.items.length} of ${page.total})` : ''}; evidence marked.`)))
    .catch((err) => draw(evidenceOnly, message('error', `Event history unavailable (${err.message}); showing the evidence only.`)));
  return box;
}

function table(events, evidence) {
  const sorted = [...events].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Event timeline' },
    h('table', { class: 'grid compact' },
      h('thead', {}, h('tr', {}, ['When', 'Type', 'Direction', 'Other party', 'Duration', '', ''].map((x, i) =>
        h('th', { scope: 'col' }, x || (i === 5 ? 'Details' : 'Evidence'))))),
      h('tbody', {}, sorted.map((e) => h('tr', { class: evidence.has(e.eventId) ? 'evidence' : '' },
        h('td', {}, when(e.timestamp)), h('td', {}, e.type), h('td', {}, e.direction || '—'),
        h('td', {}, e.bNumber || e.aNumber || '—'),
        h('td', {}, e.durationSeconds != null ? `${e.durationSeconds} s` : '—'),
        h('td', {}, [e.roaming ? 'roaming' : null, e.answered === false ? 'unanswered' : null, e.cellId ? `cell ${e.cellId}` : null]
          .filter(Boolean).join(', ')),
        h('td', {}, evidence.has(e.eventId) ? 'evidence' : ''))))));
}
