// Cloud office console: the group's roster with live presence (SSE) and the
// OfficeMates dialog on the user's own icon. Works without the extension
// (manual away reasons through the REST API); the extension enhances it — see
// server/web/README.md for the data-om-* contract and `officemates:enhanced`.

import { applyI18n, t } from './i18n.js';
import { api, ApiError, fetchMe, redirectToLogin, requireSession } from './api.js';
import { colourIndex, errorText, fullName, h, initHeader, initials, showMessage, toast } from './ui.js';
import { checkPng, OWN_MAX_BYTES } from './png.js';

const body = document.body;
const rosterEl = document.getElementById('roster');
const groupNameEl = document.getElementById('group-name');
const countEl = document.getElementById('member-count');
const summaryEl = document.getElementById('summary');
const liveEl = document.getElementById('live');
const liveText = document.getElementById('live-text');
const pageMessage = document.getElementById('console-message');

const dialog = document.getElementById('om-dialog');
const dialogForm = document.getElementById('om-dialog-form');
const reasonSelect = document.getElementById('dialog-reason');
const imageInput = document.getElementById('dialog-image');
const imageHint = document.getElementById('dialog-image-hint');
const preview = document.getElementById('dialog-preview');
const dialogMessage = document.getElementById('dialog-message');
const clearBtn = document.getElementById('dialog-clear');
const saveBtn = document.getElementById('dialog-save');

const state = {
  me: null,
  groupId: 0,
  groupName: '',
  reasons: [],
  members: new Map(), // id -> member (with presence)
  elements: new Map(), // id -> <li>
  imageVersion: new Map(), // id -> cache-busting token
  liveState: 'connecting'
};

// ---------------------------------------------------------------- extension hook

document.addEventListener('officemates:enhanced', () => {
  document.documentElement.dataset.omExtension = '1';
});

function extensionHandlesDialog(ev) {
  return ev.defaultPrevented || document.documentElement.dataset.omExtension === '1';
}

// ---------------------------------------------------------------- rendering

function statusLabel(p) {
  if (!p) return t('state.offline');
  if (p.state === 'away_manual' && p.reason) return p.reason;
  return t(`state.${p.state}`) || p.state;
}

function imageUrl(id) {
  const v = state.imageVersion.get(id) || 0;
  return `/api/v1/users/${id}/image${v ? `?v=${v}` : ''}`;
}

function renderAvatar(m) {
  const el = h('span', { class: `avatar avatar-c${colourIndex(m)}` });
  if (m.has_image) {
    const img = h('img', { src: imageUrl(m.id), alt: '', loading: 'lazy', decoding: 'async' });
    img.addEventListener('error', () => img.replaceWith(document.createTextNode(initials(m))), { once: true });
    el.append(img);
  } else {
    el.append(initials(m));
  }
  return el;
}

function sinceText(p) {
  if (!p || !p.since) return '';
  const d = new Date(p.since);
  return d.toLocaleString(document.documentElement.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  });
}

function renderMember(m) {
  const self = state.me && m.id === state.me.id;
  const p = m.presence || { state: 'offline', reason: '' };
  const status = h(
    'span',
    {
      class: 'status',
      dataset: { omStatus: p.state, omReason: p.reason || '' },
      title: sinceText(p)
    },
    statusLabel(p)
  );
  const inner = [
    h('span', { class: 'avatar-wrap' }, renderAvatar(m)),
    h('span', { class: 'member-name' }, fullName(m)),
    h('span', { class: 'member-ext' }, m.extension_number ? t('console.ext', { n: m.extension_number }) : '\u00a0'),
    status
  ];
  let card;
  if (self) {
    card = h(
      'button',
      {
        type: 'button',
        class: 'member-card',
        'aria-haspopup': 'dialog',
        'aria-label': `${t('console.openDialog', { name: fullName(m) })} — ${statusLabel(p)}`
      },
      h('span', { class: 'self-badge', 'aria-hidden': 'true' }, t('console.you')),
      ...inner
    );
    card.addEventListener('click', (ev) => {
      if (extensionHandlesDialog(ev)) return;
      openDialog();
    });
  } else {
    card = h('div', { class: 'member-card' }, ...inner);
  }
  const li = h(
    'li',
    {
      class: 'member',
      dataset: { omUserId: String(m.id), state: p.state, ...(self ? { omSelf: 'true' } : {}) }
    },
    card
  );
  return li;
}

