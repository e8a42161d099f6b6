// End-to-end harness: a real officemates-server with --demo data, a real
// officemates-host registered for a throw-away Chromium profile, and Debian's
// chromium driven by playwright-core with the unpacked extension loaded.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = resolve(process.env.OFFICEMATES_SOURCE_DIR || join(here, "..", "..", ".."));
export const BIN_DIR = resolve(process.env.OFFICEMATES_BIN_DIR || join(SOURCE_DIR, "build", "dev", "bin"));
export const DATA_DIR = resolve(process.env.OFFICEMATES_DATA_DIR || join(BIN_DIR, "..", "data"));
export const MODEL_DIR = resolve(process.env.OFFICEMATES_MODEL_DIR || join(DATA_DIR, "models"));
export const ARTIFACTS = resolve(process.env.OFFICEMATES_ARTIFACTS || join(BIN_DIR, "..", "artifacts"));
export const SCREENSHOTS = join(ARTIFACTS, "screenshots");
export const EXTENSION_DIR = join(SOURCE_DIR, "extension");
export const EXTENSION_ID = "dkkcednaiplllonaknmddgahkiahlkli";
export const HOST_NAME = "life.cloudoffice.officemates";
export const CHROMIUM = process.env.OFFICEMATES_CHROMIUM || "/usr/bin/chromium";
export const STAFF = { email: "staff1@example.com", password: "staff-pass", family: "佐藤" };
export const ADMIN = { email: "admin@example.com", password: "admin-pass" };

const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs and forgets every registered cleanup (newest first). */
export async function runCleanups() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (e) {
      log("cleanup:", e.message);
    }
  }
}

export function log(...args) {
  const t = new Date().toISOString().slice(11, 23);
  console.log(`[${t}]`, ...args);
}

export class TestFailure extends Error {}

export function check(cond, message) {
  if (!cond) throw new TestFailure(message);
}

/** Runs a scenario: cleans up whatever happens, exits 0 on pass, 1 on failure. */
export async function scenario(name, fn) {
  const started = Date.now();
  let code = 0;
  try {
    await fn();
    log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    code = 1;
    log(`FAIL ${name}: ${err && err.stack ? err.stack : err}`);
  }
  await runCleanups();
  process.exit(code);
}

