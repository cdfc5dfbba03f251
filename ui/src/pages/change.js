import { h, show, message, when } from '../dom.js';
import { problem } from './changes.js';
import { changeContent, title } from './approvals.js';
import { backtestPanel } from './backtest.js';

/**
 * One change as its author follows it: what it changes against what is live, its review, and its backtest on
 * stored history, run here before the approver reads it on the Approvals page.
 */
export function renderChange({ api, user, params }, main) {
  const [id] = params;
  document.title = 'Change · Ringfence';
  const body = h('div', { id: 'change' }, 'Loading…');
  show(main, h('h1', { id: 'change-title' }, 'Change'), body);
  let stopped = false;

  async function load() {
    let c;
    let live;
    try {
      [c, live] = await Promise.all([api.get(`/api/v1/changes/${id}`), api.get('/api/v1/live')]);
    } catch (err) {
      show(body, problem('Could not load the change', err));
      return;
    }
    if (stopped) return;
    document.title = `${title(c)} · Ringfence`;
    show(document.getElementById('change-title'), title(c));
    const diff = h('div', { class: 'diff-area' }, 'Loading the content…');
    show(body,
      h('section', { class: 'card change', 'aria-labelledby': 'h-change', dataset: { changeId: c.changeId } },
        h('h2', { id: 'h-change' }, 'What it changes'),
        h('p', { class: 'hint' }, `Submitted by ${c.author === user.name ? 'you' : c.author} ${when(c.submittedAt)} · `,
          h('span', { class: 'change-status' }, c.status.toLowerCase()),
          c.reviewer ? ` by ${c.reviewer} ${when(c.reviewedAt)}${c.reviewNote ? `: “${c.reviewNote}”` : ''}` : '',
          c.status === 'PENDING' ? [' · ', h('a', { href: '#/approvals' }, 'on the Approvals page')] : null),
        h('p', { class: 'summary' }, c.summary ? `“${c.summary}”` : 'No summary given.'),
        diff, c.status === 'DRAFT' && c.author === user.name ? draftActions(c) : null),
      h('section', { class: 'card', id: 'change-backtest' }, backtestPanel({ api, change: c })));
    changeContent(api, c, live).then((parts) => { if (!stopped) show(diff, parts); })
      .catch((err) => show(diff, problem('Could not read the content', err)));
    if (c.status === 'DRAFT') {
      body.prepend(message('notice', 'Your private draft: nobody else sees it, nor its backtests, until you submit it '
        + 'for review. It then goes to the Approvals page with the backtests you ran.'));
    } else if (c.status !== 'PENDING') {
      body.prepend(message('notice', `This change is ${c.status.toLowerCase()}; a backtest still shows what it would have done.`));
    }
  }

  /** The author's own draft: submitted for review (it keeps its backtests), or discarded. */
  function draftActions(c) {
    const flash = h('div', { id: 'change-flash', tabindex: '-1' });
    async function act(verb, done) {
      try {
        await api.post(`/api/v1/changes/${c.changeId}/${verb}`);
        await load();
        body.prepend(h('div', { id: 'change-done', role: 'status' }, message('notice', done)));
      } catch (err) {
        show(flash, problem(verb === 'submit' ? 'Not submitted' : 'Not discarded', err));
        flash.focus();
      }
    }
    return h('div', {}, flash, h('div', { class: 'buttons' },
      h('button', { type: 'button', id: 'change-submit', onclick: () => act('submit',
        'Submitted for review: it waits on the Approvals page for another analyst, with its backtests.') },
      'Submit for review'),
      h('button', { type: 'button', class: 'secondary', id: 'change-discard', onclick: () => act('withdraw',
        'Discarded: the draft stays yours alone, and no longer counts.') }, 'Discard the draft')));
  }

  load();
  return () => { stopped = true; };
}