/** Updates status in place (the element stays, so marks added by the extension survive). */
function updateMemberStatus(li, m) {
  const p = m.presence || { state: 'offline', reason: '' };
  li.dataset.state = p.state;
  const status = li.querySelector('[data-om-status]');
  if (status) {
    status.dataset.omStatus = p.state;
    status.dataset.omReason = p.reason || '';
    status.title = sinceText(p);
    status.textContent = statusLabel(p);
  }
  const btn = li.querySelector('button.member-card');
  if (btn) btn.setAttribute('aria-label', `${t('console.openDialog', { name: fullName(m) })} — ${statusLabel(p)}`);
}

function renderRoster() {
  const items = [...state.members.values()];
  state.elements.clear();
  if (!items.length) {
    rosterEl.replaceChildren(h('li', { class: 'roster-empty' }, t('console.empty')));
  } else {
    rosterEl.replaceChildren(
      ...items.map((m) => {
        const li = renderMember(m);
        state.elements.set(m.id, li);
        return li;
      })
    );
  }
  renderSummary();
}

function renderSummary() {
  const counts = { present: 0, away: 0, offline: 0 };
  for (const m of state.members.values()) {
    const s = (m.presence && m.presence.state) || 'offline';
    if (s === 'present') counts.present++;
    else if (s === 'away' || s === 'away_manual') counts.away++;
    else if (s === 'offline') counts.offline++;
  }
  summaryEl.setAttribute('aria-label', t('console.summary'));
  summaryEl.replaceChildren(
    ...['present', 'away', 'offline'].map((k) =>
      h(
        'li',
        {},
        h('span', { class: `dot dot-${k}`, 'aria-hidden': 'true' }),
        t(`console.summary.${k}`),
        h('strong', {}, String(counts[k]))
      )
    )
  );
  countEl.textContent = t('console.members', { n: state.members.size });
  groupNameEl.textContent = state.groupName || '\u00a0';
}

function renderLive() {
  liveEl.dataset.state = state.liveState;
  liveText.textContent = state.liveState === 'open' ? t('console.live') : t('console.reconnecting');
}

/** Applies one presence change in place (SSE, or our own REST answer). */
function applyPresence(userId, presence) {
  const m = state.members.get(userId);
  if (!m) {
    scheduleRosterReload();
    return;
  }
  const old = m.presence;
  // Ignore stale updates (older `since` with the same or lower seq).
  if (old && presence.seq < old.seq && presence.since < old.since) return;
  m.presence = { ...old, ...presence };
  if (state.me && userId === state.me.id) state.me.presence = m.presence;
  const li = state.elements.get(userId);
  if (li) updateMemberStatus(li, m);
  renderSummary();
  if (dialog.open && state.me && userId === state.me.id) syncDialogButtons();
}

// ---------------------------------------------------------------- data

async function loadRoster() {
  const data = await api('GET', `/api/v1/groups/${state.groupId}/members`);
  state.groupName = data.group_name || state.groupName;
  state.members = new Map((data.members || []).map((m) => [m.id, m]));
  renderRoster();
}

async function loadReasons() {
  const data = await api('GET', `/api/v1/groups/${state.groupId}/reasons`);
  state.reasons = data.reasons || [];
}

let reloadTimer = 0;
function scheduleRosterReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => loadRoster().catch(handleFatal), 300);
}

// ---------------------------------------------------------------- live updates

let source = null;
let lastEventId = '';
let retryMs = 1000;
let retryTimer = 0;

