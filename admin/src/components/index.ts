export { WibDateField, formatWib } from './WibDateField';
export { EnumField, EnumInput } from './EnumField';
export { EmbeddedReferenceField, referenceLabel } from './EmbeddedReferenceField';
export { OpdInput, opdOptionText } from './OpdInput';
export { ScheduleField } from './ScheduleField';
export * from './validators';
export { useNow } from './useNow';
export { uuid } from './uuid';
export { useEditRowClick } from './useEditRowClick';
