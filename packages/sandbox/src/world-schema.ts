/** The app dashboard and the world's directory: apps, business accounts, people, follows, tokens. */
import { z } from 'zod';
import {
  MAX_COUNT,
  object,
  optionalFlag,
  optionalId,
  optionalInteger,
  optionalNumber,
  optionalOneOf,
  optionalStringList,
  optionalText,
  text,
} from './fields.ts';

/** Ten years: longer-lived tokens are as good as tokens that never expire (leave `expires_in` out). */
export const MAX_TOKEN_SECONDS = 10 * 365 * 24 * 3600;

export const ACCESS_LEVELS = ['standard', 'advanced'] as const;
export const ACCOUNT_TYPES = ['instagram', 'page'] as const;

export const newAppFields = {
  name: text(200),
  id: optionalId(),
  secret: optionalText(200),
  app_token: optionalText(300),
  access_level: optionalOneOf(ACCESS_LEVELS),
  features: optionalStringList(),
  /** Facebook Login's Valid OAuth Redirect URIs (Instagram Login's too); none accepts any. */
  redirect_uris: optionalStringList(),
  deauthorize_callback_url: optionalText(2000),
  data_deletion_url: optionalText(2000),
};
/** `POST /apps` */
export const NewApp = object(newAppFields);

export const newInstagramAccountFields = {
  type: z.literal('instagram'),
  id: optionalId(),
  username: text(30),
  name: optionalText(200),
  app_scoped_id: optionalId(),
  biography: optionalText(1000),
  profile_picture_url: optionalText(2000),
  followers_count: optionalInteger({ max: MAX_COUNT }),
  follows_count: optionalInteger({ max: MAX_COUNT }),
  media_count: optionalInteger({ max: MAX_COUNT }),
};

export const newPageFields = {
  type: z.literal('page'),
  id: optionalId(),
  name: text(200),
  username: optionalText(50),
  category: optionalText(100),
  instagram_account_id: optionalId(),
};

/** The union of an account's kinds, told apart by `type`; a wrong or missing `type` is named as such. */
export const accountUnion = <A extends z.ZodObject, B extends z.ZodObject>(instagram: A, page: B) =>
  z.discriminatedUnion('type', [instagram, page], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const given = (issue.input as { type?: unknown } | undefined)?.type;
      return given == null || given === '' ? 'is required' : `must be one of ${ACCOUNT_TYPES.join(', ')}`;
    },
  });

/** `POST /accounts`: an Instagram professional account or a Facebook Page. */
export const NewAccount = accountUnion(object(newInstagramAccountFields), object(newPageFields));

/** `PATCH /accounts/{id}` */
export const AccountSettings = object({ allow_messages_access: optionalFlag() });

export const newPersonFields = {
  username: text(30),
  name: optionalText(200),
  id: optionalId(),
  profile_pic: optionalText(2000),
  follower_count: optionalInteger({ max: MAX_COUNT }),
  is_verified: optionalFlag(),
  locale: optionalText(20),
  gender: optionalText(20),
};
/** `POST /users` */
export const NewPerson = object(newPersonFields);

/** `POST /follows`, `DELETE /follows` */
export const Follow = object({ user_id: text(), account_id: text() });

/** A token's own settings; whose it is (app and account) is said apart. */
export const tokenSettingsFields = {
  scopes: optionalStringList(),
  expires_in: optionalNumber({ min: 0, max: MAX_TOKEN_SECONDS }),
  token: optionalText(300),
};
/** `POST /tokens` */
export const NewToken = object({ app_id: text(), account_id: text(), ...tokenSettingsFields });

export const App = z.object({
  id: z.string(),
  name: z.string(),
  secret: z.string(),
  app_token: z.string(),
  access_level: z.enum(ACCESS_LEVELS),
  features: z.array(z.string()),
  redirect_uris: z.array(z.string()),
  deauthorize_callback_url: z.string().nullable(),
  data_deletion_url: z.string().nullable(),
});

export const InstagramAccount = z.object({
  id: z.string(),
  type: z.literal('instagram'),
  username: z.string().nullable(),
  name: z.string().nullable(),
  user_id: z.string(),
  app_scoped_id: z.string().nullable(),
  allow_messages_access: z.boolean(),
});

export const Page = z.object({
  id: z.string(),
  type: z.literal('page'),
  name: z.string().nullable(),
  username: z.string().nullable(),
  category: z.string().nullable(),
  instagram_account_id: z.string().nullable(),
});

export const Account = z.discriminatedUnion('type', [InstagramAccount, Page]);

export const Person = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  follower_count: z.number(),
  is_verified: z.boolean(),
});

export const Token = z.object({
  access_token: z.string(),
  kind: z.enum(['instagram_user', 'page']),
  app_id: z.string(),
  account_id: z.string(),
  scopes: z.array(z.string()),
  /** Epoch seconds, or `null`: the token never expires. */
  expires_at: z.number().nullable(),
});

export const Success = z.object({ success: z.literal(true) });
