import type { CentralAudit, AuditHeads } from '../../service/audit';
import type { CaseStore } from '../../service/cases';
import type { Person } from '../../service/people';
import type { WorkstationRegistry } from '../../service/workstations';
import { href, html, trusted, type SafeHtml } from '../html';
import { hasKey, langs, type Lang, type MessageKey, type Params, type Translator } from '../i18n';

/** The approver pages' shared frame: the labels, the styles, the top bar, tables and message boxes, the document around a page. Each page (sign-in, queue, case, admin, people, log) has its own file beside this one and takes plain data, returning a whole HTML document. */

export type QueueRow = Awaited<ReturnType<CaseStore['queue']>>[number];
export type CaseDetailData = NonNullable<Awaited<ReturnType<CaseStore['detail']>>>;
export type WorkstationRow = Awaited<ReturnType<WorkstationRegistry['list']>>[number];
export type AnomalyRow = Awaited<ReturnType<AuditHeads['anomalies']>>[number];
export type AuditRow = Awaited<ReturnType<CentralAudit['list']>>[number];

/** Who is looking, and the token their forms carry. */
export interface Viewer {
  person: Person;
  csrf: string;
}

/** What a page needs to speak: the words of its language, and its own address (for the language switch). */
export interface Ui extends Translator {
  /** The address the language switch brings the reader back to. */
  here: string;
}

/** A label looked up by a stored word (`state.` + a state); the word itself when the table has none. */
export function labelOf(ui: Translator, prefix: string, word: string, params?: Params): string {
  const key = `${prefix}.${word}`;
  return hasKey(key) ? ui.t(key, params) : word;
}

export function stateLabel(ui: Translator, state: string): string {
  return labelOf(ui, 'state', state);
}

export function roleLabel(ui: Translator, role: Person['role']): string {
  return ui.t(`role.${role}`);
}