function connect() {
  clearTimeout(retryTimer);
  if (source) source.close();
  const q = lastEventId ? `?last_event_id=${encodeURIComponent(lastEventId)}` : '';
  source = new EventSource(`/api/v1/groups/${state.groupId}/events${q}`);
  const track = (e) => {
    if (e.lastEventId) lastEventId = e.lastEventId;
  };
  source.addEventListener('open', () => {
    retryMs = 1000;
    state.liveState = 'open';
    renderLive();
  });
  source.addEventListener('presence', (e) => {
    track(e);
    try {
      const d = JSON.parse(e.data);
      applyPresence(Number(d.user_id), d);
    } catch {
      /* malformed event: ignore */
    }
  });
  source.addEventListener('reasons', (e) => {
    track(e);
    try {
      const d = JSON.parse(e.data);
      state.reasons = d.reasons || [];
      if (dialog.open) fillReasonSelect(reasonSelect.value);
    } catch {
      /* ignore */
    }
  });
  source.addEventListener('resync', (e) => {
    track(e);
    loadRoster().catch(handleFatal);
    loadReasons().catch(() => {});
  });
  source.addEventListener('error', () => {
    state.liveState = 'reconnecting';
    renderLive();
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. 401/403 or a non-stream answer): check the session,
      // then reconnect with capped exponential backoff — never a tight loop.
      source.close();
      const wait = Math.min(retryMs, 30000) * (0.75 + Math.random() * 0.5);
      retryMs = Math.min(retryMs * 2, 30000);
      retryTimer = setTimeout(async () => {
        try {
          await fetchMe();
          await loadRoster();
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) {
            redirectToLogin();
            return;
          }
        }
        connect();
      }, wait);
    }
    // readyState CONNECTING: EventSource retries by itself (server's retry/default ~3 s).
  });
}

// ---------------------------------------------------------------- dialog

let pendingImage = null; // {bytes, dataUrl, summary}

function fillReasonSelect(selected) {
  const p = (state.me && state.me.presence) || { state: 'present', reason: '' };
  const manual = p.state === 'away_manual' && p.reason;
  const options = [];
  if (!manual) options.push(h('option', { value: '' }, t('state.present')));
  const list = [...state.reasons];
  if (manual && !list.includes(p.reason)) list.unshift(p.reason);
  for (const r of list) options.push(h('option', { value: r }, r));
  reasonSelect.replaceChildren(...options);
  const want =
    selected !== undefined && [...reasonSelect.options].some((o) => o.value === selected)
      ? selected
      : manual
        ? p.reason
        : '';
  reasonSelect.value = want;
}

function syncDialogButtons() {
  const p = state.me.presence || {};
  clearBtn.disabled = p.state !== 'away_manual';
}

function renderDialogHead() {
  const me = state.me;
  const m = state.members.get(me.id) || me;
  const slot = document.getElementById('dialog-avatar');
  slot.replaceChildren(
    pendingImage
      ? h('span', { class: `avatar avatar-c${colourIndex(m)}` }, h('img', { src: pendingImage.dataUrl, alt: '' }))
      : renderAvatar({ ...m, id: me.id })
  );
  document.getElementById('dialog-who').textContent =
    `${fullName(me)}${me.extension_number ? ` · ${t('console.ext', { n: me.extension_number })}` : ''}`;
}

const imageName = document.getElementById('dialog-image-name');

function resetImagePicker() {
  pendingImage = null;
  imageInput.value = '';
  imageName.textContent = t('file.none');
  imageInput.removeAttribute('aria-invalid');
  preview.hidden = true;
  preview.removeAttribute('src');
  imageHint.textContent = t('dialog.imageHint');
}

async function openDialog() {
  showMessage(dialogMessage, 'info', '');
  resetImagePicker();
  try {
    await loadReasons();
  } catch {
    /* keep the cached list */
  }
  fillReasonSelect();
  syncDialogButtons();
  renderDialogHead();
  if (!dialog.open) dialog.showModal();
  reasonSelect.focus();
}

