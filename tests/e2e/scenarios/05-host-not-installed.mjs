// Scenario 5: no host manifest in the profile → the popup says the host is not
// installed and shows how to install it.
import {
  scenario,
  tempDir,
  launchBrowser,
  openPopup,
  popupStatus,
  waitFor,
  check,
  screenshot,
  log,
} from "../lib/harness.mjs";

await scenario("05 host not installed", async () => {
  const dir = tempDir("s5");
  const { context } = await launchBrowser({ dir, installHost: false });
  const popup = await openPopup(context);
  const s = await waitFor(
    async () => {
      const st = await popupStatus(popup);
      return st.problem ? st : null;
    },
    { timeout: 10000, what: "the popup to report a problem" },
  );
  log("popup:", JSON.stringify(s));
  check(s.problem === "not_installed", `expected problem not_installed, got ${s.problem}`);
  check(/インストールされていません/.test(s.problemText), `no 'not installed' text: ${s.problemText}`);
  const cmd = await popup.locator('[data-role="install-command"]').textContent();
  check(cmd.includes("officemates-host install"), `no install command shown: ${cmd}`);
  check(await popup.locator('[data-role="retry"]').isVisible(), "no reconnect button");
  check(await popup.locator('[data-role="save"]').isDisabled(), "保存 must be disabled without a host");
  await screenshot(popup, "popup-host-not-installed");
  // The toolbar badge shows the problem too.
  const worker = context.serviceWorkers()[0];
  const badge = await worker.evaluate(() => chrome.action.getBadgeText({}));
  check(badge === "!", `badge should be "!" when the host is missing, got "${badge}"`);
});
