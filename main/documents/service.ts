// Long on purpose: every paper's data is gathered here from the decided record, one function per paper.
import type { CalendarService } from '../calendar/service';
import type { DecidedMaterial } from '../cases/model';
import type { CaseService } from '../cases/service';
import type { CatalogService } from '../catalog/service';
import type { MaterialStore } from '../materials/store';
import type { SettingsService } from '../settings/service';
import type { CaseDecisionRecord, CaseDetail } from '../../preload/contract/cases';
import { idNumberNames } from '@yichuang/domain/cases';
import { agentTermOf, type Matter } from '@yichuang/domain/catalog';
import { hallDate } from '@yichuang/domain/hall-time';
import type { CaseDocumentRef, DocumentKind, DocumentRef } from '../../preload/contract/documents';
import { documentTitles } from '../../preload/contract/documents';
import { AppError } from '../../preload/contract/errors';
import type { WorkstationSettings } from '../../preload/contract/schemas';
import { loadDocumentFont } from './font';
import { agentItemName, collectionOf } from './matter-paper';
import type { BundleData, HallInfo, NoticeBase, PrintedParty, ReceiptData, SupplementNoticeData } from './types';

type CentralEvent = CaseDetail['central']['events'][number];

/** The law a supplement notice is given under: materials incomplete, told once, in full. */
export const supplementLegalBasis = '《中华人民共和国行政许可法》第三十二条第一款第（四）项';

const decisionOfKind: Record<
  Exclude<DocumentKind, 'daily_report' | 'bundle' | 'central_supplement_notice'>,
  CaseDecisionRecord['kind']
> = {
  receipt: 'accept',
  supplement_notice: 'supplement',
  rejection_notice: 'reject',
};

/** The progress-query address of a case: the template with `{number}` filled in. */
export function progressUrlOf(template: string, caseNumber: string): string {
  return template.replaceAll('{number}', encodeURIComponent(caseNumber));
}

/**
 * Where the notice's rating QR code leads: the hall's own rating address (`{number}` filled in), or
 * central's rating page; null when neither is known (not enrolled: the citizen rates at the window).
 */
export function ratingUrlOf(template: string, centralUrl: string | null, caseNumber: string): string | null {
  if (template) return template.replaceAll('{number}', encodeURIComponent(caseNumber));
  if (!centralUrl) return null;
  return `${centralUrl.replace(/\/+$/, '')}/rate?case=${encodeURIComponent(caseNumber)}`;
}

/** A document of one case version, made and named. */
export interface MadeDocument {
  kind: DocumentKind;
  /** Names the document across prints: the same key is the same paper (original, then copies). */
  documentKey: string;
  title: string;
  caseId: string | null;
  caseVersion: number | null;
  caseNumber: string | null;
  pdf: Uint8Array;
}

export interface DocumentServiceDeps {
  cases: CaseService;
  catalog: CatalogService;
  calendar: CalendarService;
  settings: SettingsService;
  materials: MaterialStore;
  /** `resources/fonts/NotoSansSC-Regular.ttf` */
  fontFile: string;
  /** The 评价码 of a decided version (the ratings module), printed with the rating QR code. */
  ratingInvitation?: (caseId: string, version: number) => { code: string; until: string } | null;
  /** Central's address once enrolled: the rating QR code leads to its rating page. */
  centralUrl?: () => string | null;
  /** Makes the daily report's PDF; given by the reports module so documents do not depend on it. */
  dailyReport?: (ref: Extract<DocumentRef, { kind: 'daily_report' }>, copyNumber: number) => Promise<Uint8Array>;
}

export type DocumentService = ReturnType<typeof createDocumentService>;

/**
 * Gathers what each paper needs from the case (always masked: the paper never carries a whole ID
 * number) and makes it. Every document is made fresh from the decided record, so a reprint says
 * exactly what the first print said, plus its copy stamp.
 */
