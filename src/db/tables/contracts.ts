import type { ColumnType, Generated, Selectable } from 'kysely';
import { type DateOnly, type Versioned, versioned } from './columns.js';

/** Vendors, their contracts with the terms that cost money, and each contract's payment schedule. */

export type VendorKind = 'VENUE' | 'HOTEL' | 'CATERER' | 'AV_RENTAL' | 'PRODUCTION_AGENCY' | 'TRANSPORT' | 'DECOR' | 'SECURITY' | 'OTHER';
export type ContractStatus = 'DRAFT' | 'SENT' | 'SIGNED' | 'CANCELLED';
export type AttritionBasis = 'WHOLE_STAY' | 'NIGHT_BY_NIGHT';

/** Cancelling on or after `from` costs `percent` % of the contract's value (decimal text: "50", "12.5"). */
export type CancellationTier = { from: DateOnly; percent: string };

export interface VendorTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  kind: VendorKind;
  /** The vendor as an organization of the platform (the production agency): its own users read its contracts. */
  organization_id: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
}

export interface ContractTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  vendor_id: string;
  title: string;
  scope: string | null;
  status: Generated<ContractStatus>;
  currency: string;
  /** What the contract is worth, net, in minor units of `currency`. */
  value_minor: number;
  signed_on: DateOnly | null;
  cancelled_on: DateOnly | null;
  /** Fixed when it is cancelled: what the scale said on that day. */
  cancellation_fee_minor: number | null;
  cancellation_scale: ColumnType<CancellationTier[], string | undefined, string>;
  attrition_basis: AttritionBasis | null;
  attrition_percent: number | null;
  /** Whether rooms the hotel resold count as picked up. */
  resold_credit: Generated<boolean>;
  fb_minimum_minor: number | null;
  /** Read as decimal text ("10.000"). */
  commission_percent: string | null;
  cut_off_date: DateOnly | null;
  date_hold_expires_on: DateOnly | null;
  notes: string | null;
}

export interface ContractPaymentTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  contract_id: string;
  label: string;
  due_on: DateOnly;
  amount_minor: number;
  paid_on: DateOnly | null;
  /** The rate it was paid at, to the budget currency; the budget rate when null. */
  rate: string | null;
}

export type Vendor = Selectable<VendorTable>;
export type Contract = Selectable<ContractTable>;
export type ContractPayment = Selectable<ContractPaymentTable>;

export interface ContractsTables {
  vendor: VendorTable;
  contract: ContractTable;
  contract_payment: ContractPaymentTable;
}

export const contractsColumns = {
  vendor: ['id', 'event_id', 'name', 'kind', 'organization_id', 'contact_name', 'email', 'phone', 'notes', ...versioned],
  contract: [
    'id',
    'event_id',
    'vendor_id',
    'title',
    'scope',
    'status',
    'currency',
    'value_minor',
    'signed_on',
    'cancelled_on',
    'cancellation_fee_minor',
    'cancellation_scale',
    'attrition_basis',
    'attrition_percent',
    'resold_credit',
    'fb_minimum_minor',
    'commission_percent',
    'cut_off_date',
    'date_hold_expires_on',
    'notes',
    ...versioned,
  ],
  contract_payment: ['id', 'event_id', 'contract_id', 'label', 'due_on', 'amount_minor', 'paid_on', 'rate', ...versioned],
} as const;
