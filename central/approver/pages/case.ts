import { formatTime, href, html, type HtmlValue, type SafeHtml } from '../html';
import {
  badge,
  csrfField,
  layout,
  openStates,
  promised,
  messageBoxes,
  stateLabel,
  type CaseDetailData,
  type Viewer,
  type WorkstationRow,
} from './layout';
import { idTypeNames, type PersonDraft } from '@yichuang/domain/cases';
import type { CasePut, CentralSupplementItem } from '@yichuang/domain/protocol';

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
  /** The materials ticked for a supplement and their reasons, as typed (kept when a decision is refused). */
  choices: { itemId: string; reason: string }[];
}

/** A supplement request's materials and reasons, as the history and the result show them. */
function supplementList(items: readonly CentralSupplementItem[]): SafeHtml | '' {
  if (items.length === 0) return '';
  return html`<ol class="supp-list">
    ${items.map((x) => html`<li><b>${x.name}</b>：${x.reason}</li>`)}
  </ol>`;
}

/**
 * 需补正的材料: every checklist item of the version as central received it, to tick with what is
 * wrong with it. Without script on these pages, it stands in the form and is read only on 要求补正.
 */
function supplementFieldset(materials: CasePut['materials'], choices: CasePageData['choices']): SafeHtml | '' {
  if (materials.length === 0) return '';
  const chosen = new Map(choices.map((c) => [c.itemId, c.reason]));
  return html`<fieldset class="supp">
    <legend>需补正的材料（要求补正时勾选，并逐项写明需补正的内容；一次性告知全部）</legend>
    <ul>
      ${materials.map((m, i) => {
        const reason = chosen.get(m.itemId);
        return html`<li>
          <div class="pick">
            <input
              type="checkbox"
              id="supp-item-${i}"
              name="item.${m.itemId}"
              value="1"
              ${reason !== undefined ? html`checked` : ''}
            />
            <label for="supp-item-${i}"
              >${m.name}
              <span class="small muted"
                >${m.required ? '必交' : '非必交'} · ${itemStatusLabels[m.status] ?? m.status} · ${m.pages} 页</span
              ></label
            >
          </div>
          <input
            type="text"
            id="supp-reason-${i}"
            name="reason.${m.itemId}"
            maxlength="200"
            value="${reason ?? ''}"
            aria-label="「${m.name}」需补正的内容"
            placeholder="需补正的内容，如：缺少原件、未加盖公章"
          />
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

function personBlock(title: string, p: PersonDraft): SafeHtml {
  return html`<h2>${title}</h2>
    ${kv([
      ['姓名', p.name],
      ['证件类型', idTypeNames[p.idType] ?? p.idType],
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
  const { row, missing, events } = data.detail;
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
        ${supplementFieldset(data.detail.body?.materials ?? [], data.choices)}
        <label for="comment" class="muted">意见（批准可不填；不予批准须写明理由；要求补正时作为「其他说明」）</label>
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
      return html`${result}${supplementList(
          events.find((e) => e.kind === 'supplement_requested' && e.caseVersion === row.version)?.items ?? [],
        )}
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
          >${e.comment ? html`<div class="c">${e.comment}</div>` : ''}${supplementList(e.items)}
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
