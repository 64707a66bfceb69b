/**
 * The world's inputs read from a JSON object, checked once for the sandbox's routes and its seeds alike:
 * every problem is a 400 before anything is stored.
 */
import { GraphError } from '@parley/protocol';
import {
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalInteger,
  MAX_COUNT,
  optionalString,
  optionalStringList,
  requiredString,
  type Body,
} from './input.ts';
import type { NewApp, NewInstagramAccount, NewPage, NewPerson, NewToken } from './world.ts';

/** Ids are digits, as Meta's are; one given explicitly must be usable in a URL. */
function optionalId(body: Body, name: string): string | undefined {
  const id = optionalString(body, name, 32);
  if (id !== undefined && !/^\d+$/.test(id)) {
    throw new GraphError('sandboxInvalidRequest', { detail: `${name} must be digits` });
  }
  return id;
}

/** Ten years: longer-lived tokens are as good as tokens that never expire (leave `expires_in` out). */
const MAX_TOKEN_SECONDS = 10 * 365 * 24 * 3600;

export function readNewApp(body: Body): NewApp {
  return {
    name: requiredString(body, 'name', 200),
    id: optionalId(body, 'id'),
    secret: optionalString(body, 'secret', 200),
    app_token: optionalString(body, 'app_token', 300),
    access_level: optionalEnum(body, 'access_level', ['standard', 'advanced'] as const),
    features: optionalStringList(body, 'features'),
  };
}

export function readNewAccount(body: Body): NewInstagramAccount | NewPage {
  const type = optionalEnum(body, 'type', ['instagram', 'page'] as const) ?? requiredString(body, 'type');
  const id = optionalId(body, 'id');
  if (type === 'instagram') {
    return {
      type,
      id,
      username: requiredString(body, 'username', 30),
      name: optionalString(body, 'name', 200),
      app_scoped_id: optionalId(body, 'app_scoped_id'),
      biography: optionalString(body, 'biography', 1000),
      profile_picture_url: optionalString(body, 'profile_picture_url', 2000),
      followers_count: optionalInteger(body, 'followers_count', { max: MAX_COUNT }),
      follows_count: optionalInteger(body, 'follows_count', { max: MAX_COUNT }),
      media_count: optionalInteger(body, 'media_count', { max: MAX_COUNT }),
    };
  }
  return {
    type: 'page',
    id,
    name: requiredString(body, 'name', 200),
    username: optionalString(body, 'username', 50),
    category: optionalString(body, 'category', 100),
    instagram_account_id: optionalId(body, 'instagram_account_id'),
  };
}

export function readNewPerson(body: Body): NewPerson {
  return {
    username: requiredString(body, 'username', 30),
    name: optionalString(body, 'name', 200),
    id: optionalId(body, 'id'),
    profile_pic: optionalString(body, 'profile_pic', 2000),
    follower_count: optionalInteger(body, 'follower_count', { max: MAX_COUNT }),
    is_verified: optionalBoolean(body, 'is_verified'),
    locale: optionalString(body, 'locale', 20),
    gender: optionalString(body, 'gender', 20),
  };
}

/** A token's own settings; whose it is (app and account) each caller reads its own way. */
export function readTokenSettings(body: Body): Omit<NewToken, 'app_id' | 'account_id'> {
  return {
    scopes: optionalStringList(body, 'scopes'),
    expires_in: optionalNumber(body, 'expires_in', { min: 0, max: MAX_TOKEN_SECONDS }),
    token: optionalString(body, 'token', 300),
  };
}
