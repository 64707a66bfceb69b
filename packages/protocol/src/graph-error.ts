/** The one error class of the Graph surface and the one place that renders Meta's error envelope. */
import { ERROR_CATALOGUE, type ErrorKey, type ErrorSpec, type GraphErrorType } from './error-catalogue.ts';

/** Which of Meta's two hosts a request is answered as. */
export type ApiFamily = 'instagram' | 'facebook';

export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ErrorExtras {
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly error_data?: unknown;
}

export interface GraphErrorBody {
  message: string;
  type: GraphErrorType;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  error_data?: unknown;
  fbtrace_id: string;
}

export interface ErrorEnvelope {
  error: GraphErrorBody;
}

export function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const MAX_HEADER_MESSAGE = 1000;

export class GraphError extends Error {
  readonly spec: ErrorSpec;

  constructor(
    readonly key: ErrorKey,
    readonly params: ErrorParams = {},
    readonly extras: ErrorExtras = {},
  ) {
    const spec: ErrorSpec = ERROR_CATALOGUE[key];
    super(fillTemplate(spec.message, params));
    this.name = 'GraphError';
    this.spec = spec;
  }

  get status(): number {
    return this.spec.status;
  }

  typeFor(family: ApiFamily): GraphErrorType {
    return family === 'instagram' ? (this.spec.instagramType ?? 'IGApiException') : this.spec.type;
  }

  /** Meta's envelope, keys in the order Meta writes them. */
  toEnvelope(family: ApiFamily, fbtraceId: string): ErrorEnvelope {
    const { spec, extras } = this;
    return {
      error: {
        message: this.message,
        type: this.typeFor(family),
        code: spec.code,
        ...(spec.subcode !== undefined && { error_subcode: spec.subcode }),
        ...(spec.transient && { is_transient: true }),
        ...extras,
        fbtrace_id: fbtraceId,
      },
    };
  }

  /** `WWW-Authenticate` as Meta sends it with token and request errors, or undefined. */
  wwwAuthenticate(): string | undefined {
    const kind = this.spec.wwwAuthenticate;
    if (!kind) return undefined;
    // Header values are printable ASCII only: anything else from the request (ids, names) is masked.
    const text = this.message.replace(/["\\]/g, '').replace(/[^\x20-\x7e]/g, '?');
    // A message can quote the request at any length; HTTP clients refuse headers past 8–16 KB.
    const short = text.length > MAX_HEADER_MESSAGE ? `${text.slice(0, MAX_HEADER_MESSAGE)}...` : text;
    return `OAuth "Facebook Platform" "${kind}" "${short}"`;
  }
}

export function isGraphError(value: unknown): value is GraphError {
  return value instanceof GraphError;
}
