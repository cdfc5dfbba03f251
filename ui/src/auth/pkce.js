// The pieces of an authorization request that only this browser tab knows (RFC 7636, OIDC core), made with
// the browser's own WebCrypto: a code verifier whose SHA-256 goes to the login page, and random state and
// nonce values that tie the answer to the request that asked for it.

/** base64url without padding, as PKCE and JWTs write bytes. */
export function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as 43 characters: the verifier's recommended length, and enough for state and nonce. */
export function randomToken(crypto = globalThis.crypto) {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier. */
export async function challengeOf(verifier, crypto = globalThis.crypto) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The claims of a JWT, unchecked: the console reads only what the token endpoint itself just handed it. */
export function claimsOf(jwt) {
  const part = (jwt || '').split('.')[1];
  if (!part) return {};
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
