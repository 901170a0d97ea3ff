import { registerCreatePoSuggestion } from './automation-actions';
import { registerPurchasingBuiltins } from './automation-builtins';
import { registerPurchaseOrderRecordType } from './automation-purchase-order';

/**
 * What the purchasing domain offers the automation engine (see automation/registry.ts), registered
 * at module load: the record type `purchase_order`, the action `create_po_suggestion` (on a
 * product) and the built-in rule `purchasing.follow-up` (run by the work domain's handler).
 */
registerPurchaseOrderRecordType();
registerCreatePoSuggestion();
registerPurchasingBuiltins();

export { FOLLOW_UP_RULE } from './automation-builtins';