const styles = trusted(`
*{box-sizing:border-box}
html{font-size:14px}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.5;color:#1f2329;background:#f3f5f8}
a{color:#1456c7;text-decoration:none}a:hover{text-decoration:underline}
footer a,p a,.hint a{text-decoration:underline}
h1{font-size:20px;margin:0}h2{font-size:15px;margin:0 0 8px}h3{font-size:14px;margin:0}
.top{display:flex;align-items:center;gap:20px;height:44px;padding:0 16px;background:#1d3557;color:#fff}
.top a{color:#fff}.brand{font-weight:600;font-size:15px}
.top nav{display:flex;gap:4px;flex:1}.top nav a{padding:4px 12px;border-radius:4px}.top nav a.on{background:rgba(255,255,255,.18)}
.who{display:flex;align-items:center;gap:8px}.role{font-size:12px;padding:0 6px;border:1px solid rgba(255,255,255,.5);border-radius:3px}
.lang{display:flex;gap:2px;font-size:12px}.lang a{padding:1px 6px;border-radius:3px}.lang a[aria-current=true]{background:rgba(255,255,255,.18);font-weight:600}
.signin-lang{display:flex;justify-content:flex-end;gap:8px;font-size:12px;margin-top:12px}.signin-lang a[aria-current=true]{font-weight:600;color:#1f2329}
.who button{background:none;border:1px solid rgba(255,255,255,.5);color:#fff;border-radius:4px;padding:2px 10px;cursor:pointer;font:inherit}
main{padding:12px 16px;max-width:1600px;margin:0 auto}
.card{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:12px 14px;margin-bottom:12px}
.muted{color:#5f6672}.small{font-size:12px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;line-height:20px;border:1px solid;white-space:nowrap}
.st-submitted{color:#0958d9;background:#e6f4ff;border-color:#91caff}
.st-in_review{color:#ad4e00;background:#fff7e6;border-color:#ffd591}
.st-approved{color:#237804;background:#f6ffed;border-color:#b7eb8f}
.st-denied{color:#cf1322;background:#fff1f0;border-color:#ffa39e}
.st-supplement_requested{color:#531dab;background:#f9f0ff;border-color:#d3adf7}
.st-completed{color:#595959;background:#f5f5f5;border-color:#d9d9d9}
.st-receiving{color:#006d75;background:#e6fffb;border-color:#87e8de}
.st-window_supplement,.st-window_rejected{color:#614700;background:#fffbe6;border-color:#ffe58f}
.overdue{color:#cf1322;font-weight:600}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:10px}
.count{display:block;min-width:104px;padding:6px 12px;background:#fff;border:1px solid #dde2ea;border-left-width:4px;border-radius:4px;color:inherit}
.count b{display:block;font-size:20px;line-height:1.2}
.count.st-submitted{border-left-color:#1677ff}.count.st-in_review{border-left-color:#fa8c16}.count.st-approved{border-left-color:#52c41a}
.count.st-denied{border-left-color:#f5222d}.count.st-supplement_requested{border-left-color:#722ed1}.count.st-completed{border-left-color:#8c8c8c}
.count.st-receiving{border-left-color:#13c2c2}
.tabs{display:flex;gap:2px;border-bottom:2px solid #dde2ea;margin-bottom:0}
.tabs a{padding:6px 14px;color:#374151;border-bottom:2px solid transparent;margin-bottom:-2px}
.tabs a.on{color:#1456c7;border-bottom-color:#1456c7;font-weight:600}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #edf0f4;vertical-align:top}
th{background:#f7f8fa;font-weight:600;color:#4b5563;white-space:nowrap}
tbody tr:hover{background:#f7fbff}
.num{font-family:ui-monospace,Consolas,monospace;white-space:nowrap}
.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
.kv dt{color:#5f6672}.kv dd{margin:0;white-space:pre-wrap;word-break:break-all}
.head{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin-bottom:8px}
.meta{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:4px 16px}
.meta div span{color:#5f6672;margin-right:6px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;align-items:start}
.error{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.notice{background:#f6ffed;border:1px solid #b7eb8f;color:#135200;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.hint{background:#fffbe6;border:1px solid #ffe58f;padding:8px 12px;border-radius:4px;margin:12px 0}
textarea,input[type=text],input[type=password]{width:100%;font:inherit;padding:6px 8px;border:1px solid #c9d1dc;border-radius:4px}
textarea{min-height:96px;resize:vertical}
.btns{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}
button.b{font:inherit;padding:5px 16px;border-radius:4px;border:1px solid #c9d1dc;background:#fff;cursor:pointer}
button.approve{background:#237804;border-color:#237804;color:#fff}
button.deny{background:#cf1322;border-color:#cf1322;color:#fff}
button.supplement{background:#722ed1;border-color:#722ed1;color:#fff}
button.primary{background:#1456c7;border-color:#1456c7;color:#fff}
button.danger{color:#cf1322;border-color:#ffa39e}
.reveal{display:inline-block;margin:0 0 0 8px}
.reveal .b{padding:0 8px;font-size:12px}
.supp{border:1px solid #dde2ea;border-radius:4px;padding:6px 10px 8px;margin:0 0 10px}
.supp legend{padding:0 4px;color:#4b5563}
.supp ul{list-style:none;margin:0;padding:0}.supp li{padding:6px 0;border-bottom:1px dashed #e5e7eb}.supp li:last-child{border-bottom:0}
.supp .pick{display:flex;gap:6px;align-items:baseline;margin-bottom:4px}.supp .pick input{margin:0}
.supp-list{margin:4px 0 0;padding-left:20px}
.history{list-style:none;margin:0;padding:0}.history li{padding:6px 0;border-bottom:1px dashed #e5e7eb}
.c{white-space:pre-wrap;margin-top:2px}
.material{border-top:1px solid #edf0f4;padding:10px 0}
.material:first-of-type{border-top:0}
.mhead{display:flex;flex-wrap:wrap;gap:12px;align-items:baseline}
.files{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:10px;margin-top:8px}
.file{margin:0;border:1px solid #dde2ea;border-radius:4px;padding:6px;background:#fafbfc}
.file img{display:block;max-width:100%;max-height:480px;margin:0 auto;background:#fff}
.file{align-self:start}.file.pdf{grid-column:1/-1}
.file object{display:block;width:100%;height:600px;border:0;background:#525659}
.file figcaption{font-size:12px;color:#4b5563;margin-top:4px;word-break:break-all}
.file-missing{display:flex;align-items:center;justify-content:center;height:120px;color:#874d00;background:#fffbe6;border:1px dashed #ffd666;border-radius:4px;font-weight:600}
.signin{max-width:380px;margin:72px auto}
.signin label{display:block;margin:10px 0 4px;color:#4b5563}
.code{font-family:ui-monospace,Consolas,monospace;font-size:40px;letter-spacing:4px;font-weight:700;color:#1d3557;margin:6px 0}
.inline{display:inline}
.row{display:flex;gap:8px;align-items:center}
.page-title{margin:4px 0 12px}
.grid-form{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px 16px;align-items:start}
.grid-form .btns{grid-column:1/-1}
.field label{display:block;margin:0 0 4px;color:#4b5563}
select{font:inherit;height:35px;padding:5px 8px;border:1px solid #c9d1dc;border-radius:4px;background:#fff;width:100%}
.cols3{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;align-items:start}
footer{color:#4b5563;font-size:12px;padding:8px 16px}
`);

