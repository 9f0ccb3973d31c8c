import { normalizeIdNumber } from '@yichuang/domain/id-numbers';
import { userPageTypes, userProps, type RatingStage } from '@yichuang/domain/ratings';
import type { DecidedVersion } from '../cases/service';
import type { RatedVisit } from '../ratings/service';

const stageOfDecision: Record<DecidedVersion['state'], RatingStage> = {
  accepted: 'accepted',
  supplement_requested: 'supplement',
  rejected: 'rejected',
};

/**
 * The visit a decision asks the citizen to rate, with the provincial data elements fixed as the window
 * decided it (whole identity: the provincial system receives it; the citizen screen never does).
 */
export function visitOf(decided: DecidedVersion): RatedVisit {
  const { draft, matter } = decided;
  const enterprise = matter.subject === 'enterprise';
  const person = draft.person;
  return {
    caseId: decided.caseId,
    caseNumber: decided.number,
    caseVersion: decided.version,
    stage: stageOfDecision[decided.state],
    clerkId: decided.clerk.id,
    windowNumber: decided.windowNumber,
    elements: {
      version: 2,
      projNo: decided.number,
      projName: matter.name,
      serviceCode: matter.code,
      serviceVersion: String(decided.catalogVersion),
      serviceDepartment: matter.department,
      serviceDepartmentCode: matter.departmentCode ?? '',
      regionCode: decided.districtCode,
      applicantName: enterprise ? draft.enterprise.name.trim() : person.name.trim(),
      applicantCardNumber: enterprise
        ? draft.enterprise.creditCode.trim().toUpperCase()
        : normalizeIdNumber(person.idNumber),
      applicantPhone: (enterprise ? draft.enterprise.phone || person.phone : person.phone).trim(),
      userProp: enterprise ? userProps.enterprise : userProps.person,
      userPageType: enterprise ? userPageTypes.enterprise : userPageTypes[person.idType],
      applyTime: decided.acceptedAt ?? decided.decidedAt,
      transactionTime: decided.decidedAt,
      evaluatedPersonInfo: {
        name: decided.clerk.displayName,
        staffNumber: decided.clerk.username,
        windowNumber: decided.windowNumber,
      },
    },
  };
}
