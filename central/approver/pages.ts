import type { CentralState } from '@yichuang/domain/protocol';
import type { CentralAudit, AuditHeads } from '../service/audit';
import type { CaseStore } from '../service/cases';
import type { Person } from '../service/people';
import type { WorkstationRegistry } from '../service/workstations';
import type { PersonDraft } from '@yichuang/domain/cases';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { formatTime, href, html, trusted, type HtmlValue, type SafeHtml } from './html';

/** The approver page's renderers: each takes plain data and returns a whole HTML document. */

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

export const stateLabels: Record<CentralState, string> = {
  receiving: '材料接收中',
  submitted: '待审查',
  in_review: '审查中',
  approved: '已批准',
  denied: '不予批准',
  supplement_requested: '要求补正',
  completed: '已办结',
  window_supplement: '窗口要求补正',
  window_rejected: '窗口不予受理',
};

export function stateLabel(state: string): string {
  return (stateLabels as Record<string, string>)[state] ?? state;
}

export const roleLabels: Record<Person['role'], string> = { admin: '管理员', approver: '审批人' };

export const queueTabs = [
  { key: 'pending', label: '待审查', states: ['submitted', 'in_review'] },
  { key: 'receiving', label: '材料接收中', states: ['receiving'] },
  { key: 'approved', label: '已批准', states: ['approved'] },
  { key: 'denied', label: '不予批准', states: ['denied'] },
  { key: 'supplement_requested', label: '要求补正', states: ['supplement_requested'] },
  { key: 'completed', label: '已办结', states: ['completed'] },
  { key: 'window', label: '窗口已处理', states: ['window_supplement', 'window_rejected'] },
] as const satisfies readonly { key: string; label: string; states: readonly CentralState[] }[];
export type QueueTab = (typeof queueTabs)[number];

const eventLabels: Record<string, string> = {
  submitted: '材料收齐，提交审查',
  in_review: '开始审查',
  approved: '批准',
  denied: '不予批准',
  supplement_requested: '要求补正',
  completed: '办结',
};

const itemStatusLabels: Record<string, string> = {
  complete: '齐全',
  missing: '缺少',
  not_applicable: '不适用',
  optional_empty: '未提供（非必交）',
};

const idTypeLabels: Record<string, string> = {
  resident: '居民身份证',
  foreign_permanent: '外国人永久居留身份证',
  hk_macao_taiwan: '港澳台居民居住证',
};

