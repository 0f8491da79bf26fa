import { SelectField, SelectInput, type SelectFieldProps, type SelectInputProps } from 'react-admin';
import { enumChoices, type EnumName } from '../enums';

/** An enum value shown with its translated label (`enums.<Enum>.<VALUE>`). */
export const EnumField = ({ enumName, ...props }: Omit<SelectFieldProps, 'choices'> & { enumName: EnumName }) => (
  <SelectField {...props} choices={enumChoices(enumName)} />
);

export const EnumInput = ({ enumName, ...props }: Omit<SelectInputProps, 'choices'> & { enumName: EnumName }) => (
  <SelectInput {...props} choices={enumChoices(enumName)} />
);
