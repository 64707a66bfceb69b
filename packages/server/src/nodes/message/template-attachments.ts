/**
 * How a sent template shows in its message's `attachments` edge. Meta documents one rendering, the generic
 * template's `generic_template` (title, subtitle, media_url and its first button as `cta`); Parley renders
 * the templates that are cards that way, a media template sent by Facebook URL as that photo or video, a
 * product template among the message's `shares` (as RestFB's captures show it), and the others (receipt,
 * customer feedback, opt-in request) not at all (docs/differences-from-meta.md).
 */
import type { MessageTemplate, TemplateButton } from '@parley/protocol';
import type { StoredAttachment } from '../../messaging/message-content.ts';

interface Card {
  readonly title?: string;
  readonly subtitle?: string;
  readonly media_url?: string;
  readonly buttons?: readonly TemplateButton[];
}

function cardsOf(template: MessageTemplate): readonly Card[] {
  switch (template.template_type) {
    case 'generic':
      return template.elements.map((e) => ({ ...e, media_url: e.image_url }));
    case 'button':
      return [{ title: template.text, buttons: template.buttons }];
    case 'image_grid': {
      const [grid] = template.elements;
      const cover = grid.images.find((i) => i.is_hero_image) ?? grid.images[0];
      return [{ ...grid, media_url: cover?.url }];
    }
    case 'coupon': {
      const { coupon_url: url, coupon_url_button_title: title = 'Shop now' } = template;
      const buttons = url ? [{ type: 'web_url' as const, title, url }] : undefined;
      return [{ title: template.title, subtitle: template.subtitle, media_url: template.image_url, buttons }];
    }
    default:
      return [];
  }
}

/** The first button a card shows, as `cta`: one with a title. */
function cta(buttons: readonly TemplateButton[] | undefined) {
  const first = buttons?.find((b) => 'title' in b);
  if (!first || !('title' in first)) return undefined;
  return { title: first.title, type: first.type, ...('url' in first && { url: first.url }) };
}

export function templateCards(template: MessageTemplate, messageId: string) {
  return cardsOf(template).map((card, i) => {
    const action = cta(card.buttons);
    return {
      id: `${messageId.slice(-12)}${i}`,
      generic_template: {
        ...(card.title !== undefined && { title: card.title }),
        ...(card.subtitle !== undefined && { subtitle: card.subtitle }),
        ...(card.media_url !== undefined && { media_url: card.media_url }),
        ...(action && { cta: action }),
      },
    };
  });
}

/** A media template's photo or video sent by Facebook URL (one sent by attachment id is a stored attachment). */
export function templateMedia(template: MessageTemplate, messageId: string): StoredAttachment[] {
  if (template.template_type !== 'media') return [];
  const [element] = template.elements;
  if (element.url === undefined) return [];
  return [{ id: `${messageId.slice(-12)}0`, type: element.media_type, url: element.url }];
}

/** A product template as Graph shows it among the message's `shares`: the products, from the catalog. */
export function templateShares(template: MessageTemplate | undefined) {
  if (template?.template_type !== 'product') return [];
  const data = template.elements.map(({ id, retailer_id, image_url, name, price }) => ({
    id,
    retailer_id,
    image_url,
    name,
    price,
  }));
  return [{ template: { payload: { product: { elements: { data } } } } }];
}
