/**
 * Each Messenger Profile property a POST may set, read as Meta checks it and kept as a GET answers it. The
 * larger two, ice breakers and the persistent menu, have files of their own.
 */
import { GraphError } from '@parley/protocol';
import { listParam, objectParam, stringParam, type Json } from '../core/params.ts';
import type { Platform } from '../store/schema.ts';
import { readIceBreakers } from './ice-breakers.ts';
import { PROFILE_LIMITS, type ProfileProperty } from './limits.ts';
import { readPersistentMenu } from './persistent-menu.ts';
import { localeOf, objectOf, requireDefaultLocale, requiredText, urlOf } from './shape.ts';
import { listOf } from '../send/templates/fields.ts';

/** A property's reader: its value from the request's parameters, checked, as it is stored and answered. */
type PropertyReader = (params: Json, name: string, platform: Platform) => unknown;

function readGetStarted(params: Json, name: string) {
  const value = objectOf(objectParam(params, name), name, ['payload']);
  return { payload: requiredText(value, 'payload', name, PROFILE_LIMITS.payloadCharacters) };
}

/** Texts per locale, one for `default` at least (the greeting). */
function readGreeting(params: Json, name: string) {
  const greetings = listOf(listParam(params, name), name, { min: 1 }).map((raw, i) => {
    const param = `${name}[${i}]`;
    const greeting = objectOf(raw, param, ['locale', 'text']);
    return {
      locale: localeOf(greeting, param, true)!,
      text: requiredText(greeting, 'text', param, PROFILE_LIMITS.greetingCharacters),
    };
  });
  requireDefaultLocale(greetings, name);
  return greetings;
}

function readWhitelistedDomains(params: Json, name: string) {
  return listOf(listParam(params, name), name, { max: PROFILE_LIMITS.whitelistedDomains }).map((domain, i) =>
    urlOf(domain, `${name}[${i}]`, { https: true, namedHost: true }),
  );
}

function readAccountLinkingUrl(params: Json, name: string) {
  return urlOf(stringParam(params, name), name, { https: true });
}

/** Commands per locale: 1 to 100 of them, each a short name (no leading `/`) and a description. */
function readCommands(params: Json, name: string) {
  const sets = listOf(listParam(params, name), name, { min: 1 }).map((raw, i) => {
    const param = `${name}[${i}]`;
    const set = objectOf(raw, param, ['locale', 'commands']);
    const listName = `${param}[commands]`;
    const commands = listOf(set.commands, listName, { min: 1, max: PROFILE_LIMITS.commands }).map((c, j) => {
      const itemParam = `${listName}[${j}]`;
      const command = objectOf(c, itemParam, ['name', 'description']);
      const commandName = requiredText(command, 'name', itemParam, PROFILE_LIMITS.commandNameCharacters);
      if (commandName.startsWith('/'))
        throw new GraphError('invalidParameter', {
          detail: `Param ${itemParam}[name] must not begin with /`,
        });
      return {
        name: commandName,
        description: requiredText(
          command,
          'description',
          itemParam,
          PROFILE_LIMITS.commandDescriptionCharacters,
        ),
      };
    });
    return { locale: localeOf(set, param, true)!, commands };
  });
  requireDefaultLocale(sets, name);
  return sets;
}

export const PROPERTY_READERS: Readonly<Record<ProfileProperty, PropertyReader>> = {
  get_started: readGetStarted,
  greeting: readGreeting,
  ice_breakers: readIceBreakers,
  persistent_menu: readPersistentMenu,
  whitelisted_domains: readWhitelistedDomains,
  account_linking_url: readAccountLinkingUrl,
  commands: readCommands,
};
