// Status and error texts shared by the popup, the options page, the in-console
// dialog and the worker's badge. Plain script that also runs as a module import.
(() => {
  const OM = (globalThis.OM = globalThis.OM || {});
  const t = (...a) => OM.t(...a);

  /** The status object out of a status.get reply or a status event. */
  OM.pickStatus = (msg) => {
    if (!msg || typeof msg !== "object") return null;
    const s = msg.status && typeof msg.status === "object" ? msg.status : msg;
    return typeof s.state === "string" ? s : null;
  };

  OM.sinceMs = (status) => {
    if (!status) return NaN;
    if (typeof status.since_ms === "number") return status.since_ms;
    if (typeof status.since === "number") return status.since;
    return Date.parse(status.since);
  };

  /** Text shown for a status: 在席中, the away reason, 離席, オフライン, カメラ停止中. */
  OM.statusLabel = (status) => {
    if (!status) return t("status_unknown");
    if (status.state === "away_manual") return status.reason || t("status_away_manual");
    const key = `status_${status.state}`;
    const text = chrome.i18n.getMessage(key);
    return text || status.state;
  };

  /** Colour family of a status for chips, badge and icon. */
  OM.statusTone = (status) => {
    if (!status) return "unknown";
    return (
      {
        present: "present",
        away: "away",
        away_manual: "manual",
        offline: "offline",
        camera_unavailable: "camera",
      }[status.state] || "unknown"
    );
  };

  /** "5分前から（14:03）" / "Since 14:03 (5 minutes ago)". */
  OM.formatSince = (ms, now = Date.now()) => {
    if (!Number.isFinite(ms) || ms <= 0) return ""; // never set
    const locale = OM.locale();
    const diffS = Math.round((ms - now) / 1000);
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    let rel;
    const a = Math.abs(diffS);
    if (a < 45) rel = rtf.format(0, "second");
    else if (a < 3600) rel = rtf.format(Math.round(diffS / 60), "minute");
    else if (a < 86400) rel = rtf.format(Math.round(diffS / 3600), "hour");
    else rel = rtf.format(Math.round(diffS / 86400), "day");
    const d = new Date(ms);
    const sameDay = new Date(now).toDateString() === d.toDateString();
    const abs = new Intl.DateTimeFormat(
      locale,
      sameDay
        ? { hour: "2-digit", minute: "2-digit" }
        : { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" },
    ).format(d);
    return t("since", rel, abs);
  };

  OM.formatBytes = (n) => {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
    return `${(n / 1024 / 1024).toFixed(2)} MB`;
  };

  /** User-facing text for an error {code, message} from the host or the worker. */
  OM.errorText = (err) => {
    if (!err) return "";
    const code = err.code || "INTERNAL";
    const localized = chrome.i18n.getMessage(`err_${code}`);
    if (localized) return localized.split("{0}").join(err.message || code);
    return t("err_generic", err.message || code);
  };

  /**
   * What to tell the user about a connection problem: {title, fix, command}.
   * `command` is something to run in a terminal (shown with a copy button).
   */
  OM.problemText = (problem, extensionId) => {
    switch (problem) {
      case "not_installed":
        return { title: t("err_not_installed"), fix: t("fix_not_installed"), command: "officemates-host install" };
      case "forbidden":
        return {
          title: t("err_forbidden"),
          fix: t("fix_forbidden"),
          command: `officemates-host install --extension-id ${extensionId}`,
        };
      case "host_exited":
        return { title: t("err_host_exited"), fix: t("fix_host_exited"), command: "" };
      case "host_error":
        return { title: t("err_host_error"), fix: t("fix_host_exited"), command: "" };
      case "agent_unavailable":
        return { title: t("err_agent_unavailable"), fix: t("fix_host_exited"), command: "" };
      case "disconnected":
        return { title: t("err_disconnected"), fix: "", command: "" };
      default:
        return null;
    }
  };
})();
