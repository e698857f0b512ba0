import type { datahubCitizenZhCN } from './citizen.zh-CN.ts';

type Resource<T> = { [K in keyof T]: T[K] extends string ? string : Resource<T[K]> };

/** Who used my data, English; same keys as the Chinese (checked by the type). */
export const datahubCitizenEnUS: Resource<typeof datahubCitizenZhCN> = {
  title: 'Who used my data',
  intro:
    'Every time a government department reads data about you or an enterprise you act for, it is listed here: which department, why, for which case, which details (names only, never the values), when, and with what result. If something looks wrong, object to the entry and the 12345 hotline follows it up.',
  none: 'No department has used your data yet.',
  unknownDepartment: 'Unknown department',
  listSeparator: ', ',
  data: 'Data',
  heldBy: ' (held by {{department}})',
  fields: 'Details read',
  purpose: 'Purpose',
  case: 'Case',
  viewCase: 'View the case',
  about: 'About',
  pages: 'Pages',
  page: 'Page {{page}}',
  newer: 'Newer',
  older: 'Older',
  channel: {
    query: 'Looked up by staff for a case',
    filing: 'Fetched as a document when you applied',
    retry: 'Fetched later for your application',
    prefill: 'Filled in your application form',
    share: 'E-licence shown to someone',
    window: 'Identity checked at a service window',
  },
  result: {
    ok: 'Obtained',
    other: 'Not obtained',
    DATAHUB_NO_GRANT: 'Not obtained: the department has no sharing grant',
    DATAHUB_FIELD_NOT_GRANTED: 'Not obtained: the grant does not cover these details',
    DATAHUB_CONSENT_REQUIRED: 'Not obtained: your consent is needed',
    DATAHUB_NOT_SHARED: 'Not obtained: this data is not shared',
    DATAHUB_PURPOSE_REQUIRED: 'Not obtained: no purpose was given',
    DATAHUB_SUBJECT_NOT_IN_CASE: 'Not obtained: you are not party to that case',
    DATAHUB_PROVIDER_UNAVAILABLE: 'Not obtained: the providing system was unavailable',
    DATAHUB_PROVIDER_SIGNATURE_INVALID: 'Not obtained: the data’s signature did not verify',
  },
  objection: {
    button: 'Object',
    buttonNamed: 'Object to the use of your data by {{who}} on {{at}}',
    title: 'Object to this use of your data',
    about: '{{who}} read your “{{data}}” on {{at}}.',
    help: 'Say what you think was wrong. Your objection goes to the 12345 hotline, which checks with the department and answers you.',
    reason: 'Why do you object?',
    reasonRule: 'Give a reason (at least 4 characters).',
    send: 'Send objection',
    sent: 'Objection sent; the 12345 hotline will follow it up.',
    status: 'Objection filed: {{status}}',
    statuses: { open: 'open', forwarded: 'passed to the 12345 hotline', closed: 'closed' },
  },
};
