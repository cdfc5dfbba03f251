import { basicAuth } from './basic.js';
import { oidcAuth } from './oidc.js';

export { bearerAuth } from './bearer.js';

/**
 * The sign-in the service asks for: one bundle serves both modes, so the console asks before anyone has
 * signed in (GET /api/v1/sign-in, open to all). Demo mode signs in with the console's form (HTTP Basic),
 * oidc mode through the realm's login page.
 */
export async function currentAuth() {
  const r = await fetch('/api/v1/sign-in', { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
  if (!r.ok) throw new Error(`the service answered ${r.status} when asked how to sign in`);
  const how = await r.json();
  if (how.mode === 'oidc') return oidcAuth(how);
  if (how.mode === 'demo') return basicAuth();
  throw new Error(`the service named a sign-in mode the console does not know: ${how.mode}`);
}