export function requireBinary(name) {
  const p = join(BIN_DIR, name);
  if (!existsSync(p)) throw new TestFailure(`dependency missing: ${p} is not built (set OFFICEMATES_BIN_DIR)`);
  return p;
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `om-e2e-${prefix}-`));
  onCleanup(() => {
    if (!process.env.OFFICEMATES_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export async function waitFor(fn, { timeout = 10000, interval = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new TestFailure(
        `timed out after ${timeout} ms waiting for ${what} (last: ${last && last.message ? last.message : JSON.stringify(last)})`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts officemates-server on a free loopback port with --demo data. */
export async function startServer(dir, extraArgs = []) {
  const bin = requireBinary("officemates-server");
  const args = [
    "--listen",
    "127.0.0.1:0",
    "--db",
    join(dir, "server.db"),
    "--demo",
    "--web-root",
    join(SOURCE_DIR, "server", "web"),
    ...extraArgs,
  ];
  const proc = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  onCleanup(() => killProc(proc));
  const url = await new Promise((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new TestFailure(`server did not start: ${stderr}`)), 15000);
    proc.stdout.on("data", (d) => {
      out += d;
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[2]}`);
      }
    });
    proc.on("exit", (c) => reject(new TestFailure(`server exited with ${c}: ${stderr}`)));
  });
  log("server", url);
  return { url, proc, stderr: () => stderr };
}

function killProc(proc) {
  if (proc.exitCode === null && proc.signalCode === null) {
    proc.kill("SIGTERM");
    return new Promise((r) => {
      const t = setTimeout(() => {
        proc.kill("SIGKILL");
        r();
      }, 3000);
      proc.on("exit", () => {
        clearTimeout(t);
        r();
      });
    });
  }
  return undefined;
}

/** Writes the host manifest into <profile>/NativeMessagingHosts (as the installer would per profile). */
export function installHostManifest(
  profileDir,
  hostPath = requireBinary("officemates-host"),
  allowedOrigins = [`chrome-extension://${EXTENSION_ID}/`],
) {
  const dir = join(profileDir, "NativeMessagingHosts");
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: HOST_NAME,
    description: "OfficeMates native host",
    path: hostPath,
    type: "stdio",
    allowed_origins: allowedOrigins,
  };
  writeFileSync(join(dir, `${HOST_NAME}.json`), JSON.stringify(manifest, null, 2));
}

/** The processes (bridge, agent, vision) started for this test's runtime dir. */
export function hostProcesses(runtimeDir) {
  const found = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmd.includes("officemates-")) continue;
      const env = readFileSync(`/proc/${name}/environ`, "utf8").split("\0");
      if (env.includes(`OFFICEMATES_RUNTIME_DIR=${runtimeDir}`)) {
        found.push({ pid: Number(name), cmd: cmd.split("\0").filter(Boolean).join(" ") });
      }
    } catch {
      // gone meanwhile or not ours
    }
  }
  return found;
}

export function killHostProcesses(runtimeDir, signal = "SIGKILL") {
  const procs = hostProcesses(runtimeDir);
  for (const p of procs) {
    try {
      process.kill(p.pid, signal);
    } catch {
      // already gone
    }
  }
  return procs;
}

/**
 * Launches Chromium with the extension in a temporary profile. The host gets
 * its state/runtime dirs through the environment Chromium passes on.
 */
export async function launchBrowser({ dir, installHost = true, allowedOrigins, extraEnv = {} } = {}) {
  const profile = join(dir, "profile");
  const state = join(dir, "state");
  const runtime = join(dir, "run");
  mkdirSync(profile, { recursive: true });
  mkdirSync(state, { recursive: true, mode: 0o700 });
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  if (installHost) installHostManifest(profile, undefined, allowedOrigins);
  const env = {
    ...process.env,
    OFFICEMATES_STATE_DIR: state,
    OFFICEMATES_RUNTIME_DIR: runtime,
    OFFICEMATES_ALLOWED_ORIGINS: `chrome-extension://${EXTENSION_ID}/`,
    OFFICEMATES_MODEL_DIR: MODEL_DIR,
    OFFICEMATES_SOURCE_DIR: SOURCE_DIR,
    // the extension UI language follows the browser UI language (Japanese labels by default)
    LANGUAGE: process.env.OFFICEMATES_E2E_LANG || "ja",
    LANG: "ja_JP.UTF-8",
    ...extraEnv,
  };
  const headed = !!process.env.OFFICEMATES_E2E_HEADED && !!process.env.DISPLAY;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: !headed,
    env,
    viewport: { width: 1200, height: 800 },
    locale: "ja-JP",
    args: [
      ...(headed ? [] : ["--headless=new"]),
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--lang=ja",
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
    ignoreDefaultArgs: ["--disable-extensions", "--headless"],
  });
  onCleanup(async () => {
    await context.close().catch(() => {});
    killHostProcesses(runtime);
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
  if (!worker) worker = await context.waitForEvent("serviceworker", { timeout: 15000 });
  check(worker.url().startsWith(`chrome-extension://${EXTENSION_ID}/`), `unexpected worker ${worker.url()}`);
  log("extension worker", worker.url());
  return { context, worker, profile, state, runtime, env };
}

export const extUrl = (path) => `chrome-extension://${EXTENSION_ID}/${path}`;

/** Opens the popup as a tab and waits until it shows a status or a problem. */
export async function openPopup(context) {
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && log("popup console:", m.text()));
  await page.goto(extUrl("popup.html"));
  return page;
}

/** Sends a request through the extension's worker from an extension page (same path as the popup). */
export async function extRequest(page, type, params = {}, timeoutMs = 15000) {
  return page.evaluate(
    ([type, params, timeoutMs]) =>
      new Promise((resolve) => {
        const c = globalThis.OM.connectClient("test");
        c.request(type, params, timeoutMs).then(
          (reply) => {
            c.close();
            resolve({ ok: true, reply });
          },
          (error) => {
            c.close();
            resolve({ ok: false, error });
          },
        );
      }),
    [type, params, timeoutMs],
  );
}

/** Logs the host in through the options page UI (the password goes to the host, which keeps a device token). */
export async function loginThroughOptions(context, serverUrl, who = STAFF) {
  const page = await context.newPage();
  await page.goto(extUrl("options.html"));
  await waitFor(async () => (await page.locator('[data-role="conn"]').getAttribute("data-state")) === "connected", {
    timeout: 15000,
    what: "options page connected to the host",
  });
  await page.fill("#server", serverUrl);
  await page.fill("#email", who.email);
  await page.fill("#password", who.password);
  await page.click('[data-role="login"]');
  const msg = page.locator('[data-role="login-message"]');
  await waitFor(
    async () => ["ok", "error"].includes(await msg.getAttribute("data-kind")) && (await msg.textContent()) !== "…",
    {
      timeout: 30000,
      what: "login result",
    },
  );
  const kind = await msg.getAttribute("data-kind");
  const text = await msg.textContent();
  check(kind === "ok", `login through the options page failed: ${text}`);
  log("host logged in:", text);
  if (!process.env.OM_E2E_NO_OPTIONS_SHOT) await screenshot(page, "options-logged-in");
  return page;
}

/** Opens the console in a page with a cookie session (logs in through the page's own form if needed). */
export async function openConsole(context, serverUrl, who = STAFF) {
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && log("console page:", m.text()));
  await page.goto(`${serverUrl}/console`);
  await waitFor(
    async () => {
      const p = await page.evaluate(() => document.body && document.body.dataset.omPage);
      return p === "console" && (await page.locator('[data-om-self="true"]').count()) > 0
        ? "console"
        : p === "login"
          ? "login"
          : null;
    },
    { timeout: 15000, what: "console or login page" },
  );
  const pageKind = () => page.evaluate(() => document.body && document.body.dataset.omPage).catch(() => "navigating");
  if ((await pageKind()) !== "console") {
    // the extension may be restoring the session with a ticket right now
    await sleep(2000);
    if ((await pageKind()) === "login") {
      log("console: logging in through the page's form");
      await page.fill("#email", who.email);
      await page.fill("#password", who.password);
      await page.click("#login-submit");
    }
  }
  // settled: on the console, own entry rendered, no navigation for 500 ms
  await waitFor(
    async () => {
      await page.waitForSelector('[data-om-self="true"] [data-om-status]', { timeout: 5000 });
      const url = page.url();
      await sleep(500);
      return page.url() === url && (await pageKind()) === "console";
    },
    { timeout: 20000, what: "the console to settle" },
  );
  return page;
}

/** The status text the console page shows for the user's own member entry. */
export async function consoleSelfStatus(page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-om-self="true"] [data-om-status]');
    return el ? { state: el.dataset.omStatus, reason: el.dataset.omReason, text: el.textContent.trim() } : null;
  });
}

