/** The shape of one error in the catalogue (error-catalogue.ts). */
export type GraphErrorType =
  | 'OAuthException'
  | 'GraphMethodException'
  | 'IGApiException'
  | 'GraphBatchException'
  | 'ParleySandboxException';

export interface ErrorSpec {
  readonly code: number;
  readonly subcode?: number;
  /** The type graph.facebook.com answers with. */
  readonly type: GraphErrorType;
  /** The type graph.instagram.com answers with; most errors there are IGApiException. */
  readonly instagramType?: GraphErrorType;
  readonly status: number;
  readonly message: string;
  /** Meta marks throttling and outages as transient: worth retrying unchanged. */
  readonly transient?: boolean;
  /** When it concerns the token, Meta also answers `WWW-Authenticate: OAuth "Facebook Platform" …`. */
  readonly wwwAuthenticate?: 'invalid_request' | 'invalid_token';
}
