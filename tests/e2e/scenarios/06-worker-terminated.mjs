// Scenario 6: terminating the service worker (as Chrome does after idle) loses
// nothing: the next popup open shows the correct status.
import {
  scenario,
  bootstrap,
  openConsole,
  openPopup,
  popupSetReason,
  waitPopupLabel,
  popupStatus,
  consoleSelfStatus,
  waitFor,
  check,
  screenshot,
  log,
  EXTENSION_ID,
} from "../lib/harness.mjs";

await scenario("06 service worker terminated", async () => {
  const { context, server } = await bootstrap("s6");
  const consolePage = await openConsole(context, server.url);
  let popup = await openPopup(context);
  await popupSetReason(popup, "作業中");
  await waitPopupLabel(popup, "作業中");
  await popup.close();

  const cdp = await context.newCDPSession(consolePage);
  const workerTargets = async () =>
    (await cdp.send("Target.getTargets")).targetInfos.filter(
      (t) => t.type === "service_worker" && t.url.includes(EXTENSION_ID),
    );
  const before = await workerTargets();
  check(before.length === 1, `expected one extension service worker, found ${before.length}`);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  let how = "ServiceWorker.stopAllWorkers";
  const gone = await waitFor(async () => !(await workerTargets()).some((t) => t.targetId === before[0].targetId), {
    timeout: 3000,
    what: "the worker to stop",
  }).catch(() => false);
  if (!gone) {
    how = "Target.closeTarget";
    await cdp.send("Target.closeTarget", { targetId: before[0].targetId });
    await waitFor(async () => !(await workerTargets()).some((t) => t.targetId === before[0].targetId), {
      timeout: 5000,
      what: "the worker to stop after Target.closeTarget",
    });
  }
  log("service worker terminated via", how);

  popup = await openPopup(context);
  await waitPopupLabel(popup, "作業中", 10000);
  const s = await popupStatus(popup);
  log("popup after restart:", JSON.stringify(s));
  check(s.conn === "connected", "popup not connected after the worker restarted");
  check(
    context.serviceWorkers().some((w) => w.url().includes(EXTENSION_ID)),
    "no extension service worker running after the popup opened",
  );
  // The console tab's content script reconnected to the new worker: its chip shows the status.
  await waitFor(
    async () => (await consolePage.locator("officemates-chip").getAttribute("data-om-state")) === "away_manual",
    { timeout: 10000, what: "console chip back after the worker restart" },
  );
  check((await consoleSelfStatus(consolePage))?.text === "作業中", "console lost the reason");
  await screenshot(popup, "popup-after-worker-restart");
});
