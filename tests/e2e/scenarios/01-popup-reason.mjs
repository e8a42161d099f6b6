// Scenario 1: the popup picks 昼食中 → the console page (another tab, live via
// SSE) shows 昼食中 for that user within 2 s; 離席事由解除 → 在席中.
import {
  scenario,
  bootstrap,
  openConsole,
  openPopup,
  recordConsole,
  waitConsoleText,
  popupSetReason,
  waitPopupLabel,
  popupStatus,
  makePng,
  waitFor,
  check,
  screenshot,
  log,
} from "../lib/harness.mjs";

await scenario("01 popup reason shows in the console", async () => {
  const { context, server } = await bootstrap("s1");
  const consolePage = await openConsole(context, server.url);
  await recordConsole(consolePage);
  const popup = await openPopup(context);
  await waitFor(async () => (await popupStatus(popup)).options.includes("昼食中"), { timeout: 15000, what: "reasons" });
  log("popup before the reason:", JSON.stringify(await popupStatus(popup)));
  const options = (await popupStatus(popup)).options;
  log("drop-down:", options.join(", "));
  check(options[0] === "在席中", `first option must be 在席中, got ${options[0]}`);
  await screenshot(popup, "popup-present");

  const t0 = Date.now();
  await popupSetReason(popup, "昼食中");
  await waitPopupLabel(popup, "昼食中");
  const shown = await waitConsoleText(consolePage, "昼食中", { after: t0, timeout: 5000 });
  log(`console showed 昼食中 after ${shown - t0} ms`);
  check(shown - t0 <= 2000, `console took ${shown - t0} ms (> 2 s) to show 昼食中`);
  await screenshot(popup, "popup-reason-lunch");
  await screenshot(consolePage, "console-reason-lunch");

  const t1 = Date.now();
  await popup.click('[data-role="clear"]');
  const back = await waitConsoleText(consolePage, "在席中", { after: t1, timeout: 5000 });
  log(`console showed 在席中 after ${back - t1} ms`);
  check(back - t1 <= 2000, `console took ${back - t1} ms (> 2 s) to show 在席中 after 離席事由解除`);
  check((await popupStatus(popup)).options.length >= 2, "drop-down lost its reasons");

  // Profile image: checked before upload (PNG signature, ≤ 2 MB, ≤ 300 px), then the server's answer.
  const imgMsg = popup.locator('[data-role="image-message"]');
  await popup.setInputFiles('[data-role="image-input"]', {
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(64).fill(0)]),
  });
  await waitFor(async () => (await imgMsg.getAttribute("data-kind")) === "error", {
    what: "JPEG renamed .png refused",
  });
  log("JPEG as .png:", await imgMsg.textContent());
  await popup.setInputFiles('[data-role="image-input"]', {
    name: "big.png",
    mimeType: "image/png",
    buffer: makePng(301, 20),
  });
  await waitFor(async () => /301×20/.test(await imgMsg.textContent()), { what: "301 px PNG refused" });
  log("301 px:", await imgMsg.textContent());
  await popup.setInputFiles('[data-role="image-input"]', {
    name: "me.png",
    mimeType: "image/png",
    buffer: makePng(120, 120),
  });
  await waitFor(async () => (await imgMsg.getAttribute("data-kind")) === "info", { what: "valid PNG accepted" });
  await popup.click('[data-role="save"]');
  await waitFor(async () => (await imgMsg.getAttribute("data-kind")) !== "info", {
    timeout: 15000,
    what: "upload answer",
  });
  check((await imgMsg.getAttribute("data-kind")) === "ok", `upload failed: ${await imgMsg.textContent()}`);
  log("upload:", await imgMsg.textContent());

  // The same dialog in the console: click the own icon.
  await consolePage.bringToFront();
  await consolePage.click('[data-om-self="true"] button, [data-om-self="true"]');
  const dlg = consolePage.locator('officemates-dialog [data-role="dialog"]');
  await dlg.waitFor({ timeout: 5000 });
  check(
    !(await consolePage.evaluate(() => document.getElementById("om-dialog")?.open)),
    "the page's own dialog opened too",
  );
  await waitFor(async () => (await dlg.locator('[data-role="reason"] option').count()) > 1, { what: "dialog reasons" });
  await screenshot(consolePage, "console-dialog");
  await dlg.locator('[data-role="reason"]').selectOption({ label: "休憩中" });
  const t2 = Date.now();
  await dlg.locator('[data-role="save"]').click();
  await waitConsoleText(consolePage, "休憩中", { after: t2, timeout: 5000 });
  await waitPopupLabel(popup, "休憩中");
  log("console dialog set 休憩中; popup follows");
  await consolePage.keyboard.press("Escape");
});
