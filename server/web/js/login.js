// Login page. <body data-om-page="login">: the extension recognises this page and may
// restore the session itself through a one-time ticket URL; nothing here interferes.

import { applyI18n, t, trimText } from './i18n.js';
import { api, ApiError, setCsrf } from './api.js';
import { initHeader, setFieldError, showMessage } from './ui.js';

const form = document.getElementById('login-form');
const email = document.getElementById('email');
const password = document.getElementById('password');
const submit = document.getElementById('login-submit');
const message = document.getElementById('login-message');

/** Only same-origin paths are accepted as a place to return to. */
function nextPath() {
  const next = new URLSearchParams(location.search).get('next') || '';
  if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login')) {
    return next;
  }
  return '/console';
}

let notice = null; // [kind, key] shown on load and re-translated on language change
function showNotice() {
  if (notice) showMessage(message, notice[0], t(notice[1]));
}

function validate() {
  let ok = true;
  const e = trimText(email.value);
  if (!e) {
    setFieldError(email, t('login.emailRequired'));
    ok = false;
  } else if (!/^[^\s@]+@[^\s@]+$/.test(e)) {
    setFieldError(email, t('login.emailInvalid'));
    ok = false;
  } else setFieldError(email, '');
  if (!password.value) {
    setFieldError(password, t('login.passwordRequired'));
    ok = false;
  } else setFieldError(password, '');
  return ok;
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  notice = null;
  showMessage(message, 'error', '');
  if (!validate()) {
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  submit.disabled = true;
  submit.textContent = t('login.busy');
  try {
    const res = await api('POST', '/api/v1/auth/login', {
      json: { email: trimText(email.value), password: password.value }
    });
    setCsrf(res && res.csrf);
    location.assign(nextPath());
    return;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.code === 'LOGIN_FAILED')) {
      notice = ['error', 'login.failed'];
      password.value = '';
      password.focus();
    } else if (e instanceof ApiError && e.status === 0) {
      notice = ['error', 'common.network'];
    } else {
      notice = null;
      showMessage(message, 'error', t('common.error', { code: e.code || 'ERROR', message: e.message }));
    }
    showNotice();
  } finally {
    submit.disabled = false;
    submit.textContent = t('login.submit');
  }
});

const params = new URLSearchParams(location.search);
if (params.get('error') === 'ticket') notice = ['warning', 'login.ticketError'];
else if (params.has('logged_out')) notice = ['info', 'login.loggedOut'];

initHeader(null);
applyI18n();
showNotice();
document.addEventListener('om:lang', () => {
  showNotice();
  if (form.querySelector('[aria-invalid="true"]')) validate();
});
