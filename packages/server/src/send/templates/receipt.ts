/**
 * The receipt template (Messenger): an order confirmation. Checked in the order Graph checks it: the
 * recipient, the order number, the currency (an ISO 4217 code, upper case), the payment method, then the
 * payment summary, whose amounts must be non-negative and fit the currency's decimal places (2018055).
 */
import { GraphError, type ReceiptElement, type ReceiptTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import { decimalsOf, isCurrency } from '../currency.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import {
  defined,
  object,
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalObject,
  optionalText,
  optionalUrl,
  requiredNumber,
  requiredObject,
  requiredText,
  ROOT,
} from './fields.ts';

function currency(parent: Json, key: string, name: string, required: boolean): string | undefined {
  const code = required ? requiredText(parent, key, name) : optionalText(parent, key, name);
  if (code !== undefined && !isCurrency(code))
    throw new GraphError('unsupportedCurrency', { currency: code });
  return code;
}

function summaryAmount(summary: Json, key: string, decimals: number, required: boolean): number | undefined {
  const name = `${ROOT}[summary][${key}]`;
  const amount = required ? requiredNumber(summary, key, name) : optionalNumber(summary, key, name);
  if (amount === undefined) return undefined;
  const places = (String(amount).split('.')[1] ?? '').length;
  if (amount < 0 || places > decimals) throw new GraphError('invalidPaymentSummary');
  return amount;
}

function element(raw: unknown, name: string): ReceiptElement {
  const e = object(raw, name);
  return defined({
    title: requiredText(e, 'title', `${name}[title]`),
    subtitle: optionalText(e, 'subtitle', `${name}[subtitle]`),
    quantity: optionalNumber(e, 'quantity', `${name}[quantity]`),
    price: requiredNumber(e, 'price', `${name}[price]`),
    currency: currency(e, 'currency', `${name}[currency]`, false),
    image_url: optionalUrl(e, 'image_url', `${name}[image_url]`),
  });
}

function address(payload: Json): ReceiptTemplate['address'] {
  const name = `${ROOT}[address]`;
  const a = optionalObject(payload, 'address', name);
  if (!a) return undefined;
  const field = (key: string) => requiredText(a, key, `${name}[${key}]`);
  return defined({
    street_1: field('street_1'),
    street_2: optionalText(a, 'street_2', `${name}[street_2]`),
    city: field('city'),
    postal_code: field('postal_code'),
    state: field('state'),
    country: field('country'),
  });
}

export function readReceipt(payload: Json): ReceiptTemplate {
  const recipientName = requiredText(payload, 'recipient_name', `${ROOT}[recipient_name]`);
  const orderNumber = requiredText(payload, 'order_number', `${ROOT}[order_number]`);
  const code = currency(payload, 'currency', `${ROOT}[currency]`, true)!;
  const paymentMethod = requiredText(payload, 'payment_method', `${ROOT}[payment_method]`);
  const summary = requiredObject(payload, 'summary', `${ROOT}[summary]`);
  const decimals = decimalsOf(code);
  const totalCost = summaryAmount(summary, 'total_cost', decimals, true)!;
  const elementsName = `${ROOT}[elements]`;
  const elements = optionalList(payload, 'elements', elementsName, { max: TEMPLATE_LIMITS.receiptElements });
  const adjustmentsName = `${ROOT}[adjustments]`;
  const adjustments = optionalList(payload, 'adjustments', adjustmentsName, { max: Number.MAX_SAFE_INTEGER });
  const timestamp = optionalText(payload, 'timestamp', `${ROOT}[timestamp]`);
  return defined({
    template_type: 'receipt' as const,
    recipient_name: recipientName,
    merchant_name: optionalText(payload, 'merchant_name', `${ROOT}[merchant_name]`),
    order_number: orderNumber,
    currency: code,
    payment_method: paymentMethod,
    order_url: optionalUrl(payload, 'order_url', `${ROOT}[order_url]`),
    timestamp,
    sharable: optionalBoolean(payload, 'sharable', `${ROOT}[sharable]`),
    elements: elements?.map((e, i) => element(e, `${elementsName}[${i}]`)),
    address: address(payload),
    summary: defined({
      subtotal: summaryAmount(summary, 'subtotal', decimals, false),
      shipping_cost: summaryAmount(summary, 'shipping_cost', decimals, false),
      total_tax: summaryAmount(summary, 'total_tax', decimals, false),
      total_cost: totalCost,
    }),
    adjustments: adjustments?.map((raw, i) => {
      const a = object(raw, `${adjustmentsName}[${i}]`);
      return {
        name: requiredText(a, 'name', `${adjustmentsName}[${i}][name]`),
        amount: requiredNumber(a, 'amount', `${adjustmentsName}[${i}][amount]`),
      };
    }),
  });
}
