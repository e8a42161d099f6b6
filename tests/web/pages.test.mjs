/* global process, Buffer, console, setTimeout, clearTimeout, fetch, URL, document, CustomEvent, getComputedStyle, window */
// End-to-end test of the pages served by officemates-server (server/web):
// starts the real server with --demo data on a free port and a temp DB, drives
// the pages in headless Chromium (Debian's chromium via playwright-core), asserts
// real behaviour and saves screenshots.
//
//   OFFICEMATES_BIN_DIR=build/dev/bin node --test tests/web/pages.test.mjs
//   OFFICEMATES_WEB_MOCK=1 node --test tests/web/pages.test.mjs   (dev only: mock server)
//
// Environment: OFFICEMATES_BIN_DIR (officemates-server), OFFICEMATES_SOURCE_DIR
// (repo root, for --web-root), OFFICEMATES_SCREENSHOT_DIR (default
// ./artifacts/screenshots; files are named web-*.png), CHROMIUM (default /usr/bin/chromium).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.OFFICEMATES_SOURCE_DIR || path.resolve(here, "../..");
const webRoot = path.join(sourceDir, "server/web");
const shotDir = process.env.OFFICEMATES_SCREENSHOT_DIR || path.resolve("artifacts/screenshots");
const useMock = process.env.OFFICEMATES_WEB_MOCK === "1";

const STAFF = { email: "staff1@example.com", password: "staff-pass" };
const STAFF2 = { email: "staff2@example.com", password: "staff-pass" };
const ADMIN = { email: "admin@example.com", password: "admin-pass" };

let server;
let serverLog = "";
let tmp;
let base;
let browser;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${serverLog}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server not ready at ${url}: ${last}\n${serverLog}`);
}

async function shot(page, name) {
  // full-page captures of a scrolled page draw the sticky top bar mid-page: start at the top
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shotDir, `web-${name}.png`), fullPage: true });
}

async function newPage(locale = "ja-JP") {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on("pageerror", (e) => console.error(`[pageerror] ${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      console.error(`[console] ${page.url()}: ${m.text()}`);
  });
  return page;
}

async function login(page, who, next = "") {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  await page.fill("#email", who.email);
  await page.fill("#password", who.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("#login-submit")]);
}

/** Text of a member's status element. */
function statusOf(page, userId) {
  return page.locator(`li[data-om-user-id="${userId}"] [data-om-status]`);
}

