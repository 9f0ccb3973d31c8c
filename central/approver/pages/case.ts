import { formatTime, href, html, type HtmlValue, type SafeHtml } from '../html';
import {
  badge,
  csrfField,
  labelOf,
  layout,
  openStates,
  promised,
  messageBoxes,
  stateLabel,
  type CaseDetailData,
  type Ui,
  type Viewer,
  type WorkstationRow,
} from './layout';
import { idTypeNames, idTypeNamesEn, type PersonDraft } from '@yichuang/domain/cases';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { Translator } from '../i18n';
import type { CasePut, CentralSupplementItem } from '@yichuang/domain/protocol';

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
  ui: Ui;
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
  /** ID numbers shown whole (the approver pressed 显示完整证件号, audited); masked otherwise. */
  revealId?: boolean;
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
function supplementFieldset(
  ui: Translator,
  materials: CasePut['materials'],
  choices: CasePageData['choices'],
): SafeHtml | '' {
  if (materials.length === 0) return '';
  const chosen = new Map(choices.map((c) => [c.itemId, c.reason]));
  return html`<fieldset class="supp">
    <legend>${ui.t('case.suppLegend')}</legend>
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
                >${m.required ? ui.t('case.required') : ui.t('case.optional')} · ${labelOf(ui, 'item', m.status)} ·
                ${ui.t('case.pages', { pages: m.pages })}</span
              ></label
            >
          </div>
          <input
            type="text"
            id="supp-reason-${i}"
            name="reason.${m.itemId}"
            maxlength="200"
            value="${reason ?? ''}"
            aria-label="${ui.t('case.suppReasonLabel', { name: m.name })}"
            placeholder="${ui.t('case.suppReasonPlaceholder')}"
          />
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

/**
 * An ID number as the case page shows it: masked (first 6, last 4) with a button that shows it whole
 * (a post, so each look is audited), or whole once asked for.
 */
function idNumberCell(data: CasePageData, idNumber: string): SafeHtml | '' {
  if (!idNumber) return '';
  if (data.revealId) return html`<span class="num">${idNumber}</span>`;
  // No white space between the parts: a kv value keeps it (pre-wrap).
  const action = `/approver/cases/${data.detail.row.id}/reveal-id`;
  const button = html`<button type="submit" class="b">${data.ui.t('case.revealId')}</button>`;
  const form = html`<form class="reveal" method="post" action="${action}">${csrfField(data.viewer)}${button}</form>`;
  return html`<span class="num">${maskIdNumber(idNumber)}</span>${form}`;
}

function personBlock(data: CasePageData, title: string, p: PersonDraft): SafeHtml {
  const { ui } = data;
  const idTypes = ui.lang === 'en' ? idTypeNamesEn : idTypeNames;
  return html`<h2>${title}</h2>
    ${kv([
      [ui.t('case.person.name'), p.name],
      [ui.t('case.person.idType'), idTypes[p.idType] ?? p.idType],
      [ui.t('case.person.idNumber'), idNumberCell(data, p.idNumber)],
      [ui.t('case.person.sex'), p.sex],
      [ui.t('case.person.nation'), p.nation],
      [ui.t('case.person.birthDate'), p.birthDate],
      [ui.t('case.person.phone'), p.phone],
      [ui.t('case.person.address'), p.address],
      [ui.t('case.person.source'), p.source === 'card' ? ui.t('case.source.card') : ui.t('case.source.manual')],
    ])}`;
}

function decisionPanel(data: CasePageData): SafeHtml {
  const { row, missing, events } = data.detail;
  const { viewer, ui } = data;
  const result =
    row.comment || row.approver
      ? kv([
          [ui.t('case.approver'), row.approver ?? ''],
          [ui.t('case.comment'), row.comment],
        ])
      : '';
  switch (row.state) {
    case 'submitted':
    case 'in_review':
      return html`<form method="post" action="/approver/cases/${row.id}/decide">
        ${csrfField(viewer)}<input type="hidden" name="version" value="${row.version}" />
        ${supplementFieldset(ui, data.detail.body?.materials ?? [], data.choices)}
        <label for="comment" class="muted">${ui.t('case.commentLabel')}</label>
        <textarea id="comment" name="comment" maxlength="1000">${data.comment}</textarea>
        <div class="btns">
          <button type="submit" name="action" value="approve" class="b approve">${ui.t('case.approve')}</button>
          <button type="submit" name="action" value="supplement" class="b supplement">
            ${ui.t('case.supplement')}
          </button>
          <button type="submit" name="action" value="deny" class="b deny">${ui.t('case.deny')}</button>
        </div>
      </form>`;
    case 'approved':
    case 'denied':
      return html`${result}
        <form method="post" action="/approver/cases/${row.id}/complete" class="btns">
          ${csrfField(viewer)}<input type="hidden" name="version" value="${row.version}" />
          <button type="submit" class="b primary">${ui.t('case.complete')}</button
          ><span class="muted small">${ui.t('case.completeHint')}</span>
        </form>`;
    case 'supplement_requested':
      return html`${result}${supplementList(
          events.find((e) => e.kind === 'supplement_requested' && e.caseVersion === row.version)?.items ?? [],
        )}
        <p class="muted">${ui.t('case.supplementWaiting')}</p>`;
    case 'completed':
      return html`${result}
        <p class="muted">${ui.t('case.completed')}</p>`;
    case 'receiving':
      return html`<p class="muted">${ui.t('case.receiving', { count: missing.length })}</p>`;
    default:
      return html`<p class="muted">${ui.t('case.windowDecided', { state: stateLabel(ui, row.state) })}</p>`;
  }
}

export function casePage(data: CasePageData): string {
  const { ui } = data;
  const { row, body, events, missing } = data.detail;
  const missingSet = new Set(missing);
  const ws = data.workstation;
  const header = html`<section class="card">
    <div class="head">
      <h1 class="num">${row.number}</h1>
      ${badge(ui, row.state)}<span class="muted">${ui.t('common.version', { version: row.version })}</span>
    </div>
    <div class="meta">
      <div>
        <span>${ui.t('case.meta.matter')}</span>${row.matterName} <span class="muted small">${row.matterCode}</span>
      </div>
      <div><span>${ui.t('case.meta.department')}</span>${row.department}</div>
      <div>
        <span>${ui.t('case.meta.window')}</span>${ui.t('common.window', { number: row.windowNumber })}${
          ws ? html` · ${ws.hallName}` : ''
        }
      </div>
      <div><span>${ui.t('case.meta.clerk')}</span>${row.clerkName}</div>
      <div><span>${ui.t('case.meta.accepted')}</span>${formatTime(body?.acceptedAt ?? row.receivedAt)}</div>
      <div><span>${ui.t('case.meta.submitted')}</span>${formatTime(row.submittedAt)}</div>
      <div>
        <span>${ui.t('case.meta.promised')}</span
        >${promised(ui, row.promisedDate, data.today, openStates.has(row.state))}${
          body?.promisedProvisional ? html` <span class="muted small">${ui.t('case.provisional')}</span>` : ''
        }
      </div>
      <div><span>${ui.t('case.meta.applicant')}</span>${row.applicantName}</div>
    </div>
  </section>`;
  if (!body) {
    return layout({
      ui,
      serviceName: data.serviceName,
      title: row.number,
      viewer: data.viewer,
      active: 'queue',
      body: html`${header}${messageBoxes(data.error, data.notice)}
        <div class="error">${ui.t('case.noBody')}</div>`,
    });
  }
  const draft = body.draft;
  const applicant =
    body.subject === 'enterprise'
      ? html`<h2>${ui.t('case.enterprise')}</h2>
          ${kv([
            [ui.t('case.enterprise.name'), draft.enterprise.name],
            [ui.t('case.enterprise.creditCode'), html`<span class="num">${draft.enterprise.creditCode}</span>`],
            [ui.t('case.enterprise.legalRepresentative'), draft.enterprise.legalRepresentative],
            [ui.t('case.enterprise.phone'), draft.enterprise.phone],
            [ui.t('case.enterprise.address'), draft.enterprise.address],
          ])}${
            draft.person.name
              ? html`<div style="margin-top:10px">${personBlock(data, ui.t('case.handler'), draft.person)}</div>`
              : ''
          }`
      : personBlock(data, ui.t('case.applicant'), draft.person);
  const agent = draft.hasAgent
    ? html`<div style="margin-top:10px">${personBlock(data, ui.t('case.agent'), draft.agent)}</div>`
    : '';
  const formEntries = Object.entries(draft.form);
  const form = formEntries.length
    ? kv(formEntries.map(([k, v]) => [data.formLabels.get(k) ?? k, v]))
    : html`<p class="muted">${ui.t('case.noForm')}</p>`;

  const materials = body.materials.map(
    (m) =>
      html`<article class="material">
        <div class="mhead">
          <h3>${m.name}</h3>
          <span class="small ${m.required ? '' : 'muted'}"
            >${m.required ? ui.t('case.required') : ui.t('case.optional')}</span
          >
          <span class="small">${ui.t('case.material.status', { status: labelOf(ui, 'item', m.status) })}</span>
          <span class="small">${ui.t('case.material.pages', { pages: m.pages })}</span>
          <span class="small"
            >${ui.t('case.material.original', {
              value: m.originalChecked ? ui.t('case.material.checked') : ui.t('case.material.unchecked'),
            })}</span
          >
          <span class="small">${ui.t('case.material.copies', { copies: m.copies })}</span>
          <span class="small"
            >${ui.t('case.material.eLicence', { value: m.eLicence ? ui.t('case.yes') : ui.t('case.no') })}</span
          >
        </div>
        ${
          m.files.length
            ? html`<div class="files">
                ${m.files.map((f) => {
                  const url = `/approver/files/${f.sha256}`;
                  const absent = missingSet.has(f.sha256);
                  const pdf = f.mime === 'application/pdf';
                  const view = absent
                    ? html`<div class="file-missing">${ui.t('case.file.notReceived')}</div>`
                    : pdf
                      ? html`<object data="${url}" type="application/pdf" title="${f.name}">
                          <p>
                            <a href="${url}" target="_blank" rel="noopener"
                              >${ui.t('case.file.openPdf', { name: f.name })}</a
                            >
                          </p>
                        </object>`
                      : html`<a href="${url}" target="_blank" rel="noopener"
                          ><img src="${url}" alt="${f.name}" loading="lazy"
                        /></a>`;
                  return html`<figure class="file ${pdf ? 'pdf' : 'image'}">
                    ${view}
                    <figcaption>
                      ${ui.t('case.file.caption', { name: f.name, pages: f.pages, size: formatBytes(f.bytes) })}${
                        absent
                          ? ''
                          : html` ·
                              <a href="${url}" target="_blank" rel="noopener">${ui.t('case.file.newWindow')}</a> ·
                              <a href="${href(url, { download: '1' })}">${ui.t('case.file.download')}</a>`
                      }
                    </figcaption>
                  </figure>`;
                })}
              </div>`
            : html`<p class="muted small">${ui.t('case.noFiles')}</p>`
        }
      </article>`,
  );

  const history = html`<ul class="history">
    ${events.map(
      (e) =>
        html`<li>
          <span class="num small muted">${formatTime(e.at)}</span> <b>${labelOf(ui, 'event', e.kind)}</b>${
            e.approver ? html` · ${e.approver}` : ''
          }
          <span class="muted small">${ui.t('common.version', { version: e.caseVersion })}</span
          >${e.comment ? html`<div class="c">${e.comment}</div>` : ''}${supplementList(e.items)}
        </li>`,
    )}
    <li>
      <span class="num small muted">${formatTime(body.acceptedAt ?? body.decidedAt)}</span>
      <b>${ui.t('case.windowAccepted')}</b> · ${body.clerk.displayName}
    </li>
  </ul>`;

  const decidable = row.state === 'submitted' || row.state === 'in_review';
  // A refused decision keeps what was typed: in the box when the case can still be decided, here otherwise.
  const unsaved =
    data.error && data.comment.trim() && !decidable
      ? html`<div class="error">
          ${ui.t('case.unsaved')}
          <div class="c">${data.comment}</div>
        </div>`
      : '';
  const main = html`${header}${messageBoxes(data.error, data.notice)}${unsaved}
    <div class="cols">
      <div>
        <section class="card">${applicant}${agent}</section>
        <section class="card">
          <h2>${ui.t('case.form')}</h2>
          ${form}
        </section>
      </div>
      <div>
        <section class="card">
          <h2>${ui.t('case.decision')}</h2>
          ${decisionPanel(data)}
        </section>
        <section class="card">
          <h2>${ui.t('case.history')}</h2>
          ${history}
        </section>
      </div>
    </div>
    <section class="card">
      <h2>
        ${ui.t('case.materials', { count: body.materials.length })}${
          missing.length
            ? html`<span class="overdue">${ui.t('case.materialsMissing', { count: missing.length })}</span>`
            : ''
        }${ui.t('case.materialsEnd')}
      </h2>
      ${materials.length ? materials : html`<p class="muted">${ui.t('case.noMaterials')}</p>`}
    </section>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: `${row.number} ${row.applicantName}`,
    viewer: data.viewer,
    body: main,
    active: 'queue',
  });
}
