// Toolbar popup: the dialog in popup mode. Also works opened as a tab at
// chrome-extension://<id>/popup.html (tests and screenshots).
const OM = globalThis.OM;

document.documentElement.lang = OM.locale();
OM.adoptStyles(document);
chrome.tabs?.getCurrent?.((tab) => {
  if (tab) document.body.classList.add("om-tab");
});

const client = OM.connectClient("popup");
const dialog = OM.createDialog(document.getElementById("app"), client, {
  mode: "popup",
  onClose: () => window.close(),
});
dialog.focus();
window.addEventListener("unload", () => client.close());
