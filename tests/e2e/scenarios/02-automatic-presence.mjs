// Scenario 2: automatic presence from a scripted camera timeline made of
// package face photos (officemates-vision media timeline): the console shows
// 在席中 → 離席 → 在席中 at the timeline's times.
//   timeline: user 0-20 s, away 20-60 s (someone else passes 30-35 s), user back 60 s.
//   away_after_s = 15 → 離席 ≈ 35 s after the camera starts, 在席中 again ≈ 60 s:
//   離席 lasts ≈ 25 s whatever the camera worker's start-up time was.
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  scenario,
  tempDir,
  startServer,
  launchBrowser,
  loginThroughOptions,
  openConsole,
  openPopup,
  extRequest,
  recordConsole,
  consoleSeen,
  waitConsoleText,
  demoMedia,
  check,
  waitFor,
  sleep,
  screenshot,
  log,
} from "../lib/harness.mjs";

const AWAY_AFTER_S = 15;
const LEAVE_S = 20;
const BACK_S = 60;

await scenario("02 automatic presence from a camera timeline", async () => {
  const dir = tempDir("s2");
  const media = demoMedia();
  log("timeline:", media.timeline, media.cached ? "(cached)" : "(made now)");
  log(readFileSync(media.timeline, "utf8").trim().split("\n").slice(0, 12).join(" | "));

  const server = await startServer(dir);
  const browser = await launchBrowser({ dir });
  // Enrolment made from the user's package photos (descriptors only), in the host's state dir.
  copyFileSync(media.enrolment, join(browser.state, "enrolment.json"));
  const { context } = browser;
  (await loginThroughOptions(context, server.url)).close();
  const popup = await openPopup(context);
  const set = await extRequest(popup, "settings.set", {
    settings: { away_after_s: AWAY_AFTER_S, camera: media.timeline },
  });
  check(set.ok, `settings.set failed: ${JSON.stringify(set.error)}`);

  // Opening the console starts monitoring → the camera (timeline) starts after t0.
  const t0 = Date.now();
  const consolePage = await openConsole(context, server.url);
  await recordConsole(consolePage);
  const rel = (t) => `+${((t - t0) / 1000).toFixed(1)} s`;

  const present1 = await waitConsoleText(consolePage, "在席中", { after: t0, timeout: 30000 });
  log(`在席中 at ${rel(present1)}`);
  await screenshot(consolePage, "console-auto-present");
  const away = await waitConsoleText(consolePage, "離席", { after: present1, timeout: 60000 });
  log(`離席 at ${rel(away)}`);
  await screenshot(consolePage, "console-auto-away");
  const present2 = await waitConsoleText(consolePage, "在席中", { after: away, timeout: 60000 });
  log(`在席中 again at ${rel(present2)}`);
  await screenshot(consolePage, "console-auto-back");

  const seen = await consoleSeen(consolePage);
  log("console states:", seen.map((x) => `${rel(x.t)} ${x.text}`).join(" → "));
  const awayFor = (present2 - away) / 1000;
  const expectedAwayFor = BACK_S - (LEAVE_S + AWAY_AFTER_S);
  const awayAt = (away - t0) / 1000;
  check(
    awayAt >= LEAVE_S + AWAY_AFTER_S - 2 && awayAt <= LEAVE_S + AWAY_AFTER_S + 15,
    `離席 at ${awayAt.toFixed(1)} s after the console opened, expected ${LEAVE_S + AWAY_AFTER_S} s + camera start-up`,
  );
  check(
    // + hysteresis (2 of 3 frames at ~1 fps) and SSE; measured ≈ +1.5-2 s on an idle 2-core machine
    awayFor >= expectedAwayFor - 3 && awayFor <= expectedAwayFor + 6,
    `離席 lasted ${awayFor.toFixed(1)} s, expected ≈ ${expectedAwayFor} s (user back at ${BACK_S} s of the timeline)`,
  );
  // Nothing in between: the other person passing at 30-35 s is not the user, no flapping.
  const between = seen.filter((x) => x.t > present1 && x.t < present2);
  check(
    between.length === 1 && between[0].text === "離席",
    `expected exactly 在席中 → 離席 → 在席中, saw ${between.map((x) => x.text).join(" → ")}`,
  );

  // The popup's enrolment panel shows the live preview (preview.frame ~3 fps) from the same camera.
  await popup.bringToFront();
  await popup.click('[data-role="enrolment"] summary');
  await waitFor(async () => (await popup.locator('[data-role="preview"] img').count()) > 0, {
    timeout: 10000,
    what: "an enrolment preview frame in the popup",
  });
  await sleep(700);
  await screenshot(popup, "popup-enrolment-preview");

  // Enrolment from the popup: 登録開始 → progress bar → 顔の登録が完了しました。
  await popup.click('[data-role="enrol-start"]');
  await waitFor(async () => Number(await popup.locator('[data-role="enrol-progress"]').getAttribute("value")) > 0, {
    timeout: 20000,
    what: "enrolment progress",
  });
  await screenshot(popup, "popup-enrolment-progress");
  await waitFor(async () => (await popup.locator('[data-role="enrol-message"]').getAttribute("data-kind")) === "ok", {
    timeout: 60000,
    what: "enrolment to complete",
  });
  log("enrolment:", await popup.locator('[data-role="enrol-message"]').textContent());
});
