import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A notification template’s text: placeholders in braces, e.g. {kode}.' })
export class NotificationTemplateInput {
  @Field(() => String, { description: 'One line, at most 200 characters.' })
  subject: string;

  @Field(() => String, { description: 'At most 5000 characters; a line whose placeholder has no value is left out of a message.' })
  body: string;
}
