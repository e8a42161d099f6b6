// 離席事由設定: pick a group + 検索, edit the ordered list (削除 per row, empty rows
// for new ones, 追加する), 更新 → 更新が完了しました。 → 戻る.
// Each reason: trimmed, 1–10 Unicode code points, no duplicates, at most 50.

import { codePoints, t, trimText } from './i18n.js';
import { api, ApiError, redirectToLogin } from './api.js';
import { bootAdmin } from './admin-common.js';
import { errorText, h, renderForbidden, setFieldError, showMessage } from './ui.js';

const MAX_LEN = 10;
const MAX_COUNT = 50;
const EMPTY_ROWS = 3;

const groupForm = document.getElementById('group-form');
const groupSelect = document.getElementById('group-select');
const pageMessage = document.getElementById('reasons-message');
const form = document.getElementById('reasons-form');
const formMessage = document.getElementById('reasons-form-message');
const tbody = document.getElementById('reasons-body');
const title = document.getElementById('reasons-title');
const doneView = document.getElementById('reasons-done');
const updateBtn = document.getElementById('reasons-update');

let groups = [];
let current = null; // {id, name}
let rowSeq = 0;

function groupName(id) {
  return (groups.find((g) => g.id === id) || {}).name || String(id);
}

function rowInputs() {
  return [...tbody.querySelectorAll('input[data-reason]')];
}

function renumber() {
  [...tbody.rows].forEach((tr, i) => {
    tr.querySelector('.no').textContent = String(i + 1);
    tr.querySelector('input').setAttribute('aria-label', t('reasons.inputLabel', { n: i + 1 }));
    tr.querySelector('button').setAttribute('aria-label', t('reasons.deleteRow', { n: i + 1 }));
  });
}

function updateCount(inputEl) {
  const n = codePoints(trimText(inputEl.value));
  const cell = inputEl.closest('tr').querySelector('.count');
  cell.textContent = `${n} / ${MAX_LEN}`;
  cell.classList.toggle('over', n > MAX_LEN);
  if (n > MAX_LEN) setFieldError(inputEl, t('reasons.tooLong', { n }));
  else if (inputEl.getAttribute('aria-invalid') === 'true') setFieldError(inputEl, '');
}

function makeRow(value = '') {
  const id = `reason-${++rowSeq}`;
  const inputEl = h('input', { id, type: 'text', value, autocomplete: 'off', dataset: { reason: '1' } });
  inputEl.value = value;
  inputEl.addEventListener('input', () => {
    updateCount(inputEl);
    if (inputEl.getAttribute('aria-invalid') === 'true' && codePoints(trimText(inputEl.value)) <= MAX_LEN) {
      setFieldError(inputEl, '');
    }
    if (!tbody.querySelector('[aria-invalid="true"]')) showMessage(formMessage, 'error', '');
  });
  const del = h('button', { type: 'button', class: 'btn btn-sm btn-danger' }, t('reasons.delete'));
  del.addEventListener('click', () => {
    const tr = del.closest('tr');
    const nextRow = tr.nextElementSibling || tr.previousElementSibling;
    tr.remove();
    if (!tbody.rows.length) tbody.append(makeRow());
    renumber();
    (nextRow && nextRow.isConnected ? nextRow : tbody.rows[0]).querySelector('input').focus();
  });
  const tr = h(
    'tr',
    {},
    h('td', { class: 'no' }),
    h('td', {}, h('div', { class: 'field' }, inputEl)),
    h('td', { class: 'count', 'aria-live': 'polite' }),
    h('td', { class: 'actions' }, del)
  );
  queueMicrotask(() => updateCount(inputEl));
  return tr;
}

function renderList(reasons) {
  tbody.replaceChildren(...reasons.map((r) => makeRow(r)), ...Array.from({ length: EMPTY_ROWS }, () => makeRow()));
  renumber();
  title.textContent = t('reasons.listTitle', { group: current.name });
  form.hidden = false;
  doneView.hidden = true;
  groupForm.hidden = false;
}

