// An Authorization header from a token source: the rest of the console only ever asks an auth object for
// header(). oidc.js is the token source (Keycloak, authorization code with PKCE).
export function bearerAuth(tokenSource) {
  return {
    kind: 'bearer',
    header() {
      const token = tokenSource();
      return token ? `Bearer ${token}` : null;
    },
    remember() {
      throw new Error('OIDC sign-in goes through the identity provider, not a password form');
    },
    forget() {},
    usesForm: false,
  };
}
