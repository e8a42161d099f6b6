// The installer's real-browser check: `officemates-host install` in a
// temporary HOME, then Debian's Chromium started with that HOME and its
// default profile directory ~/.config/chromium (as a user's browser uses it;
// no host manifest is planted in a custom profile) loads the extension, and
// its service worker reaches the host with chrome.runtime.sendNativeMessage.
// Exit code 0 = pass.
import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const HOST_NAME = "life.cloudoffice.officemates";
const EXTENSION_ID = "dkkcednaiplllonaknmddgahkiahlkli";
const binDir = process.env.OFFICEMATES_BIN_DIR;
const sourceDir = process.env.OFFICEMATES_SOURCE_DIR;
const chromiumPath = process.env.OFFICEMATES_CHROMIUM || "/usr/bin/chromium";

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "om-installer-e2e-"));
const home = path.join(root, "home");
fs.mkdirSync(home);
// A clean environment: nothing of the caller's HOME, XDG or OFFICEMATES_* leaks in.
const env = {
  PATH: "/usr/bin:/bin",
  HOME: home,
  OFFICEMATES_RUNTIME_DIR: path.join(root, "run"),
  OFFICEMATES_STATE_DIR: path.join(root, "state"),
  OFFICEMATES_LOG_DIR: path.join(root, "log"),
};
let browserProcess;
let browser;

async function main() {
  if (!binDir || !sourceDir) fail("OFFICEMATES_BIN_DIR and OFFICEMATES_SOURCE_DIR must be set (run through ctest)");
  const host = path.join(binDir, "officemates-host");
  const extensionDir = path.join(sourceDir, "extension");
  if (!fs.existsSync(path.join(extensionDir, "manifest.json"))) fail(`no extension at ${extensionDir}`);
  const extManifest = JSON.parse(fs.readFileSync(path.join(extensionDir, "manifest.json"), "utf8"));
  if (!extManifest.background?.service_worker)
    fail("the extension has no background service worker yet: nothing can call sendNativeMessage");

  const install = spawnSync(host, ["install", "--browser", "chromium", "--no-models"], { env, encoding: "utf8" });
  if (install.status !== 0) fail(`officemates-host install failed:\n${install.stdout}${install.stderr}`);
  const manifestFile = path.join(home, ".config/chromium/NativeMessagingHosts", `${HOST_NAME}.json`);
  if (!fs.existsSync(manifestFile)) fail(`install did not write ${manifestFile}`);

  // Started by hand and attached over CDP so the command line is exactly this.
  // --user-data-dir names the DEFAULT profile of this HOME: a desktop Chromium
  // uses it implicitly, but --headless=new would otherwise pick a throw-away
  // profile directory and look for per-user hosts only inside it.
  const args = [
    `--user-data-dir=${path.join(home, ".config", "chromium")}`,
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    "about:blank",
  ];
  browserProcess = spawn(chromiumPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const wsUrl = await new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${err}`)), 30000);
    browserProcess.stderr.on("data", (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    browserProcess.on("exit", (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
  });
  browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0];
  const isOurs = (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`);
  let worker = context.serviceWorkers().find(isOurs);
  const deadline = Date.now() + 30000;
  while (!worker && Date.now() < deadline) {
    worker = await context.waitForEvent("serviceworker", { timeout: 2000 }).catch(() => undefined);
    if (worker && !isOurs(worker)) worker = undefined;
    worker ??= context.serviceWorkers().find(isOurs);
  }
  if (!worker) fail(`the extension's service worker (ID ${EXTENSION_ID}) did not start`);

  // One-shot: the first message the host sends back (the bridge may send an
  // "agent" event before the hello reply) proves Chromium found and ran it.
  const reply = await worker.evaluate(
    (name) =>
      chrome.runtime
        .sendNativeMessage(name, { v: 1, id: 1, type: "hello" })
        .then((r) => ({ reply: r }))
        .catch((e) => ({ error: String(e?.message ?? e) })),
    HOST_NAME,
  );
  console.log("sendNativeMessage:", JSON.stringify(reply));
  if (reply.error) {
    if (/not found/i.test(reply.error))
      fail(`Chromium did not find the host manifest the installer wrote (${manifestFile}): ${reply.error}`);
    fail(`the host did not answer: ${reply.error}`);
  }
  if (reply.reply?.v !== 1) fail(`not a protocol v1 message from the host: ${JSON.stringify(reply.reply)}`);

  // A port, as the extension uses it: the hello reply itself (id 1, ok).
  const hello = await worker.evaluate(
    (name) =>
      new Promise((resolve) => {
        const port = chrome.runtime.connectNative(name);
        const timer = setTimeout(() => resolve({ error: "no hello reply within 20 s" }), 20000);
        port.onMessage.addListener((m) => {
          if (m.id === 1) {
            clearTimeout(timer);
            port.disconnect();
            resolve({ reply: m });
          }
        });
        port.onDisconnect.addListener(() => {
          clearTimeout(timer);
          resolve({ error: chrome.runtime.lastError?.message ?? "host disconnected" });
        });
        port.postMessage({ v: 1, id: 1, type: "hello" });
      }),
    HOST_NAME,
  );
  console.log("connectNative hello:", JSON.stringify(hello));
  if (hello.error || hello.reply?.ok !== true) fail(`no successful hello over connectNative: ${JSON.stringify(hello)}`);
  console.log("PASS: Chromium with the temporary HOME reached officemates-host through the installed manifest");
}

async function cleanup() {
  await browser?.close().catch(() => {});
  if (browserProcess && browserProcess.exitCode === null) {
    browserProcess.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (browserProcess.exitCode === null) browserProcess.kill("SIGKILL");
  }
  // The agent the bridge started for this HOME: stop it through its pid file if it wrote one.
  spawnSync(path.join(binDir ?? "", "officemates-host"), ["uninstall", "--purge"], { env });
  for (const pidFile of ["agent.pid", "agent.lock"]) {
    const p = path.join(env.OFFICEMATES_RUNTIME_DIR, pidFile);
    const pid = fs.existsSync(p) ? Number.parseInt(fs.readFileSync(p, "utf8"), 10) : NaN;
    if (pid > 1) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
}

try {
  await main();
} catch (e) {
  if (!process.exitCode) console.error(e);
  process.exitCode = 1;
} finally {
  await cleanup();
}
