// Scenario 2: automatic presence from a scripted camera timeline made of
// package face photos (officemates-vision media timeline): the console shows
// 在席中 → 離席 → 在席中 at the timeline's times.
//   timeline: user 0-20 s, away 20-60 s (someone else passes 30-35 s), user back 60 s.
//   away_after_s = 5 → 離席 expected ≈ 25 s, 在席中 again ≈ 60 s (+ hysteresis).
import { execFileSync } from "node:child_process";
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
  requireBinary,
  check,
  screenshot,
  log,
  SOURCE_DIR,
} from "../lib/harness.mjs";

const AWAY_AFTER_S = 5;

await scenario("02 automatic presence from a camera timeline", async () => {
  const dir = tempDir("s2");
  const vision = requireBinary("officemates-vision");
  const out = execFileSync(vision, ["media", "timeline", "--out", join(dir, "media"), "--source", SOURCE_DIR], {
    encoding: "utf8",
    timeout: 90000,
  });
  const media = JSON.parse(out.trim().split("\n").pop());
  log("timeline:", media.timeline);
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

  // Opening the console starts monitoring → the camera (timeline) starts at t0.
  const consolePage = await openConsole(context, server.url);
  const t0 = Date.now();
  await recordConsole(consolePage);

  const present1 = await waitConsoleText(consolePage, "在席中", { after: t0 - 5000, timeout: 15000 });
  log(`在席中 at +${((present1 - t0) / 1000).toFixed(1)} s`);
  await screenshot(consolePage, "console-auto-present");
  const away = await waitConsoleText(consolePage, "離席", { after: present1, timeout: 45000 });
  log(`離席 at +${((away - t0) / 1000).toFixed(1)} s`);
  await screenshot(consolePage, "console-auto-away");
  const present2 = await waitConsoleText(consolePage, "在席中", { after: away, timeout: 60000 });
  log(`在席中 again at +${((present2 - t0) / 1000).toFixed(1)} s`);

  const seen = await consoleSeen(consolePage);
  log("console states:", seen.map((s) => `${((s.t - t0) / 1000).toFixed(1)}s ${s.text}`).join(" → "));
  const awayS = (away - t0) / 1000;
  const backS = (present2 - t0) / 1000;
  // Timeline leaves at 20 s → away after 20 + away_after_s (± start-up of the camera worker).
  check(
    awayS >= 20 + AWAY_AFTER_S - 3 && awayS <= 20 + AWAY_AFTER_S + 8,
    `離席 at ${awayS.toFixed(1)} s, expected ≈ ${20 + AWAY_AFTER_S} s`,
  );
  check(backS >= 58 && backS <= 60 + 8, `在席中 again at ${backS.toFixed(1)} s, expected ≈ 60 s`);
  // The other person passing at 30-35 s must not count as the user.
  const flaps = seen.filter((s) => s.t > away && s.t < present2 && s.text === "在席中");
  check(flaps.length === 0, "someone else in view was taken for the user");
});
