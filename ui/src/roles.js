// Which pages each role sees. The server enforces every call on its own (docs/security.md); this only
// keeps people out of pages that would answer them 403.

/** Ringfence's roles. A realm adds its own to every token (default-roles-*, offline_access): not shown. */
export const ROLES = ['fraud-analyst', 'case-handler', 'supervisor', 'compliance-officer', 'switch-client', 'admin'];

export const PAGES = [
  { id: 'inbox', title: 'Inbox', path: '#/inbox', roles: ['case-handler', 'supervisor'] },
  { id: 'rules', title: 'Rules', path: '#/rules', roles: ['fraud-analyst'] },
  { id: 'decisions', title: 'Decision tables', path: '#/decisions', roles: ['fraud-analyst'] },
  { id: 'approvals', title: 'Approvals', path: '#/approvals', roles: ['fraud-analyst'] },
  { id: 'hotlists', title: 'Hot lists', path: '#/hotlists', roles: ['fraud-analyst'] },
  { id: 'reference', title: 'Reference lists', path: '#/reference', roles: ['fraud-analyst'] },
  { id: 'audit', title: 'Audit', path: '#/audit', roles: ['compliance-officer', 'supervisor', 'fraud-analyst'] },
  { id: 'chain', title: 'Audit chain', path: '#/chain', roles: ['compliance-officer', 'supervisor'] },
  { id: 'privacy', title: 'Privacy requests', path: '#/privacy', roles: ['compliance-officer'] },
  { id: 'dashboard', title: 'Dashboard', path: '#/dashboard',
    roles: ['fraud-analyst', 'case-handler', 'supervisor', 'compliance-officer', 'admin'] },
];

/** Case pages: the task actions only for those who work cases. */
export const CASE_VIEWERS = ['case-handler', 'supervisor', 'fraud-analyst', 'compliance-officer'];
export const CASE_WORKERS = ['case-handler', 'supervisor'];
/** The event history (timeline beyond the case's own evidence). */
export const EVENT_READERS = ['fraud-analyst', 'supervisor', 'compliance-officer'];

export function may(user, roles) {
  return !!user && user.roles.some((r) => roles.includes(r));
}

export function pagesFor(user) {
  return PAGES.filter((p) => may(user, p.roles));
}