export async function popupStatus(page) {
  return page.evaluate(() => {
    const q = (r) => document.querySelector(`[data-role="${r}"]`);
    return {
      label: q("status-label") && q("status-label").textContent.trim(),
      state: q("status") && q("status").dataset.state,
      conn: q("conn") && q("conn").dataset.state,
      problem: q("problem") && !q("problem").hidden ? q("problem").dataset.problem : "",
      problemText: q("problem") && !q("problem").hidden ? q("problem").innerText : "",
      options: [...(q("reason") ? q("reason").options : [])].map((o) => o.textContent),
      message: q("message") && q("message").textContent,
    };
  });
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  log("screenshot", path);
  return path;
}

/** Plain JSON API call against the server (admin scenario, checks). */
export async function api(serverUrl, method, path, { body, cookie, csrf, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers["X-OM-CSRF"] = csrf;
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${serverUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, headers: res.headers, text };
}

export function gitRoot() {
  return execFileSync("git", ["-C", SOURCE_DIR, "rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
}

/** Server + browser + host logged in as staff1: the common start of most scenarios. */
export async function bootstrap(name) {
  const dir = tempDir(name);
  requireBinary("officemates-host");
  const server = await startServer(dir);
  const browser = await launchBrowser({ dir });
  const options = await loginThroughOptions(browser.context, server.url);
  await options.close();
  return { dir, server, ...browser };
}

/** Records every state the console shows for the user's own entry: window.__omSeen = [{t, state, reason, text}]. */
export async function recordConsole(page) {
  await page.evaluate(() => {
    if (window.__omSeen) return;
    window.__omSeen = [];
    const read = () => {
      const el = document.querySelector('[data-om-self="true"] [data-om-status]');
      if (!el) return;
      const cur = {
        t: Date.now(),
        state: el.dataset.omStatus,
        reason: el.dataset.omReason || "",
        text: el.textContent.trim(),
      };
      const last = window.__omSeen[window.__omSeen.length - 1];
      if (!last || last.text !== cur.text || last.state !== cur.state) window.__omSeen.push(cur);
    };
    read();
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

export async function consoleSeen(page) {
  return page.evaluate(() => window.__omSeen || []);
}

/** Waits until the console shows `text` for the user; returns when (ms since epoch, page clock). */
export async function waitConsoleText(page, text, { after = 0, timeout = 5000 } = {}) {
  const hit = await waitFor(async () => (await consoleSeen(page)).find((s) => s.text === text && s.t >= after), {
    timeout,
    interval: 50,
    what: `console to show ${text}`,
  });
  return hit.t;
}

/** Picks a reason in the popup's drop-down and presses 保存. */
export async function popupSetReason(popup, reason) {
  await waitFor(async () => (await popupStatus(popup)).options.includes(reason), {
    timeout: 10000,
    what: `the popup's drop-down to offer ${reason}`,
  });
  await popup.selectOption('[data-role="reason"]', { label: reason });
  await popup.click('[data-role="save"]');
}

export async function waitPopupLabel(popup, label, timeout = 10000) {
  return waitFor(async () => (await popupStatus(popup)).label === label, { timeout, what: `popup status ${label}` });
}

/** A valid w×h RGB PNG (solid colour) as a Buffer, for the profile image picker. */
export function makePng(w, h, rgb = [37, 99, 235]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Demo/test media from package face photos (officemates-vision media timeline),
 * made once per build tree in ${DATA_DIR}/demo-media and reused: it takes a
 * minute on a busy 2-core machine.
 */
export function demoMedia() {
  const dir = join(DATA_DIR, "demo-media");
  const timeline = join(dir, "demo.timeline");
  const enrolment = join(dir, "enrolment.json");
  if (existsSync(timeline) && existsSync(enrolment)) return { dir, timeline, enrolment, cached: true };
  const vision = requireBinary("officemates-vision");
  const out = execFileSync(vision, ["media", "timeline", "--out", dir, "--source", SOURCE_DIR], {
    encoding: "utf8",
    timeout: 240000,
    env: { ...process.env, OFFICEMATES_MODEL_DIR: MODEL_DIR },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const media = JSON.parse(out.trim().split("\n").pop());
  return { ...media, cached: false };
}
