// Toolbar badge and icon from the host's status and the connection state.
import "../ui/i18n.js";
import "../ui/format.js";

const OM = globalThis.OM;
const COLORS = {
  present: "#16a34a",
  away: "#d97706",
  manual: "#7c3aed",
  offline: "#6b7280",
  camera: "#dc2626",
  error: "#dc2626",
  unknown: "#6b7280",
};
const ICON_ON = { 16: "icons/icon-16.png", 32: "icons/icon-32.png" };
const ICON_OFF = { 16: "icons/icon-off-16.png", 32: "icons/icon-off-32.png" };

let last = "";

/** conn: HostConnection snapshot; status: last known host status or null. */
export async function updateBadge(conn, status) {
  let text;
  let color;
  let title;
  let icon = ICON_ON;
  const broken = conn.state !== "connected" || (conn.problem && conn.problem !== "agent_unavailable");
  if (conn.state === "idle" && status) {
    // not connected because nobody needs it: show the last status we saw
  }
  if (broken && conn.state !== "idle") {
    text = OM.t("badge_error");
    color = COLORS.error;
    icon = ICON_OFF;
    const p = OM.problemText(conn.problem, chrome.runtime.id);
    title = `OfficeMates — ${p ? p.title : OM.t("conn_connecting")}`;
  } else if (!status) {
    text = "";
    color = COLORS.unknown;
    icon = conn.state === "idle" ? ICON_ON : ICON_OFF;
    title = "OfficeMates";
  } else {
    const tone = OM.statusTone(status);
    color = COLORS[tone];
    text = {
      present: OM.t("badge_present"),
      away: OM.t("badge_away"),
      manual: [...(status.reason || OM.t("badge_away"))].slice(0, 2).join(""),
      offline: OM.t("badge_offline"),
      camera: OM.t("badge_camera"),
    }[tone];
    if (tone === "offline") icon = ICON_OFF;
    title = `OfficeMates — ${OM.statusLabel(status)}`;
  }
  const key = JSON.stringify([text, color, title, icon[16]]);
  if (key === last) return;
  last = key;
  await Promise.all([
    chrome.action.setBadgeText({ text: text || "" }),
    chrome.action.setBadgeBackgroundColor({ color }),
    chrome.action.setBadgeTextColor ? chrome.action.setBadgeTextColor({ color: "#ffffff" }) : null,
    chrome.action.setTitle({ title }),
    chrome.action.setIcon({ path: icon }),
  ]).catch(() => {});
}
