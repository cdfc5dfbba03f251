// OIDC sign-in for the console, a public client (no secret can live in a browser): authorization code with
// PKCE S256 against the realm's own login page. Tokens stay in this tab's sessionStorage (docs/security.md:
// why there, and not a cookie or localStorage) and the access token is refreshed before it lapses. The
// service checks every token on every call; nothing here is trusted by it.
import { bearerAuth } from './bearer.js';
import { randomToken, challengeOf, claimsOf } from './pkce.js';

const TOKENS = 'ringfence.oidc.tokens';
/** What the tab must remember across the trip to the login page: state, verifier, nonce, and where it was. */
const PENDING = 'ringfence.oidc.pending';
const SIGNED_OUT = 'ringfence.oidc.signed-out';
/** Refresh this long before expiry, so no call leaves with a token about to lapse (at most half the lifetime). */
const MARGIN_MS = 30_000;

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

export function oidcAuth({ issuer, clientId }, { storage = window.sessionStorage, where = window.location,
  history = window.history } = {}) {
  // The console's own address: the realm's client lists it as a redirect URI, and the token endpoint
  // answers this origin only (web origins "+").
  const redirectUri = where.origin + where.pathname;
  let tokens = read(storage, TOKENS);
  let endpoints = null;
  let timer = null;
  let refreshing = null;
  let lostListener = () => {};

  async function discover() {
    if (!endpoints) {
      const r = await fetch(`${issuer}/.well-known/openid-configuration`, { credentials: 'omit', cache: 'no-store' });
      if (!r.ok) throw new Error(`the identity provider answered ${r.status} for its discovery document`);
      const doc = await r.json();
      // A document naming another issuer would send the person's password elsewhere.
      if (doc.issuer !== issuer) throw new Error(`the identity provider calls itself ${doc.issuer}, not ${issuer}`);
      endpoints = doc;
    }
    return endpoints;
  }

  async function tokenCall(form) {
    const { token_endpoint: url } = await discover();
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ client_id: clientId, ...form }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.error_description || body.error || `the token endpoint answered ${r.status}`);
    return body;
  }

  function keep(answer) {
    const now = Date.now();
    const lifetime = (Number(answer.expires_in) || 60) * 1000;
    tokens = {
      access: answer.access_token,
      refresh: answer.refresh_token || tokens?.refresh || null,
      id: answer.id_token || tokens?.id || null,
      refreshAt: now + Math.max(lifetime - MARGIN_MS, lifetime / 2),
    };
    storage.setItem(TOKENS, JSON.stringify(tokens));
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (!tokens?.refresh) return;
    timer = setTimeout(() => refresh().catch(lost), Math.max(0, tokens.refreshAt - Date.now()));
  }

  function refresh() {
    if (!refreshing) {
      refreshing = tokenCall({ grant_type: 'refresh_token', refresh_token: tokens.refresh })
        .then(keep)
        .finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  function forget() {
    clearTimeout(timer);
    tokens = null;
    storage.removeItem(TOKENS);
  }

  // The realm ended the session (signed out elsewhere, idle too long): the person has to sign in again.
  function lost() {
    forget();
    lostListener();
  }

  /** The answer of the login page in the address bar: a notice for the person, or null once signed in. */
  async function finish(params) {
    const pending = read(storage, PENDING);
    storage.removeItem(PENDING);
    // Code and state leave the address bar at once: a reload or a bookmark must not replay them.
    history.replaceState(null, '', where.pathname + (pending?.hash || ''));
    if (!pending || params.get('state') !== pending.state) {
      return 'The sign-in answer does not belong to a sign-in this tab started. Please sign in again.';
    }
    // RFC 9207: an answer carrying another issuer's name is a mix-up, whatever its code.
    if (params.has('iss') && params.get('iss') !== issuer) {
      return `The sign-in answer came from ${params.get('iss')}, not from ${issuer}. Please sign in again.`;
    }
    if (params.has('error')) {
      return `The identity provider did not sign you in: ${params.get('error_description') || params.get('error')}.`;
    }
    try {
      const answer = await tokenCall({ grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: redirectUri, code_verifier: pending.verifier });
      if (claimsOf(answer.id_token).nonce !== pending.nonce) {
        return 'The identity provider answered for another sign-in request. Please sign in again.';
      }
      keep(answer);
      return null;
    } catch (e) {
      return `Sign-in failed: ${e.message}.`;
    }
  }

  return {
    ...bearerAuth(() => tokens?.access),
    kind: 'oidc',
    usesForm: false,
    forget,
    /** Called when a refresh is refused: the console then signs the person out with a notice. */
    onLost(listener) {
      lostListener = listener;
    },
    /** Before each call: a tab that slept through its timer refreshes first rather than send a lapsed token. */
    async fresh() {
      if (tokens?.refresh && Date.now() >= tokens.refreshAt) {
        try {
          await refresh();
        } catch {
          forget();
        }
      }
    },
    /**
     * On page load: finish a sign-in that comes back from the login page, greet a person who just signed
     * out, or carry on with the tab's tokens. Returns a notice to show, or null.
     */
    async start() {
      const params = new URLSearchParams(where.search);
      if (params.has('state') && (params.has('code') || params.has('error'))) {
        return finish(params);
      }
      if (storage.getItem(SIGNED_OUT)) {
        storage.removeItem(SIGNED_OUT);
        return 'You have signed out.';
      }
      if (tokens) {
        await this.fresh();
        schedule();
      }
      return null;
    },
    /** Off to the realm's login page; the tab comes back to the page (hash) it was on. */
    async signIn(hash = where.hash) {
      const { authorization_endpoint: url } = await discover();
      const verifier = randomToken();
      const state = randomToken();
      const nonce = randomToken();
      storage.setItem(PENDING, JSON.stringify({ state, verifier, nonce, hash }));
      const q = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code',
        response_mode: 'query', scope: 'openid', state, nonce, code_challenge: await challengeOf(verifier),
        code_challenge_method: 'S256' });
      where.assign(`${url}?${q}`);
    },
    /** Signs out of the realm too (end-session), or the next sign-in would pass the login page unasked. */
    async signOut() {
      const idToken = tokens?.id;
      forget();
      storage.setItem(SIGNED_OUT, '1');
      const { end_session_endpoint: url } = await discover();
      if (!url) {
        where.assign(redirectUri);
        return;
      }
      const q = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: redirectUri });
      // With the ID token the realm signs out at once, without asking to confirm.
      if (idToken) q.set('id_token_hint', idToken);
      where.assign(`${url}?${q}`);
    },
  };
}
