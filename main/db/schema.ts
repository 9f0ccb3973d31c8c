import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { deviceRoles } from '../../preload/contract/devices';
import { roles } from '../../preload/contract/roles';

/** Staff accounts. Usernames are stored lower-case; password hashes never leave main. */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  windowNumber: integer('window_number'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: text('locked_until'),
  lastSignInAt: text('last_sign_in_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Workstation settings as JSON values by key; each key has a zod schema in the settings service. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each
 * entry's hash covering its fields and the previous entry's hash.
 */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  userId: integer('user_id'),
  username: text('username'),
  action: text('action').notNull(),
  target: text('target'),
  result: text('result', { enum: ['ok', 'denied', 'failed'] }).notNull(),
  code: text('code'),
  detail: text('detail'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Roles the clerk or admin gave to devices (by the device's stable id); they win over the known-devices table. */
export const deviceRoleAssignments = sqliteTable('device_roles', {
  deviceId: text('device_id').primaryKey(),
  role: text('role', { enum: deviceRoles }).notNull(),
  assignedBy: text('assigned_by'),
  assignedAt: text('assigned_at').notNull(),
});
