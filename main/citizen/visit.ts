import { provincialElementsOf, stageOfWindowState } from '@yichuang/domain/ratings';
import type { DecidedVersion } from '../cases/service';
import type { RatedVisit } from '../ratings/service';

/** The visit a decision asks the citizen to rate, with the provincial data elements as the window decided it. */
export function visitOf(decided: DecidedVersion): RatedVisit {
  return {
    caseId: decided.caseId,
    caseNumber: decided.number,
    caseVersion: decided.version,
    stage: stageOfWindowState[decided.state],
    clerkId: decided.clerk.id,
    windowNumber: decided.windowNumber,
    elements: provincialElementsOf({ ...decided, subject: decided.matter.subject }),
  };
}
