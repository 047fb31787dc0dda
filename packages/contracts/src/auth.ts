import { roles } from '@innocluster/domain';
import { z } from 'zod';
import { isoTimestamp, pageOf } from './common.ts';

/** The roles of the permission table (packages/domain/src/permissions.ts). */
export const roleNames = roles;
export const roleSchema = z.enum(roles);

export const loginBody = z.object({
  email: z.email(),
  password: z.string().min(1, 'is required').max(200),
});

export const grantSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  role: roleSchema,
  programmeId: z.number().int().nullable(),
  complexId: z.number().int().nullable(),
  miniClusterId: z.number().int().nullable(),
  organisationId: z.number().int().nullable(),
  createdAt: isoTimestamp,
});
export type Grant = z.infer<typeof grantSchema>;

export const grantCreateBody = z.object({
  role: roleSchema,
  programmeId: z.number().int().positive().nullable().default(null),
  complexId: z.number().int().positive().nullable().default(null),
  miniClusterId: z.number().int().positive().nullable().default(null),
  organisationId: z.number().int().positive().nullable().default(null),
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: isoTimestamp.nullable(),
  lastLoginAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
  grants: z.array(grantSchema),
});
export type User = z.infer<typeof userSchema>;
export const userPage = pageOf(userSchema);

export const userCreateBody = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(200),
  password: z.string().max(200).optional().describe('Leave out to get a one-time password back'),
  grants: z.array(grantCreateBody).default([]),
});
export const userUpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  isActive: z.boolean().optional(),
  unlock: z.boolean().optional().describe('Clear a lockout after failed logins'),
  resetPassword: z.boolean().optional().describe('Issue a new one-time password'),
});
export const userWithPassword = z.object({
  user: userSchema,
  oneTimePassword: z.string().nullable(),
});

export const capabilitiesSchema = z.record(
  z.string(),
  z.array(z.enum(['read', 'create', 'update', 'delete'])),
);
export const meSchema = z.object({
  user: userSchema.nullable(),
  capabilities: capabilitiesSchema,
  csrfToken: z
    .string()
    .nullable()
    .describe('Send as X-CSRF-Token on changes made with the session cookie'),
  publicAggregates: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().max(200),
});

export const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it'),
  expiresAt: isoTimestamp.nullable(),
  revokedAt: isoTimestamp.nullable(),
  lastUsedAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const tokenCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(730).nullable().default(90),
});
export const tokenCreated = z.object({
  token: tokenSchema,
  secret: z.string().describe('Shown once: the bearer token'),
});

export const assignmentSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  entity: z.string(),
  entityId: z.number().int(),
  createdAt: isoTimestamp,
});
export const assignmentCreateBody = z.object({
  userId: z.number().int().positive(),
  entity: z.string().min(1).max(60),
  entityId: z.number().int().positive(),
});

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: isoTimestamp,
  userId: z.number().int().nullable(),
  userEmail: z.string().nullable(),
  via: z.enum(['web', 'api', 'cli', 'system']),
  address: z.string().nullable(),
  action: z.enum(['create', 'update', 'delete']),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditQuery = z.object({
  entity: z.string().optional(),
  entityId: z.string().optional(),
  userId: z.coerce.number().int().optional(),
  via: z.enum(['web', 'api', 'cli', 'system']).optional(),
  from: z.iso.date().optional().describe('First day, inclusive'),
  to: z.iso.date().optional().describe('Last day, inclusive'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export const auditPage = pageOf(auditEventSchema);
export const auditExportQuery = auditQuery
  .omit({ page: true, pageSize: true })
  .extend({ format: z.enum(['csv', 'json']).default('csv') });
