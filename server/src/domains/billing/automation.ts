import { registerCreateInvoiceFromDeal } from './automation-actions';
import { registerBillingBuiltins } from './automation-builtins';
import { registerInvoiceRecordType } from './automation-invoice';

/**
 * What the billing domain offers the automation engine (see automation/registry.ts), registered at
 * module load: the record type `invoice`, the action `create_invoice_from_deal`, and the built-in
 * rules `billing.deal-won-invoice`, `billing.collection` (run by the work domain's handler) and
 * `billing.dunning` (the due sweep's dunning step).
 */
registerInvoiceRecordType();
registerCreateInvoiceFromDeal();
registerBillingBuiltins();

export { COLLECTION_RULE, DEAL_WON_INVOICE_RULE, DUNNING_RULE } from './automation-builtins';
