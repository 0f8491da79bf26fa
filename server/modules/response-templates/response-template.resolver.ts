import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Category } from '../categories/category.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintAction } from '../complaints/complaint.enums';
import { Opd } from '../opds/opd.entity';
import { ResponseTemplate } from './response-template.entity';
import { ResponseTemplateFilter, ResponseTemplateInput } from './response-template.inputs';
import { fillTemplate, responseTemplateService, templatesFor } from './response-template.service';

@ObjectType({ description: 'A response template filled in for one complaint.' })
export class FilledTemplate {
  @Field(() => ID) id: number;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'The body with {kode}, {judul}, {pelapor}, {unit} and {tanggal} filled in.' }) text: string;
}

@Resolver(() => ResponseTemplate)
export class ResponseTemplateResolver extends createCrudResolver({
  type: ResponseTemplate,
  page: PageOf(ResponseTemplate, 'ResponseTemplatePage'),
  input: ResponseTemplateInput,
  filter: ResponseTemplateFilter,
  single: 'responseTemplate',
  plural: 'responseTemplates',
  typeName: 'ResponseTemplate',
  read: Permission.COMPLAINT_READ,
  manage: Permission.TEMPLATE_MANAGE,
  service: responseTemplateService,
}) {
  @FieldResolver(() => Opd, { nullable: true })
  opd(@Root() t: ResponseTemplate, @Ctx() ctx: Context) {
    return t.opdId ? ctx.loaders.opd.load(t.opdId) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() t: ResponseTemplate, @Ctx() ctx: Context) {
    return t.categoryId ? ctx.loaders.category.load(t.categoryId) : null;
  }
}

@Resolver(() => Complaint)
export class ComplaintTemplatesResolver {
  @FieldResolver(() => [FilledTemplate], {
    description: 'Templates the viewer may start the answer or its draft from (empty when the viewer may neither answer nor draft).',
  })
  async responseTemplates(@Root() c: Complaint, @Ctx() ctx: Context): Promise<FilledTemplate[]> {
    const actions = ctx.services.complaints.policy.availableActions(ctx.viewer, c);
    if (!actions.includes(ComplaintAction.RESPOND) && !actions.includes(ComplaintAction.DRAFT)) return [];
    const templates = await templatesFor(ctx, c);
    if (templates.length === 0) return [];
    const unit = c.currentOpdId ? await ctx.loaders.opd.load(c.currentOpdId) : null;
    // The reporter's name is a wide column the page read may have left out; read it only when it is used.
    const named = !c.anonymous && templates.some((t) => t.body.includes('{pelapor}'));
    const [row] = named ? await ctx.db.query('SELECT "reporterName" FROM complaint WHERE id = $1', [c.id]) : [];
    const now = new Date();
    return templates.map((t) => ({ id: t.id, title: t.title, text: fillTemplate(t.body, c, unit?.name ?? null, now, row?.reporterName ?? null) }));
  }
}
