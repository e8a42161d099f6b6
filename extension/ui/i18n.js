// Localised strings from _locales (chrome.i18n). Plain script that also runs
// as a module import: popup/options/content scripts and the worker share it.
(() => {
  const OM = (globalThis.OM = globalThis.OM || {});

  /** t("key", a, b) → message with {0}, {1} replaced. */
  OM.t = (key, ...subs) => {
    let s = chrome.i18n.getMessage(key) || key;
    subs.forEach((v, i) => {
      s = s.split(`{${i}}`).join(String(v));
    });
    return s;
  };

  /** BCP 47 tag of the locale chrome.i18n picked (ja, en, …). */
  OM.locale = () => (chrome.i18n.getMessage("@@ui_locale") || "ja").replace("_", "-");

  /** Fills [data-i18n], [data-i18n-title], [data-i18n-aria-label], [data-i18n-placeholder]. */
  OM.localize = (root) => {
    root.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = OM.t(el.dataset.i18n);
    });
    for (const attr of ["title", "aria-label", "placeholder", "alt"]) {
      const data = `data-i18n-${attr}`;
      root.querySelectorAll(`[${data}]`).forEach((el) => el.setAttribute(attr, OM.t(el.getAttribute(data))));
    }
  };
})();
