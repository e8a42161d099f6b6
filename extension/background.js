// MV3 service worker: the only holder of the native messaging port.
// Everything here is recoverable: status lives in the host and is fetched with
// status.get after every (re)start; only UI preferences may go to storage.
import "./ui/i18n.js";
import "./ui/format.js";
import { HostConnection } from "./lib/host-connection.js";
import { updateBadge } from "./lib/badge.js";
import { syncConsoleScripts } from "./lib/console-origins.js";
import { errorOf } from "./lib/errors.js";

const OM = globalThis.OM;
const LINGER_MS = 15000; // keep the port a little after the last client leaves
const EXTENSION_ORIGIN = chrome.runtime.getURL("").replace(/\/$/, "");
// What a content script on a web page may ask the host. Extension pages may ask anything.
const PAGE_VERBS = new Set([
  "status.get",
  "reasons.get",
  "away.set",
  "away.clear",
  "profile.image.set",
  "console.ticket",
]);
const SLOW_VERBS = { login: 30000, "enroll.start": 180000, "profile.image.set": 30000, "console.ticket": 20000 };

const clients = new Map(); // runtime.Port → {role, tabId, origin}
let status = null;
let sync = null;
let monitoring = false;
let lingerTimer = null;

const host = new HostConnection({
  onEvent: handleHostEvent,
  onConnChange: (conn) => {
    if (conn.state !== "connected") monitoring = false;
    broadcastState();
  },
  onReady: refreshFromHost,
});

async function refreshFromHost() {
  try {
    setStatus(OM.pickStatus(await host.request("status.get")));
  } catch (err) {
    console.warn("status.get failed", err);
  }
  updateMonitoring();
}

function setStatus(next) {
  if (!next) return;
  status = next;
  broadcastState();
}

function handleHostEvent(ev) {
  if (ev.event === "status") setStatus(OM.pickStatus(ev));
  if (ev.event === "server.sync") sync = { ok: !!ev.ok, queued: ev.queued ?? 0 };
  broadcast({ op: "event", event: ev });
  if (ev.event === "server.sync") broadcastState();
}

function snapshot() {
  return { op: "state", conn: host.snapshot(), status, sync, extensionId: chrome.runtime.id };
}

function broadcastState() {
  updateBadge(host.snapshot(), status);
  broadcast(snapshot());
}

function broadcast(msg) {
  for (const port of clients.keys()) {
    try {
      port.postMessage(msg);
    } catch {
      clients.delete(port);
    }
  }
}

function consoleCount() {
  let n = 0;
  for (const c of clients.values()) if (c.role === "console") n += 1;
  return n;
}

/** monitor.start while at least one console tab is open, monitor.stop after the last one. */
function updateMonitoring() {
  const want = consoleCount() > 0;
  if (host.state !== "connected") return;
  if (want && !monitoring) {
    monitoring = true;
    host.request("monitor.start").catch((e) => {
      monitoring = false;
      console.warn("monitor.start failed", e);
    });
  } else if (!want && monitoring) {
    monitoring = false;
    host.request("monitor.stop").catch((e) => console.warn("monitor.stop failed", e));
  }
}

function updateWanted() {
  clearTimeout(lingerTimer);
  lingerTimer = null;
  if (clients.size > 0) {
    host.setWanted(true);
  } else {
    lingerTimer = setTimeout(() => host.setWanted(false), LINGER_MS);
  }
  updateMonitoring();
}

/** Origin of the server the host is logged in to ("" when it is not). */
async function serverOrigin() {
  let url = "";
  try {
    const st = await host.request("server.status");
    if (st.logged_in === false) return "";
    url = st.server_url || "";
  } catch {
    const reply = await host.request("settings.get");
    const settings = reply.settings && typeof reply.settings === "object" ? reply.settings : reply;
    url = settings.server_url || "";
  }
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

async function handleRequest(client, msg) {
  const { type } = msg;
  const params = msg.params && typeof msg.params === "object" ? msg.params : {};
  if (typeof type !== "string") throw errorOf("BAD_PARAMS", "type missing");
  if (client.role !== "extension" && !PAGE_VERBS.has(type)) {
    throw errorOf("FORBIDDEN", `${type} is not available to web pages`);
  }
  if (type === "worker.retry") {
    host.retryNow();
    return { ok: true };
  }
  if (type === "worker.permissions") {
    return { ok: true, origins: await syncConsoleScripts() };
  }
  if (type === "console.ticket") {
    // Only hand a session ticket to the server the host is logged in to.
    const origin = await serverOrigin();
    if (!origin) throw errorOf("NOT_LOGGED_IN", "no server configured");
    if (client.role !== "extension" && origin !== client.origin) {
      throw errorOf("ORIGIN_MISMATCH", `the host is logged in to ${origin}, not ${client.origin}`);
    }
    const reply = await host.request("console.ticket", {}, SLOW_VERBS[type]);
    const url = reply.url
      ? new URL(reply.url, origin).href
      : `${origin}/auth/ticket/${encodeURIComponent(reply.ticket)}`;
    return { ...reply, url };
  }
  const timeout = Math.min(Number(msg.timeoutMs) || SLOW_VERBS[type] || 10000, 300000);
  return host.request(type, params, timeout);
}

chrome.runtime.onConnect.addListener((port) => {
  const sender = port.sender || {};
  const fromExtension = (sender.url || "").startsWith(EXTENSION_ORIGIN) && !sender.frameId;
  let origin = sender.origin || "";
  if (!origin && sender.url) {
    try {
      origin = new URL(sender.url).origin;
    } catch {
      origin = "";
    }
  }
  const client = { role: fromExtension ? "extension" : "page", tabId: sender.tab ? sender.tab.id : null, origin };
  clients.set(port, client);
  port.onDisconnect.addListener(() => {
    clients.delete(port);
    updateWanted();
  });
  port.onMessage.addListener(async (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.op === "hello") {
      // a page can only call itself a console or a login page
      if (!fromExtension) client.role = msg.role === "console" ? "console" : "page";
      updateWanted();
      if (host.state === "down" || host.state === "idle") host.retryNow();
      port.postMessage(snapshot());
      return;
    }
    if (msg.op === "ping") return;
    if (msg.op === "req") {
      try {
        const reply = await handleRequest(client, msg);
        port.postMessage({ op: "res", rid: msg.rid, ok: true, reply });
      } catch (err) {
        const error = err && err.code ? err : errorOf("INTERNAL", String(err && err.message));
        try {
          port.postMessage({ op: "res", rid: msg.rid, ok: false, error });
        } catch {
          // client went away meanwhile
        }
      }
    }
  });
});

chrome.permissions.onAdded.addListener(() => syncConsoleScripts().catch(console.warn));
chrome.permissions.onRemoved.addListener(() => syncConsoleScripts().catch(console.warn));
chrome.runtime.onInstalled.addListener(() => syncConsoleScripts().catch(console.warn));

// On every worker start (browser start, wake-up for an event, restart after
// Chrome stopped it): fetch the status once so the badge is right, then let
// the port go again unless a client holds it.
updateWanted();
host.setWanted(true);
updateBadge(host.snapshot(), status);