async function waitStatus(page, userId, text, timeout) {
  await page.waitForFunction(
    ([id, want]) => {
      const el = document.querySelector(`li[data-om-user-id="${id}"] [data-om-status]`);
      return el && el.textContent.trim() === want;
    },
    [String(userId), text],
    { timeout },
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A real RGB PNG (w×h, diagonal gradient) for upload tests. */
function makePng(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 40 + (x * 180) / w;
      raw[o + 1] = 120 + (y * 100) / h;
      raw[o + 2] = 200;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

let listen;
function startServer() {
  if (useMock) {
    server = spawn(process.execPath, [path.join(here, "mock-server.mjs"), "--listen", listen, "--web-root", webRoot]);
  } else {
    const bin = path.join(
      process.env.OFFICEMATES_BIN_DIR || path.join(sourceDir, "build/dev/bin"),
      "officemates-server",
    );
    assert.ok(fs.existsSync(bin), `server binary missing: ${bin}`);
    // --seed-load adds a 40-member group 負荷1 (load-1-N@example.com / load-pass) for the long roster and paging
    const args = ["--listen", listen, "--db", path.join(tmp, "om.db"), "--demo", "--seed-load", "1:40"];
    server = spawn(bin, [...args, "--web-root", webRoot]);
  }
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  return waitForServer(`${base}/login`, 30000);
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const proc = server;
  await new Promise((r) => {
    const t = setTimeout(() => {
      proc.kill("SIGKILL");
    }, 5000);
    proc.once("exit", () => {
      clearTimeout(t);
      r();
    });
    proc.kill("SIGTERM");
  });
}

before(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "om-web-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  listen = `127.0.0.1:${port}`;
  await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // keep scroll bars in screenshots (the roster's scroll bar is a requirement)
    ignoreDefaultArgs: ["--hide-scrollbars"],
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("pages are served with the CSP and / redirects to the console", async () => {
  const r = await fetch(`${base}/`, { redirect: "manual" });
  assert.ok([301, 302, 303, 307, 308].includes(r.status), `/ → ${r.status}`);
  assert.match(r.headers.get("location") || "", /\/console$/);
  for (const p of ["/login", "/console", "/admin/users", "/admin/users/detail", "/admin/reasons"]) {
    const res = await fetch(base + p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get("content-type") || "", /text\/html/, p);
  }
});

test("language: English browsers get English labels, the switch overrides and sticks", async () => {
  const page = await newPage("en-US");
  await page.goto(`${base}/login`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal((await page.textContent("#login-submit")).trim(), "Sign in");
  await page.click('.lang-switch button[data-lang="ja"]');
  assert.equal((await page.textContent("#login-submit")).trim(), "ログイン");
  await page.reload();
  assert.equal((await page.textContent("#login-submit")).trim(), "ログイン");

  // Every label exists in both languages, and every key the pages and scripts use is defined.
  const keys = await page.evaluate(async () => {
    const { MESSAGES } = await import("/js/i18n.js");
    return { ja: Object.keys(MESSAGES.ja), en: Object.keys(MESSAGES.en) };
  });
  assert.deepEqual([...keys.en].sort(), [...keys.ja].sort(), "ja and en have the same keys");
  const used = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(html|js)$/.test(e.name)) {
        const text = fs.readFileSync(f, "utf8");
        for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([a-zA-Z_.]+)"/g)) used.add(m[1]);
        for (const m of text.matchAll(/data-page-title="([a-zA-Z_.]+)"/g)) used.add(m[1]);
        for (const m of text.matchAll(/\bt\('([a-zA-Z_.]+)'/g)) used.add(m[1]);
      }
    }
  };
  walk(webRoot);
  const missing = [...used].filter((k) => !keys.ja.includes(k));
  assert.deepEqual(missing, [], "keys used but not defined");
  await page.context().close();
});

test("login: wrong password is explained, the right one opens the console", async () => {
  const page = await newPage();
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/login\?next=/);
  assert.equal(await page.getAttribute("body", "data-om-page"), "login");
  await shot(page, "login");
  await page.click("#login-submit");
  assert.match(await page.textContent("#email-error"), /メールアドレスを入力/);
  await page.fill("#email", STAFF.email);
  await page.fill("#password", "wrong-password");
  await page.click("#login-submit");
  await page.waitForSelector("#login-message:not([hidden])");
  assert.match(await page.textContent("#login-message"), /メールアドレスまたはパスワードが正しくありません/);
  await shot(page, "login-error");
  await page.fill("#email", STAFF.email);
  await page.fill("#password", STAFF.password);
  await Promise.all([page.waitForURL(/\/console$/), page.click("#login-submit")]);
  await page.context().close();
});

test("console: roster, own dialog, 昼食中 live to a second page, 離席事由解除, English", async () => {
  const page = await newPage();
  await login(page, STAFF);
  await page.waitForSelector('[data-om-self="true"]');
  const selfId = await page.getAttribute("body", "data-om-user-id");
  assert.ok(Number(selfId) > 0);
  assert.ok(Number(await page.getAttribute("body", "data-om-group-id")) > 0);
  const names = await page.locator(".member-name").allTextContents();
  assert.ok(names.length >= 5, `roster has ${names.length} members`);
  for (const n of ["佐藤 花子", "鈴木 一郎", "高橋 美咲"]) assert.ok(names.includes(n), `${n} in ${names}`);
  assert.equal(await page.locator('[data-om-self="true"]').count(), 1);
  await page.waitForSelector('#live[data-state="open"]');
  await shot(page, "console");
  // A long roster scrolls inside its panel (scroll bar) instead of growing the page.
  await page.setViewportSize({ width: 900, height: 420 });
  const scroll = await page.$eval("#roster-panel", (el) => ({
    overflow: getComputedStyle(el).overflowY,
    scrollable: el.scrollHeight > el.clientHeight,
  }));
  assert.equal(scroll.overflow, "auto");
  assert.ok(scroll.scrollable, "roster panel scrolls when the list is longer than the window");
  await shot(page, "console-scroll");
  await page.setViewportSize({ width: 1280, height: 800 });

  // A second user of the same group watches the roster (live via SSE).
  const watcher = await newPage();
  await login(watcher, STAFF2);
  await watcher.waitForSelector(`li[data-om-user-id="${selfId}"]`);
  await watcher.waitForSelector('#live[data-state="open"]');

  // Own icon → dialog
  await page.click('[data-om-self="true"] .member-card');
  await page.waitForSelector("#om-dialog[open]");
  assert.equal((await page.textContent("#om-dialog-title")).trim(), "OfficeMates");
  const options = await page.locator("#dialog-reason option").allTextContents();
  assert.equal(options[0], "在席中");
  for (const r of ["休憩中", "昼食中", "作業中", "外出中"]) assert.ok(options.includes(r), `${r} in ${options}`);
  for (const label of ["閉じる", "離席事由解除", "保存"]) {
    assert.equal(await page.locator("#om-dialog button", { hasText: label }).count(), 1, label);
  }
  await shot(page, "console-dialog");

  // Browser-side PNG checks: a JPEG renamed .png and a 301 px PNG are refused before upload.
  await page.setInputFiles("#dialog-image", {
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]),
  });
  await page.waitForSelector("#dialog-message:not([hidden])");
  assert.match(await page.textContent("#dialog-message"), /PNG/);
  const ihdr = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(ihdr);
  ihdr.writeUInt32BE(13, 8);
  ihdr.write("IHDR", 12, "latin1");
  ihdr.writeUInt32BE(301, 16);
  ihdr.writeUInt32BE(200, 20);
  await page.setInputFiles("#dialog-image", { name: "wide.png", mimeType: "image/png", buffer: ihdr });
  await page.waitForFunction(() => /301×200/.test(document.getElementById("dialog-message").textContent));
  // A valid 96×96 PNG: preview in the dialog, stored by the server, shown on the own icon.
  await page.setInputFiles("#dialog-image", { name: "me.png", mimeType: "image/png", buffer: makePng(96, 96) });
  await page.waitForSelector("#dialog-preview:not([hidden])");
  await page.waitForTimeout(250); // let the picker's colour transition settle for the screenshot
  await shot(page, "console-dialog-image");
  await page.click("#dialog-save");
  await page.waitForSelector("#om-dialog:not([open])", { state: "attached" });
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-om-self="true"] .avatar img');
    return img && img.complete && img.naturalWidth === 96;
  });
  await page.click('[data-om-self="true"] .member-card');
  await page.waitForSelector("#om-dialog[open]");

  // A stale CSRF token (session renewed elsewhere) is refreshed once and the save still goes through.
  await page.evaluate(async () => (await import("/js/api.js")).setCsrf("stale-token"));
  // 昼食中 + 保存 → own icon and the watcher's page within 2 s
  await page.selectOption("#dialog-reason", "昼食中");
  const t0 = Date.now();
  await page.click("#dialog-save");
  await waitStatus(page, selfId, "昼食中", 2000).catch(async (e) => {
    await shot(page, "debug-save");
    console.error("dialog message:", await page.textContent("#dialog-message"));
    throw e;
  });
  await waitStatus(watcher, selfId, "昼食中", Math.max(100, 2000 - (Date.now() - t0)));
  const ms = Date.now() - t0;
  assert.ok(ms <= 2000, `SSE took ${ms} ms`);
  assert.equal(await statusOf(page, selfId).getAttribute("data-om-status"), "away_manual");
  assert.equal(await page.locator("#om-dialog[open]").count(), 0, "dialog closes after 保存");
  await shot(watcher, "console-watcher-lunch");

  // The manual reason sticks: the drop-down no longer offers 在席中; 離席事由解除 → 在席中
  await page.click('[data-om-self="true"] .member-card');
  await page.waitForSelector("#om-dialog[open]");
  assert.equal(await page.inputValue("#dialog-reason"), "昼食中");
  assert.ok(!(await page.locator("#dialog-reason option").allTextContents()).includes("在席中"));
  await page.click("#dialog-clear");
  await waitStatus(page, selfId, "在席中", 2000);
  await waitStatus(watcher, selfId, "在席中", 2000);
  assert.equal(await statusOf(watcher, selfId).getAttribute("data-om-status"), "present");

  // When the extension announces itself the page leaves the own-icon click to it.
  await page.evaluate(() => document.dispatchEvent(new CustomEvent("officemates:enhanced")));
  assert.equal(await page.evaluate(() => document.documentElement.dataset.omExtension), "1");
  await page.click('[data-om-self="true"] .member-card');
  await page.waitForTimeout(300);
  assert.equal(await page.locator("#om-dialog[open]").count(), 0, "page dialog stays closed with the extension");

  // Language switch: English labels, persisted across reloads.
  await watcher.click('.lang-switch button[data-lang="en"]');
  assert.equal(await watcher.getAttribute("html", "lang"), "en");
  assert.equal((await statusOf(watcher, selfId).textContent()).trim(), "Present");
  await watcher.reload();
  await watcher.waitForSelector(`li[data-om-user-id="${selfId}"] [data-om-status]`);
  assert.equal((await statusOf(watcher, selfId).textContent()).trim(), "Present");
  await shot(watcher, "console-en");

  // Staff opening Call Manager get a clear "no permission".
  await page.goto(`${base}/admin/users`);
  await page.waitForSelector(".empty-state");
  assert.match(await page.textContent(".empty-state"), /権限がありません/);
  await shot(page, "admin-forbidden-staff");

  await page.context().close();
  await watcher.context().close();
});

