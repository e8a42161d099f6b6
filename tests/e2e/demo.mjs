// The demo behind scripts/demo (after setup and build): server with --demo
// data, host registered for a dedicated Chromium profile and logged in as a
// demo staff member, camera = webcam or a package-photo timeline, Chromium on
// the console with the extension. Prints presence changes; Ctrl-C (or
// --duration N) stops everything it started.
import { openSync, closeSync, copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  SOURCE_DIR,
  EXTENSION_DIR,
  EXTENSION_ID,
  CHROMIUM,
  STAFF,
  ADMIN,
  startServer,
  installHostManifest,
  killHostProcesses,
  runCleanups,
  onCleanup,
  extUrl,
  requireBinary,
  demoMedia,
} from "./lib/harness.mjs";
import { NativeClient } from "./lib/native-client.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const DURATION_S = Number(opt("--duration", "0"));
const SHOT_EVERY_S = Number(opt("--screenshot-every", "5"));
const HEADED = !!process.env.DISPLAY && !args.includes("--headless");
const AWAY_AFTER_S = Number(opt("--away-after", "10"));

const say = (...a) => console.log(`[${new Date().toLocaleTimeString("en-GB")}]`, ...a);
const LABEL = { present: "在席中", away: "離席", offline: "オフライン", camera_unavailable: "カメラ停止中" };
const label = (s) => (s.state === "away_manual" ? `${s.reason}（離席事由）` : LABEL[s.state] || s.state);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say("stopping: browser, host (bridge + agent + camera worker), server …");
  await runCleanups();
  say("stopped.");
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