const styles = trusted(`
*{box-sizing:border-box}
html{font-size:14px}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.5;color:#1f2329;background:#f3f5f8}
a{color:#1456c7;text-decoration:none}a:hover{text-decoration:underline}
h1{font-size:20px;margin:0}h2{font-size:15px;margin:0 0 8px}h3{font-size:14px;margin:0}
.top{display:flex;align-items:center;gap:20px;height:44px;padding:0 16px;background:#1d3557;color:#fff}
.top a{color:#fff}.brand{font-weight:600;font-size:15px}
.top nav{display:flex;gap:4px;flex:1}.top nav a{padding:4px 12px;border-radius:4px}.top nav a.on{background:rgba(255,255,255,.18)}
.who{display:flex;align-items:center;gap:8px}.role{font-size:12px;padding:0 6px;border:1px solid rgba(255,255,255,.5);border-radius:3px}
.who button{background:none;border:1px solid rgba(255,255,255,.5);color:#fff;border-radius:4px;padding:2px 10px;cursor:pointer;font:inherit}
main{padding:12px 16px;max-width:1600px;margin:0 auto}
.card{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:12px 14px;margin-bottom:12px}
.muted{color:#6b7280}.small{font-size:12px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;line-height:20px;border:1px solid;white-space:nowrap}
.st-submitted{color:#0958d9;background:#e6f4ff;border-color:#91caff}
.st-in_review{color:#d46b08;background:#fff7e6;border-color:#ffd591}
.st-approved{color:#389e0d;background:#f6ffed;border-color:#b7eb8f}
.st-denied{color:#cf1322;background:#fff1f0;border-color:#ffa39e}
.st-supplement_requested{color:#531dab;background:#f9f0ff;border-color:#d3adf7}
.st-completed{color:#595959;background:#f5f5f5;border-color:#d9d9d9}
.st-receiving{color:#08979c;background:#e6fffb;border-color:#87e8de}
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
.kv dt{color:#6b7280}.kv dd{margin:0;white-space:pre-wrap;word-break:break-all}
.head{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin-bottom:8px}
.meta{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:4px 16px}
.meta div span{color:#6b7280;margin-right:6px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px;align-items:start}
.error{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.notice{background:#f6ffed;border:1px solid #b7eb8f;color:#135200;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.hint{background:#fffbe6;border:1px solid #ffe58f;padding:8px 12px;border-radius:4px;margin:12px 0}
textarea,input[type=text],input[type=password]{width:100%;font:inherit;padding:6px 8px;border:1px solid #c9d1dc;border-radius:4px}
textarea{min-height:96px;resize:vertical}
.btns{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}
button.b{font:inherit;padding:5px 16px;border-radius:4px;border:1px solid #c9d1dc;background:#fff;cursor:pointer}
button.approve{background:#389e0d;border-color:#389e0d;color:#fff}
button.deny{background:#cf1322;border-color:#cf1322;color:#fff}
button.supplement{background:#722ed1;border-color:#722ed1;color:#fff}
button.primary{background:#1456c7;border-color:#1456c7;color:#fff}
button.danger{color:#cf1322;border-color:#ffa39e}
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
.file-missing{display:flex;align-items:center;justify-content:center;height:120px;color:#ad6800;background:#fffbe6;border:1px dashed #ffd666;border-radius:4px;font-weight:600}
.signin{max-width:380px;margin:72px auto}
.signin label{display:block;margin:10px 0 4px;color:#4b5563}
.code{font-family:ui-monospace,Consolas,monospace;font-size:40px;letter-spacing:4px;font-weight:700;color:#1d3557;margin:6px 0}
.inline{display:inline}
.row{display:flex;gap:8px;align-items:center}
footer{color:#9ca3af;font-size:12px;padding:8px 16px}
`);

function badge(state: string): SafeHtml {
  return html`<span class="badge st-${state}">${stateLabel(state)}</span>`;
}

/** A table with one header row; when there are no rows, `empty` stands in a single cell across every column. */
function dataTable(headers: readonly string[], rows: readonly SafeHtml[], empty: string): SafeHtml {
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

function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${viewer.csrf}" />`;
}

function messageBoxes(error: string | null, notice: string | null): SafeHtml {
  return html`${error ? html`<div class="error" role="alert">${error}</div>` : ''}${
    notice ? html`<div class="notice" role="status">${notice}</div>` : ''
  }`;
}

function topBar(serviceName: string, viewer: Viewer | null, active: 'queue' | 'admin' | null): SafeHtml {
  if (!viewer) return html`<header class="top"><span class="brand">${serviceName}</span></header>`;
  const { person } = viewer;
  return html`<header class="top">
    <a class="brand" href="/approver">${serviceName}</a>
    <nav>
      <a href="/approver" class="${active === 'queue' ? 'on' : ''}">队列</a>
      ${person.role === 'admin' ? html`<a href="/approver/admin" class="${active === 'admin' ? 'on' : ''}">管理</a>` : ''}
    </nav>
    <div class="who">
      <span>${person.displayName}</span><span class="role">${roleLabels[person.role]}</span>
      ${person.department ? html`<span class="small">${person.department}</span>` : ''}
      <form method="post" action="/approver/sign-out" class="inline">
        ${csrfField(viewer)}<button type="submit">退出</button>
      </form>
    </div>
  </header>`;
}

export interface PageOptions {
  serviceName: string;
  title: string;
  viewer: Viewer | null;
  body: SafeHtml;
  active?: 'queue' | 'admin' | null;
  refreshSeconds?: number;
}

