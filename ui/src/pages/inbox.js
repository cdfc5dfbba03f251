import { h, show, message, when } from '../dom.js';
import { TASK_TITLES, subject } from '../words.js';

const POLL_MS = 5000;

/**
 * The case handler's inbox: their tasks and their queues' unclaimed ones, soonest SLA first, refreshed
 * every few seconds. Queue and priority belong to the case, so open cases are read alongside the tasks.
 */
export function renderInbox({ api, user }, main) {
  document.title = 'Inbox · Ringfence';
  const filters = { queue: '', typology: '', priority: '' };
  const cases = new Map();
  let tasks = [];
  let stopped = false;
  // What was there when the page opened: later arrivals and escalations are marked and announced.
  let seen = null;
  const arrived = new Set();
  let lastNews = null;
  const escalated = new Set();

  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', id: 'inbox-status' }, 'Loading…');
  const errors = h('div', { id: 'inbox-errors' });
  const selects = {
    queue: h('select', { id: 'filter-queue' }),
    typology: h('select', { id: 'filter-typology' }),
    priority: h('select', { id: 'filter-priority' }),
  };
  for (const [k, el] of Object.entries(selects)) {
    el.addEventListener('change', () => { filters[k] = el.value; draw(); });
  }
  const table = h('div', { id: 'inbox-table' });
  show(main,
    h('h1', {}, 'Inbox'),
    h('p', { class: 'hint' }, `Tasks ${user.name} may work: your own and your queues' unclaimed ones, soonest deadline first.`),
    h('form', { class: 'filters', 'aria-label': 'Filter tasks', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-queue' }, 'Queue'), selects.queue),
      h('div', { class: 'field' }, h('label', { for: 'filter-typology' }, 'Typology'), selects.typology),
      h('div', { class: 'field' }, h('label', { for: 'filter-priority' }, 'Priority'), selects.priority)),
    errors, status, table);

  function options(el, label, values, current) {
    const opts = [h('option', { value: '' }, `All ${label}`)];
    for (const v of [...values].sort()) opts.push(h('option', { value: v, selected: String(v) === current }, String(v)));
    show(el, opts);
  }

  function rows() {
    return tasks.map((t) => ({ t, c: cases.get(t.caseId) }))
      .filter(({ c }) => (!filters.queue || c?.queue === filters.queue)
        && (!filters.typology || c?.typology === filters.typology)
        && (!filters.priority || String(c?.priority) === filters.priority))
      .sort((a, b) => (a.t.dueAt ? Date.parse(a.t.dueAt) : Infinity) - (b.t.dueAt ? Date.parse(b.t.dueAt) : Infinity)
        || a.t.createdAt.localeCompare(b.t.createdAt));
  }

  function draw() {
    const known = [...cases.values()];
    options(selects.queue, 'queues', new Set(known.map((c) => c.queue).filter(Boolean)), filters.queue);
    options(selects.typology, 'typologies', new Set(known.map((c) => c.typology).filter(Boolean)), filters.typology);
    options(selects.priority, 'priorities', new Set(known.map((c) => String(c.priority))), filters.priority);
    const list = rows();
    if (!list.length) {
      show(table, message('notice', tasks.length ? 'No task matches these filters.' : 'No open tasks for you. New cases appear here by themselves.'));
      return;
    }
    const now = Date.now();
    show(table, h('table', { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Open tasks, soonest deadline first'),
      h('thead', {}, h('tr', {}, ['Task', 'Case', 'Queue', 'Priority', 'SLA due', 'Owner'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map(({ t, c }) => {
        const overdue = t.dueAt && Date.parse(t.dueAt) < now;
        return h('tr', { dataset: { taskId: t.taskId, caseId: t.caseId },
          class: [t.escalatedAt ? 'escalated' : '', arrived.has(t.taskId) ? 'arrived' : ''].join(' ').trim() },
          h('td', {}, h('a', { href: `#/cases/${t.caseId}` }, TASK_TITLES[t.name] || t.name),
            arrived.has(t.taskId) ? h('span', { class: 'tag new' }, 'new') : null),
          h('td', {}, c ? `${c.typology} · ${subject(c.targetKind, c.targetValue)}` : t.caseId),
          h('td', {}, c?.queue || '—'),
          h('td', {}, c ? `P${c.priority}` : '—'),
          h('td', {}, when(t.dueAt), t.escalatedAt ? h('span', { class: 'tag warn' }, 'escalated')
            : overdue ? h('span', { class: 'tag warn' }, 'overdue') : null),
          h('td', {}, t.owner ? (t.owner === user.name ? 'you' : t.owner) : 'unclaimed'));
      }))));
  }

  async function refresh() {
    try {
      const page = await api.get('/api/v1/tasks?size=500');
      const open = await api.get('/api/v1/cases?status=OPEN&size=500');
      for (const c of open.items) cases.set(c.caseId, c);
      // A case older than the newest 500 open ones is read on its own, once.
      for (const t of page.items) {
        if (!cases.has(t.caseId)) cases.set(t.caseId, (await api.get(`/api/v1/cases/${t.caseId}`)).fraudCase);
      }
      if (stopped) return;
      tasks = page.items;
      if (seen === null) {
        seen = new Set(tasks.map((t) => t.taskId));
        tasks.filter((t) => t.escalatedAt).forEach((t) => escalated.add(t.taskId));
      }
      const news = [];
      for (const t of tasks) {
        if (!seen.has(t.taskId)) { seen.add(t.taskId); arrived.add(t.taskId); news.push(`${TASK_TITLES[t.name] || t.name} arrived`); }
        if (t.escalatedAt && !escalated.has(t.taskId)) { escalated.add(t.taskId); news.push(`${TASK_TITLES[t.name] || t.name} escalated`); }
      }
      show(errors);
      // The last news stays until newer news: a handler who looks away for one poll still reads it.
      if (news.length) lastNews = `${news.join(', ')} at ${new Date().toLocaleTimeString()}`;
      show(status, `${tasks.length} open task${tasks.length === 1 ? '' : 's'} · updated ${new Date().toLocaleTimeString()}`,
        lastNews ? h('span', { id: 'inbox-news' }, ` · ${lastNews}`) : null);
      draw();
    } catch (err) {
      if (!stopped) show(errors, message('error', `Could not load the inbox: ${err.message}`));
    }
  }

  refresh();
  const timer = setInterval(refresh, POLL_MS);
  return () => { stopped = true; clearInterval(timer); };
}