export function badge(ui: Translator, state: string): SafeHtml {
  return html`<span class="badge st-${state}">${stateLabel(ui, state)}</span>`;
}

/** A table with one header row; when there are no rows, `empty` stands in a single cell across every column. */
export function dataTable(headers: readonly string[], rows: readonly SafeHtml[], empty: string): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        ${headers.map((h) => html`<th>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${
        rows.length
          ? rows
          : html`<tr>
              <td colspan="${headers.length}" class="muted">${empty}</td>
            </tr>`
      }
    </tbody>
  </table>`;
}

export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${viewer.csrf}" />`;
}

export function messageBoxes(error: string | null, notice: string | null): SafeHtml {
  return html`${error ? html`<div class="error" role="alert">${error}</div>` : ''}${
    notice ? html`<div class="notice" role="status">${notice}</div>` : ''
  }`;
}

/** Which part of the top bar is lit. */
export type Section = 'queue' | 'admin' | 'people' | 'log';

const adminSections: readonly { key: Section; label: MessageKey; path: string }[] = [
  { key: 'admin', label: 'nav.admin', path: '/approver/admin' },
  { key: 'people', label: 'nav.people', path: '/approver/people' },
  { key: 'log', label: 'nav.log', path: '/approver/log' },
];

function navLink(path: string, label: string, on: boolean): SafeHtml {
  return html`<a href="${path}" class="${on ? 'on' : ''}" aria-current="${on ? 'page' : 'false'}">${label}</a>`;
}

/** 中文 / English: plain links that set the language cookie and come back here. */
function langSwitch(ui: Ui, className: string): SafeHtml {
  return html`<nav class="${className}" aria-label="${ui.t('lang.switch')}">
    ${langs.map(
      (lang: Lang) =>
        html`<a
          href="${href('/approver/lang', { to: lang, back: ui.here })}"
          lang="${lang}"
          hreflang="${lang}"
          aria-current="${lang === ui.lang ? 'true' : 'false'}"
          >${ui.t(`lang.${lang}`)}</a
        >`,
    )}
  </nav>`;
}

function topBar(ui: Ui, serviceName: string, viewer: Viewer | null, active: Section | null): SafeHtml {
  if (!viewer) {
    return html`<header class="top">
      <span class="brand">${serviceName}</span><span style="flex:1"></span>${langSwitch(ui, 'lang')}
    </header>`;
  }
  const { person } = viewer;
  return html`<header class="top">
    <a class="brand" href="/approver">${serviceName}</a>
    <nav aria-label="${ui.t('nav.main')}">
      ${navLink('/approver', ui.t('nav.queue'), active === 'queue')}
      ${person.role === 'admin' ? adminSections.map((s) => navLink(s.path, ui.t(s.label), active === s.key)) : ''}
    </nav>
    ${langSwitch(ui, 'lang')}
    <div class="who">
      <span>${person.displayName}</span><span class="role">${roleLabel(ui, person.role)}</span>
      ${person.department ? html`<span class="small">${person.department}</span>` : ''}
      <form method="post" action="/approver/sign-out" class="inline">
        ${csrfField(viewer)}<button type="submit">${ui.t('nav.signOut')}</button>
      </form>
    </div>
  </header>`;
}

export interface PageOptions {
  ui: Ui;
  serviceName: string;
  title: string;
  viewer: Viewer | null;
  body: SafeHtml;
  active?: Section | null;
}

/** The whole document around a page's body. */
export function layout(options: PageOptions): string {
  const doc = html`<!doctype html>
    <html lang="${options.ui.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · ${options.serviceName}</title>
        <style>
          ${styles}
        </style>
      </head>
      <body>
        ${topBar(options.ui, options.serviceName, options.viewer, options.active ?? null)}
        <main>${options.body}</main>
      </body>
    </html>`;
  return doc.html;
}

/** States in which the promised date still matters (the case is not decided or finished). */
export const openStates = new Set(['receiving', 'submitted', 'in_review']);

/** A promised date, marked 已超期 when an open case is past it. */
export function promised(ui: Translator, date: string | null, today: string, open: boolean): SafeHtml {
  if (!date) return html`<span class="muted">—</span>`;
  const late = open && date < today;
  return html`<span class="${late ? 'overdue' : ''}">${date}</span
    >${late ? html` <span class="overdue small">${ui.t('common.overdue')}</span>` : ''}`;
}
