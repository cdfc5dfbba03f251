import { currentAuth } from './auth/index.js';
import { createApi } from './api.js';
import { h, show, message } from './dom.js';
import { pagesFor, may, CASE_VIEWERS, PAGES, ROLES } from './roles.js';
import { renderLogin } from './pages/login.js';
import { renderInbox } from './pages/inbox.js';
import { renderCase } from './pages/case.js';
import { renderAudit } from './pages/audit.js';
import { renderDecision } from './pages/decision.js';
import { renderRules } from './pages/rules.js';
import { renderApprovals } from './pages/approvals.js';
import { renderHotLists } from './pages/hotlists.js';
import { renderReference } from './pages/reference.js';
import { renderChain } from './pages/chain.js';
import { renderPrivacy } from './pages/privacy.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderChange } from './pages/change.js';
import { renderDecisions } from './pages/decisions.js';

const main = document.getElementById('main');
let auth;
try {
  auth = await currentAuth();
} catch (e) {
  show(main, h('h1', {}, 'Console unavailable'), message('error', `The console cannot sign you in: ${e.message}`));
  throw e;
}
const EXPIRED = 'Your sign-in was refused or has expired. Please sign in again.';
// Only a person already signed in is signed out by a 401; a wrong password stays on the form with its message.
const api = createApi(auth, () => { if (user) signOut(EXPIRED); });
if (auth.onLost) auth.onLost(() => { if (user) signOut(EXPIRED); });
let user = null;
let leave = null;

/** Routes: the page, who may open it, and how to draw it. */
const roles = (id) => PAGES.find((p) => p.id === id).roles;
const ROUTES = [
  { match: /^#\/rules$/, roles: roles('rules'), nav: 'rules', render: renderRules },
  { match: /^#\/decisions$/, roles: roles('decisions'), nav: 'decisions', render: renderDecisions },
  { match: /^#\/changes\/([0-9a-f-]{36})$/, roles: roles('rules'), nav: 'rules', render: renderChange },
  { match: /^#\/approvals$/, roles: roles('approvals'), nav: 'approvals', render: renderApprovals },
  { match: /^#\/hotlists(?:\?(.*))?$/, roles: roles('hotlists'), nav: 'hotlists', render: renderHotLists },
  { match: /^#\/chain$/, roles: roles('chain'), nav: 'chain', render: renderChain },
  { match: /^#\/privacy$/, roles: roles('privacy'), nav: 'privacy', render: renderPrivacy },
  { match: /^#\/dashboard$/, roles: roles('dashboard'), nav: 'dashboard', render: renderDashboard },
  { match: /^#\/reference$/, roles: roles('reference'), nav: 'reference', render: renderReference },
  { match: /^#\/inbox$/, roles: PAGES.find((p) => p.id === 'inbox').roles, nav: 'inbox', render: renderInbox },
  { match: /^#\/cases\/([0-9a-f-]{36})$/, roles: CASE_VIEWERS, nav: 'inbox', render: renderCase },
  { match: /^#\/audit(?:\?(.*))?$/, roles: PAGES.find((p) => p.id === 'audit').roles, nav: 'audit', render: renderAudit },
  { match: /^#\/audit\/decisions\/([^/?#]+)$/, roles: PAGES.find((p) => p.id === 'audit').roles, nav: 'audit',
    render: renderDecision },
];

function signOut(why) {
  auth.forget();
  user = null;
  document.getElementById('top').hidden = true;
  route(why);
}

async function signedIn() {
  const me = await api.get('/api/v1/me');
  user = { ...me, roles: me.roles.filter((r) => ROLES.includes(r)) };
  const top = document.getElementById('top');
  top.hidden = false;
  show(document.getElementById('who'), `${user.name} (${user.roles.join(', ') || 'no roles'})`);
  drawNav(null);
}

function drawNav(current) {
  const links = pagesFor(user).map((p) => h('a', { href: p.path, 'aria-current': p.id === current ? 'page' : null }, p.title));
  show(document.getElementById('nav'), links);
}

async function route(notice) {
  if (leave) { leave(); leave = null; }
  if (!user && auth.header()) {
    try {
      await signedIn();
    } catch {
      auth.forget();
    }
  }
  if (!user) {
    // Through an identity provider, a person with nothing to be told goes straight to its login page.
    renderLogin({ auth, api, notice, auto: !notice, done: async () => { await signedIn(); go(); } }, main);
    return;
  }
  const hash = location.hash || '';
  const r = ROUTES.map((x) => ({ x, m: hash.match(x.match) })).find((y) => y.m);
  if (!r) { go(); return; }
  drawNav(r.x.nav);
  if (!may(user, r.x.roles)) {
    document.title = 'Not available · Ringfence';
    show(main, h('h1', {}, 'Not available'),
      message('error', `This page is not for your roles (${user.roles.join(', ') || 'none'}).`));
    main.focus();
    return;
  }
  leave = r.x.render({ api, user, params: r.m.slice(1) }, main) || null;
  main.focus();
}

/** The first page the person may use. */
function go() {
  const first = pagesFor(user)[0];
  if (first) {
    if (location.hash === first.path) route(); else location.hash = first.path;
  } else {
    show(main, h('h1', {}, 'Welcome'), message('notice', 'Your roles have no console pages yet.'));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  if (auth.signOut) {
    // Through the identity provider's end-session page, which sends the browser back here.
    user = null;
    auth.signOut().catch((e) => signOut(`Signed out of the console, but not of the identity provider: ${e.message}`));
  } else {
    signOut('You have signed out.');
  }
});
window.addEventListener('hashchange', () => route());
route(auth.start ? (await auth.start()) ?? undefined : undefined);
