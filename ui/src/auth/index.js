import { basicAuth } from './basic.js';

export { bearerAuth } from './bearer.js';

/** The sign-in the console uses. Only demo mode (HTTP Basic) exists so far; OIDC will pick bearerAuth. */
export function currentAuth() {
  return basicAuth();
}
