// Settings page: server URL + login (device token kept by the host, never the
// password), camera choice, away delay and match threshold (settings.set).
import { originPattern } from "./lib/console-origins.js";

const OM = globalThis.OM;
const t = (...a) => OM.t(...a);
const $ = (role) => document.querySelector(`[data-role="${role}"]`);

document.documentElement.lang = OM.locale();
OM.adoptStyles(document);
OM.localize(document);

const client = OM.connectClient("options");
let status = null;
let wasReady = false;

function say(role, kind, text) {
  const el = $(role);
  el.dataset.kind = kind;
  el.textContent = text;
}

function renderState(msg) {
  const conn = msg.conn || {};
  const connEl = $("conn");
  connEl.dataset.state = conn.state;
  connEl.textContent =
    conn.state === "connected"
      ? t("conn_connected")
      : conn.state === "down"
        ? t("status_disconnected")
        : t("conn_connecting");
  const p = conn.problem ? OM.problemText(conn.problem, msg.extensionId || chrome.runtime.id) : null;
  const banner = $("problem");
  banner.hidden = !p;
  banner.dataset.problem = conn.problem || "";
  if (p) {
    banner.dataset.kind = conn.problem === "not_installed" || conn.problem === "forbidden" ? "error" : "warn";
    $("problem-title").textContent = p.title;
    $("problem-fix").textContent = p.fix;
    $("install-command").textContent = p.command;
    $("problem-cmd").hidden = !p.command;
  }
  if (msg.status) status = msg.status;
  $("status-label").textContent = OM.statusLabel(status);
  $("status").dataset.tone = OM.statusTone(status);
  $("since").textContent = status ? OM.formatSince(OM.sinceMs(status)) : "";
  const ready = conn.state === "connected" && !conn.problem;
  if (ready && !wasReady) loadAll();
  wasReady = ready;
}

function settingsOf(reply) {
  return reply && reply.settings && typeof reply.settings === "object" ? reply.settings : reply || {};
}

function accountText(s) {
  const who = s.email || (s.user && s.user.email) || (s.account && s.account.email);
  if (who) return t("logged_in_as", who);
  if (s.logged_in === true) return t("logged_in_as", s.server_url || "");
  return t("not_logged_in");
}

async function loadAll() {
  try {
    const s = settingsOf(await client.request("settings.get"));
    if (s.server_url) $("login-form").server.value = s.server_url;
    if (s.email) $("login-form").email.value = s.email;
    document.getElementById("away-after").value = s.away_after_s ?? 30;
    document.getElementById("threshold").value = s.match_threshold ?? 0.6;
    const server = await client.request("server.status").catch(() => ({}));
    $("account").textContent = accountText({ ...s, ...server });
    if (server.server_url) $("login-form").server.value = server.server_url;
    updateConsoleLink(server.server_url || s.server_url);
    await loadCameras(String(s.camera ?? "0"));
  } catch (err) {
    say("detect-message", "error", OM.errorText(err));
  }
}

function updateConsoleLink(serverUrl) {
  const a = $("open-console");
  try {
    a.href = new URL("/console", serverUrl).href;
    a.hidden = false;
  } catch {
    a.hidden = true;
  }
}

async function loadCameras(current) {
  const select = $("camera");
  let cams = [];
  try {
    const reply = await client.request("camera.list");
    cams = Array.isArray(reply.cameras) ? reply.cameras : Array.isArray(reply.devices) ? reply.devices : [];
  } catch (err) {
    say("camera-message", "error", OM.errorText(err));
  }
  const options = cams.map((c, i) => {
    const value = String(typeof c === "object" ? (c.index ?? c.path ?? i) : c);
    const label = typeof c === "object" ? c.name || c.label || c.path || t("camera_index", value) : String(c);
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  });
  if (/^\d+$/.test(current) && !options.some((o) => o.value === current)) {
    const o = document.createElement("option");
    o.value = current;
    o.textContent = t("camera_index_missing", current);
    options.push(o);
  }
  const custom = document.createElement("option");
  custom.value = "__path__";
  custom.textContent = t("camera_custom");
  select.replaceChildren(...options, custom);
  if ([...select.options].some((o) => o.value === current)) {
    select.value = current;
    $("camera-path").value = "";
  } else {
    select.value = "__path__";
    $("camera-path").value = current;
  }
  togglePath();
}

function togglePath() {
  const custom = $("camera").value === "__path__";
  $("camera-path").hidden = !custom;
  $("camera-path-label").hidden = !custom;
}
$("camera").addEventListener("change", togglePath);

$("camera-apply").addEventListener("click", async () => {
  const value = $("camera").value;
  const params = value === "__path__" ? { path: $("camera-path").value.trim() } : { index: Number(value) };
  try {
    await client.request("camera.select", params);
    say("camera-message", "ok", t("saved"));
  } catch (err) {
    say("camera-message", "error", OM.errorText(err));
  }
});

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const server = form.server.value.trim().replace(/\/+$/, "");
  // Custom servers need the optional host permission for the console script.
  // permissions.request must run in the click's task, before any await.
  const pattern = originPattern(server);
  const granted = pattern ? chrome.permissions.request({ origins: [pattern] }) : Promise.resolve(true);
  say("login-message", "info", "…");
  try {
    if (!(await granted)) say("login-message", "error", t("perm_denied"));
    const reply = await client.request(
      "login",
      { server, email: form.email.value.trim(), password: form.password.value },
      30000,
    );
    form.password.value = "";
    const user = reply.user || {};
    say("login-message", "ok", t("login_ok", user.email || form.email.value.trim()));
    $("account").textContent = t("logged_in_as", user.email || form.email.value.trim());
    updateConsoleLink(server);
    if (pattern) await client.request("worker.permissions");
  } catch (err) {
    say("login-message", "error", OM.errorText(err));
  }
});

$("logout").addEventListener("click", async () => {
  try {
    await client.request("logout");
    $("account").textContent = t("not_logged_in");
    say("login-message", "ok", t("saved"));
  } catch (err) {
    say("login-message", "error", OM.errorText(err));
  }
});

$("detect-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const awayAfter = Number(document.getElementById("away-after").value);
  const threshold = Number(document.getElementById("threshold").value);
  try {
    await client.request("settings.set", { settings: { away_after_s: awayAfter, match_threshold: threshold } });
    say("detect-message", "ok", t("saved"));
  } catch (err) {
    say("detect-message", "error", OM.errorText(err));
  }
});

$("retry").addEventListener("click", () => client.request("worker.retry").catch(() => {}));

client.on((msg) => {
  if (msg.op === "state") renderState(msg);
  if (msg.op === "event" && msg.event.event === "status") {
    status = OM.pickStatus(msg.event) || status;
    renderState(client.state || { conn: {} });
  }
});
