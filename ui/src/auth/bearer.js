// OIDC sign-in (Keycloak, authorization code with PKCE) is the next slice. The rest of the console
// only ever asks an auth object for header(), so a token source slots in here without touching pages:
// tokenSource() returns the current access token (refreshing it before it expires) or null.
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
