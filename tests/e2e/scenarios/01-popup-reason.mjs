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
  check,
  screenshot,
  log,
} from "../lib/harness.mjs";

await scenario("01 popup reason shows in the console", async () => {
  const { context, server } = await bootstrap("s1");
  const consolePage = await openConsole(context, server.url);
  await recordConsole(consolePage);
  const popup = await openPopup(context);
  await waitPopupLabel(popup, "在席中", 15000).catch(async () => {
    log("popup before the reason:", JSON.stringify(await popupStatus(popup)));
  });
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
});
