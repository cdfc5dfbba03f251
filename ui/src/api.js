// Every call to the service: the sign-in header on each request (the server is stateless) and
// refusals turned into errors that carry the server's own words (problem+json "detail").

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `the service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function createApi(auth, onSignedOut) {
  async function call(method, path, body, accept = 'application/json', contentType = 'application/json') {
    const headers = { Accept: accept };
    if (auth.fresh) await auth.fresh();
    const authorization = auth.header();
    if (authorization) headers.Authorization = authorization;
    // Without it a 401 carries a Basic challenge, and the browser would answer with its own password
    // dialog on top of the console's form.
    headers['X-Requested-With'] = 'XMLHttpRequest';
    // A form's type carries its boundary, which only the browser knows: it writes the header itself.
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    // A file goes as it is, streamed by the browser rather than read into the page.
    const file = typeof Blob !== 'undefined' && body instanceof Blob;
    if (body !== undefined && !form) headers['Content-Type'] = contentType;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined || typeof body === 'string' || form || file ? body : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) {
      let problem = null;
      const type = response.headers.get('Content-Type') || '';
      if (type.includes('json')) {
        try { problem = await response.json(); } catch { problem = null; }
      }
      if (response.status === 401 && onSignedOut) onSignedOut();
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  return {
    async get(path) {
      return (await call('GET', path)).json();
    },
    async post(path, body) {
      const r = await call('POST', path, body ?? {});
      const text = await r.text();
      return text ? JSON.parse(text) : null;
    },
    /** A body sent as it is (a CSV, a DRL set already in JSON, a file), the answer read as JSON. */
    async send(method, path, text, contentType) {
      const r = await call(method, path, text, 'application/json', contentType);
      const answer = await r.text();
      return answer ? JSON.parse(answer) : null;
    },
    /** A multipart form (a file with its companions), the answer read as JSON. */
    async form(path, data) {
      const r = await call('POST', path, data);
      const answer = await r.text();
      return answer ? JSON.parse(answer) : null;
    },
    /** The response as text (a change's content, which the service serves as a download). */
    async text(path) {
      return (await call('GET', path, undefined, '*/*')).text();
    },
    /** The response as text with its headers (a live file and the version it is). */
    async textWithHeaders(path) {
      const r = await call('GET', path, undefined, '*/*');
      return { text: await r.text(), headers: r.headers };
    },
    /** The response as a Blob (CSV export). */
    async blob(path, accept) {
      return (await call('GET', path, undefined, accept)).blob();
    },
    /** The response to a POST as a Blob (a CSV export whose filters must stay out of the URL). */
    async postBlob(path, body, accept) {
      return (await call('POST', path, body, accept)).blob();
    },
  };
}

/** A query string from the non-empty fields of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') q.set(k, String(v).trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