/** The whole document around a page's body. */
export function layout(options: PageOptions): string {
  const doc = html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}" />` : ''}
        <title>${options.title} · ${options.serviceName}</title>
        <style>
          ${styles}
        </style>
      </head>
      <body>
        ${topBar(options.serviceName, options.viewer, options.active ?? null)}
        <main>${options.body}</main>
      </body>
    </html>`;
  return doc.html;
}

export function signInPage(data: {
  serviceName: string;
  error: string | null;
  username: string;
  next: string;
  noPeople: boolean;
}): string {
  const body = html`<div class="signin card">
    <h1>审批人登录</h1>
    <p class="muted small">${data.serviceName}</p>
    ${messageBoxes(data.error, null)}
    ${
      data.noPeople
        ? html`<div class="hint">
            尚无任何账户。请在中心服务器上运行
            <code>npm run central -- add-person --username admin --name 管理员 --role admin --password …</code>
            创建第一位管理员（密码至少 10 位），再用它登录。
          </div>`
        : ''
    }
    <form method="post" action="/approver/sign-in">
      <input type="hidden" name="next" value="${data.next}" />
      <label for="username">用户名</label>
      <input
        type="text"
        id="username"
        name="username"
        value="${data.username}"
        autocomplete="username"
        required
        autofocus
      />
      <label for="password">密码</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <div class="btns"><button type="submit" class="b primary">登录</button></div>
    </form>
  </div>`;
  return layout({ serviceName: data.serviceName, title: '登录', viewer: null, body });
}

function windowLabel(windowNumber: number, ws: WorkstationRow | undefined): SafeHtml {
  return html`${windowNumber} 号窗口${ws ? html`<div class="muted small">${ws.hallName}</div>` : ''}`;
}

function promised(date: string | null, today: string, open: boolean): SafeHtml {
  if (!date) return html`<span class="muted">—</span>`;
  const late = open && date < today;
  return html`<span class="${late ? 'overdue' : ''}">${date}</span
    >${late ? html` <span class="overdue small">已超期</span>` : ''}`;
}

/** Lists show a person's ID number masked (first 6, last 4); a credit code is public and shown whole. */
function applicantId(entry: { subject: string; id: string } | undefined): SafeHtml | '' {
  if (!entry?.id) return '';
  return html`<div class="muted small num">${entry.subject === 'enterprise' ? entry.id : maskIdNumber(entry.id)}</div>`;
}

/** States in which the promised date still matters (the case is not decided or finished). */
const openStates = new Set(['receiving', 'submitted', 'in_review']);

export function queuePage(data: {
  serviceName: string;
  viewer: Viewer;
  tab: QueueTab;
  rows: QueueRow[];
  counts: Record<string, number>;
  workstations: Map<string, WorkstationRow>;
  /** Case id → the applicant's ID number (a person) or credit code (an enterprise), from the current version. */
  applicantIds: Map<string, { subject: string; id: string }>;
  today: string;
  now: Date;
  limit: number;
}): string {
  const count = (state: string) => data.counts[state] ?? 0;
  const tabCount = (tab: QueueTab) => tab.states.reduce((n, s) => n + count(s), 0);
  const tabOf = (state: string) =>
    queueTabs.find((t) => (t.states as readonly string[]).includes(state))?.key ?? 'pending';
  const stats: CentralState[] = [
    'submitted',
    'in_review',
    'receiving',
    'approved',
    'denied',
    'supplement_requested',
    'completed',
  ];
  const rows = data.rows.map(
    (r) =>
      html`<tr>
        <td class="num"><a href="/approver/cases/${r.id}">${r.number}</a></td>
        <td>
          ${r.matterName}
          <div class="muted small">${r.department}</div>
        </td>
        <td>${r.applicantName}${applicantId(data.applicantIds.get(r.id))}</td>
        <td>${windowLabel(r.windowNumber, data.workstations.get(r.workstationId))}</td>
        <td>${r.clerkName}</td>
        <td class="num">
          ${r.submittedAt ? formatTime(r.submittedAt) : html`<span class="muted">接收 ${formatTime(r.receivedAt)}</span>`}
        </td>
        <td class="num">${promised(r.promisedDate, data.today, openStates.has(r.state))}</td>
        <td>${badge(r.state)}${r.approver ? html`<div class="muted small">${r.approver}</div>` : ''}</td>
        <td>
          <a href="/approver/cases/${r.id}">${r.state === 'submitted' || r.state === 'in_review' ? '审查' : '查看'}</a>
        </td>
      </tr>`,
  );
  const body = html`<section class="counts">
      ${stats.map(
        (s) =>
          html`<a class="count st-${s}" href="${href('/approver', { tab: tabOf(s) })}"
            ><span class="small">${stateLabel(s)}</span><b>${count(s)}</b></a
          >`,
      )}
    </section>
    <nav class="tabs">
      ${queueTabs.map(
        (t) =>
          html`<a href="${href('/approver', { tab: t.key })}" class="${t.key === data.tab.key ? 'on' : ''}"
            >${t.label}（${tabCount(t)}）</a
          >`,
      )}
    </nav>
    ${dataTable(
      ['办件编号', '事项', '申请人', '窗口', '受理人', '提交时间', '承诺办结日期', '状态', ''],
      rows,
      `暂无${data.tab.label}的办件`,
    )}
    <footer>
      ${data.rows.length >= data.limit ? html`仅显示最早的 ${data.limit} 件。` : ''}每 15 秒自动刷新 · 更新于
      ${formatTime(data.now.toISOString())}
    </footer>`;
  return layout({
    serviceName: data.serviceName,
    title: `队列 · ${data.tab.label}`,
    viewer: data.viewer,
    body,
    active: 'queue',
    refreshSeconds: 15,
  });
}

function kv(pairs: [string, HtmlValue][]): SafeHtml {
  return html`<dl class="kv">
    ${pairs.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v === '' || v === null || v === undefined ? '—' : v}</dd>`,
    )}
  </dl>`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface CasePageData {
  serviceName: string;
  viewer: Viewer;
  detail: CaseDetailData;
  workstation: WorkstationRow | undefined;
  /** Form field key → label, from the published catalog when central has one. */
  formLabels: Map<string, string>;
  today: string;
  error: string | null;
  notice: string | null;
  comment: string;
}

