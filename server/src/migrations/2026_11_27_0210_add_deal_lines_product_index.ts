import type { Kysely } from 'kysely';

/**
 * `deal_lines_product` for replenishment's pipeline demand (`getOpenDealDemand`): the lines of
 * open deals for a handful of products. Without it every check with "count pipeline demand" on
 * read all deal lines; with it, an index search per product, then the deal by its primary key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('deal_lines_product')
    .on('deal_lines')
    .columns(['product_id', 'deal_id'])
    .execute();
}
