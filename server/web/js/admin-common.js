// Shared start-up of the Call Manager pages: session, header, admin-only guard.

import { applyI18n } from './i18n.js';
import { requireSession } from './api.js';
import { errorText, initHeader, renderForbidden, showMessage } from './ui.js';

/** Resolves to the admin user, or null when the page must not continue. */
export async function bootAdmin() {
  applyI18n();
  const root = document.getElementById('admin-root');
  let me;
  try {
    me = await requireSession();
  } catch (e) {
    initHeader(null);
    root.hidden = false;
    const msg = document.createElement('div');
    root.replaceChildren(msg);
    showMessage(msg, 'error', errorText(e));
    return null;
  }
  if (!me) return null;
  initHeader(me);
  root.hidden = false;
  if (me.role !== 'admin') {
    document.body.dataset.forbidden = 'true';
    for (const a of document.querySelectorAll('.topnav a[href^="/admin"]')) a.hidden = true;
    renderForbidden(root);
    document.addEventListener('om:lang', () => renderForbidden(root));
    return null;
  }
  return me;
}
