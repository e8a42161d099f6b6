// 詳細: edit one account → 確認画面へ (confirmation view) → 更新 → 更新が完了しました。
// Client-side validation mirrors the server's rules (server/openapi.yaml AdminUserUpdate).

import { codePoints, t, trimText } from './i18n.js';
import { api, ApiError, redirectToLogin } from './api.js';
import { bootAdmin } from './admin-common.js';
import { colourIndex, errorText, fullName, h, initials, renderForbidden, setFieldError, showMessage } from './ui.js';
import { ADMIN_MAX_BYTES, checkPng } from './png.js';

const form = document.getElementById('edit-form');
const confirmView = document.getElementById('confirm-view');
const doneView = document.getElementById('done-view');
const message = document.getElementById('detail-message');
const confirmList = document.getElementById('confirm-list');
const updateBtn = document.getElementById('do-update');
const imageInput = document.getElementById('f-image');
const imageHint = document.getElementById('f-image-hint');
const imageName = document.getElementById('f-image-name');

const FIELDS = {
  password: { id: 'f-password', label: 'detail.password', required: true },
  family_name: { id: 'f-family', label: 'detail.family', required: true, max: 40 },
  family_name_kana: { id: 'f-family-kana', label: 'detail.familyKana', max: 40 },
  given_name: { id: 'f-given', label: 'detail.given', required: true, max: 40 },
  given_name_kana: { id: 'f-given-kana', label: 'detail.givenKana', max: 40 },
  dial_in_number: { id: 'f-dial-in', label: 'detail.dialIn' },
  extension_number: { id: 'f-ext', label: 'detail.ext', required: true }
};
const ORDER = [
  'password',
  'family_name',
  'family_name_kana',
  'given_name',
  'given_name_kana',
  'dial_in_number',
  'extension_number'
];

const params = new URLSearchParams(location.search);
const userId = Number(params.get('id'));
const backQuery = (params.get('back') || '').startsWith('?') ? params.get('back') : '';
const backHref = `/admin/users${backQuery}`;

let user = null;
let pendingImage = null;
let values = null;
let step = 'edit';

const input = (name) => document.getElementById(FIELDS[name].id);

function show(which) {
  step = which;
  form.hidden = which !== 'edit';
  confirmView.hidden = which !== 'confirm';
  doneView.hidden = which !== 'done';
  document.getElementById('detail-lead').hidden = which !== 'edit';
  document.getElementById('back-to-list').hidden = which === 'done';
}

function renderCurrentImage() {
  const slot = document.getElementById('image-current');
  const av = h('span', { class: `avatar avatar-c${colourIndex(user)}` });
  if (pendingImage) av.append(h('img', { src: pendingImage.dataUrl, alt: '' }));
  else if (user.has_image) {
    const img = h('img', { src: `/api/v1/users/${user.id}/image?v=${user.version}`, alt: '' });
    img.addEventListener('error', () => img.replaceWith(initials(user)), { once: true });
    av.append(img);
  } else av.append(initials(user));
  slot.replaceChildren(av);
}

function fill() {
  document.getElementById('v-email').textContent = user.email;
  document.getElementById('v-group').textContent = user.group_name;
  document.getElementById('detail-heading').textContent = `${t('detail.title')} — ${fullName(user)}`;
  input('password').value = '';
  for (const k of ORDER.slice(1)) input(k).value = user[k] || '';
  renderCurrentImage();
}

/** Returns {ok, values}; marks fields with messages. */
function validate() {
  const v = {};
  const errors = {};
  for (const k of ORDER) {
    const f = FIELDS[k];
    const raw = input(k).value;
    const val = trimText(raw);
    v[k] = k === 'password' ? raw : val;
    const label = t(f.label);
    if (f.required && !val) errors[k] = t('v.required', { field: label });
    else if (k === 'password' && (codePoints(raw) < 8 || codePoints(raw) > 128))
      errors[k] = t('v.passwordLen', { n: codePoints(raw) });
    else if (f.max && codePoints(val) > f.max)
      errors[k] = t('v.maxLen', { field: label, max: f.max, n: codePoints(val) });
    else if (k === 'dial_in_number' && !/^[0-9+\-() ]{0,20}$/.test(val)) errors[k] = t('v.dialIn');
    else if (k === 'extension_number' && val && !/^[0-9]{2,10}$/.test(val)) errors[k] = t('v.ext');
  }
  for (const k of ORDER) setFieldError(input(k), errors[k] || '');
  return { ok: !Object.keys(errors).length, values: v, errors };
}

function renderConfirm() {
  const rows = [
    ['detail.group', user.group_name],
    ['detail.email', user.email],
    ['detail.password', '•'.repeat(Math.min(codePoints(values.password), 16))],
    ['detail.family', values.family_name],
    ['detail.familyKana', values.family_name_kana],
    ['detail.given', values.given_name],
    ['detail.givenKana', values.given_name_kana],
    ['detail.dialIn', values.dial_in_number],
    ['detail.ext', values.extension_number]
  ];
  const items = [];
  for (const [key, val] of rows) {
    items.push(h('dt', {}, t(key)), h('dd', { class: val ? '' : 'confirm-empty' }, val || '—'));
  }
  items.push(
    h('dt', {}, t('detail.image')),
    h(
      'dd',
      {},
      pendingImage
        ? h(
            'span',
            { class: 'detail-image' },
            h('img', { class: 'image-preview', src: pendingImage.dataUrl, alt: '' }),
            t('detail.imageNew', { name: pendingImage.name })
          )
        : h('span', { class: 'confirm-empty' }, t('detail.imageKeep'))
    )
  );
  confirmList.replaceChildren(...items);
}