function personBlock(title: string, p: PersonDraft): SafeHtml {
  return html`<h2>${title}</h2>
    ${kv([
      ['姓名', p.name],
      ['证件类型', idTypeLabels[p.idType] ?? p.idType],
      ['证件号码', html`<span class="num">${p.idNumber}</span>`],
      ['性别', p.sex],
      ['民族', p.nation],
      ['出生日期', p.birthDate],
      ['联系电话', p.phone],
      ['住址', p.address],
      ['信息来源', p.source === 'card' ? '读卡' : '手工录入'],
    ])}`;
}

function decisionPanel(data: CasePageData): SafeHtml {
  const { row, missing } = data.detail;
  const viewer = data.viewer;
  const result =
    row.comment || row.approver
      ? kv([
          ['审批人', row.approver ?? ''],
          ['意见', row.comment],
        ])
      : '';
  switch (row.state) {
    case 'submitted':
    case 'in_review':
      return html`<form method="post" action="/approver/cases/${row.id}/decide">
        ${csrfField(viewer)}<input type="hidden" name="version" value="${row.version}" />
        <label for="comment" class="muted">意见（批准可不填；不予批准、要求补正须写明理由或需补正的内容）</label>
        <textarea id="comment" name="comment" maxlength="1000">${data.comment}</textarea>
        <div class="btns">
          <button type="submit" name="action" value="approve" class="b approve">批准</button>
          <button type="submit" name="action" value="supplement" class="b supplement">要求补正</button>
          <button type="submit" name="action" value="deny" class="b deny">不予批准</button>
        </div>
      </form>`;
    case 'approved':
    case 'denied':
      return html`${result}
        <form method="post" action="/approver/cases/${row.id}/complete" class="btns">
          ${csrfField(viewer)}<input type="hidden" name="version" value="${row.version}" />
          <button type="submit" class="b primary">办结</button
          ><span class="muted small">审批结果已送达申请人后办结。</span>
        </form>`;
    case 'supplement_requested':
      return html`${result}
        <p class="muted">已要求补正：等待窗口收齐材料后提交新版本。</p>`;
    case 'completed':
      return html`${result}
        <p class="muted">已办结。</p>`;
    case 'receiving':
      return html`<p class="muted">材料接收中：还有 ${missing.length} 个文件未收到，收齐后自动进入待审查。</p>`;
    default:
      return html`<p class="muted">窗口已作出${stateLabel(row.state)}的决定，本办件仅存档，无需审批。</p>`;
  }
}

