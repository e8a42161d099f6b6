// Thin client for the officemates-server REST API (server/openapi.yaml).
// Cookie session + X-OM-CSRF header on every state-changing request.

let csrfToken = '';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || `HTTP_${status}`;
  }
}

export function setCsrf(token) {
  csrfToken = token || '';
}

/**
 * Calls the API. `json` is sent as application/json, `body` as-is with `contentType`.
 * Resolves to the parsed JSON (or null for 204); rejects with ApiError
 * (status 0, code NETWORK when the server cannot be reached).
 */
export async function api(method, path, options = {}) {
  try {
    return await request(method, path, options);
  } catch (e) {
    // A stale CSRF token (e.g. the session was renewed in another tab): refresh it once and retry.
    if (e instanceof ApiError && e.code === 'CSRF_FAILED' && !options.retried) {
      await fetchMe();
      return request(method, path, { ...options, retried: true });
    }
    throw e;
  }
}

async function request(method, path, { json, body, contentType, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/octet-stream';
    init.body = body;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-OM-CSRF'] = csrfToken;

  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', String(e && e.message));
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(res.status, err.code, err.message || res.statusText);
  }
  return data;
}

/** The signed-in user (GET /api/v1/me); also stores the CSRF token. */
export async function fetchMe() {
  const me = await request('GET', '/api/v1/me');
  setCsrf(me.csrf);
  return me;
}

/** Sends the browser to the login page, coming back here afterwards. */
export function redirectToLogin(extra = '') {
  const next = location.pathname + location.search;
  location.assign(`/login?next=${encodeURIComponent(next)}${extra}`);
}

/** fetchMe(), or redirect to the login page on 401 (resolves to null then). */
export async function requireSession() {
  try {
    return await fetchMe();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      redirectToLogin();
      return null;
    }
    throw e;
  }
}

export async function logout() {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    /* the session may already be gone */
  }
  location.assign('/login?logged_out=1');
}