imageInput.addEventListener('change', async () => {
  pendingImage = null;
  const file = imageInput.files && imageInput.files[0];
  setFieldError(imageInput, '');
  imageHint.textContent = t('detail.imageHint');
  imageName.textContent = file ? file.name : t('file.none');
  if (file) {
    const res = await checkPng(file, ADMIN_MAX_BYTES);
    if (!res.ok) {
      setFieldError(imageInput, res.error);
      imageInput.value = '';
      imageName.textContent = t('file.none');
    } else {
      pendingImage = { ...res, name: file.name };
      imageHint.textContent = `${res.summary} — ${t('detail.imageHint')}`;
    }
  }
  renderCurrentImage();
});

let triedSubmit = false;
// After the first 確認画面へ, messages follow the input as it is corrected.
form.addEventListener('input', (ev) => {
  if (triedSubmit && ev.target !== imageInput) {
    const res = validate();
    if (res.ok) showMessage(message, 'error', '');
  }
});

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  triedSubmit = true;
  showMessage(message, 'error', '');
  const res = validate();
  if (!res.ok) {
    showMessage(message, 'error', t('detail.fixErrors'));
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  values = res.values;
  renderConfirm();
  show('confirm');
  document.getElementById('confirm-title').focus?.();
  updateBtn.focus();
});

document.getElementById('confirm-back').addEventListener('click', () => {
  show('edit');
  input('password').focus();
});

function fieldForServerMessage(msg) {
  const m = /^([a-z_]+)\b/.exec(msg || '');
  return m && FIELDS[m[1]] ? m[1] : null;
}

async function reload() {
  user = await api('GET', `/api/v1/admin/users/${userId}`);
  pendingImage = null;
  imageInput.value = '';
  imageName.textContent = t('file.none');
  fill();
}

updateBtn.addEventListener('click', async () => {
  updateBtn.disabled = true;
  updateBtn.textContent = t('detail.updating');
  showMessage(message, 'error', '');
  try {
    const updated = await api('PUT', `/api/v1/admin/users/${userId}`, { json: { version: user.version, ...values } });
    user = updated;
    document.getElementById('detail-heading').textContent = `${t('detail.title')} — ${fullName(user)}`;
    let extra = '';
    if (pendingImage) {
      try {
        await api('PUT', `/api/v1/admin/users/${userId}/image`, { body: pendingImage.bytes, contentType: 'image/png' });
        extra = t('detail.imageUpdated');
      } catch (e) {
        showMessage(message, 'warning', t('detail.imageFailed', { message: errorText(e) }));
      }
    }
    document.getElementById('done-extra').textContent = extra;
    show('done');
    document.getElementById('done-back').focus();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return redirectToLogin();
    if (e instanceof ApiError && e.code === 'CONFLICT') {
      const btn = h('button', { type: 'button', class: 'btn btn-sm' }, t('detail.reload'));
      btn.addEventListener('click', async () => {
        await reload();
        showMessage(message, 'info', '');
        show('edit');
        input('password').focus();
      });
      showMessage(message, 'error', t('detail.conflict'), btn);
    } else if (
      e instanceof ApiError &&
      (e.code === 'EXTENSION_TAKEN' || e.code === 'EMAIL_TAKEN' || e.status === 422)
    ) {
      show('edit');
      const field = e.code === 'EXTENSION_TAKEN' ? 'extension_number' : fieldForServerMessage(e.message);
      const text =
        e.code === 'EXTENSION_TAKEN'
          ? t('detail.extTaken')
          : e.code === 'EMAIL_TAKEN'
            ? t('detail.emailTaken')
            : e.message;
      if (field) {
        setFieldError(input(field), text);
        input(field).focus();
      }
      showMessage(message, 'error', field ? t('detail.fixErrors') : errorText(e));
    } else {
      showMessage(message, 'error', errorText(e));
    }
  } finally {
    updateBtn.disabled = false;
    updateBtn.textContent = t('detail.update');
  }
});

document.addEventListener('om:lang', () => {
  if (!user) return;
  document.getElementById('detail-heading').textContent = `${t('detail.title')} — ${fullName(user)}`;
  if (step === 'confirm') renderConfirm();
  if (step === 'edit' && form.querySelector('[aria-invalid="true"]')) validate();
});

for (const a of [
  document.getElementById('back-to-list'),
  document.getElementById('edit-back'),
  document.getElementById('done-back')
])
  a.href = backHref;

const me = await bootAdmin();
if (me) {
  if (!userId) {
    showMessage(message, 'error', t('detail.notFound'));
  } else {
    try {
      await reload();
      show('edit');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) redirectToLogin();
      else if (e instanceof ApiError && e.status === 403) renderForbidden(document.getElementById('admin-root'));
      else if (e instanceof ApiError && e.status === 404) showMessage(message, 'error', t('detail.notFound'));
      else showMessage(message, 'error', errorText(e));
    }
  }
}
