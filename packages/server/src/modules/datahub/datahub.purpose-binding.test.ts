import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubWorld, exchanges, family, fileOnline, type HubWorld } from './testing/world.ts';

/**
 * Issue 14, finding 4: a data-hub query only had to cite some case the person is party to, of any
 * department. Now the case must be one the querying department handles (responsible, or a task it
 * holds), and still open; a refusal is logged to the subject like any other.
 */
let w: HubWorld;
let permitCase: { caseId: string };
beforeAll(async () => {
  w = await createHubWorld();
  permitCase = await fileOnline(w, 'gina', 'DH-PERMIT', {
    form: { 'applicant.name': family.gina.name, 'applicant.id_number': family.gina.idNumber },
  });
}, 240_000);
afterAll(() => w.close());

const populationQuery = (caseId: string) => ({
  resource: 'POPULATION',
  fields: ['name', 'household_address'],
  subject: family.gina.idNumber,
  caseId,
  purpose: '核对申请人户籍 / check the household registration',
});

describe('purpose binding: a query cites a case of the querying department, while it is open', () => {
  it('refuses the police data officer citing another department’s case, and logs the refusal to the subject', async () => {
    const police = await w.staff('psb');
    const res = await police.post('/api/v1/datahub/query', populationQuery(permitCase.caseId));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('DATAHUB_CASE_NOT_OURS');
    const logged = await exchanges(w.app, 'case_id = $1 and consumer_department_id = $2', [permitCase.caseId, 'SH-PSB']);
    expect(logged.map((e) => `${e.channel}:${e.resource_code}:${e.result}`)).toEqual(['query:POPULATION:DATAHUB_CASE_NOT_OURS']);
    const usage = (await (await w.user('gina')).get('/api/v1/datahub/my-data-usage')).json().items as {
      result: string;
      consumerDepartmentId: string;
    }[];
    expect(usage.some((u) => u.result === 'DATAHUB_CASE_NOT_OURS' && u.consumerDepartmentId === 'SH-PSB')).toBe(true);
  });

  it('answers the responsible department’s reviewer for its open case, and refuses once the case is closed', async () => {
    const reviewer = await w.staff('pdReviewer');
    const ok = await reviewer.post('/api/v1/datahub/query', populationQuery(permitCase.caseId));
    expect(ok.statusCode, ok.body).toBe(200);

    const gina = await w.user('gina');
    const withdrawn = await gina.post(`/api/v1/cases/${permitCase.caseId}/actions/withdraw`, { reason: '不再需要' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const closed = await reviewer.post('/api/v1/datahub/query', populationQuery(permitCase.caseId));
    expect(closed.statusCode, closed.body).toBe(403);
    expect(closed.json().code).toBe('DATAHUB_CASE_CLOSED');
    const logged = await exchanges(w.app, 'case_id = $1 and channel = $2', [permitCase.caseId, 'query']);
    expect(logged.map((e) => `${e.consumer_department_id}:${e.result}`)).toEqual([
      'SH-PSB:DATAHUB_CASE_NOT_OURS',
      'SH-PD-SAMR:ok',
      'SH-PD-SAMR:DATAHUB_CASE_CLOSED',
    ]);
  });
});
