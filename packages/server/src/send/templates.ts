/** Generic and button templates (spec §5.6): validated as Meta does, kept as sent. */
import { GraphError } from '@parley/protocol';
import { BUTTON_TYPES, TEMPLATE_LIMITS, TEMPLATE_TYPES } from './limits.ts';
import type { Json } from '../core/params.ts';

export interface TemplateButton {
  type: (typeof BUTTON_TYPES)[number];
  title: string;
  url?: string;
  payload?: string;
}

export interface TemplateElement {
  title: string;
  subtitle?: string;
  image_url?: string;
  default_action?: { type: 'web_url'; url: string };
  buttons?: TemplateButton[];
}

export type Template =
  | { template_type: 'generic'; elements: TemplateElement[] }
  | { template_type: 'button'; text: string; buttons: TemplateButton[] };

const PAYLOAD = 'message[attachment][payload]';

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

function limit(text: string | undefined, max: number, name: string): void {
  if (text !== undefined && [...text].length > max) throw new GraphError('textTooLong', { name, max });
}

function list(value: unknown, name: string, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new GraphError('invalidParameter', { detail: `Param ${name} must be an array` });
  if (value.length > max) throw new GraphError('tooManyElements', { name });
  return value;
}

function button(raw: unknown, name: string): TemplateButton {
  const b = (raw ?? {}) as Json;
  const type = String(b.type ?? '').toLowerCase();
  if (!BUTTON_TYPES.includes(type as TemplateButton['type'])) {
    throw new GraphError('invalidParameter', {
      detail: `Param ${name}[type] must be one of {WEB_URL, POSTBACK} - got "${String(b.type ?? '')}"`,
    });
  }
  const title = str(b.title);
  if (!title) throw new GraphError('emptyButtonTitle');
  limit(title, TEMPLATE_LIMITS.buttonTitleCharacters, `${name}[title]`);
  if (type === 'web_url') {
    const url = str(b.url);
    if (!url) throw new GraphError('emptyWebUrl');
    return { type: 'web_url', title, url };
  }
  const payload = str(b.payload);
  if (!payload) throw new GraphError('emptyPostbackPayload');
  limit(payload, TEMPLATE_LIMITS.payloadCharacters, `${name}[payload]`);
  return { type: 'postback', title, payload };
}

function buttons(value: unknown, name: string): TemplateButton[] {
  return list(value, name, TEMPLATE_LIMITS.buttons).map((b, i) => button(b, `${name}[${i}]`));
}

function element(raw: unknown, name: string): TemplateElement {
  const e = (raw ?? {}) as Json;
  const title = str(e.title);
  const subtitle = str(e.subtitle);
  const imageUrl = str(e.image_url);
  const elementButtons = buttons(e.buttons, `${name}[buttons]`);
  if (!title || (!subtitle && !imageUrl && elementButtons.length === 0))
    throw new GraphError('incompleteTemplateElement');
  limit(title, TEMPLATE_LIMITS.titleCharacters, `${name}[title]`);
  limit(subtitle, TEMPLATE_LIMITS.subtitleCharacters, `${name}[subtitle]`);
  const action = (e.default_action ?? undefined) as Json | undefined;
  const actionUrl = action ? str(action.url) : undefined;
  if (action && !actionUrl) throw new GraphError('emptyWebUrl');
  return {
    title,
    ...(subtitle && { subtitle }),
    ...(imageUrl && { image_url: imageUrl }),
    ...(actionUrl && { default_action: { type: 'web_url' as const, url: actionUrl } }),
    ...(elementButtons.length && { buttons: elementButtons }),
  };
}

export function readTemplate(payload: Json): Template {
  const type = payload.template_type;
  if (type === undefined || type === null || type === '') {
    throw new GraphError('parameterRequired', { name: `${PAYLOAD}[template_type]` });
  }
  if (!TEMPLATE_TYPES.includes(String(type).toLowerCase() as Template['template_type'])) {
    throw new GraphError('invalidTemplateType');
  }
  if (String(type).toLowerCase() === 'generic') {
    const elements = list(payload.elements, `${PAYLOAD}[elements]`, TEMPLATE_LIMITS.elements);
    if (elements.length === 0) throw new GraphError('tooFewElements', { name: `${PAYLOAD}[elements]` });
    return {
      template_type: 'generic',
      elements: elements.map((e, i) => element(e, `${PAYLOAD}[elements][${i}]`)),
    };
  }
  const text = str(payload.text);
  if (!text) throw new GraphError('parameterRequired', { name: `${PAYLOAD}[text]` });
  limit(text, TEMPLATE_LIMITS.buttonTemplateTextCharacters, `${PAYLOAD}[text]`);
  const templateButtons = buttons(payload.buttons, `${PAYLOAD}[buttons]`);
  if (templateButtons.length === 0) throw new GraphError('tooFewElements', { name: `${PAYLOAD}[buttons]` });
  return { template_type: 'button', text, buttons: templateButtons };
}
