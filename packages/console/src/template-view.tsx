/**
 * A template the business sent, drawn as Messenger and Instagram draw it: cards and carousels, a receipt, a
 * coupon behind "Reveal code", a feedback survey's card, an image grid, a marketing messages opt-in request,
 * products from the catalog.
 * Postback buttons are tappable: the person's tap reaches the bot as a postback; accepting an opt-in request
 * opts the person in.
 */
import { useState } from 'preact/hooks';
import type {
  CouponTemplate,
  ImageGridTemplate,
  MessageTemplate,
  NotificationMessagesTemplate,
  ReceiptTemplate,
  TemplateButton,
} from '@parley/protocol';
/** A button or quick reply the person can tap, or an opt-in request they accept. */
export interface Tap {
  readonly kind: 'quick_reply' | 'postback' | 'optin';
  readonly title: string;
  readonly payload: string;
}

type OnTap = (tap: Tap) => void;

function Button({ button: b, onTap }: { button: TemplateButton; onTap: OnTap }) {
  switch (b.type) {
    case 'postback':
      return (
        <button
          class="template-button"
          onClick={() => onTap({ kind: 'postback', title: b.title, payload: b.payload })}
        >
          {b.title}
        </button>
      );
    case 'web_url':
    case 'account_link':
      return (
        <a class="template-button" href={b.url} target="_blank" rel="noreferrer">
          {b.type === 'web_url' ? b.title : 'Log In'}
        </a>
      );
    case 'phone_number':
      return (
        <a class="template-button" href={`tel:${b.payload}`}>
          {b.title}
        </a>
      );
    default:
      return (
        <button class="template-button" disabled>
          {b.type === 'game_play' ? b.title : 'Log Out'}
        </button>
      );
  }
}

export function Buttons({
  buttons,
  onTap,
}: {
  buttons: readonly TemplateButton[] | undefined;
  onTap: OnTap;
}) {
  return (
    <div class="buttons">
      {(buttons ?? []).map((b) => (
        <Button button={b} onTap={onTap} />
      ))}
    </div>
  );
}

function money(amount: number | undefined, currency: string) {
  return amount === undefined
    ? ''
    : new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
}

function Receipt({ receipt: r }: { receipt: ReceiptTemplate }) {
  const line = (label: string, amount: number | undefined) =>
    amount !== undefined && (
      <tr>
        <td>{label}</td>
        <td class="amount">{money(amount, r.currency)}</td>
      </tr>
    );
  return (
    <div class="card receipt" data-testid="receipt">
      <strong>{r.merchant_name ?? 'Order confirmation'}</strong>
      <p class="meta">
        Order {r.order_number} · {r.recipient_name}
      </p>
      {(r.elements ?? []).map((e) => (
        <div class="receipt-item">
          {e.image_url && <img src={e.image_url} alt="" loading="lazy" />}
          <span>
            {e.title}
            {e.quantity !== undefined && ` × ${e.quantity}`}
          </span>
          <span class="amount">{money(e.price, e.currency ?? r.currency)}</span>
        </div>
      ))}
      <table>
        {(r.adjustments ?? []).map((a) => line(a.name, -a.amount))}
        {line('Subtotal', r.summary.subtotal)}
        {line('Shipping', r.summary.shipping_cost)}
        {line('Tax', r.summary.total_tax)}
        <tr class="total">
          <td>Total</td>
          <td class="amount">{money(r.summary.total_cost, r.currency)}</td>
        </tr>
      </table>
      <p class="meta">Paid with {r.payment_method}</p>
      {r.address && (
        <p class="meta">
          Ship to {r.address.street_1}, {r.address.city} {r.address.postal_code}, {r.address.state}{' '}
          {r.address.country}
        </p>
      )}
    </div>
  );
}

function Coupon({ coupon: c }: { coupon: CouponTemplate }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div class="card">
      {c.coupon_pre_message && <p>{c.coupon_pre_message}</p>}
      {c.image_url && <img class="media" src={c.image_url} alt="" loading="lazy" />}
      <strong>{c.title}</strong>
      <p class="meta">{c.subtitle ?? 'Terms may apply.'}</p>
      {revealed ? (
        <code class="coupon-code">{c.coupon_code}</code>
      ) : (
        <button class="template-button" onClick={() => setRevealed(true)}>
          Reveal code
        </button>
      )}
      {c.coupon_url && (
        <a class="template-button" href={c.coupon_url} target="_blank" rel="noreferrer">
          {c.coupon_url_button_title ?? 'Shop now'}
        </a>
      )}
    </div>
  );
}

