// Console pages on servers other than 127.0.0.1/localhost: the settings page
// asks for the origin as an optional host permission; here we register the
// content script for every granted optional origin (and drop revoked ones).
const STATIC = ["http://127.0.0.1/*", "http://localhost/*"];
const SCRIPT_ID = "officemates-console-custom";
const FILES = ["ui/i18n.js", "ui/format.js", "ui/styles.js", "ui/client.js", "ui/dialog.js", "content.js"];

export async function syncConsoleScripts() {
  const { origins = [] } = await chrome.permissions.getAll();
  const custom = origins.filter((o) => !STATIC.includes(o) && o !== "https://*/*" && o !== "http://*/*");
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!custom.length) return [];
  await chrome.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: custom, js: FILES, runAt: "document_idle", persistAcrossSessions: true },
  ]);
  return custom;
}

/** "https://office.example.com/*" for a server URL, or null for the static origins. */
export function originPattern(serverUrl) {
  let u;
  try {
    u = new URL(serverUrl);
  } catch {
    return null;
  }
  const pattern = `${u.protocol}//${u.hostname}/*`;
  return STATIC.includes(pattern) ? null : pattern;
}