export function casePage(data: CasePageData): string {
  const { row, body, events, missing } = data.detail;
  const missingSet = new Set(missing);
  const ws = data.workstation;
  const header = html`<section class="card">
    <div class="head">
      <h1 class="num">${row.number}</h1>
      ${badge(row.state)}<span class="muted">第 ${row.version} 版</span>
    </div>
    <div class="meta">
      <div><span>事项</span>${row.matterName} <span class="muted small">${row.matterCode}</span></div>
      <div><span>部门</span>${row.department}</div>
      <div><span>窗口</span>${row.windowNumber} 号窗口${ws ? html` · ${ws.hallName}` : ''}</div>
      <div><span>受理人</span>${row.clerkName}</div>
      <div><span>受理时间</span>${formatTime(body?.acceptedAt ?? row.receivedAt)}</div>
      <div><span>提交审查</span>${formatTime(row.submittedAt)}</div>
      <div>
        <span>承诺办结日期</span>${promised(row.promisedDate, data.today, openStates.has(row.state))}${
          body?.promisedProvisional ? html` <span class="muted small">（暂定）</span>` : ''
        }
      </div>
      <div><span>申请人</span>${row.applicantName}</div>
    </div>
  </section>`;
  if (!body) {
    return layout({
      serviceName: data.serviceName,
      title: row.number,
      viewer: data.viewer,
      active: 'queue',
      body: html`${header}${messageBoxes(data.error, data.notice)}
        <div class="error">中心没有这一版本的办件内容：请联系管理员核对。</div>`,
    });
  }
  const draft = body.draft;
  const applicant =
    body.subject === 'enterprise'
      ? html`<h2>申请单位</h2>
          ${kv([
            ['单位名称', draft.enterprise.name],
            ['统一社会信用代码', html`<span class="num">${draft.enterprise.creditCode}</span>`],
            ['法定代表人', draft.enterprise.legalRepresentative],
            ['联系电话', draft.enterprise.phone],
            ['地址', draft.enterprise.address],
          ])}${draft.person.name ? html`<div style="margin-top:10px">${personBlock('经办人', draft.person)}</div>` : ''}`
      : personBlock('申请人', draft.person);
  const agent = draft.hasAgent ? html`<div style="margin-top:10px">${personBlock('代理人', draft.agent)}</div>` : '';
  const formEntries = Object.entries(draft.form);
  const form = formEntries.length
    ? kv(formEntries.map(([k, v]) => [data.formLabels.get(k) ?? k, v]))
    : html`<p class="muted">本事项没有申请表字段。</p>`;

  const materials = body.materials.map(
    (m) =>
      html`<article class="material">
        <div class="mhead">
          <h3>${m.name}</h3>
          <span class="small ${m.required ? '' : 'muted'}">${m.required ? '必交' : '非必交'}</span>
          <span class="small">状态：${itemStatusLabels[m.status] ?? m.status}</span>
          <span class="small">页数：${m.pages}</span>
          <span class="small">原件核验：${m.originalChecked ? '已核验' : '未核验'}</span>
          <span class="small">复印件：${m.copies} 份</span>
          <span class="small">电子证照：${m.eLicence ? '是' : '否'}</span>
        </div>
        ${
          m.files.length
            ? html`<div class="files">
                ${m.files.map((f) => {
                  const url = `/approver/files/${f.sha256}`;
                  const absent = missingSet.has(f.sha256);
                  const pdf = f.mime === 'application/pdf';
                  const view = absent
                    ? html`<div class="file-missing">尚未收到</div>`
                    : pdf
                      ? html`<object data="${url}" type="application/pdf" title="${f.name}">
                          <p><a href="${url}" target="_blank" rel="noopener">打开 PDF：${f.name}</a></p>
                        </object>`
                      : html`<a href="${url}" target="_blank" rel="noopener"
                          ><img src="${url}" alt="${f.name}" loading="lazy"
                        /></a>`;
                  return html`<figure class="file ${pdf ? 'pdf' : 'image'}">
                    ${view}
                    <figcaption>
                      ${f.name} · ${f.pages} 页 ·
                      ${formatBytes(f.bytes)}${
                        absent
                          ? ''
                          : html` · <a href="${url}" target="_blank" rel="noopener">新窗口打开</a> ·
                              <a href="${href(url, { download: '1' })}">下载</a>`
                      }
                    </figcaption>
                  </figure>`;
                })}
              </div>`
            : html`<p class="muted small">无电子文件。</p>`
        }
      </article>`,
  );

  const history = html`<ul class="history">
    ${events.map(
      (e) =>
        html`<li>
          <span class="num small muted">${formatTime(e.at)}</span> <b>${eventLabels[e.kind] ?? e.kind}</b>${
            e.approver ? html` · ${e.approver}` : ''
          }
          <span class="muted small">第 ${e.caseVersion} 版</span
          >${e.comment ? html`<div class="c">${e.comment}</div>` : ''}
        </li>`,
    )}
    <li>
      <span class="num small muted">${formatTime(body.acceptedAt ?? body.decidedAt)}</span> <b>窗口受理</b> ·
      ${body.clerk.displayName}
    </li>
  </ul>`;

  const decidable = row.state === 'submitted' || row.state === 'in_review';
  // A refused decision keeps what was typed: in the box when the case can still be decided, here otherwise.
  const unsaved =
    data.error && data.comment.trim() && !decidable
      ? html`<div class="error">
          您填写的意见未保存：
          <div class="c">${data.comment}</div>
        </div>`
      : '';
  const main = html`${header}${messageBoxes(data.error, data.notice)}${unsaved}
    <div class="cols">
      <div>
        <section class="card">${applicant}${agent}</section>
        <section class="card">
          <h2>申请表</h2>
          ${form}
        </section>
      </div>
      <div>
        <section class="card">
          <h2>审批</h2>
          ${decisionPanel(data)}
        </section>
        <section class="card">
          <h2>办理记录</h2>
          ${history}
        </section>
      </div>
    </div>
    <section class="card">
      <h2>
        材料（${body.materials.length}
        项${missing.length ? html`，<span class="overdue">${missing.length} 个文件尚未收到</span>` : ''}）
      </h2>
      ${materials.length ? materials : html`<p class="muted">本办件没有材料。</p>`}
    </section>`;
  return layout({
    serviceName: data.serviceName,
    title: `${row.number} ${row.applicantName}`,
    viewer: data.viewer,
    body: main,
    active: 'queue',
  });
}

