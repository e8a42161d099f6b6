// Shared page helpers: element builder, header (language switch, user, sign-out),
// messages, avatars.

import { applyI18n, lang, setLang, t } from './i18n.js';
import { ApiError, logout } from './api.js';

/** h('div', {class: 'x', dataset: {a: 1}, onclick}, child, 'text') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function fullName(u) {
  const sep = lang() === 'ja' ? ' ' : ' ';
  return [u.family_name, u.given_name].filter(Boolean).join(sep);
}

export function kanaName(u) {
  return [u.family_name_kana, u.given_name_kana].filter(Boolean).join(' ');
}

/** One or two letters for an avatar without a picture. */
export function initials(u) {
  const fam = (u.family_name || '').trim();
  const giv = (u.given_name || '').trim();
  const isLatin = (s) => /^[A-Za-z]/.test(s);
  if (isLatin(fam) || isLatin(giv)) {
    return ((fam[0] || '') + (giv[0] || '')).toUpperCase() || '?';
  }
  // Japanese names: the family name's first character (two when it is short and CJK).
  const chars = [...fam];
  if (chars.length) return chars.slice(0, chars.length >= 2 ? 2 : 1).join('');
  return [...giv][0] || '?';
}

/** Stable palette index 0..11 derived from the name (CSS classes avatar-c0..c11). */
export function colourIndex(u) {
  const s = `${u.family_name || ''}\u0000${u.given_name || ''}`;
  let hash = 2166136261;
  for (const ch of s) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 16777619);
  }
  // murmur3 finaliser: spreads FNV's low bits so short CJK names do not cluster
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 12;
}

/** Header: language switch, signed-in user, admin navigation, sign-out. */
export function initHeader(me) {
  const sw = document.querySelector('.lang-switch');
  if (sw) {
    const sync = () => {
      for (const b of sw.querySelectorAll('button[data-lang]')) {
        b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
      }
    };
    sw.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-lang]');
      if (b) setLang(b.dataset.lang);
      sync();
    });
    sync();
  }
  const out = document.getElementById('logout');
  if (out) {
    out.hidden = !me;
    out.addEventListener('click', () => logout());
  }
  const chip = document.getElementById('user-chip');
  if (chip && me) {
    chip.textContent = fullName(me);
    chip.title = me.email;
    chip.hidden = false;
  }
  if (me && me.role === 'admin') {
    for (const el of document.querySelectorAll('[data-admin-only]')) el.hidden = false;
  }
  document.addEventListener('om:lang', () => {
    if (chip && me) chip.textContent = fullName(me);
  });
  applyI18n();
}

/** Human message for an ApiError. */
export function errorText(e) {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('common.network');
    if (e.status === 401) return t('common.sessionExpired');
    return t('common.error', { code: e.code, message: e.message });
  }
  return t('common.error', { code: 'CLIENT', message: String((e && e.message) || e) });
}

/** Shows a message in a live region element: kind = info | success | error | warning. */
export function showMessage(el, kind, text, ...extra) {
  if (!el) return;
  el.replaceChildren();
  if (!text) {
    el.hidden = true;
    return;
  }
  el.className = `alert alert-${kind}`;
  el.append(h('span', { class: 'alert-text' }, text), ...extra);
  el.hidden = false;
}

let toastTimer = 0;
/** Short confirmation at the bottom of the screen (role=status). */
export function toast(text) {
  let el = document.getElementById('om-toast');
  if (!el) {
    el = h('div', { id: 'om-toast', class: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.append(el);
  }
  el.textContent = text;
  el.classList.add('toast-show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('toast-show'), 3500);
}

/** Full-page "no permission" panel for admin pages opened by staff. */
export function renderForbidden(container) {
  container.replaceChildren(
    h(
      'section',
      { class: 'card empty-state', role: 'alert' },
      h('img', { class: 'empty-icon', src: '/assets/lock.svg', alt: '', width: 48, height: 48 }),
      h('h1', { class: 'empty-title', text: t('common.forbidden') }),
      h('p', { class: 'muted', text: t('common.forbiddenHelp') }),
      h('a', { class: 'btn btn-primary', href: '/console', text: t('common.toConsole') })
    )
  );
}

/** Marks a form control invalid with a message below it (aria-describedby). */
export function setFieldError(input, message) {
  const id = `${input.id}-error`;
  let el = document.getElementById(id);
  if (!el) {
    el = h('p', { id, class: 'field-error' });
    const field = input.closest('.field') || input.parentElement;
    field.append(el);
  }
  el.textContent = message || '';
  el.hidden = !message;
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    const ids = new Set((input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
    ids.add(id);
    input.setAttribute('aria-describedby', [...ids].join(' '));
  } else {
    input.removeAttribute('aria-invalid');
  }
}