test("admin: 内線検索 → 詳細 → 確認画面へ → 更新, and a stale edit gets 409", async () => {
  const page = await newPage();
  await login(page, ADMIN, "/admin/users");
  await page.waitForURL(/\/admin\/users$/);
  await page.waitForSelector("#search-form");
  for (const label of ["内線グループ名称", "ユーザ名(メールアドレス)", "名字", "カナ名字"]) {
    assert.equal((await page.locator("#search-form label", { hasText: label }).count()) >= 1, true, label);
  }
  // All empty + 検索 → everyone
  await page.click("#search-submit");
  await page.waitForSelector("#results-body tr");
  const rows = await page.locator("#results-body tr").count();
  assert.ok(rows >= 9, `all accounts listed (${rows})`);
  await shot(page, "admin-search");
  // A condition narrows it
  await page.fill("#q-family", "鈴木");
  await page.click("#search-submit");
  await page.waitForFunction(() => document.querySelectorAll("#results-body tr").length === 1);
  assert.match(await page.textContent("#results-body"), /staff2@example\.com/);

  // 詳細
  await page.click("#results-body tr a");
  await page.waitForSelector("#edit-form:not([hidden])");
  for (const label of [
    "パスワード【必須】",
    "名字【必須】",
    "名前【必須】",
    "内線番号【必須】",
    "カナ名字",
    "カナ名前",
    "ダイアルイン番号",
    "プロフィール画像",
  ]) {
    assert.ok(
      (await page.locator("#edit-form label").allTextContents()).some((t) => t.replace(/\s/g, "") === label),
      label,
    );
  }
  // Client-side validation mirrors the server
  await page.fill("#f-ext", "12a");
  await page.fill("#f-given", "");
  await page.click("#to-confirm");
  assert.match(await page.textContent("#f-password-error"), /パスワード/);
  assert.match(await page.textContent("#f-ext-error"), /2〜10 桁/);
  assert.match(await page.textContent("#f-given-error"), /名前/);
  await shot(page, "admin-detail-errors");
  await page.fill("#f-password", "new-password-1");
  await page.fill("#f-given", "次郎");
  await page.fill("#f-ext", "4012");
  await page.fill("#f-dial-in", "03-5555-0002");
  await page.setInputFiles("#f-image", { name: "suzuki.png", mimeType: "image/png", buffer: makePng(120, 120) });
  await page.waitForFunction(() => /120×120/.test(document.getElementById("f-image-hint").textContent));
  assert.equal(await page.locator('#edit-form [aria-invalid="true"]').count(), 0, "messages follow the corrections");
  await shot(page, "admin-detail");
  await page.click("#to-confirm");
  await page.waitForSelector("#confirm-view:not([hidden])");
  const confirmText = await page.textContent("#confirm-list");
  for (const v of ["鈴木", "次郎", "4012", "03-5555-0002"]) assert.ok(confirmText.includes(v), v);
  assert.ok(!confirmText.includes("new-password-1"), "password masked");
  assert.ok(confirmText.includes("suzuki.png"), "new image listed");
  await shot(page, "admin-confirm");
  const detailUrl = page.url();

  // A second admin tab loads the same account before the update (stale version).
  const stale = await newPage();
  await login(stale, ADMIN, new URL(detailUrl).pathname + new URL(detailUrl).search);
  await stale.waitForSelector("#edit-form:not([hidden])");

  await page.click("#do-update");
  await page.waitForSelector("#done-view:not([hidden])");
  assert.match(await page.textContent("#done-view"), /更新が完了しました。/);
  assert.match(await page.textContent("#done-extra"), /プロフィール画像も更新しました/);
  assert.equal(await page.locator("#done-view a", { hasText: "戻る" }).count(), 1);
  await shot(page, "admin-done");
  await page.click("#done-back");
  await page.waitForSelector("#results-body tr");
  assert.match(await page.textContent("#results-body"), /鈴木 次郎/);
  assert.match(await page.textContent("#results-body"), /4012/);

  await stale.fill("#f-password", "another-pass-2");
  await stale.fill("#f-given", "三郎");
  await stale.click("#to-confirm");
  await stale.click("#do-update");
  await stale.waitForSelector("#detail-message:not([hidden])");
  assert.match(await stale.textContent("#detail-message"), /他の管理者/);
  await shot(stale, "admin-conflict");

  await page.context().close();
  await stale.context().close();
});

