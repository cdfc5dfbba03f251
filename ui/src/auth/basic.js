// Demo sign-in: the demo users over HTTP Basic. The server keeps no session, so the credentials go
// with every call; they live in sessionStorage, which the browser forgets when the tab closes.
const KEY = 'ringfence.basic';

export function basicAuth(storage = window.sessionStorage) {
  return {
    kind: 'basic',
    /** The Authorization header of the signed-in person, or null. */
    header() {
      return storage.getItem(KEY);
    },
    /** Remembers name and password; the caller checks them against /api/v1/me before trusting them. */
    remember(name, password) {
      const bytes = new TextEncoder().encode(`${name}:${password}`);
      storage.setItem(KEY, 'Basic ' + btoa(String.fromCharCode(...bytes)));
    },
    forget() {
      storage.removeItem(KEY);
    },
    /** Demo mode signs in with the console's own form. */
    usesForm: true,
  };
}