imageInput.addEventListener('change', async () => {
  pendingImage = null;
  preview.hidden = true;
  const file = imageInput.files && imageInput.files[0];
  if (!file) {
    resetImagePicker();
    return;
  }
  imageName.textContent = file.name;
  const res = await checkPng(file, OWN_MAX_BYTES);
  if (!res.ok) {
    imageInput.setAttribute('aria-invalid', 'true');
    imageHint.textContent = t('dialog.imageHint');
    showMessage(dialogMessage, 'error', res.error);
    renderDialogHead();
    return;
  }
  imageInput.removeAttribute('aria-invalid');
  showMessage(dialogMessage, 'info', '');
  pendingImage = res;
  preview.src = res.dataUrl;
  preview.hidden = false;
  imageHint.textContent = `${res.summary} — ${t('dialog.imageHint')}`;
  renderDialogHead();
});

function busy(on) {
  for (const b of [saveBtn, clearBtn, document.getElementById('dialog-close')]) b.disabled = on;
  saveBtn.textContent = on ? t('dialog.saving') : t('dialog.save');
  if (!on) syncDialogButtons();
}

function imageErrorText(e) {
  if (e instanceof ApiError) {
    if (e.status === 413) return `${t('png.tooLarge', { size: '> 2 MB', max: '2 MB' })} (${e.code}: ${e.message})`;
    if (e.status === 415) return `${t('png.notPng')} (${e.code}: ${e.message})`;
  }
  return errorText(e);
}

dialogForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const p = state.me.presence || {};
  const wanted = reasonSelect.value;
  const reasonChanged = wanted !== '' && !(p.state === 'away_manual' && p.reason === wanted);
  if (!reasonChanged && !pendingImage) {
    dialog.close();
    toast(t('dialog.nothing'));
    return;
  }
  busy(true);
  try {
    if (pendingImage) {
      try {
        await api('PUT', '/api/v1/me/image', { body: pendingImage.bytes, contentType: 'image/png' });
      } catch (e) {
        showMessage(dialogMessage, 'error', imageErrorText(e));
        return;
      }
      state.imageVersion.set(state.me.id, Date.now());
      const m = state.members.get(state.me.id);
      if (m) m.has_image = true;
      state.me.has_image = true;
      pendingImage = null;
      renderRoster();
    }
    if (reasonChanged) {
      const presence = await api('PUT', '/api/v1/me/away', { json: { reason: wanted } });
      applyPresence(state.me.id, presence);
    }
    dialog.close();
    toast(t('dialog.saved'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirectToLogin();
    showMessage(dialogMessage, 'error', errorText(e));
  } finally {
    busy(false);
  }
});

clearBtn.addEventListener('click', async () => {
  busy(true);
  try {
    const presence = await api('DELETE', '/api/v1/me/away');
    applyPresence(state.me.id, presence);
    dialog.close();
    toast(t('dialog.cleared'));
  } catch (e) {
    showMessage(dialogMessage, 'error', errorText(e));
  } finally {
    busy(false);
  }
});

document.getElementById('dialog-close').addEventListener('click', () => dialog.close());

// ---------------------------------------------------------------- start

function handleFatal(e) {
  if (e instanceof ApiError && e.status === 401) {
    redirectToLogin();
    return;
  }
  showMessage(pageMessage, 'error', errorText(e));
}

document.addEventListener('om:lang', () => {
  renderRoster();
  renderLive();
  if (dialog.open) {
    fillReasonSelect(reasonSelect.value);
    renderDialogHead();
    if (!pendingImage) imageHint.textContent = t('dialog.imageHint');
  }
});

async function start() {
  applyI18n();
  renderLive();
  let me;
  try {
    me = await requireSession();
  } catch (e) {
    initHeader(null);
    handleFatal(e);
    return;
  }
  if (!me) return;
  state.me = me;
  state.groupId = me.group_id;
  state.groupName = me.group_name;
  body.dataset.omUserId = String(me.id);
  body.dataset.omGroupId = String(me.group_id);
  initHeader(me);
  try {
    await Promise.all([loadRoster(), loadReasons()]);
  } catch (e) {
    handleFatal(e);
  }
  connect();
  document.dispatchEvent(new CustomEvent('officemates:ready', { detail: { userId: me.id, groupId: me.group_id } }));
}

window.addEventListener('pagehide', () => source && source.close());

start();
