// 内線検索: four conditions (all empty = everyone), paged results with 詳細 links.
// The conditions and page live in the URL so 戻る from 詳細 returns to the same results.

import { t } from './i18n.js';
import { api, ApiError, redirectToLogin } from './api.js';
import { bootAdmin } from './admin-common.js';
import { errorText, fullName, h, kanaName, renderForbidden, showMessage } from './ui.js';

const PER_PAGE = 20;
const FIELDS = [
  ['group_name', 'q-group'],
  ['email', 'q-email'],
  ['family_name', 'q-family'],
  ['family_name_kana', 'q-family-kana']
];

const form = document.getElementById('search-form');
const tbody = document.getElementById('results-body');
const table = document.getElementById('results-table');
const prompt = document.getElementById('results-prompt');
const count = document.getElementById('results-count');
const message = document.getElementById('results-message');
const pager = document.getElementById('pager');
const pageInfo = document.getElementById('page-info');
const prev = document.getElementById('page-prev');
const next = document.getElementById('page-next');

let last = null; // last response, re-rendered on language change

function conditionsFromUrl() {
  const p = new URLSearchParams(location.search);
  return {
    searched: p.get('searched') === '1',
    page: Math.max(1, Number(p.get('page')) || 1),
    q: Object.fromEntries(FIELDS.map(([k]) => [k, p.get(k) || '']))
  };
}

function conditionsFromForm() {
  return Object.fromEntries(FIELDS.map(([k, id]) => [k, document.getElementById(id).value.trim()]));
}

function queryString(q, page) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  p.set('page', String(page));
  p.set('searched', '1');
  return p.toString();
}

async function search(q, page, push) {
  const qs = queryString(q, page);
  if (push) history.pushState(null, '', `/admin/users?${qs}`);
  showMessage(message, 'error', '');
  form.setAttribute('aria-busy', 'true');
  try {
    const apiQs = new URLSearchParams(qs);
    apiQs.delete('searched');
    apiQs.set('per_page', String(PER_PAGE));
    last = await api('GET', `/api/v1/admin/users?${apiQs}`);
    render();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return redirectToLogin();
    if (e instanceof ApiError && e.status === 403) return renderForbidden(document.getElementById('admin-root'));
    showMessage(message, 'error', errorText(e));
  } finally {
    form.removeAttribute('aria-busy');
  }
}

function render() {
  if (!last) return;
  const { items = [], total = 0, page = 1, per_page: per = PER_PAGE } = last;
  prompt.hidden = true;
  const back = encodeURIComponent(location.search);
  if (!items.length) {
    table.hidden = true;
    pager.hidden = true;
    count.textContent = '';
    prompt.hidden = false;
    prompt.textContent = t('search.none');
    return;
  }
  table.hidden = false;
  tbody.replaceChildren(
    ...items.map((u) =>
      h(
        'tr',
        { dataset: { userId: String(u.id) } },
        h('td', {}, u.group_name || ''),
        h('td', { class: 'num' }, u.extension_number || ''),
        h('td', {}, u.email || ''),
        h('td', {}, fullName(u)),
        h('td', {}, kanaName(u)),
        h('td', {}, h('span', { class: `role-tag ${u.role === 'admin' ? 'admin' : ''}` }, t(`role.${u.role}`))),
        h(
          'td',
          {},
          h(
            'a',
            {
              class: 'btn btn-sm',
              href: `/admin/users/detail?id=${u.id}&back=${back}`,
              'aria-label': `${t('col.detail')}: ${fullName(u)}`
            },
            t('col.detail')
          )
        )
      )
    )
  );
  const from = (page - 1) * per + 1;
  const to = from + items.length - 1;
  count.textContent = t('search.count', { total, from, to });
  const pages = Math.max(1, Math.ceil(total / per));
  pager.hidden = pages <= 1;
  pageInfo.textContent = t('search.page', { page, pages });
  prev.disabled = page <= 1;
  next.disabled = page >= pages;
}

function fillForm(q) {
  for (const [k, id] of FIELDS) document.getElementById(id).value = q[k] || '';
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  search(conditionsFromForm(), 1, true);
});
document.getElementById('search-reset').addEventListener('click', () => {
  fillForm({});
  document.getElementById('q-group').focus();
});
prev.addEventListener('click', () => {
  const c = conditionsFromUrl();
  search(c.q, Math.max(1, c.page - 1), true);
});
next.addEventListener('click', () => {
  const c = conditionsFromUrl();
  search(c.q, c.page + 1, true);
});
window.addEventListener('popstate', () => {
  const c = conditionsFromUrl();
  fillForm(c.q);
  if (c.searched) search(c.q, c.page, false);
});
document.addEventListener('om:lang', render);

const me = await bootAdmin();
if (me) {
  const c = conditionsFromUrl();
  fillForm(c.q);
  if (c.searched) search(c.q, c.page, false);
  else document.getElementById('q-group').focus();
}
