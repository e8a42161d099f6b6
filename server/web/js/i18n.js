// Japanese / English labels. Japanese wording follows the product manual
// (shared REFERENCE.md); English is the manual's `en` locale.
//
// Language choice: localStorage "om.lang" (set by the visible switch) wins,
// then the browser's languages (navigator.languages mirrors Accept-Language),
// Japanese when any of them starts with "ja", English otherwise.

const STORAGE_KEY = 'om.lang';

export const MESSAGES = {
  ja: {
    'app.name': 'OfficeMates',
    'lang.label': '表示言語',
    'nav.console': 'クラウドオフィス',
    'nav.admin': 'Call Manager',
    'nav.search': '内線検索',
    'nav.reasons': '離席事由設定',
    'nav.logout': 'ログアウト',
    'common.skip': 'メインコンテンツへ移動',
    'file.choose': '画像を選択',
    'file.none': '選択されていません',
    'common.loading': '読み込み中…',
    'common.back': '戻る',
    'common.required': '【必須】',
    'common.network': 'サーバーに接続できません。ネットワークを確認してもう一度お試しください。',
    'common.sessionExpired': 'セッションの有効期限が切れました。もう一度ログインしてください。',
    'common.error': 'エラーが発生しました（{code}）：{message}',
    'common.forbidden': 'この画面を表示する権限がありません。',
    'common.forbiddenHelp': 'Call Manager は管理者アカウントのみ利用できます。',
    'common.toConsole': 'クラウドオフィスへ',

    'login.title': 'ログイン',
    'login.lead': 'クラウドオフィスにログインします。',
    'login.email': 'ユーザ名(メールアドレス)',
    'login.password': 'パスワード',
    'login.submit': 'ログイン',
    'login.busy': 'ログイン中…',
    'login.failed': 'メールアドレスまたはパスワードが正しくありません。',
    'login.emailRequired': 'メールアドレスを入力してください。',
    'login.emailInvalid': 'メールアドレスの形式が正しくありません。',
    'login.passwordRequired': 'パスワードを入力してください。',
    'login.ticketError': '自動ログインの有効期限が切れたか、既に使用されています。パスワードでログインしてください。',
    'login.loggedOut': 'ログアウトしました。',
    'login.foot': 'テレワークのための在席管理',

    'state.present': '在席中',
    'state.away': '離席',
    'state.away_manual': '離席',
    'state.offline': 'オフライン',
    'state.camera_unavailable': 'カメラ利用不可',

    'console.title': 'クラウドオフィス',
    'console.you': 'あなた',
    'console.ext': '内線 {n}',
    'console.members': '{n} 名',
    'console.summary': '在席状況',
    'console.summary.present': '在席',
    'console.summary.away': '離席',
    'console.summary.offline': 'オフライン',
    'console.live': 'ライブ更新中',
    'console.reconnecting': '再接続中…',
    'console.empty': 'このグループにはまだメンバーがいません。',
    'console.selfHint': '自分のアイコンをクリックすると離席事由とプロフィール画像を変更できます。',
    'console.openDialog': '{name}（あなた）：状態を変更',

    'dialog.title': 'OfficeMates',
    'dialog.reason': '離席事由',
    'dialog.image': 'プロフィール画像',
    'dialog.imageHint': 'PNG 形式、2MB 以下、幅・高さ 300 ピクセル以下',
    'dialog.close': '閉じる',
    'dialog.clear': '離席事由解除',
    'dialog.save': '保存',
    'dialog.saved': '保存しました。',
    'dialog.cleared': '離席事由を解除しました。',
    'dialog.nothing': '変更はありません。',
    'dialog.saving': '保存中…',
    'dialog.imageStored': 'プロフィール画像を更新しました。',

    'png.notPng': 'PNG 形式の画像を選択してください（ファイルの内容が PNG ではありません）。',
    'png.tooLarge': 'ファイルサイズが大きすぎます（{size}）。{max} 以下の画像を選択してください。',
    'png.tooWide': '画像が大きすぎます（{w}×{h} ピクセル）。幅・高さとも 300 ピクセル以下にしてください。',
    'png.badHeader': 'PNG のヘッダーが壊れています。',
    'png.ok': '{w}×{h} ピクセル、{size}',

    'search.title': '内線検索',
    'search.lead': '条件をすべて空欄のまま「検索」を押すと全員を表示します。',
    'search.group': '内線グループ名称',
    'search.email': 'ユーザ名(メールアドレス)',
    'search.family': '名字',
    'search.familyKana': 'カナ名字',
    'search.submit': '検索',
    'search.reset': '条件をクリア',
    'search.results': '検索結果',
    'search.count': '全 {total} 件中 {from}–{to} 件を表示',
    'search.none': '条件に一致するアカウントはありません。',
    'search.prompt': '条件を入力して「検索」を押してください。',
    'search.pager': 'ページ送り',
    'search.prev': '前へ',
    'search.next': '次へ',
    'search.page': '{page} / {pages} ページ',
    'col.group': '内線グループ',
    'col.ext': '内線番号',
    'col.email': 'ユーザ名(メールアドレス)',
    'col.name': '氏名',
    'col.kana': 'カナ',
    'col.role': '権限',
    'col.detail': '詳細',
    'role.admin': '管理者',
    'role.staff': 'スタッフ',

    'detail.title': '詳細',
    'detail.lead': '【必須】の項目を入力し、「確認画面へ」を押してください。',
    'detail.account': 'アカウント',
    'detail.group': '内線グループ名称',
    'detail.email': 'ユーザ名(メールアドレス)',
    'detail.password': 'パスワード',
    'detail.passwordHint': '8 文字以上 128 文字以内。更新のたびに入力が必要です。',
    'detail.family': '名字',
    'detail.familyKana': 'カナ名字',
    'detail.given': '名前',
    'detail.givenKana': 'カナ名前',
    'detail.dialIn': 'ダイアルイン番号',
    'detail.dialInHint': '数字と + - ( ) 、20 文字以内（例：03-1234-5678）',
    'detail.ext': '内線番号',
    'detail.extHint': '2〜10 桁の数字（例：4001）',
    'detail.image': 'プロフィール画像',
    'detail.imageHint': 'PNG 形式、5MB 以下、幅・高さ 300 ピクセル以下',
    'detail.imageNone': '未設定',
    'detail.imageKeep': '変更しない',
    'detail.imageNew': '新しい画像：{name}',
    'detail.toConfirm': '確認画面へ',
    'detail.confirmTitle': '確認画面',
    'detail.confirmLead': '以下の内容で更新します。よろしければ「更新」を押してください。',
    'detail.update': '更新',
    'detail.fix': '入力画面に戻る',
    'detail.updating': '更新中…',
    'detail.done': '更新が完了しました。',
    'detail.conflict':
      '他の管理者がこのアカウントを先に更新しました。最新の内容を読み込み直してから、もう一度入力してください。',
    'detail.reload': '最新の内容を読み込む',
    'detail.extTaken': 'この内線番号はグループ内で既に使われています。',
    'detail.emailTaken': 'このメールアドレスは既に使われています。',
    'detail.notFound': 'アカウントが見つかりません。',
    'detail.fixErrors': '入力内容に誤りがあります。各項目のメッセージを確認してください。',
    'detail.imageFailed': 'プロフィール画像を保存できませんでした：{message}',
    'detail.imageUpdated': 'プロフィール画像も更新しました。',
    'detail.backToList': '検索結果に戻る',

    'v.required': '{field}を入力してください。',
    'v.maxLen': '{field}は {max} 文字以内で入力してください（現在 {n} 文字）。',
    'v.passwordLen': 'パスワードは 8 文字以上 128 文字以内で入力してください（現在 {n} 文字）。',
    'v.dialIn': 'ダイアルイン番号は数字と + - ( ) スペースのみ、20 文字以内で入力してください。',
    'v.ext': '内線番号は 2〜10 桁の数字で入力してください。',

    'reasons.title': '離席事由設定',
    'reasons.lead': '内線グループを選んで「検索」を押すと、そのグループの離席事由を編集できます。',
    'reasons.group': '内線グループ名称',
    'reasons.search': '検索',
    'reasons.listTitle': '{group} の離席事由',
    'reasons.col.no': 'No.',
    'reasons.col.reason': '離席事由（10文字以内）',
    'reasons.col.count': '文字数',
    'reasons.col.actions': '操作',
    'reasons.delete': '削除',
    'reasons.deleteRow': '{n} 行目を削除',
    'reasons.inputLabel': '{n} 行目の離席事由',
    'reasons.add': '追加する',
    'reasons.update': '更新',
    'reasons.updating': '更新中…',
    'reasons.done': '更新が完了しました。',
    'reasons.back': '戻る',
    'reasons.tooLong': '10文字以内で入力してください（現在 {n} 文字）。',
    'reasons.duplicate': '「{reason}」が重複しています。',
    'reasons.tooMany': '離席事由は 50 件までです。',
    'reasons.hint':
      '保存した離席事由は、このグループ全員の離席事由ドロップダウンに表示されます。空欄の行は無視されます。',
    'reasons.noGroups': '内線グループがありません。',
    'reasons.savedList': '保存された離席事由：{list}',
    'reasons.emptyList': '（なし）',
    'reasons.fixErrors': '入力内容に誤りがあります。'
  },
  en: {
    'app.name': 'OfficeMates',
    'lang.label': 'Language',
    'nav.console': 'Cloud office',
    'nav.admin': 'Call Manager',
    'nav.search': 'Extension search',
    'nav.reasons': 'Away reason settings',
    'nav.logout': 'Sign out',
    'common.skip': 'Skip to main content',
    'file.choose': 'Choose image',
    'file.none': 'No file chosen',
    'common.loading': 'Loading…',
    'common.back': 'Back',
    'common.required': ' (required)',
    'common.network': 'Cannot reach the server. Check the network and try again.',
    'common.sessionExpired': 'Your session has expired. Please sign in again.',
    'common.error': 'Something went wrong ({code}): {message}',
    'common.forbidden': 'You do not have permission to view this page.',
    'common.forbiddenHelp': 'Call Manager is available to administrator accounts only.',
    'common.toConsole': 'Go to the cloud office',

    'login.title': 'Sign in',
    'login.lead': 'Sign in to your cloud office.',
    'login.email': 'User name (email address)',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.failed': 'The email address or password is incorrect.',
    'login.emailRequired': 'Enter your email address.',
    'login.emailInvalid': 'Enter a valid email address.',
    'login.passwordRequired': 'Enter your password.',
    'login.ticketError':
      'The automatic sign-in link has expired or was already used. Please sign in with your password.',
    'login.loggedOut': 'You have signed out.',
    'login.foot': 'Presence for telework',

    'state.present': 'Present',
    'state.away': 'Away',
    'state.away_manual': 'Away',
    'state.offline': 'Offline',
    'state.camera_unavailable': 'No camera',

    'console.title': 'Cloud office',
    'console.you': 'You',
    'console.ext': 'Ext. {n}',
    'console.members': '{n} members',
    'console.summary': 'Presence summary',
    'console.summary.present': 'Present',
    'console.summary.away': 'Away',
    'console.summary.offline': 'Offline',
    'console.live': 'Live',
    'console.reconnecting': 'Reconnecting…',
    'console.empty': 'This group has no members yet.',
    'console.selfHint': 'Click your own icon to change your away reason and profile image.',
    'console.openDialog': '{name} (you): change status',

    'dialog.title': 'OfficeMates',
    'dialog.reason': 'Away reason',
    'dialog.image': 'Profile image',
    'dialog.imageHint': 'PNG, at most 2 MB, width and height at most 300 px',
    'dialog.close': 'Close',
    'dialog.clear': 'Clear away reason',
    'dialog.save': 'Save',
    'dialog.saved': 'Saved.',
    'dialog.cleared': 'Away reason cleared.',
    'dialog.nothing': 'Nothing to save.',
    'dialog.saving': 'Saving…',
    'dialog.imageStored': 'Profile image updated.',

    'png.notPng': 'Choose a PNG image (the file content is not PNG).',
    'png.tooLarge': 'The file is too large ({size}). Choose an image of at most {max}.',
    'png.tooWide': 'The image is too large ({w}×{h} px). Width and height must be at most 300 px.',
    'png.badHeader': 'The PNG header is damaged.',
    'png.ok': '{w}×{h} px, {size}',

    'search.title': 'Extension search',
    'search.lead': 'Leave every condition empty and press Search to list everyone.',
    'search.group': 'Extension group name',
    'search.email': 'User name (email address)',
    'search.family': 'Family name',
    'search.familyKana': 'Family name (kana)',
    'search.submit': 'Search',
    'search.reset': 'Clear conditions',
    'search.results': 'Results',
    'search.count': 'Showing {from}–{to} of {total}',
    'search.none': 'No account matches these conditions.',
    'search.prompt': 'Enter conditions and press Search.',
    'search.pager': 'Pages',
    'search.prev': 'Previous',
    'search.next': 'Next',
    'search.page': 'Page {page} of {pages}',
    'col.group': 'Extension group',
    'col.ext': 'Extension',
    'col.email': 'User name (email address)',
    'col.name': 'Name',
    'col.kana': 'Kana',
    'col.role': 'Role',
    'col.detail': 'Details',
    'role.admin': 'Admin',
    'role.staff': 'Staff',

    'detail.title': 'Details',
    'detail.lead': 'Fill in the required fields and press "To confirmation".',
    'detail.account': 'Account',
    'detail.group': 'Extension group name',
    'detail.email': 'User name (email address)',
    'detail.password': 'Password',
    'detail.passwordHint': '8 to 128 characters. Required for every update.',
    'detail.family': 'Family name',
    'detail.familyKana': 'Family name (kana)',
    'detail.given': 'Given name',
    'detail.givenKana': 'Given name (kana)',
    'detail.dialIn': 'Dial-in number',
    'detail.dialInHint': 'Digits and + - ( ), at most 20 characters (e.g. 03-1234-5678)',
    'detail.ext': 'Extension number',
    'detail.extHint': '2 to 10 digits (e.g. 4001)',
    'detail.image': 'Profile image',
    'detail.imageHint': 'PNG, at most 5 MB, width and height at most 300 px',
    'detail.imageNone': 'None',
    'detail.imageKeep': 'Unchanged',
    'detail.imageNew': 'New image: {name}',
    'detail.toConfirm': 'To confirmation',
    'detail.confirmTitle': 'Confirmation',
    'detail.confirmLead': 'The account will be updated with these values. Press Update to continue.',
    'detail.update': 'Update',
    'detail.fix': 'Back to the form',
    'detail.updating': 'Updating…',
    'detail.done': 'Update complete.',
    'detail.conflict':
      'Another administrator updated this account first. Reload the latest values and enter your changes again.',
    'detail.reload': 'Reload the latest values',
    'detail.extTaken': 'This extension number is already used in the group.',
    'detail.emailTaken': 'This email address is already used.',
    'detail.notFound': 'Account not found.',
    'detail.fixErrors': 'Some values are not valid. See the message under each field.',
    'detail.imageFailed': 'The profile image could not be saved: {message}',
    'detail.imageUpdated': 'The profile image was updated too.',
    'detail.backToList': 'Back to the results',

    'v.required': 'Enter the {field}.',
    'v.maxLen': '{field}: at most {max} characters (now {n}).',
    'v.passwordLen': 'The password must be 8 to 128 characters (now {n}).',
    'v.dialIn': 'Dial-in number: digits, + - ( ) and spaces only, at most 20 characters.',
    'v.ext': 'The extension number must be 2 to 10 digits.',

    'reasons.title': 'Away reason settings',
    'reasons.lead': 'Pick an extension group and press Search to edit its away reasons.',
    'reasons.group': 'Extension group name',
    'reasons.search': 'Search',
    'reasons.listTitle': 'Away reasons of {group}',
    'reasons.col.no': 'No.',
    'reasons.col.reason': 'Away reason (at most 10 characters)',
    'reasons.col.count': 'Length',
    'reasons.col.actions': 'Actions',
    'reasons.delete': 'Delete',
    'reasons.deleteRow': 'Delete row {n}',
    'reasons.inputLabel': 'Away reason, row {n}',
    'reasons.add': 'Add a row',
    'reasons.update': 'Update',
    'reasons.updating': 'Updating…',
    'reasons.done': 'Update complete.',
    'reasons.back': 'Back',
    'reasons.tooLong': 'At most 10 characters (now {n}).',
    'reasons.duplicate': '"{reason}" appears more than once.',
    'reasons.tooMany': 'At most 50 away reasons.',
    'reasons.hint':
      'Saved reasons appear in the away-reason drop-down of every user of this group. Empty rows are ignored.',
    'reasons.noGroups': 'There are no extension groups.',
    'reasons.savedList': 'Saved away reasons: {list}',
    'reasons.emptyList': '(none)',
    'reasons.fixErrors': 'Some values are not valid.'
  }
};

