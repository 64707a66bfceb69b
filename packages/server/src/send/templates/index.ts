/**
 * Message templates (spec §5.6), checked as Meta checks them: the `template_type` must be one Meta
 * documents, taken by the platform the message goes to (Instagram takes fewer), and not retired; then the
 * template's own reader checks its payload. The table of types is protocol's MESSAGE_TEMPLATES.
 */
import { GraphError, isTemplateType, MESSAGE_TEMPLATES, type MessageTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import type { Platform } from '../../store/schema.ts';
import { readCoupon } from './coupon.ts';
import { readCustomerFeedback } from './customer-feedback.ts';
import { readButtonTemplate, readGeneric } from './generic.ts';
import { readImageGrid } from './image-grid.ts';
import { readMedia } from './media.ts';
import { readNotificationMessages } from './notification-messages.ts';
import { readProduct } from './product.ts';
import { readReceipt } from './receipt.ts';

type Reader = (payload: Json, platform: Platform) => MessageTemplate;

const READERS: { readonly [T in MessageTemplate['template_type']]: Reader } = {
  generic: readGeneric,
  button: readButtonTemplate,
  media: readMedia,
  receipt: readReceipt,
  coupon: readCoupon,
  customer_feedback: readCustomerFeedback,
  image_grid: readImageGrid,
  product: readProduct,
  notification_messages: readNotificationMessages,
};

export function readTemplate(payload: Json, platform: Platform): MessageTemplate {
  const given = payload.template_type;
  if (given === undefined || given === null || given === '') throw new GraphError('missingTemplateType');
  const type = String(given).toLowerCase();
  if (!isTemplateType(type)) throw new GraphError('invalidTemplateType');
  // Retired templates are taken by no platform.
  if (!(MESSAGE_TEMPLATES[type].platforms as readonly Platform[]).includes(platform)) {
    throw new GraphError('unsupportedTemplateType');
  }
  return READERS[type as MessageTemplate['template_type']](payload, platform);
}