export function createDocumentService(deps: DocumentServiceDeps) {
  const { cases, catalog, calendar, settings, materials } = deps;
  const font = () => loadDocumentFont(deps.fontFile);

  function hallOf(s: WorkstationSettings, windowNumber: number): HallInfo {
    return { name: s.hallName, address: s.hallAddress, phone: s.hallPhone, windowNumber };
  }

  function applicantOf(detail: CaseDetail): PrintedParty {
    if (detail.enterprise) {
      const phone = detail.draft.enterprise.phone;
      return {
        kind: 'enterprise',
        name: detail.enterprise.name,
        idLabel: '统一社会信用代码',
        idShown: detail.enterprise.creditCode || '（设立登记，尚未取得）',
        legalRepresentative: detail.enterprise.legalRepresentative,
        phoneMasked: phone,
      };
    }
    const a = detail.applicant;
    return {
      kind: 'person',
      name: a?.name ?? detail.applicantName,
      idLabel: idNumberNames[a?.idType ?? 'resident'],
      idShown: a?.idNumberMasked ?? detail.applicantIdMasked,
      phoneMasked: a?.phoneMasked ?? '',
    };
  }

  function agentOf(detail: CaseDetail): PrintedParty | null {
    const a = detail.agent;
    if (!a) return null;
    return {
      kind: 'person',
      name: a.name,
      idLabel: idNumberNames[a.idType],
      idShown: a.idNumberMasked,
      phoneMasked: a.phoneMasked,
    };
  }

  function matterOf(detail: CaseDetail): Matter {
    const matter = detail.matterCode ? catalog.get(detail.matterCode) : null;
    if (!matter) throw new AppError('document_matter_missing', { code: detail.matterCode ?? '' });
    return matter;
  }

  /**
   * The checklist of a case version as decided, as the paper lists it: in the matter's order, agent
   * items named in the matter's word for the agent.
   */
  function decidedIn(matter: Matter, caseId: string, version: number): DecidedMaterial[] {
    return cases.decidedMaterials(caseId, version).map((m) => ({
      ...m,
      name: agentItemName(matter, m),
    }));
  }

  /** The decision a notice records: the given version, or the latest of the notice's kind. */
  function decisionFor(detail: CaseDetail, kind: keyof typeof decisionOfKind, version?: number): CaseDecisionRecord {
    const wanted = decisionOfKind[kind];
    const found = [...detail.decisions]
      .reverse()
      .find((d) => d.kind === wanted && (version === undefined || d.version === version));
    if (!found) {
      throw new AppError('document_without_decision');
    }
    return found;
  }

  function base(detail: CaseDetail, decision: CaseDecisionRecord, matter: Matter, copyNumber: number): NoticeBase {
    const s = settings.get();
    const number = detail.number!;
    return {
      caseNumber: number,
      version: decision.version,
      matterName: matter.name,
      matterCode: matter.code,
      department: matter.department,
      applicant: applicantOf(detail),
      agent: agentOf(detail),
      agentTerm: agentTermOf(matter),
      hall: hallOf(s, decision.windowNumber),
      clerkName: decision.clerkName,
      decidedAt: decision.at,
      copy: { copyNumber },
      progressUrl: progressUrlOf(s.progressUrlTemplate, number),
      rating: ratingOf(detail.id, decision.version, number),
    };
  }

  function ratingOf(caseId: string, version: number, number: string): NoticeBase['rating'] {
    const invitation = deps.ratingInvitation?.(caseId, version) ?? null;
    const url = invitation ? ratingUrlOf(settings.get().ratingUrlTemplate, deps.centralUrl?.() ?? null, number) : null;
    return invitation && url ? { url, ...invitation } : null;
  }

  function receiptData(
    detail: CaseDetail,
    decision: CaseDecisionRecord,
    matter: Matter,
    decided: DecidedMaterial[],
    copyNumber: number,
  ): ReceiptData {
    return {
      ...base(detail, decision, matter, copyNumber),
      materials: decided
        .filter((m) => m.status === 'complete')
        .map((m) => ({
          name: m.name,
          pages: m.pages,
          originalChecked: m.originalChecked,
          copies: m.copies,
          eLicence: m.eLicence,
        })),
      promisedDays: matter.promisedDays,
      statutoryDays: matter.statutoryDays,
      promisedDate:
        detail.promisedDate ??
        calendar.current().addWorkingDays(hallDate(new Date(decision.at)), matter.promisedDays).date,
      promisedProvisional: detail.promisedProvisional,
      fee: matter.fee,
      ...collectionOf(matter, detail.draft.form),
    };
  }

  /**
   * Central's supplement request a notice records (the given version's, or the latest) and the
   * window's decision of that version it answers.
   */
  function centralRequestFor(
    detail: CaseDetail,
    version?: number,
  ): { decision: CaseDecisionRecord; request: CentralEvent } {
    const request = [...detail.central.events]
      .reverse()
      .find((e) => e.kind === 'supplement_requested' && (version === undefined || e.caseVersion === version));
    const decision = request && detail.decisions.find((d) => d.version === request.caseVersion);
    if (!request || !decision) throw new AppError('document_without_central_supplement');
    return { decision, request };
  }

  /** The decided case and the decision a document records; refused before any decision. */
  function decidedFor(ref: CaseDocumentRef): { detail: CaseDetail; decision: CaseDecisionRecord } {
    const detail = cases.get(ref.caseId);
    if (detail.number === null || detail.decisions.length === 0) {
      throw new AppError('case_not_decided');
    }
    if (ref.kind === 'central_supplement_notice') {
      return { detail, decision: centralRequestFor(detail, ref.version).decision };
    }
    if (ref.kind !== 'bundle') return { detail, decision: decisionFor(detail, ref.kind, ref.version) };
    const decision = ref.version
      ? detail.decisions.find((d) => d.version === ref.version)
      : detail.decisions[detail.decisions.length - 1];
    if (!decision) throw new AppError('decision_version_not_found', { version: ref.version ?? '' });
    return { detail, decision };
  }

  async function caseDocument(ref: CaseDocumentRef, copyNumber: number): Promise<MadeDocument> {
    const { detail, decision } = decidedFor(ref);
    const matter = matterOf(detail);
    const f = await font();
    const version = decision.version;
    let pdf: Uint8Array;
    if (ref.kind === 'bundle') {
      pdf = await (await import('./makers')).bundlePdf(bundleData(detail, decision, matter), f);
    } else if (ref.kind === 'central_supplement_notice') {
      pdf = await (
        await import('./makers')
      ).supplementNoticePdf(centralSupplementData(detail, decision, matter, copyNumber), f);
    } else {
      if (ref.kind === 'receipt') {
        pdf = await (
          await import('./makers')
        ).receiptPdf(receiptData(detail, decision, matter, decidedIn(matter, detail.id, version), copyNumber), f);
      } else if (ref.kind === 'supplement_notice') {
        const deadline = calendar
          .current()
          .addWorkingDays(hallDate(new Date(decision.at)), settings.get().supplementDays);
        pdf = await (
          await import('./makers')
        ).supplementNoticePdf(
          {
            ...base(detail, decision, matter, copyNumber),
            items: decision.supplementItems.map((x) => ({ name: x.name, reason: x.reason })),
            note: decision.note,
            deadline: deadline.date,
            deadlineProvisional: deadline.provisional,
            legalBasis: supplementLegalBasis,
          },
          f,
        );
      } else {
        const reason = decision.rejectReason;
        pdf = await (
          await import('./makers')
        ).rejectionNoticePdf(
          {
            ...base(detail, decision, matter, copyNumber),
            reason: reason?.text ?? '不符合受理条件',
            reasonBasis: reason?.basis ?? null,
            matterBasis: matter.legalBasis,
            text: decision.note,
            reconsiderationBody: settings.get().reconsiderationBody,
          },
          f,
        );
      }
    }
    return {
      kind: ref.kind,
      documentKey: documentKeyOf(ref, version),
      title: `${documentTitles[ref.kind]} ${detail.number}`,
      caseId: detail.id,
      caseVersion: version,
      caseNumber: detail.number,
      pdf,
    };
  }

  /**
   * 一次性补正告知书 of central's request: central's list and reasons (its comment as 其他说明),
   * dated by the request, the deadline counted from it in working days, the window's hall.
   */
  function centralSupplementData(
    detail: CaseDetail,
    decision: CaseDecisionRecord,
    matter: Matter,
    copyNumber: number,
  ): SupplementNoticeData {
    const { request } = centralRequestFor(detail, decision.version);
    const deadline = calendar.current().addWorkingDays(hallDate(new Date(request.at)), settings.get().supplementDays);
    return {
      ...base(detail, decision, matter, copyNumber),
      decidedAt: request.at,
      items: request.items.map((x) => ({ name: x.name, reason: x.reason })),
      note: request.comment,
      deadline: deadline.date,
      deadlineProvisional: deadline.provisional,
      legalBasis: supplementLegalBasis,
      reviewedBy: matter.department,
    };
  }

  function bundleData(detail: CaseDetail, decision: CaseDecisionRecord, matter: Matter): BundleData {
    const decided = decidedIn(matter, detail.id, decision.version);
    const files: BundleData['files'] = [];
    for (const m of decided) {
      for (const file of m.files) {
        const stored = materials.read(file.sha256);
        files.push({
          itemName: m.name,
          mime: stored.mime,
          bytes: stored.bytes,
          rotation: file.rotation,
          name: file.name,
        });
      }
    }
    return {
      caseNumber: detail.number!,
      version: decision.version,
      matterName: matter.name,
      matterCode: matter.code,
      applicant: applicantOf(detail),
      hall: hallOf(settings.get(), decision.windowNumber),
      clerkName: decision.clerkName,
      decidedAt: decision.at,
      // The paper lists each item as decided; which files and the item's id are not printed.
      checklist: decided.map(({ itemId: _itemId, files: _files, ...item }) => item),
      files,
    };
  }

  return {
    /** 数据恢复单: the recovery code on paper, for the supervisor's safe (never kept, never in the print history). */
    async recoverySheet(recovery: { code: string; issuedAt: string }): Promise<Uint8Array> {
      const s = settings.get();
      const { recoverySheetPdf } = await import('./recovery-sheet');
      return recoverySheetPdf(
        { ...recovery, hallName: s.hallName || '一窗工作站', windowNumber: s.windowNumber || null },
        await font(),
      );
    },

    /** Makes a document as the print numbered `copyNumber` would show it (0: the original). */
    async make(ref: DocumentRef, copyNumber: number): Promise<MadeDocument> {
      if (ref.kind !== 'daily_report') return caseDocument(ref, copyNumber);
      if (!deps.dailyReport) throw new AppError('daily_report_unavailable');
      return {
        kind: 'daily_report',
        documentKey: documentKeyOf(ref, null),
        title: ref.from === ref.to ? `业务日报 ${ref.from}` : `业务报表 ${ref.from} 至 ${ref.to}`,
        caseId: null,
        caseVersion: null,
        caseNumber: null,
        pdf: await deps.dailyReport(ref, copyNumber),
      };
    },

    /**
     * The key a document is known by before it is made (to find its earlier prints): a case
     * document names the version of its decision, so the latest matching one is looked up here.
     */
    keyOf(ref: DocumentRef): {
      documentKey: string;
      caseId: string | null;
      caseVersion: number | null;
      caseNumber: string | null;
    } {
      if (ref.kind === 'daily_report') {
        return { documentKey: documentKeyOf(ref, null), caseId: null, caseVersion: null, caseNumber: null };
      }
      const { detail, decision } = decidedFor(ref);
      const version = decision.version;
      return {
        documentKey: documentKeyOf(ref, version),
        caseId: detail.id,
        caseVersion: version,
        caseNumber: detail.number,
      };
    },
  };
}

/** `case/<id>/v<version>/<kind>` or `report/<from>/<to>`. */
export function documentKeyOf(ref: DocumentRef, version: number | null): string {
  if (ref.kind === 'daily_report') return `report/${ref.from}/${ref.to}`;
  return `case/${ref.caseId}/v${version ?? 0}/${ref.kind}`;
}
