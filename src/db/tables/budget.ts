import type { ColumnType, Generated, Selectable } from 'kysely';
import { type DateOnly, type Timestamp, type Versioned, versioned } from './columns.js';

/** The budget: one per event, its versions and lines, and vendors' invoices. */

export type PricingModel = 'OPEN_BOOK' | 'MARKUP';
export type BudgetVersionKind = 'ORIGINAL' | 'REFORECAST';
export type BudgetVersionStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED';
export type BudgetLineKind = 'FIXED' | 'VARIABLE';
export type BudgetDriver = 'GUARANTEE' | 'PICKUP' | 'REGISTERED';
export type BudgetLineStatus = 'ESTIMATED' | 'CONTRACTED' | 'INVOICED' | 'PAID';

/** Units of the budget currency for one unit of `currency`, as decimal text ("1.0845"). */
export type BudgetRate = { currency: string; rate: string };

export interface BudgetTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  currency: string;
  pricing_model: Generated<PricingModel>;
  rates: ColumnType<BudgetRate[], string | undefined, string>;
  /** A contract not signed this many days before the event is a warning. */
  unsigned_warning_days: Generated<number>;
  notes: string | null;
}

export interface BudgetVersionTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  kind: BudgetVersionKind;
  status: Generated<BudgetVersionStatus>;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface BudgetLineTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  version_id: string;
  category: string;
  item: string;
  kind: Generated<BudgetLineKind>;
  /** What a VARIABLE line's quantity is: a function order's billed count, a contract's room nights picked up, or the people REGISTERED. */
  driver: BudgetDriver | null;
  function_order_id: string | null;
  contract_id: string | null;
  currency: string;
  /** Net cost per unit, in minor units of `currency`. */
  unit_cost_minor: number;
  quantity: number | null;
  service_charge_percent: ColumnType<string, string | undefined, string>;
  tax_percent: ColumnType<string, string | undefined, string>;
  markup_percent: ColumnType<string, string | undefined, string>;
  status: Generated<BudgetLineStatus>;
  /** The agency's fee: billed as it stands, never marked up. */
  is_fee: Generated<boolean>;
  /** Agency staff cost and the like: management's only. */
  internal: Generated<boolean>;
  notes: string | null;
}

export interface InvoiceTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  contract_id: string;
  number: string;
  issued_on: DateOnly;
  amount_minor: number;
  /** Its own rate to the budget currency; the budget rate when null. */
  rate: string | null;
}

export type Budget = Selectable<BudgetTable>;
export type BudgetVersion = Selectable<BudgetVersionTable>;
export type BudgetLine = Selectable<BudgetLineTable>;
export type Invoice = Selectable<InvoiceTable>;

export interface BudgetTables {
  budget: BudgetTable;
  budget_version: BudgetVersionTable;
  budget_line: BudgetLineTable;
  invoice: InvoiceTable;
}

export const budgetColumns = {
  budget: ['id', 'event_id', 'currency', 'pricing_model', 'rates', 'unsigned_warning_days', 'notes', ...versioned],
  budget_version: ['id', 'event_id', 'name', 'kind', 'status', 'approved_by', 'approved_at', ...versioned],
  budget_line: [
    'id',
    'event_id',
    'version_id',
    'category',
    'item',
    'kind',
    'driver',
    'function_order_id',
    'contract_id',
    'currency',
    'unit_cost_minor',
    'quantity',
    'service_charge_percent',
    'tax_percent',
    'markup_percent',
    'status',
    'is_fee',
    'internal',
    'notes',
    ...versioned,
  ],
  invoice: ['id', 'event_id', 'contract_id', 'number', 'issued_on', 'amount_minor', 'rate', ...versioned],
} as const;
