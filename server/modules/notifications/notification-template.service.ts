import type { EntityManager } from 'typeorm';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorOf, auditedCreate, auditedDelete, auditedUpdate } from '../audit/audit.trail';
import { NotificationSettings, NotificationTemplateOverride } from './notification-template.entity';
import {
  EDITABLE_TEMPLATES,
  isEditable,
  render,
  sampleValues,
  TEMPLATES,
  textOf,
  checkedText,
  type EditableTemplate,
  type TemplateAudience,
  type TemplateOverrides,
  type TemplateText,
  type PlaceholderName,
} from './notification-templates';
import { NotificationChannel, NotificationTemplate } from './notification.enums';
import { configuredChannels, defaultStaffChannels } from './notification.service';

/**
 * The superadmin's texts as the caller's transaction sees them: read by every writer of
 * notifications in the transaction that writes them, so an edit counts in every process from
 * the moment it commits, with no cache to invalidate.
 */
export async function readOverrides(q: Pick<EntityManager, 'query'>): Promise<TemplateOverrides> {
  const rows = await q.query<{ template: string; subject: string; body: string }[]>('SELECT template, subject, body FROM notification_template_override', []);
  return new Map(rows.map((r) => [r.template as NotificationTemplate, { subject: r.subject, body: r.body }]));
}

export interface TemplateView {
  template: EditableTemplate;
  audience: TemplateAudience;
  subject: string;
  body: string;
  defaultSubject: string;
  defaultBody: string;
  customized: boolean;
  placeholders: { name: PlaceholderName; required: boolean; sample: string }[];
  updatedAt: Date | null;
}

function editable(template: NotificationTemplate, field = 'template'): EditableTemplate {
  if (!isEditable(template)) throw AppError.field(field, `${template} has no text to edit`);
  return template;
}

function viewOf(template: EditableTemplate, row: { subject: string; body: string; updatedAt: Date } | undefined, trackingUrl: string): TemplateView {
  const def = TEMPLATES[template];
  const samples = sampleValues(trackingUrl, template);
  return {
    template,
    audience: def.audience,
    subject: row?.subject ?? def.subject,
    body: row?.body ?? def.body,
    defaultSubject: def.subject,
    defaultBody: def.body,
    customized: !!row,
    placeholders: def.placeholders.map((name) => ({ name, required: !!def.required?.includes(name), sample: samples[name] })),
    updatedAt: row?.updatedAt ?? null,
  };
}

async function rowOf(q: EntityManager | Context['db'], template: EditableTemplate) {
  return (await q.getRepository(NotificationTemplateOverride).findOneBy({ template })) ?? undefined;
}

/** Every editable template with its text now, its built-in text and its placeholders. */
export async function listTemplates(ctx: Context): Promise<TemplateView[]> {
  const rows = await ctx.db.getRepository(NotificationTemplateOverride).find();
  const url = ctx.services.config.notifications.trackingUrl;
  return EDITABLE_TEMPLATES.map((t) =>
    viewOf(
      t,
      rows.find((r) => r.template === t),
      url,
    ),
  );
}

export async function templateView(ctx: Context, template: NotificationTemplate): Promise<TemplateView> {
  const t = editable(template);
  return viewOf(t, await rowOf(ctx.db, t), ctx.services.config.notifications.trackingUrl);
}

/** Edits happen one at a time per template, so two superadmins saving at once do not both insert. */
const lockTemplate = (tx: EntityManager, t: EditableTemplate) => tx.query(`SELECT pg_advisory_xact_lock(hashtext('notification_template:' || $1))`, [t]);

/** The superadmin's text replaces the built-in one for every message written after this commits. */
export async function updateTemplate(ctx: Context, template: NotificationTemplate, input: TemplateText): Promise<TemplateView> {
  const t = editable(template);
  const text = checkedText(t, input);
  await ctx.db.transaction(async (tx) => {
    await lockTemplate(tx, t);
    const repo = tx.getRepository(NotificationTemplateOverride);
    const existing = await repo.findOneBy({ template: t });
    if (existing) {
      await auditedUpdate(tx, actorOf(ctx), NotificationTemplateOverride, [existing.id], () => repo.update(existing.id, text));
    } else {
      await auditedCreate(tx, actorOf(ctx), NotificationTemplateOverride, () => repo.save(repo.create({ template: t, ...text })));
    }
  });
  return templateView(ctx, t);
}

/** Back to the built-in text (nothing to do when it has it). */
export async function resetTemplate(ctx: Context, template: NotificationTemplate): Promise<TemplateView> {
  const t = editable(template);
  await ctx.db.transaction(async (tx) => {
    await lockTemplate(tx, t);
    const existing = await rowOf(tx, t);
    if (existing)
      await auditedDelete(tx, actorOf(ctx), NotificationTemplateOverride, existing.id, () =>
        tx.getRepository(NotificationTemplateOverride).delete(existing.id),
      );
  });
  return templateView(ctx, t);
}

/** A text (the one given, checked as a save would check it, else the template's own) filled with example values. */
export async function previewTemplate(ctx: Context, template: NotificationTemplate, input: TemplateText | null | undefined): Promise<TemplateText> {
  const t = editable(template);
  const text = input ? checkedText(t, input) : textOf(t, await readOverrides(ctx.db));
  return render(t, sampleValues(ctx.services.config.notifications.trackingUrl, t), new Map([[t, text]]));
}

export async function notificationSettings(ctx: Context) {
  return { defaultStaffChannels: await defaultStaffChannels(ctx.db), available: configuredChannels(ctx.services.config.notifications) };
}

/** The superadmin sets the default channels: each one configured on this server (the console is always on). */
export async function setDefaultStaffChannels(ctx: Context, channels: NotificationChannel[]) {
  const available = configuredChannels(ctx.services.config.notifications);
  const chosen = [...new Set(channels)];
  for (const c of chosen) {
    if (c === NotificationChannel.IN_CONSOLE) throw AppError.field('channels', 'the console always receives them; choose e-mail, WhatsApp or SMS');
    if (!available.includes(c)) throw AppError.field('channels', `${c} is not configured on this server`);
  }
  await ctx.db.transaction(async (tx) => {
    const repo = tx.getRepository(NotificationSettings);
    const existing = await repo.findOneBy({ id: 1 });
    if (existing) await auditedUpdate(tx, actorOf(ctx), NotificationSettings, [1], () => repo.update(1, { defaultStaffChannels: chosen }));
    else await auditedCreate(tx, actorOf(ctx), NotificationSettings, () => repo.save(repo.create({ id: 1, defaultStaffChannels: chosen })));
  });
  return { defaultStaffChannels: chosen, available };
}
