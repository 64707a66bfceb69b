/**
 * The coupon template (Messenger): a title and a code shown behind Messenger's own "Reveal code" button,
 * with an optional second button to the shop (`coupon_url`, titled `coupon_url_button_title`).
 */
import type { CouponTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { defined, optionalText, optionalUrl, requiredText, ROOT } from './fields.ts';

export function readCoupon(payload: Json): CouponTemplate {
  const text = (key: string) => optionalText(payload, key, `${ROOT}[${key}]`);
  return defined({
    template_type: 'coupon' as const,
    title: requiredText(payload, 'title', `${ROOT}[title]`),
    coupon_code: requiredText(payload, 'coupon_code', `${ROOT}[coupon_code]`),
    subtitle: text('subtitle'),
    coupon_url: optionalUrl(payload, 'coupon_url', `${ROOT}[coupon_url]`),
    coupon_url_button_title: optionalText(
      payload,
      'coupon_url_button_title',
      `${ROOT}[coupon_url_button_title]`,
      {
        max: TEMPLATE_LIMITS.buttonTitleCharacters,
      },
    ),
    coupon_pre_message: text('coupon_pre_message'),
    image_url: optionalUrl(payload, 'image_url', `${ROOT}[image_url]`),
    payload: optionalText(payload, 'payload', `${ROOT}[payload]`, { max: TEMPLATE_LIMITS.payloadCharacters }),
  });
}