export const LANGS = ['ja', 'en'];

function detect() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (LANGS.includes(stored)) return stored;
  } catch {
    /* storage blocked: fall back to the browser */
  }
  const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'ja'];
  for (const p of prefs) {
    const base = String(p).toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
}

let current = detect();

export function lang() {
  return current;
}

/** Translate `key`, replacing {name} placeholders from `params`. */
export function t(key, params = {}) {
  const table = MESSAGES[current] || MESSAGES.ja;
  let s = table[key] ?? MESSAGES.ja[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Apply translations to static markup: data-i18n (text) and data-i18n-<attr> (attributes). */
export function applyI18n(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    const data = 'i18n' + attr.replace(/(^|-)(\w)/g, (m, d, c) => c.toUpperCase());
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.dataset[data]));
    }
  }
  const titleKey = document.body && document.body.dataset.pageTitle;
  if (titleKey) document.title = `${t(titleKey)} — OfficeMates`;
}

/** Switch language, persist the choice, re-apply static labels and tell the page. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* ignore */
  }
  applyI18n();
  document.dispatchEvent(new CustomEvent('om:lang', { detail: { lang: next } }));
}

/** Length in Unicode code points (休憩中 is 3), as the server counts. */
export function codePoints(s) {
  return [...s].length;
}

/** Trim like the server: Unicode white space including U+3000. */
export function trimText(s) {
  return String(s ?? '').replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
}