test("admin: 離席事由設定 — counter, 11 characters refused, add + 更新 → 更新が完了しました。, staff drop-down follows", async () => {
  const staff = await newPage();
  await login(staff, STAFF);
  await staff.waitForSelector('#live[data-state="open"]');

  const page = await newPage();
  await login(page, ADMIN, "/admin/reasons");
  await page.waitForSelector("#group-select option", { state: "attached" });
  await page.selectOption("#group-select", { label: "営業部" });
  await page.click("#group-search");
  await page.waitForSelector("#reasons-body tr");
  const values = await page.locator("#reasons-body input").evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(values.filter(Boolean), ["休憩中", "昼食中", "作業中", "外出中"]);
  assert.ok(
    values.some((v) => v === ""),
    "empty rows to type new ones",
  );
  assert.equal((await page.locator("#reasons-body tr:first-child .count").textContent()).trim(), "3 / 10");

  // 11 characters: counter and inline error, nothing saved
  const empty = page.locator("#reasons-body tr:nth-child(5) input");
  await empty.fill("あいうえおかきくけこさ");
  assert.equal((await page.locator("#reasons-body tr:nth-child(5) .count").textContent()).trim(), "11 / 10");
  assert.equal(await empty.getAttribute("aria-invalid"), "true");
  await page.click("#reasons-update");
  await page.waitForSelector("#reasons-form-message:not([hidden])");
  assert.ok(await page.locator("#reasons-form").isVisible());
  assert.match(await page.textContent("#reasons-body"), /10文字以内/);
  await shot(page, "reasons-error");

  // Fix: delete 作業中, type 会議中, add a row with 来客対応
  await empty.fill("会議中");
  await page.locator("#reasons-body tr:nth-child(3) button", { hasText: "削除" }).click();
  await page.click("#add-row");
  await page.locator("#reasons-body tr:last-child input").fill("来客対応");
  await shot(page, "reasons");
  await page.click("#reasons-update");
  await page.waitForSelector("#reasons-done:not([hidden])");
  assert.match(await page.textContent("#reasons-done"), /更新が完了しました。/);
  await shot(page, "reasons-done");
  await page.click("#reasons-back");
  await page.waitForSelector("#reasons-form:not([hidden])");
  const saved = await page.locator("#reasons-body input").evaluateAll((els) => els.map((e) => e.value).filter(Boolean));
  assert.deepEqual(saved, ["休憩中", "昼食中", "外出中", "会議中", "来客対応"]);

  // The staff member's dialog offers the new list without a reload.
  await staff.click('[data-om-self="true"] .member-card');
  await staff.waitForSelector("#om-dialog[open]");
  const opts = await staff.locator("#dialog-reason option").allTextContents();
  assert.deepEqual(opts, ["在席中", "休憩中", "昼食中", "外出中", "会議中", "来客対応"]);

  // Put the manual's list back for anyone using this server afterwards.
  await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/me")).json();
    const groups = await (await fetch("/api/v1/admin/groups")).json();
    const g = groups.items.find((x) => x.name === "営業部");
    await fetch(`/api/v1/admin/groups/${g.id}/reasons`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-OM-CSRF": me.csrf },
      body: JSON.stringify({ reasons: ["休憩中", "昼食中", "作業中", "外出中"] }),
    });
  });
  await page.context().close();
  await staff.context().close();
});