const anomalyLabels: Record<string, string> = { cut_short: '审计记录被截短', rewritten: '审计记录被改写' };
const actorKindLabels: Record<string, string> = {
  clerk: '窗口人员',
  approver: '审批人',
  admin: '管理员',
  system: '系统',
};

function workstationName(ws: WorkstationRow | undefined, id: string): SafeHtml {
  return ws
    ? html`${ws.districtCode} · ${ws.windowNumber} 号窗口
        <div class="muted small">${ws.hallName} · ${ws.hostname}</div>`
    : html`<span class="num small">${id}</span>`;
}

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export interface AdminPageData {
  serviceName: string;
  viewer: Viewer;
  created: { code: string; expiresAt: string; note: string } | null;
  note: string;
  error: string | null;
  notice: string | null;
  workstations: WorkstationRow[];
  anomalies: AnomalyRow[];
  audit: AuditRow[];
}

export function adminPage(data: AdminPageData): string {
  const byId = new Map(data.workstations.map((w) => [w.id, w]));
  const created = data.created
    ? html`<div class="notice">
        <div>新的注册码（${data.created.note}）：</div>
        <div class="code">${data.created.code}</div>
        <div>
          有效期至
          ${formatTime(data.created.expiresAt)}，只能使用一次。<b>此码只显示这一次</b>：请抄下或当面告知窗口，在工作站“设置
          → 中心”中输入。
        </div>
      </div>`
    : '';
  const workstations = data.workstations.map(
    (w) =>
      html`<tr>
        <td>${w.districtCode} · ${w.windowNumber} 号窗口</td>
        <td>${w.hallName}</td>
        <td class="num">${w.hostname}</td>
        <td class="num">${formatTime(w.enrolledAt)}</td>
        <td class="num">${formatTime(w.lastSeenAt)}</td>
        <td>
          ${w.revokedAt ? html`<span class="badge st-denied">已吊销</span> <span class="small muted">${formatTime(w.revokedAt)}</span>` : html`<span class="badge st-approved">正常</span>`}
        </td>
        <td>
          ${
            w.revokedAt
              ? ''
              : html`<form method="post" action="/approver/admin/workstations/${w.id}/revoke" class="row">
                  ${csrfField(data.viewer)}<label class="small"
                    ><input type="checkbox" name="confirm" value="yes" required /> 确认</label
                  >
                  <button type="submit" class="b danger">吊销</button>
                </form>`
          }
        </td>
      </tr>`,
  );
  const anomalies = data.anomalies.map(
    (a) =>
      html`<tr>
        <td>${workstationName(byId.get(a.workstationId), a.workstationId)}</td>
        <td class="num">${a.sequence}</td>
        <td><span class="badge st-denied">${anomalyLabels[a.status] ?? a.status}</span></td>
        <td>${a.detail}</td>
        <td class="num">${formatTime(a.receivedAt)}</td>
      </tr>`,
  );
  const audit = data.audit.map(
    (e) =>
      html`<tr>
        <td class="num">${formatTime(e.at)}</td>
        <td>${actorKindLabels[e.actorKind] ?? e.actorKind} · ${e.actor}</td>
        <td class="num">${e.action}</td>
        <td class="num small">${e.target ?? ''}</td>
        <td class="small">${detailText(e.detail)}</td>
      </tr>`,
  );
  const body = html`${messageBoxes(data.error, data.notice)}
    <section class="card">
      <h2>工作站注册码</h2>
      ${created}
      <form method="post" action="/approver/admin/enrolment-codes" class="row">
        ${csrfField(data.viewer)}
        <label for="note" class="muted" style="white-space:nowrap">用途</label>
        <input
          type="text"
          id="note"
          name="note"
          value="${data.note}"
          maxlength="100"
          placeholder="如：张店区市民中心 3 号窗口"
          required
          style="max-width:360px"
        />
        <button type="submit" class="b primary">生成一次性注册码</button>
      </form>
      <p class="muted small">注册码 24 小时内有效，只能使用一次；中心只保存它的摘要。</p>
    </section>
    <section class="card">
      <h2>工作站（${data.workstations.length}）</h2>
      ${dataTable(['窗口', '大厅', '主机名', '注册时间', '最近联系', '状态', ''], workstations, '尚无注册的工作站')}
    </section>
    <section class="card">
      <h2>审计记录异常（${data.anomalies.length}）</h2>
      ${dataTable(['工作站', '序号', '异常', '说明', '时间'], anomalies, '未发现异常')}
    </section>
    <section class="card">
      <h2>中心操作记录（最近 ${data.audit.length} 条）</h2>
      ${dataTable(['时间', '操作人', '操作', '对象', '内容'], audit, '暂无记录')}
    </section>`;
  return layout({ serviceName: data.serviceName, title: '管理', viewer: data.viewer, body, active: 'admin' });
}

/** A page that only says something (403, 404, 500). */
export function messagePage(data: {
  serviceName: string;
  viewer: Viewer | null;
  title: string;
  message: string;
}): string {
  const body = html`<section class="card">
    <h1>${data.title}</h1>
    <p>${data.message}</p>
    <p><a href="/approver">返回队列</a></p>
  </section>`;
  return layout({ serviceName: data.serviceName, title: data.title, viewer: data.viewer, body });
}
