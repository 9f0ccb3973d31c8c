import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { casesChannels } from '../../preload/contract/channels/cases';
import type { DeviceService } from '../devices/service';
import { actorOf } from '../ipc/actor';
import type { HandlersOf } from '../ipc/router';
import type { CaseService } from './service';

/** Cases: drafts, decisions, the list, history; taking the card on the reader into a case. */
export function casesHandlers(deps: { cases: CaseService; devices: DeviceService }): HandlersOf<typeof casesChannels> {
  const { cases, devices } = deps;
  return {
    'cases.create': ({ user }, input) => cases.create(actorOf(user), input.matterCode),
    'cases.saveDraft': ({ user }, input) => cases.saveDraft(actorOf(user), input.caseId, input.revision, input.draft),
    'cases.get': ({ user }, input) => cases.get(input.caseId, actorOf(user)),
    'cases.myDrafts': ({ user }) => cases.myDrafts(actorOf(user)),
    'cases.decide': ({ user }, input) => cases.decide(actorOf(user), input.caseId, input.revision, input.decision),
    'cases.resume': ({ user }, input) => cases.resume(actorOf(user), input.caseId),
    'cases.discard': ({ user }, input) => {
      cases.discard(actorOf(user), input.caseId);
      return { done: true as const };
    },
    'cases.list': (_ctx, input) => cases.list(input),
    'cases.unseenCount': () => cases.unseenCount(),
    'cases.seen': (_ctx, input) => cases.markSeen(input.caseId),
    'cases.history': ({ audit: note }, input) => {
      note.target = maskIdNumber(input.idNumber.toUpperCase());
      return cases.history(input.kind, input.idNumber);
    },
    'cases.takeCard': ({ user, audit: note }, input) => {
      cases.assertHandles({ id: actorOf(user).id, role: user!.role }, input.caseId);
      const { identity, masked } = devices.reveal(input.readId);
      note.detail = { cardType: identity.cardType, idNumber: masked };
      return identity;
    },
  };
}
