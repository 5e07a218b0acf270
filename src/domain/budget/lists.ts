import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** The budget's versions, oldest first. */
export const versionsOfEvent: ListSpec<PageArgs> = {
  name: 'budget.versions',
  table: 'budget_version',
  parent: 'event_id',
  orderBy: ['created_at'],
};
/** A version's lines, by category. */
export const linesOfVersion: ListSpec<PageArgs> = {
  name: 'budgetVersion.lines',
  table: 'budget_line',
  parent: 'version_id',
  orderBy: ['category', 'created_at'],
};
/** A contract's invoices, by date. */
export const invoicesOfContract: ListSpec<PageArgs> = {
  name: 'contract.invoices',
  table: 'invoice',
  parent: 'contract_id',
  orderBy: ['issued_on', 'number'],
};
