import { actionBodySchemas, actionPath, actionResultSchema, caseParamsSchema, type WorkflowAction, workflowActions } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { performAction } from './use-cases/perform-action.ts';

/** `POST /cases/:id/actions/<action>`: one route per workflow action, each with its own body schema. */
const summaries: Record<WorkflowAction, string> = {
  accept: '受理 Accept',
  request_supplement: '一次性告知补正 Request a supplement (list what is missing)',
  refuse_acceptance: '不予受理 Refuse acceptance',
  supply_supplement: '补正材料 Supply the missing materials',
  approve: '环节通过 Approve this step',
  return: '退回 Return to an earlier step',
  reject: '不予许可 Reject (reason and legal basis)',
  suspend: '特别程序（现场核查、专家评审）Start a special procedure',
  resume: '恢复计时 Resume after a special procedure',
  decide: '办结决定 Decide (approve or refuse)',
  withdraw: '撤回申请 Withdraw the application',
  collect_result: '窗口领取结果 Result collected at the window',
  record_visit: '登记到现场 Record a visit',
};

export function registerWorkflowRoutes(scope: FastifyInstance, platform: Platform) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  for (const action of workflowActions) {
    app.post(
      `/cases/:id/actions/${actionPath(action)}`,
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['cases'],
          summary: summaries[action],
          params: caseParamsSchema,
          body: actionBodySchemas[action],
          response: { 200: actionResultSchema },
        },
      },
      async (request) => performAction(ctxOf(platform, request), request.params.id, action, request.body as never),
    );
  }
}
