export { ApplicationNameField } from './ApplicationNameField';
export { EntityTitlePicker, entityTitle } from './EntityTitlePicker';
export type { EntityTitlePickerOptions } from './EntityTitlePicker';
export { validateApplicationName } from './validateApplicationName';