function ImageGrid({ grid, onTap }: { grid: ImageGridTemplate['elements'][0]; onTap: OnTap }) {
  return (
    <div class="card">
      <div class="image-grid">
        {grid.images.map((image) => (
          <img class={image.is_hero_image ? 'hero' : ''} src={image.url} alt="" loading="lazy" />
        ))}
      </div>
      {grid.title && <strong>{grid.title}</strong>}
      {grid.subtitle && <p>{grid.subtitle}</p>}
      <Buttons buttons={grid.buttons} onTap={onTap} />
    </div>
  );
}

const CTA_TEXTS: Record<string, string> = {
  ALLOW: 'Allow messages',
  FREQUENCY: 'Allow messages',
  GET: 'Get messages',
  OPT_IN: 'Opt in to messages',
  SIGN_UP: 'Sign up for messages',
};

/** Tapping its button opts the person in to the topic (the business hears of it, with a token). */
function OptInRequest({ request: r, onTap }: { request: NotificationMessagesTemplate; onTap: OnTap }) {
  const title = r.title ?? 'Updates and promotions';
  return (
    <div class="card" data-testid="opt-in-request">
      {r.image_url && <img class="media" src={r.image_url} alt="" loading="lazy" />}
      <strong>{title}</strong>
      <p class="meta">You may get messages about this from time to time. You can opt out at any time.</p>
      <button
        class="template-button"
        onClick={() => onTap({ kind: 'optin', title, payload: r.payload ?? '' })}
      >
        {CTA_TEXTS[r.notification_messages_cta_text ?? 'GET']}
      </button>
    </div>
  );
}

export function TemplateView({ template: t, onTap }: { template: MessageTemplate; onTap: OnTap }) {
  switch (t.template_type) {
    case 'button':
      return (
        <div class="card">
          <p>{t.text}</p>
          <Buttons buttons={t.buttons} onTap={onTap} />
        </div>
      );
    case 'generic':
      return (
        <div class="carousel">
          {t.elements.map((e) => (
            <div class="card">
              {e.image_url && <img class="media" src={e.image_url} alt="" loading="lazy" />}
              <strong>{e.title}</strong>
              {e.subtitle && <p>{e.subtitle}</p>}
              <Buttons buttons={e.buttons} onTap={onTap} />
            </div>
          ))}
        </div>
      );
    case 'media': {
      // Sent by attachment id, the photo or video is the message's attachment; by Facebook URL, it is linked.
      const [element] = t.elements;
      return (
        <div class="card" data-testid="media-template">
          {element.url && (
            <a class="file" href={element.url} target="_blank" rel="noreferrer">
              {element.media_type === 'video' ? '🎬' : '🖼'} {element.url}
            </a>
          )}
          <Buttons buttons={element.buttons} onTap={onTap} />
        </div>
      );
    }
    case 'receipt':
      return <Receipt receipt={t} />;
    case 'coupon':
      return <Coupon coupon={t} />;
    case 'customer_feedback': {
      const [question] = t.feedback_screens[0].questions;
      return (
        <div class="card">
          <strong>{t.title}</strong>
          <p>{t.subtitle}</p>
          <button class="template-button" disabled title={question.title ?? question.type.toUpperCase()}>
            {t.button_title}
          </button>
        </div>
      );
    }
    case 'image_grid':
      return <ImageGrid grid={t.elements[0]} onTap={onTap} />;
    case 'notification_messages':
      return <OptInRequest request={t} onTap={onTap} />;
    case 'product':
      return (
        <div class="carousel">
          {t.elements.map((p) => (
            <div class="card" data-testid="product">
              {p.image_url && <img class="media" src={p.image_url} alt="" loading="lazy" />}
              <strong>{p.name}</strong>
              <p>{p.price}</p>
            </div>
          ))}
        </div>
      );
  }
}