test(
  "console: live updates survive a server restart (reconnect with backoff, no request flood)",
  { skip: useMock && "mock keeps sessions in memory" },
  async () => {
    const page = await newPage();
    await login(page, STAFF);
    await page.waitForSelector('#live[data-state="open"]');
    const selfId = await page.getAttribute("body", "data-om-user-id");
    let streamRequests = 0;
    page.on("request", (r) => {
      if (r.url().includes("/events")) streamRequests += 1;
    });

    await stopServer();
    await page.waitForSelector('#live[data-state="reconnecting"]', { timeout: 10000 });
    await shot(page, "console-reconnecting");
    const downSince = Date.now();
    await new Promise((r) => setTimeout(r, 4000));
    await startServer();
    await page.waitForSelector('#live[data-state="open"]', { timeout: 20000 });
    const downMs = Date.now() - downSince;
    // EventSource retries every ~3 s and the page backs off exponentially: a handful, never a flood.
    assert.ok(streamRequests <= 4 + downMs / 1000, `${streamRequests} stream requests in ${downMs} ms`);

    // After the restart a change made elsewhere reaches this page live again.
    const other = await newPage();
    await login(other, STAFF);
    await other.waitForSelector('[data-om-self="true"]');
    await other.click('[data-om-self="true"] .member-card');
    await other.waitForSelector("#om-dialog[open]");
    await other.selectOption("#dialog-reason", "休憩中");
    await other.click("#dialog-save");
    await waitStatus(page, selfId, "休憩中", 3000);
    await other.click('[data-om-self="true"] .member-card');
    await other.click("#dialog-clear");
    await waitStatus(page, selfId, "在席中", 3000);
    await page.context().close();
    await other.context().close();
  },
);