function webcamUsable() {
  try {
    closeSync(openSync("/dev/video0", "r"));
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "officemates-demo-"));
  const profile = join(work, "chromium-profile");
  const state = join(work, "state");
  const runtime = join(work, "run");
  const shots = join(work, "screenshots");
  for (const d of [profile, shots]) mkdirSync(d, { recursive: true });
  for (const d of [state, runtime]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = {
    ...process.env,
    OFFICEMATES_STATE_DIR: state,
    OFFICEMATES_RUNTIME_DIR: runtime,
    OFFICEMATES_SOURCE_DIR: SOURCE_DIR,
    OFFICEMATES_ALLOWED_ORIGINS: `chrome-extension://${EXTENSION_ID}/`,
  };
  onCleanup(() => killHostProcesses(runtime, "SIGTERM"));
  say(`work dir ${work}`);

  // 1. server with demo data
  const server = await startServer(work);
  say(`server ${server.url} (demo data: 営業部 with 休憩中 昼食中 作業中 外出中)`);

  // 1b. colleagues: a few demo staff report presence through the host API
  // (device tokens + heartbeats), so the console is not a room of offline people.
  await startColleagues(server.url);

  // 2. camera: the webcam, else a timeline made from package face photos
  let camera = "0";
  let cameraNote = "webcam /dev/video0";
  if (!webcamUsable()) {
    try {
      const media = demoMedia();
      copyFileSync(media.enrolment, join(state, "enrolment.json"));
      camera = media.timeline;
      cameraNote = `no webcam: timeline ${media.timeline} (user at the desk 0-20 s, away 20-60 s, someone else passes 30-35 s, back at 60 s); enrolment from the same package photos`;
    } catch (e) {
      cameraNote = `no webcam and no timeline (${e.message.split("\n")[0]}): presence stays camera_unavailable; use the popup's reasons`;
    }
  }
  say(`camera: ${cameraNote}`);

  // 3. host registered for the dedicated profile, logged in as a demo staff member
  installHostManifest(profile);
  const host = new NativeClient(requireBinary("officemates-host"), `chrome-extension://${EXTENSION_ID}/`, env);
  onCleanup(() => host.close());
  await host.request("hello");
  const login = await host.request(
    "login",
    { server: server.url, email: STAFF.email, password: STAFF.password },
    30000,
  );
  say(`host logged in as ${login.user?.email || STAFF.email}`);
  await host.request("settings.set", { settings: { camera, away_after_s: AWAY_AFTER_S } });
  say(`away after ${AWAY_AFTER_S} s without the enrolled face`);
  let last = "";
  const show = (s) => {
    if (!s) return;
    const text = label(s);
    if (text !== last) say(`presence: ${last ? `${last} → ` : ""}${text}  (seq ${s.seq}, ${s.origin})`);
    last = text;
  };
  host.on("event", (ev) => {
    if (ev.event === "status") show(ev.status || ev);
    if (ev.event === "camera.error") say(`camera error: ${ev.message || JSON.stringify(ev)}`);
  });
  show((await host.request("status.get")).status);

  // 4. Chromium with the extension on the console
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: !HEADED,
    env: { ...env, LANGUAGE: process.env.LANGUAGE || "ja" },
    viewport: HEADED ? null : { width: 1280, height: 860 },
    args: [
      ...(HEADED ? [] : ["--headless=new"]),
      "--no-sandbox",
      "--no-first-run",
      "--disable-sync",
      "--disable-component-update",
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
    ignoreDefaultArgs: ["--disable-extensions", "--headless"],
  });
  onCleanup(() => context.close().catch(() => {}));
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(`${server.url}/console`);
  // The extension restores the session with a console ticket from the host;
  // fall back to the form if it could not.
  await page.waitForSelector('[data-om-self="true"], #login-form', { timeout: 20000 });
  await page.waitForTimeout(1500);
  if (await page.locator("#login-form").count()) {
    await page.fill("#email", STAFF.email);
    await page.fill("#password", STAFF.password);
    await page.click("#login-submit");
  }
  await page.waitForSelector('[data-om-self="true"]', { timeout: 20000 });
  say(`console open (${HEADED ? "headed Chromium window" : "headless Chromium"}): ${server.url}/console`);
  console.log(`
  Console      ${server.url}/console     staff ${STAFF.email} / ${STAFF.password}
  Call Manager ${server.url}/admin/users admin ${ADMIN.email} / ${ADMIN.password}
  Popup        ${extUrl("popup.html")} (inside the demo profile)
  Screenshots  ${shots}${HEADED ? "" : `   (console-latest.png every ${SHOT_EVERY_S} s)`}
  Stop         Ctrl-C${DURATION_S ? ` (or after ${DURATION_S} s)` : ""}
`);
  if (HEADED) {
    const popup = await context.newPage();
    await popup.goto(extUrl("popup.html"));
    await page.bringToFront();
  }

  let n = 0;
  const snap = async () => {
    try {
      await page.screenshot({ path: join(shots, "console-latest.png") });
      await page.screenshot({ path: join(shots, `console-${String(n).padStart(4, "0")}.png`) });
      n += 1;
    } catch {
      // the page is closing
    }
  };
  await snap();
  const timer = setInterval(snap, SHOT_EVERY_S * 1000);
  onCleanup(() => clearInterval(timer));
  if (DURATION_S > 0) setTimeout(() => stop(0), DURATION_S * 1000);
}

/** staff2..staff5 post presence like their hosts would, with heartbeats every 30 s. */
async function startColleagues(base) {
  const who = [
    ["staff2@example.com", { state: "present", reason: "" }],
    ["staff3@example.com", { state: "away_manual", reason: "昼食中" }],
    ["staff4@example.com", { state: "away", reason: "" }],
    ["staff5@example.com", { state: "present", reason: "" }],
  ];
  const tokens = [];
  for (const [email, presence] of who) {
    try {
      const r = await fetch(`${base}/api/v1/auth/device-token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password: STAFF.password, device_name: "demo colleague" }),
      });
      const { token } = await r.json();
      const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
      await fetch(`${base}/api/v1/presence`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          seq: 1,
          ...presence,
          since: Date.now() - 600000,
          origin: presence.reason ? "manual" : "auto",
        }),
      });
      tokens.push(auth);
    } catch (e) {
      say(`colleague ${email}: ${e.message}`);
    }
  }
  const beat = () =>
    tokens.forEach((headers) =>
      fetch(`${base}/api/v1/presence/heartbeat`, { method: "POST", headers }).catch(() => {}),
    );
  const timer = setInterval(beat, 30000);
  onCleanup(() => clearInterval(timer));
  say(`colleagues online: ${tokens.length} demo staff (present, 昼食中, away, present)`);
}

main().catch(async (e) => {
  console.error(`demo failed: ${e.stack || e}`);
  await stop(1);
});
