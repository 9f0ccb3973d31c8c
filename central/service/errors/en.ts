import type { CentralErrorKey } from './zh-CN';

/** Central's refusals in English, for English pages: the same keys and placeholders as zh-CN.ts. */
export const centralErrorsEn: Record<CentralErrorKey, string> = {
  'workstation.unauthorized':
    'The workstation’s credential is invalid or revoked: enrol the workstation again under “Settings → Central”',
  'enrolment.windowTaken':
    'Window {window} (district {district}) is already enrolled by another workstation ({hostname}): revoke the old workstation on central’s admin page first, or change this PC’s window number',
  'audit.keyRegistered':
    'This workstation’s audit-signing key is already registered and cannot be replaced: ask central’s administrator to revoke it and enrol again',
  'audit.keyMissing':
    'Central holds no audit-signing key for this workstation yet: the workstation registers its key before it reports',
  'enrolment.refused': 'The enrolment code is invalid, used or expired: ask central’s administrator for a new one',

  'notFound.case': 'No such case',
  'notFound.caseVersion': 'No such version of the case',
  'notFound.person': 'No such person',
  'notFound.updateFile': 'No such update file',

  'notFound.ticket': 'No such ticket',
  'notFound.queue': 'There is no queue {queue}',
  'hall.queueClosedToday': '“{name}” issues no more tickets today: please ask at the front desk',
  'hall.queueNotOpenYet': '“{name}” starts issuing tickets at {opens}: please come back then',
  'hall.queueClosedForDay':
    '“{name}” stopped issuing tickets at {closes} today: please come back tomorrow or ask at the front desk',
  'hall.queueFull':
    'All of today’s tickets for “{name}” are taken ({cap} a day): please come back tomorrow or ask at the front desk',
  'hall.ticketMoved': 'Ticket {number} is “{state}” now and cannot be {action}: refresh and try again',
  'hall.notYourWindow': 'Ticket {number} is not at this window (window {window})',
  'hall.rejoinUsed': 'Ticket {number} has already rejoined the queue once: please take a new ticket',
  'hall.rejoinNotFound': 'No skipped ticket {number} today: check the number',
  'hall.transferNoSuchWindow': 'Window {window} does not serve “{name}”: choose a window that serves that queue',
  'hall.transferWindowServesNothing': 'Window {window} serves no queue today and cannot take a transfer',
  'hall.transferSameQueue': 'The ticket is already in “{name}”: choose another queue or window',
  'hall.windowNoQueues': 'Window {window} serves no queue yet: the supervisor sets it under “Hall”',
  'hall.windowBusy': 'This window is serving ticket {number}: finish or hold it first',
  'hall.supervisorOnly': 'Only a supervisor or administrator may {what}',
  'hall.kioskOrWindow': 'Only a kiosk or a window can issue tickets',
  'hall.appointmentNotFound': 'No appointment for today found: check the booking code or ask at the front desk',
  'hall.appointmentUsed': 'This appointment is already checked in (ticket {number}): please watch the board',
  'hall.appointmentWrongDay': 'This appointment is not for today (booked for {date}): please come on that day',
  'hall.appointmentExists': 'Booking code {code} already exists',
  'hall.appointmentSlotInvalid': 'The appointment slot is invalid: it must end after it starts',
  'hall.displayToken': 'The hall display address is invalid or was changed: ask the supervisor for the new address',
  'hall.queueInvalid': 'The queue settings are invalid: {detail}',
  'hall.queueMattersEmpty': 'Queue “{name}” needs at least one matter',
  'hall.queueHoursInvalid': 'Queue “{name}” must stop issuing tickets after it starts',

  'api.idempotencyKeyInvalid': 'The idempotency key is not well formed',
  'api.idMismatch': 'The case id in the address does not match the content',
  'api.ratingIdMismatch': 'The rating id in the address does not match the content',
  'case.wrongWindow':
    'The case comes from window {window} of district {district}, but this workstation is enrolled as window {ownWindow} of district {ownDistrict}',
  'case.idempotencyKeyReused':
    'The same idempotency key was used for a different request: the request is refused and nothing changed',
  'case.versionConflict':
    'Version {version} of case {number} was already sent with different content: a version cannot change, ask central to check',
  'case.notYours':
    'This case was received by another workstation: this workstation may not change it or upload materials for it',
  'case.numberTaken':
    'Case number {number} is already used by another case: check that no other workstation has the same window number',

  'rating.caseUnknown':
    'Case {number} of this rating has not reached central yet: make sure the case has been sent, then send the rating again',
  'rating.caseNotYours':
    'Case {number} of this rating was received by another workstation: this workstation may not send ratings for it',
  'rating.idConflict':
    'Rating {id} was already sent with different content: a rating cannot change, ask central to check',
  'rating.visitRated': 'Version {version} of case {number} already has a rating for “{stage}”: one visit is rated once',
  'rating.recordMismatch':
    'The rating and its provincial data elements disagree ({field}): the rating was not received, ask central to check',
  'rating.rangeDates': 'Enter the export’s first and last day as YYYY-MM-DD',
  'rating.rangeReversed': 'The last day {to} is before the first day {from}: swap them and export again',
  'rating.rangeTooLong': 'An export covers at most {max} days ({days} chosen): export it in parts',

  'decision.denyReasonRequired': 'A denial needs a written reason',
  'decision.itemsWithDecision':
    'Materials are ticked for a supplement: to request one press “Request supplement”; to approve or deny, untick them first',
  'decision.commentTooLong': 'The comment may have at most {max} characters',
  'decision.caseMoved':
    'This case has changed (someone decided it, or a new version arrived): refresh the page and look again',
  'decision.itemsRequired': 'A supplement request needs the materials to bring ticked, each with what is needed',
  'decision.supplementNoteRequired': 'A supplement request needs a note of what is needed',
  'decision.completeOnlyDecided': 'Only an approved or denied case can be completed: refresh the page and look again',
  'supplement.itemUnknown': 'Material {itemId} is not on this case’s checklist: refresh the page and choose again',
  'supplement.reasonMissing': '“{name}”: write what is needed',
  'supplement.reasonTooLong': '“{name}”: what is needed may have at most {max} characters',
  'supplement.itemInvalid': '“{name}”: {detail}',

  'person.usernameInvalid': 'User names are 2–40 lowercase letters, digits, dots, underscores or hyphens',
  'person.displayNameMissing': 'Enter the name',
  'person.displayNameTooLong': 'The name may have at most {max} characters',
  'person.departmentTooLong': 'The department may have at most {max} characters',
  'person.passwordTooShort': 'The password needs at least {min} characters',
  'person.usernameTaken': 'The user name {username} is already taken',
  'person.lastAdmin': 'The last administrator who can sign in cannot be disabled',
  'setup.refused': 'The setup token is invalid, used or expired: restart central to get a new one',
  'setup.passwordsDiffer': 'The two passwords differ',

  'published.notNewer': 'Version {version} is already published: a new version number must be higher',
  'published.catalogInvalid': 'The matter catalog is invalid: {detail}',
  'published.calendarInvalid': 'The holiday calendar is invalid: {detail}',
};
