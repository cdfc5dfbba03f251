import { h, show, message, when } from '../dom.js';
import { diffLines } from '../diff.js';
import { KIND_TITLES, diffView, problem } from './changes.js';
import { listAsCsv } from './hotlists.js';
import { backtestPanel } from './backtest.js';

/**
 * The changes waiting for a second person, each with what it would change against what is live. The page
 * offers approval to everyone, the author included: four eyes is the service's rule, and its refusal is shown
 * where it was asked for.
 */
export function renderApprovals({ api, user }, main) {
  document.title = 'Approvals · Ringfence';
  const flash = h('div', { id: 'approvals-flash', tabindex: '-1' });
  const queue = h('div', { id: 'approvals-queue' }, 'Loading…');
  const recent = h('div', { id: 'approvals-recent' });
  let stopped = false;
  show(main, h('h1', {}, 'Approvals'),
    h('p', { class: 'hint' }, 'Changes submitted by one person go live only when someone else approves them. '
      + 'Each shows its lines against what runs now, and what it would have done on stored history.'),
    flash, queue,
    h('section', { class: 'card', 'aria-labelledby': 'h-recent' }, h('h2', { id: 'h-recent' }, 'Recently reviewed'), recent));

  async function load(notice) {
    let pending;
    let latest;
    let live;
    try {
      [pending, latest, live] = await Promise.all([api.get('/api/v1/changes?status=pending'),
        api.get('/api/v1/changes?limit=30'), api.get('/api/v1/live')]);
    } catch (err) {
      show(queue, problem('Could not load the changes', err));
      return;
    }
    if (stopped) return;
    show(flash, notice || null);
    show(queue, pending.length ? pending.map((c) => card(c, live))
      : message('notice', 'Nothing waits for approval.'));
    drawRecent(latest.filter((c) => c.status !== 'PENDING').slice(0, 10));
  }

  function card(c, live) {
    const headingId = `h-${c.changeId}`;
    const diff = h('div', { class: 'diff-area' }, 'Loading the content…');
    const cardFlash = h('div', { class: 'card-flash' });
    const note = h('textarea', { id: `note-${c.changeId}`, rows: 2, maxlength: 2000 });
    const mine = c.author === user.name;
    const el = h('section', { class: 'card change', 'aria-labelledby': headingId, dataset: { changeId: c.changeId } },
      h('h2', { id: headingId }, title(c)),
      h('p', { class: 'hint' }, `Submitted by ${mine ? 'you' : c.author} ${when(c.submittedAt)} · `
        + `SHA-256 ${c.contentSha256.slice(0, 12)}…`),
      h('p', { class: 'summary' }, c.summary ? `“${c.summary}”` : 'No summary given.'),
      diff, backtestPanel({ api, change: c }), cardFlash,
      h('div', { class: 'field' }, h('label', { for: `note-${c.changeId}` }, 'Review note (required to reject)'), note),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'approve', onclick: () => act('Approval', 'approve', true) }, 'Approve'),
        h('button', { type: 'button', class: 'secondary reject', onclick: () => act('Rejection', 'reject', true) }, 'Reject'),
        mine ? h('button', { type: 'button', class: 'secondary withdraw', onclick: () => act('Withdrawal', 'withdraw', false) },
          'Withdraw') : null));

    async function act(what, verb, withNote) {
      const n = note.value.trim();
      if (verb === 'reject' && !n) {
        show(cardFlash, message('error', 'Say why it is rejected: the author reads the note.'));
        note.focus();
        return;
      }
      try {
        const done = await api.post(`/api/v1/changes/${c.changeId}/${verb}`, withNote ? { note: n || null } : undefined);
        await load(message('notice', `${what} recorded: ${title(c)} is ${done.status.toLowerCase()}`
          + (done.status !== 'APPROVED' || c.kind === 'hot-list' ? '.' : AFTER_APPROVAL[c.operation] || ' and live.')));
        flash.focus();
      } catch (err) {
        show(cardFlash, problem(`${what} refused`, err));
      }
    }

    changeContent(api, c, live).then((parts) => { if (!stopped) show(diff, parts); })
      .catch((err) => show(diff, problem('Could not read the content', err)));
    return el;
  }

  function drawRecent(list) {
    show(recent, list.length ? h('table', { class: 'grid' },
      h('caption', { class: 'sr-only' }, 'Recently reviewed changes'),
      h('thead', {}, h('tr', {}, ['Change', 'Author', 'Status', 'Reviewer', 'Note', 'When'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map((c) => h('tr', { dataset: { changeId: c.changeId } },
        h('td', {}, title(c)), h('td', {}, c.author), h('td', {}, c.status.toLowerCase()),
        h('td', {}, c.reviewer || '—'), h('td', {}, c.reviewNote || '—'), h('td', {}, when(c.reviewedAt))))))
      : h('p', {}, 'None yet.'));
  }

  load();
  return () => { stopped = true; };
}

/** What an approval did, by the change's operation (a deployment: " and live."). */
const AFTER_APPROVAL = { SHADOW: ': it runs in shadow, deciding nothing.', END_SHADOW: ': the shadow run is over.',
  PROMOTE: ': it is live.' };

export function title(c) {
  if (c.kind === 'hot-list') return `Hot list ${c.target}: ${c.operation.toLowerCase()}`;
  const what = `${KIND_TITLES[c.kind] || c.kind} ${c.version || ''}`.trim();
  if (c.operation === 'SHADOW') return `${what}, in shadow`;
  if (c.operation === 'PROMOTE') return `Promote ${what.charAt(0).toLowerCase()}${what.slice(1)} from shadow to live`;
  if (c.operation === 'END_SHADOW') return `End the shadow run of ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
  return what;
}

/** What the change would do, line by line against what is live. */
export async function changeContent(api, c, live) {
  if (c.operation === 'PROMOTE' || c.operation === 'END_SHADOW') return shadowStep(api, c, live);
  if (c.operation === 'SHADOW') {
    const parts = await changeContent(api, { ...c, operation: 'DEPLOY' }, live);
    return [h('p', { class: 'msg notice shadow-note' }, (c.kind === 'rules'
      ? 'Once approved, this rule set runs on every event beside the live rules on every instance (a second CEP '
        + 'session per partition: the memory of the windows doubles); '
      : 'Once approved, this model answers every alert beside the live one on every instance; ')
      + 'its answers are recorded and compared, never sent. It decides nothing until a promotion, itself approved by '
      + 'a second person.'), parts];
  }
  const text = await api.text(`/api/v1/changes/${c.changeId}/content`);
  switch (c.kind) {
    case 'rules': {
      const next = JSON.parse(text);
      const now = await api.get('/api/v1/live/rules/files');
      const names = [...new Set([...Object.keys(now.files), ...Object.keys(next.files)])];
      const changed = names.filter((n) => now.files[n] !== next.files[n]);
      return [h('p', {}, `Version ${now.version} → ${next.version}; `
        + `${changed.length ? `changed: ${changed.join(', ')}` : 'no file changed'}.`),
        changed.map((n) => diffView(diffLines(now.files[n] || '', next.files[n] || ''),
          now.files[n] === undefined ? `${n} (new file)` : next.files[n] === undefined ? `${n} (removed)` : n))];
    }
    case 'reference-data': {
      // A stored reference change holds all three lists; only the ones that differ from those in force are shown.
      const next = JSON.parse(text);
      const now = await api.get('/api/v1/live/reference-data');
      const changed = Object.keys(next.files).filter((n) => now.files[n] !== next.files[n]);
      return [h('p', {}, `Lists ${now.version} → ${c.version}; `
        + `${changed.length ? `changed: ${changed.join(', ')}` : 'no list changed'}.`),
        changed.map((n) => diffView(diffLines(now.files[n] || '', next.files[n]), n))];
    }
    case 'customer-data': {
      const before = await api.text('/api/v1/live/customer-data');
      return diffView(diffLines(before, text), `${KIND_TITLES[c.kind]} ${live[c.kind]?.inForceVersion || 'live'} → ${c.version}`);
    }
    case 'hot-list': {
      if (c.operation === 'REMOVE') return diffView(diffLines(text, ''), `Remove from ${c.target}`);
      // The header is the import's format, not an entry being added.
      if (c.operation === 'ADD') return diffView(diffLines('', text.replace(/^\s*value\s*,\s*note\s*\r?\n/, '')), `Add to ${c.target}`);
      return diffView(diffLines(await listAsCsv(api, c.target), text), `Replace ${c.target} (the list as it is now, then as submitted)`);
    }
    case 'decision-model': {
      // The live model is served byte for byte, shipped or approved, so the diff is always against it.
      const before = await api.text('/api/v1/live/decision-model/content');
      const one = c.scenarios ? c : await api.get(`/api/v1/changes/${c.changeId}`);
      return [diffView(diffLines(before, text), `${KIND_TITLES[c.kind]} ${live[c.kind]?.inForceVersion || 'live'} → ${c.version || 'new'}`),
        scenarioView(api, one)];
    }
    default: {
      const running = live[c.kind];
      if (!running?.changeId) {
        return [h('p', { class: 'hint' }, 'What runs now is the version shipped with the service, which the API does not '
          + 'serve; the submitted content in full:'), diffView(diffLines('', text), c.kind)];
      }
      const before = await api.text(`/api/v1/changes/${running.changeId}/content`);
      return diffView(diffLines(before, text), `${KIND_TITLES[c.kind]} ${running.inForceVersion} → ${c.version || 'new'}`);
    }
  }
}

/**
 * A promotion (what goes live: the model in shadow, against the live one, and how it compared) or the end of a
 * shadow run. Both name the shadow change they act on, as its content.
 */
async function shadowStep(api, c, live) {
  const shadowId = (await api.text(`/api/v1/changes/${c.changeId}/content`)).trim();
  const report = await api.get('/api/v1/shadow');
  const still = report.challengers.some((x) => x.changeId === shadowId);
  const parts = [h('p', {}, c.operation === 'PROMOTE'
    ? `Puts change ${shadowId.slice(0, 8)} (version ${c.version}), now in shadow, live; nothing of its kind stays in shadow.`
    : `Ends the shadow run of change ${shadowId.slice(0, 8)} (version ${c.version}); what is live is untouched.`),
  still ? null : message('error', 'That change is no longer in shadow: approving this change will be refused.'),
  shadowSummary(report)];
  if (c.operation === 'PROMOTE') {
    const shadow = await api.get(`/api/v1/changes/${shadowId}`);
    parts.push(await changeContent(api, { ...shadow, operation: 'DEPLOY' }, live));
  }
  return parts;
}

/** The shadow runs' records in a sentence and a table per rule each (GET /api/v1/shadow): models, then rules. */
export function shadowSummary(report) {
  if (!report.totals && !report.ruleSet) return h('p', { class: 'hint' }, 'Nothing runs in shadow.');
  return h('div', {},
    report.totals ? runSummary('shadow', `Answered by table ${report.answeredBy.decisionModel} and scoring model `
      + `${report.answeredBy.scoringModel}`, report) : null,
    report.ruleSet ? runSummary('shadow-rules-run', `Rule set ${report.ruleSet.version} beside the live rules, matched `
      + 'on the same events (NONE: that side took no decision)', report.ruleSet) : null);
}

function runSummary(id, heading, run) {
  const t = run.totals;
  const v = run.verdicts;
  return h('div', { class: 'shadow-report', id },
    h('p', { id: id === 'shadow' ? 'shadow-totals' : `${id}-totals` }, `${heading}: `
      + `${t.decisions} decision${t.decisions === 1 ? '' : 's'}, agreed on ${t.agree}`
      + `${t.agreement == null ? '' : ` (${Math.round(t.agreement * 100)} %)`}; blocks ${t.championBlocks} live, `
      + `${t.challengerBlocks} in shadow; cases ${t.championCases} live, ${t.challengerCases} in shadow`
      + `${t.errors ? `; ${t.errors} failures in shadow` : ''}.`),
    v && (v.confirmedFraud || v.falsePositive) ? h('p', {}, `Where they disagreed and a handler later concluded: `
      + `${v.confirmedFraud} confirmed as fraud, ${v.falsePositive} cleared. The shadow would have blocked `
      + `${v.challengerBlocksConfirmedFraud} confirmed and ${v.challengerBlocksFalsePositive} cleared, and let go `
      + `${v.challengerReleasesConfirmedFraud} confirmed and ${v.challengerReleasesFalsePositive} cleared that the live `
      + 'side blocked.') : null,
    run.rules.length ? h('table', { class: 'grid', id: id === 'shadow' ? 'shadow-rules' : `${id}-rules` },
      h('caption', { class: 'sr-only' }, 'The shadow run per rule'),
      h('thead', {}, h('tr', {}, ['Rule', 'Decisions', 'Agreed', 'Blocks live', 'Blocks in shadow', 'Cases live',
        'Cases in shadow', 'Disagreed on fraud', 'Disagreed on cleared'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, run.rules.map((r) => h('tr', { dataset: { rule: r.ruleId || '' } },
        h('th', { scope: 'row' }, r.ruleId || '—'), h('td', {}, String(r.decisions)), h('td', {}, String(r.agree)),
        h('td', {}, String(r.championBlocks)), h('td', {}, String(r.challengerBlocks)),
        h('td', {}, String(r.championCases)), h('td', {}, String(r.challengerCases)),
        h('td', {}, String(r.disagreedOnConfirmedFraud)), h('td', {}, String(r.disagreedOnFalsePositive)))))) : null);
}

/**
 * What a decision model change says about its scenarios: those it restates (each output, what it expected and what
 * it expects once the change is live) and those it adds. The reviewer approves these with the table.
 */
function scenarioView(api, c) {
  const sc = c.scenarios;
  if (!sc) return h('p', { class: 'hint' }, 'This change holds no scenarios of record of its own.');
  const restated = sc.restated || [];
  const added = sc.added || [];
  return h('div', { class: 'scenarios-restated', dataset: { restated: String(restated.length) } },
    h('h3', {}, 'Scenarios'),
    restated.length
      ? h('table', { class: 'grid' },
        h('caption', {}, `${restated.length} scenario${restated.length === 1 ? '' : 's'} of the live table restated: `
          + 'once approved, they expect what this table decides'),
        h('thead', {}, h('tr', {}, ['Scenario', 'Output', 'Expected until now', 'Expected from now'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, restated.flatMap((r) => r.outputs.map((o, i) => h('tr', { dataset: { scenario: r.scenario } },
          i === 0 ? h('th', { scope: 'row', rowspan: r.outputs.length }, r.scenario) : null,
          h('td', {}, o.output), h('td', { class: 'was' }, o.expected), h('td', { class: 'now' }, o.actual))))))
      : h('p', {}, 'No scenario of the live table is restated: the table decides every one as before.'),
    added.length ? h('p', {}, `Added: ${added.map((n) => `“${n}”`).join(', ')}.`) : null,
    h('p', {}, h('button', { type: 'button', class: 'link-button scenario-file', onclick: () => download(api, sc.file,
      `change-${c.changeId.slice(0, 8)}.scenarios.csv`) }, 'Download the scenario file this change holds')));
}

/** The API's files need the sign-in header, which a plain link does not send. */
async function download(api, path, name) {
  const url = URL.createObjectURL(await api.blob(path, 'text/csv'));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