test(
  "long lists: a 40-member roster scrolls, 内線検索 pages through 20 at a time",
  { skip: useMock && "mock has no load data" },
  async () => {
    const page = await newPage();
    await login(page, { email: "load-1-1@example.com", password: "load-pass" });
    await page.waitForSelector('[data-om-self="true"]');
    assert.equal(await page.locator("li[data-om-user-id]").count(), 40);
    const scroll = await page.$eval("#roster-panel", (el) => ({
      scrollable: el.scrollHeight > el.clientHeight,
      pageFits: document.documentElement.scrollHeight <= window.innerHeight + 1,
    }));
    assert.ok(scroll.scrollable, "the roster panel has a scroll bar");
    assert.ok(scroll.pageFits, "the page itself does not grow");
    await page.$eval("#roster-panel", (el) => el.scrollTo(0, 400));
    await page.screenshot({ path: path.join(shotDir, "web-console-long.png") });
    await page.context().close();

    const admin = await newPage();
    await login(admin, ADMIN, "/admin/users");
    await admin.fill("#q-group", "負荷1");
    await admin.click("#search-submit");
    await admin.waitForSelector("#results-body tr");
    assert.equal(await admin.locator("#results-body tr").count(), 20);
    assert.match(await admin.textContent("#results-count"), /全 40 件中 1–20 件/);
    assert.ok(await admin.isVisible("#pager"));
    assert.ok(await admin.isDisabled("#page-prev"));
    await admin.click("#page-next");
    await admin.waitForFunction(() => /21–40/.test(document.getElementById("results-count").textContent));
    assert.equal(await admin.locator("#results-body tr").count(), 20);
    assert.ok(await admin.isDisabled("#page-next"));
    await shot(admin, "admin-search-page2");
    // The browser's back button returns to page 1 (conditions and page live in the URL).
    await admin.goBack();
    await admin.waitForFunction(() => /1–20/.test(document.getElementById("results-count").textContent));
    assert.equal(await admin.inputValue("#q-group"), "負荷1");
    await admin.context().close();
  },
);