async function loadGroup(id, focus) {
  showMessage(pageMessage, 'error', '');
  showMessage(formMessage, 'error', '');
  try {
    const data = await api('GET', `/api/v1/admin/groups/${id}/reasons`);
    current = { id, name: groupName(id) };
    history.replaceState(null, '', `/admin/reasons?group=${id}`);
    renderList(data.reasons || []);
    if (focus) rowInputs()[0]?.focus();
  } catch (e) {
    handleError(e, pageMessage);
  }
}

function handleError(e, where) {
  if (e instanceof ApiError && e.status === 401) return redirectToLogin();
  if (e instanceof ApiError && e.status === 403) return renderForbidden(document.getElementById('admin-root'));
  showMessage(where, 'error', errorText(e));
}

groupForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  loadGroup(Number(groupSelect.value), true);
});

document.getElementById('add-row').addEventListener('click', () => {
  const tr = makeRow();
  tbody.append(tr);
  renumber();
  tr.querySelector('input').focus();
});

function validate() {
  const list = [];
  const seen = new Map();
  let firstBad = null;
  for (const el of rowInputs()) {
    const v = trimText(el.value);
    let err = '';
    if (v) {
      const n = codePoints(v);
      if (n > MAX_LEN) err = t('reasons.tooLong', { n });
      else if (seen.has(v)) err = t('reasons.duplicate', { reason: v });
      else seen.set(v, el);
      list.push(v);
    }
    setFieldError(el, err);
    if (err && !firstBad) firstBad = el;
  }
  let formErr = '';
  if (list.length > MAX_COUNT) formErr = t('reasons.tooMany');
  return { ok: !firstBad && !formErr, list, firstBad, formErr };
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  showMessage(formMessage, 'error', '');
  const v = validate();
  if (!v.ok) {
    showMessage(formMessage, 'error', v.formErr || t('reasons.fixErrors'));
    v.firstBad?.focus();
    return;
  }
  updateBtn.disabled = true;
  updateBtn.textContent = t('reasons.updating');
  try {
    const saved = await api('PUT', `/api/v1/admin/groups/${current.id}/reasons`, { json: { reasons: v.list } });
    const list = saved.reasons || [];
    document.getElementById('reasons-saved').textContent = t('reasons.savedList', {
      list: list.length ? list.join('、') : t('reasons.emptyList')
    });
    form.hidden = true;
    groupForm.hidden = true;
    doneView.hidden = false;
    document.getElementById('reasons-back').focus();
  } catch (e) {
    if (e instanceof ApiError && e.status === 422)
      showMessage(formMessage, 'error', `${t('reasons.fixErrors')} ${e.message}`);
    else handleError(e, formMessage);
  } finally {
    updateBtn.disabled = false;
    updateBtn.textContent = t('reasons.update');
  }
});

document.getElementById('reasons-back').addEventListener('click', () => loadGroup(current.id, true));

document.addEventListener('om:lang', () => {
  if (!current) return;
  title.textContent = t('reasons.listTitle', { group: current.name });
  renumber();
  for (const b of tbody.querySelectorAll('button')) b.textContent = t('reasons.delete');
  for (const el of rowInputs()) updateCount(el);
});

const me = await bootAdmin();
if (me) {
  try {
    const data = await api('GET', '/api/v1/admin/groups');
    groups = data.items || [];
    groupSelect.replaceChildren(...groups.map((g) => h('option', { value: String(g.id) }, g.name)));
    if (!groups.length) {
      showMessage(pageMessage, 'info', t('reasons.noGroups'));
      document.getElementById('group-search').disabled = true;
    } else {
      const want = Number(new URLSearchParams(location.search).get('group'));
      if (groups.some((g) => g.id === want)) {
        groupSelect.value = String(want);
        await loadGroup(want, false);
      }
    }
  } catch (e) {
    handleError(e, pageMessage);
  }
}
