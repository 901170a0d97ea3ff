export { CompanyPicker } from './company-picker';
export { ContactPicker } from './contact-picker';
export { DealPicker } from './deal-picker';
export { type PickerOption, type PickerProps, withSelected } from './picker-props';
export { ProductPicker, type ProductPickerTexts } from './product-picker';
export { TeamPicker } from './team-picker';
export { UserPicker } from './user-picker';
