// The dialog's stylesheet, adopted by the popup document and by the shadow
// root in the console page (constructable stylesheet: no style leaks either way,
// and no inline <style> for the page's CSP to refuse).
(() => {
  const OM = (globalThis.OM = globalThis.OM || {});
  OM.DIALOG_CSS = `
:host, .om-root {
  --om-font: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif;
  --om-fg: #1f2937; --om-muted: #6b7280; --om-line: #e5e7eb; --om-bg: #ffffff; --om-soft: #f3f4f6;
  --om-accent: #2563eb; --om-accent-dark: #1d4ed8;
  --om-present: #16a34a; --om-away: #d97706; --om-manual: #7c3aed; --om-offline: #6b7280; --om-camera: #dc2626;
  --om-danger: #b91c1c; --om-danger-bg: #fef2f2; --om-warn-bg: #fffbeb; --om-ok-bg: #f0fdf4;
}
:host { all: initial; }
* { box-sizing: border-box; }
.om-root { font-family: var(--om-font); font-size: 14px; line-height: 1.5; color: var(--om-fg); }
.om-dialog { background: var(--om-bg); width: 360px; max-width: 100%; display: flex; flex-direction: column; }
.om-overlay { position: fixed; inset: 0; background: rgba(17, 24, 39, 0.45); display: flex; align-items: center;
  justify-content: center; z-index: 2147483647; padding: 16px; animation: om-fade 120ms ease-out; }
.om-overlay .om-dialog { border-radius: 14px; box-shadow: 0 24px 48px rgba(0,0,0,0.25); max-height: calc(100vh - 32px); overflow: auto; }
@keyframes om-fade { from { opacity: 0; } to { opacity: 1; } }
.om-head { display: flex; align-items: center; gap: 10px; padding: 14px 18px; border-bottom: 1px solid var(--om-line); }
.om-logo { width: 26px; height: 26px; border-radius: 7px; background: linear-gradient(180deg, #3173ed, #1c4dbf); position: relative; flex: none; }
.om-logo::before { content: ""; position: absolute; left: 9px; top: 5px; width: 8px; height: 8px; border-radius: 50%; background: #fff; }
.om-logo::after { content: ""; position: absolute; left: 5px; top: 15px; width: 16px; height: 8px; border-radius: 8px 8px 2px 2px; background: #fff; }
.om-title { font-size: 16px; font-weight: 700; margin: 0; flex: 1; letter-spacing: 0.01em; }
.om-conn { font-size: 12px; color: var(--om-muted); display: inline-flex; align-items: center; gap: 6px; }
.om-conn::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--om-offline); }
.om-conn[data-state="connected"]::before { background: var(--om-present); }
.om-conn[data-state="down"]::before { background: var(--om-camera); }
.om-body { padding: 16px 18px 6px; display: flex; flex-direction: column; gap: 14px; }
.om-status { display: flex; align-items: center; gap: 12px; padding: 12px 14px; border-radius: 12px; background: var(--om-soft); }
.om-dot { width: 14px; height: 14px; border-radius: 50%; flex: none; background: var(--om-offline); box-shadow: 0 0 0 4px rgba(107,114,128,0.15); }
.om-status[data-tone="present"] .om-dot { background: var(--om-present); box-shadow: 0 0 0 4px rgba(22,163,74,0.15); }
.om-status[data-tone="away"] .om-dot { background: var(--om-away); box-shadow: 0 0 0 4px rgba(217,119,6,0.15); }
.om-status[data-tone="manual"] .om-dot { background: var(--om-manual); box-shadow: 0 0 0 4px rgba(124,58,237,0.15); }
.om-status[data-tone="camera"] .om-dot { background: var(--om-camera); box-shadow: 0 0 0 4px rgba(220,38,38,0.15); }
.om-status-label { font-size: 18px; font-weight: 700; }
.om-since { font-size: 12px; color: var(--om-muted); }
.om-field { display: flex; flex-direction: column; gap: 6px; }
.om-label { font-size: 13px; font-weight: 600; }
.om-select, .om-input { font: inherit; color: inherit; padding: 8px 10px; border: 1px solid #d1d5db; border-radius: 8px; background: #fff; width: 100%; }
.om-select:focus-visible, .om-input:focus-visible, .om-btn:focus-visible, .om-file:focus-within, summary:focus-visible, a:focus-visible {
  outline: 2px solid var(--om-accent); outline-offset: 2px; }
.om-image-row { display: flex; align-items: center; gap: 12px; }
.om-thumb { width: 48px; height: 48px; border-radius: 50%; object-fit: cover; background: var(--om-soft); border: 1px solid var(--om-line); flex: none; }
.om-file { position: relative; display: inline-flex; align-items: center; padding: 7px 12px; border: 1px solid #d1d5db; border-radius: 8px; cursor: pointer; font-size: 13px; background: #fff; }
.om-file:hover { background: var(--om-soft); }
.om-file input { position: absolute; inset: 0; opacity: 0; cursor: pointer; width: 100%; }
.om-file-name { font-size: 12px; color: var(--om-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.om-hint { font-size: 12px; color: var(--om-muted); margin: 0; }
.om-msg { font-size: 13px; margin: 0; padding: 8px 10px; border-radius: 8px; }
.om-msg:empty { display: none; }
.om-msg[data-kind="error"] { background: var(--om-danger-bg); color: var(--om-danger); }
.om-msg[data-kind="ok"] { background: var(--om-ok-bg); color: #166534; }
.om-msg[data-kind="info"] { background: var(--om-soft); color: var(--om-fg); }
.om-banner { border-radius: 10px; padding: 10px 12px; background: var(--om-danger-bg); color: var(--om-danger); border: 1px solid #fecaca; display: flex; flex-direction: column; gap: 6px; }
.om-banner[data-kind="warn"] { background: var(--om-warn-bg); color: #92400e; border-color: #fde68a; }
.om-banner[hidden] { display: none; }
.om-banner-title { font-weight: 700; margin: 0; }
.om-banner-fix { margin: 0; font-size: 12.5px; }
.om-cmd { display: flex; align-items: center; gap: 6px; }
.om-cmd code { flex: 1; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; background: #111827; color: #f9fafb; padding: 6px 8px; border-radius: 6px; white-space: pre-wrap; word-break: break-all; user-select: all; }
.om-actions { display: flex; gap: 8px; justify-content: flex-end; padding: 12px 18px 16px; border-top: 1px solid var(--om-line); margin-top: 10px; flex-wrap: wrap; }
.om-btn { font: inherit; font-size: 13px; font-weight: 600; padding: 8px 14px; border-radius: 8px; border: 1px solid #d1d5db; background: #fff; color: var(--om-fg); cursor: pointer; }
.om-btn:hover { background: var(--om-soft); }
.om-btn:disabled { opacity: 0.5; cursor: default; }
.om-btn-primary { background: var(--om-accent); border-color: var(--om-accent); color: #fff; min-width: 72px; }
.om-btn-primary:hover { background: var(--om-accent-dark); }
.om-btn-small { padding: 5px 10px; font-size: 12px; }
.om-enrol { border: 1px solid var(--om-line); border-radius: 10px; }
.om-enrol summary { cursor: pointer; padding: 9px 12px; font-weight: 600; font-size: 13px; list-style: none; display: flex; align-items: center; gap: 8px; }
.om-enrol summary::before { content: "▸"; color: var(--om-muted); transition: transform 120ms; }
.om-enrol[open] summary::before { transform: rotate(90deg); }
.om-enrol-body { padding: 0 12px 12px; display: flex; flex-direction: column; gap: 8px; }
.om-preview { width: 100%; aspect-ratio: 4 / 3; background: #111827; border-radius: 8px; display: flex; align-items: center; justify-content: center; overflow: hidden; color: #9ca3af; font-size: 12px; padding: 12px; text-align: center; }
.om-preview:has(img) { padding: 0; }
.om-preview img { width: 100%; height: 100%; object-fit: cover; }
.om-progress { width: 100%; height: 8px; appearance: none; border: none; border-radius: 4px; background: var(--om-soft); overflow: hidden; }
.om-progress::-webkit-progress-bar { background: var(--om-soft); border-radius: 4px; }
.om-progress::-webkit-progress-value { background: var(--om-accent); border-radius: 4px; transition: width 200ms; }
.om-row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.om-progress-text { font-size: 12px; color: var(--om-muted); margin-left: auto; }
.om-foot { display: flex; justify-content: space-between; align-items: center; font-size: 12px; color: var(--om-muted); padding: 0 18px 14px; gap: 8px; }
.om-foot a { color: var(--om-accent); text-decoration: none; cursor: pointer; }
.om-foot a:hover { text-decoration: underline; }
.om-chip { all: initial; font-family: var(--om-font); display: inline-flex; align-items: center; gap: 5px; padding: 2px 8px 2px 6px; border-radius: 999px;
  font-size: 11px; font-weight: 700; color: #fff; background: var(--om-offline); box-shadow: 0 1px 2px rgba(0,0,0,0.2); cursor: pointer; white-space: nowrap; line-height: 18px; }
.om-chip::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: rgba(255,255,255,0.9); }
.om-chip[data-tone="present"] { background: var(--om-present); }
.om-chip[data-tone="away"] { background: var(--om-away); }
.om-chip[data-tone="manual"] { background: var(--om-manual); }
.om-chip[data-tone="camera"] { background: var(--om-camera); }
.om-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

  /** Adopts the dialog stylesheet into a document or a shadow root. */
  OM.adoptStyles = (root) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OM.DIALOG_CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  };
})();
