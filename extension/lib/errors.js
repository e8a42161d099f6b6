// How a dropped native messaging port is told apart, from the exact
// chrome.runtime.lastError texts Chromium uses (see docs/EXTENSION.md).
export const HOST_NAME = "life.cloudoffice.officemates";

export const Problem = Object.freeze({
  NOT_INSTALLED: "not_installed",
  FORBIDDEN: "forbidden",
  HOST_EXITED: "host_exited",
  HOST_ERROR: "host_error",
  AGENT_UNAVAILABLE: "agent_unavailable",
  DISCONNECTED: "disconnected",
});

/** Maps chrome.runtime.lastError.message of a native port to a Problem. */
export function classifyDisconnect(message) {
  const m = String(message || "");
  if (/native messaging host not found/i.test(m)) return Problem.NOT_INSTALLED;
  if (/forbidden/i.test(m)) return Problem.FORBIDDEN;
  if (/host has exited/i.test(m)) return Problem.HOST_EXITED;
  if (/communicating with the native messaging host/i.test(m)) return Problem.HOST_ERROR;
  return Problem.DISCONNECTED;
}

/** Error object carried across runtime ports: {code, message}. */
export function errorOf(code, message) {
  return { code, message: message || code };
}
