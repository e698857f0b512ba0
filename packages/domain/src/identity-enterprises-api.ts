/**
 * Shapes of the enterprise API (enterprise accounts, agents, invitations with consent); the
 * identity API's other shapes are in `identity.ts`.
 */
import { z } from 'zod';
import { identifierField, isoDateTime } from './case-api-fields.ts';
import { enterpriseCapacities } from './identity.ts';

// ---------------------------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------------------------

export const enterpriseRegisterBodySchema = z.object({ creditCode: identifierField() });
export const enterpriseParamsSchema = z.object({ creditCode: identifierField() });
export const enterpriseAgentParamsSchema = z.object({ creditCode: identifierField(), userId: z.string().min(1).max(64) });

export const enterpriseAgentSchema = z.object({
  userId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  grantedAt: isoDateTime,
  validUntil: isoDateTime.nullable(),
});
export type EnterpriseAgent = z.infer<typeof enterpriseAgentSchema>;

export const enterpriseSchema = z.object({
  creditCode: z.string(),
  name: z.string(),
  capacity: z.enum(enterpriseCapacities),
  /** Until when the caller may act for it (agents), null = no end. */
  validUntil: isoDateTime.nullable(),
  registeredAt: isoDateTime,
  /** Agents; listed to the legal representative only. */
  agents: z.array(enterpriseAgentSchema),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;
export const enterpriseListResponseSchema = z.object({ items: z.array(enterpriseSchema) });

export const agentGrantBodySchema = z.object({
  idNumber: identifierField(),
  validUntil: z.iso.datetime({ offset: true }).nullish(),
});
export type AgentGrantBody = z.infer<typeof agentGrantBodySchema>;

/** The answer to an invitation, the same whether or not the person has an account. */
export const agentInvitationSchema = z.object({
  id: z.string(),
  idNumberMasked: z.string(),
  status: z.literal('pending'),
  validUntil: isoDateTime.nullable(),
  expiresAt: isoDateTime,
});
export type AgentInvitation = z.infer<typeof agentInvitationSchema>;
export const agentInvitationListResponseSchema = z.object({ items: z.array(agentInvitationSchema) });

/** An invitation as its invitee sees it. */
export const myInvitationSchema = z.object({
  id: z.string(),
  creditCode: z.string(),
  enterpriseName: z.string(),
  invitedByName: z.string(),
  validUntil: isoDateTime.nullable(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
});
export type MyInvitation = z.infer<typeof myInvitationSchema>;
export const myInvitationListResponseSchema = z.object({ items: z.array(myInvitationSchema) });
export const invitationParamsSchema = z.object({ id: z.string().min(1).max(64) });
